/** Process bookkeeping for fault tests, from /proc (Linux): children of a PID and whether a PID still runs. */
import { readdirSync, readFileSync } from 'node:fs';

interface Stat {
  pid: number;
  ppid: number;
  state: string;
  /** Start time in clock ticks since boot: tells a reused PID from the original process. */
  start: string;
}

function stat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, state: rest[0] ?? '?', ppid: Number(rest[1]), start: rest[19] ?? '' };
  } catch {
    return undefined;
  }
}

export interface ProcRef {
  pid: number;
  start: string;
}

/** Direct children of `pid` right now. */
export function childrenOf(pid: number): ProcRef[] {
  const out: ProcRef[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = stat(Number(d));
    if (s && s.ppid === pid) out.push({ pid: s.pid, start: s.start });
  }
  return out;
}

/** True while the very process `ref` names is alive (a zombie or a reused PID does not count). */
export function stillRunning(ref: ProcRef): boolean {
  const s = stat(ref.pid);
  return s !== undefined && s.start === ref.start && s.state !== 'Z';
}

/** The command line of a running process ('' when it is gone). */
export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

function parentOf(pid: number): number {
  try {
    const t = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(t.slice(t.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

/** Node processes started (directly or not) by the Chromium that runs with `userDataDir`: the helpers. */
export function helpersOf(userDataDir: string): number[] {
  const pids = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  const browser = pids.find((p) => {
    const c = cmdline(p);
    return c.includes(`--user-data-dir=${userDataDir}`) && !c.includes('--type=');
  });
  if (browser === undefined) return [];
  const under = (p: number): boolean => {
    for (let q = parentOf(p), n = 0; q > 1 && n < 20; q = parentOf(q), n++) if (q === browser) return true;
    return false;
  };
  return pids.filter((p) => /host\.mjs|rdp-doctor-host/.test(cmdline(p)) && under(p));
}

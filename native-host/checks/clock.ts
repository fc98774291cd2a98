/**
 * `clock`: this machine's clock against the server's (a fact the probe learns, e.g. from the
 * NTLM challenge timestamp, passed as `facts.serverTime`), and whether the OS keeps the clock
 * synchronised: `timedatectl show` or else `chronyc tracking` (Linux), `w32tm /query /status` (Windows),
 * `systemsetup -getusingnetworktime` (macOS).
 *
 * Kerberos refuses tickets when clocks differ by more than 5 minutes by default
 * (learn.microsoft.com/windows/security/threat-protection/security-policy-settings/maximum-tolerance-for-computer-clock-synchronization),
 * which breaks NLA/CredSSP logons.
 */
import { humanDuration } from '../../shared/protocol/duration.js';
import { MAX_CLOCK_SKEW_MS } from '../../shared/protocol/limits.js';
import type { Finding } from '../../shared/protocol/results.js';
import { type Exec, type ExecResult, execProblem, firstLine, rawEvidence, succeeded } from '../exec/exec.js';
import { localCheck } from './local-check.js';
import { finding, result, skipped } from './result.js';
import type { Check } from './types.js';

/** Below this the clocks agree as well as a probe round trip can tell. */
export const WARN_SKEW_MS = 2 * 60_000;

export interface SyncStatus {
  /** true synchronised, false not, undefined unknown. */
  synced: boolean | undefined;
  /** What the OS said, in one line. */
  detail: string;
  source?: string;
  /** Raw outputs of the commands that failed, for the technical details only. */
  raw?: Record<string, unknown>;
}

/** Parses `timedatectl show` (KEY=value lines). */
export function parseTimedatectl(text: string): SyncStatus {
  const props = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf('=');
    if (i > 0) props.set(line.slice(0, i), line.slice(i + 1).trim());
  }
  const synced = props.get('NTPSynchronized');
  const ntp = props.get('NTP');
  if (synced === undefined) return { synced: undefined, detail: 'timedatectl did not report NTPSynchronized' };
  return {
    synced: synced === 'yes',
    detail: `NTPSynchronized=${synced}${ntp ? `, NTP=${ntp}` : ''}${props.get('Timezone') ? `, Timezone=${props.get('Timezone')}` : ''}`,
  };
}

/** HRESULT w32tm prints when the Windows Time service is stopped (ERROR_SERVICE_NOT_ACTIVE). */
const W32TM_SERVICE_NOT_STARTED = '0x80070426';
/** NTP reference id "LOCL": the clock is its own source (the local CMOS clock or a free-running clock). */
const REFID_LOCAL = 0x4c4f434c;

/**
 * Parses `w32tm /query /status` by its structure, never by its labels, which Windows translates
 * ("Leap Indicator" / "Sprungindikator" / "閏インジケーター"). The report is nine `label: value` lines in
 * a fixed order: leap indicator, stratum, precision, root delay, root dispersion, reference id,
 * last successful sync, source, poll interval. Read are the numbers only: the leap indicator (3 =
 * not synchronised), the stratum (0 = unspecified) and the reference id (0x4C4F434C = LOCL, the
 * local clock). A stopped service is recognised by its HRESULT 0x80070426.
 */
export function parseW32tm(text: string): SyncStatus {
  if (text.includes(W32TM_SERVICE_NOT_STARTED)) {
    return {
      synced: false,
      detail: `The Windows Time service (W32Time) is not running (${W32TM_SERVICE_NOT_STARTED})`,
    };
  }
  const values = text
    .split(/\r?\n/)
    .map((l) => /^[^:]+:\s*(.*)$/.exec(l.trim())?.[1]?.trim())
    .filter((v): v is string => v !== undefined);
  const leap = /^(\d)\s*\(/.exec(values[0] ?? '')?.[1];
  const stratum = /^(\d+)\b/.exec(values[1] ?? '')?.[1];
  const refid = /^0x([0-9A-Fa-f]{8})\b/.exec(values[5] ?? '')?.[1];
  if (values.length < 9 || leap === undefined || stratum === undefined || refid === undefined) {
    return { synced: undefined, detail: 'w32tm printed a report of an unknown layout' };
  }
  const source = values[7];
  const refidNumber = Number.parseInt(refid, 16);
  const reasons: string[] = [];
  if (leap === '3') reasons.push('leap indicator 3 (not synchronised)');
  if (stratum === '0') reasons.push('stratum 0 (no time source)');
  if (refidNumber === REFID_LOCAL) reasons.push('reference LOCL (the local clock is its own source)');
  return {
    synced: reasons.length === 0,
    detail:
      reasons.length > 0
        ? `w32tm: ${reasons.join(', ')}`
        : `w32tm: leap indicator ${leap}, stratum ${stratum}, reference id 0x${refid.toUpperCase()}${source ? `, source ${source}` : ''}`,
    ...(source ? { source } : {}),
  };
}

/** Parses `chronyc tracking` ("Leap status     : Normal" / "Not synchronised"). */
export function parseChronyc(text: string): SyncStatus {
  const leap = /^Leap status\s*:\s*(.+)$/im.exec(text)?.[1]?.trim();
  if (!leap) return { synced: undefined, detail: firstLine(text) || 'no output' };
  const ref = /^Reference ID\s*:\s*(.+)$/im.exec(text)?.[1]?.trim();
  return {
    synced: !/not synchronised/i.test(leap),
    detail: `chrony leap status ${leap}${ref ? `, reference ${ref}` : ''}`,
  };
}

/** Parses `systemsetup -getusingnetworktime` ("Network Time: On"). */
export function parseSystemsetup(text: string): SyncStatus {
  const m = /Network Time:\s*(On|Off)/i.exec(text);
  if (!m) return { synced: undefined, detail: firstLine(text) || 'no output' };
  const on = m[1]!.toLowerCase() === 'on';
  return { synced: on, detail: `Set time automatically: ${on ? 'on' : 'off'}` };
}

const SYNC_COMMANDS: Record<string, { command: string; args: string[]; parse: (t: string) => SyncStatus }> = {
  linux: { command: 'timedatectl', args: ['show'], parse: parseTimedatectl },
  win32: { command: 'w32tm.exe', args: ['/query', '/status'], parse: parseW32tm },
  darwin: { command: 'systemsetup', args: ['-getusingnetworktime'], parse: parseSystemsetup },
};

async function syncStatus(exec: Exec, platform: string, signal: AbortSignal): Promise<SyncStatus> {
  const spec = SYNC_COMMANDS[platform];
  if (!spec) return { synced: undefined, detail: 'no time-sync query on this platform' };
  const r = await exec(spec.command, spec.args, { signal, timeoutMs: 10_000 });
  if (succeeded(r)) return spec.parse(r.stdout);
  // w32tm prints an error with HRESULT 0x80070426 and exits non-zero when W32Time is stopped.
  if (r.outcome === 'exited' && platform === 'win32') {
    const parsed = spec.parse(`${r.stdout}\n${r.stderr}`);
    if (parsed.synced !== undefined) return parsed;
  }
  if (platform === 'linux') {
    // Systems without systemd often run chrony. The commands' own error text stays out of what a
    // person reads: the outcome and exit status say enough, the raw output goes to the evidence.
    const c = await exec('chronyc', ['tracking'], { signal, timeoutMs: 10_000 });
    if (succeeded(c)) {
      const parsed = parseChronyc(c.stdout);
      if (parsed.synced !== undefined) return parsed;
    }
    return {
      synced: undefined,
      detail: `${plainProblem(r, 'timedatectl', 'systemd is not running here')}; ${plainProblem(c, 'chronyc', 'chronyd is not running or not reachable')}`,
      raw: { timedatectl: rawEvidence(r), chronyc: rawEvidence(c) },
    };
  }
  return { synced: undefined, detail: execProblem(r, 'read the time-synchronisation status') };
}

/** Why a Linux time tool gave no answer, without its own (unlocalised, unfiltered) error text. */
function plainProblem(r: ExecResult, name: string, likely: string): string {
  if (r.outcome === 'not-found') return `${name} is not installed`;
  if (r.outcome === 'exited' && r.exitCode !== 0)
    return `${name} could not report (exit status ${r.exitCode}; ${likely})`;
  if (r.outcome === 'exited') return `${name} printed a report of an unknown layout`;
  return `${name} did not run (${r.outcome})`;
}

/** Server time from the probe's facts: epoch milliseconds or an ISO 8601 string. */
export function serverTimeOf(facts: Record<string, unknown> | undefined): number | undefined {
  const v = facts?.serverTime;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.getTime();
  return undefined;
}

const human = humanDuration;

export const clockCheck: Check = localCheck({
  id: 'clock',
  title: 'Local clock',
  kind: 'client',
  platforms: ['linux', 'win32', 'darwin'],
  description:
    'Compares the local clock with the server time learned by the probe (facts.serverTime) and reads the time-sync status (timedatectl, w32tm, systemsetup); a difference over 5 minutes breaks Kerberos/CredSSP logons.',
  async run(input, ctx, { deps, started }) {
    const local = deps.now();
    const server = serverTimeOf(input.facts);
    const sync = await syncStatus(deps.exec, deps.platform, ctx.signal);
    const evidence: Record<string, unknown> = {
      localTime: new Date(local).toISOString(),
      sync: sync.detail,
      synchronised: sync.synced ?? null,
      ...(sync.raw ? { commands: sync.raw } : {}),
    };
    const findings: Finding[] = [];
    const parts: string[] = [];
    if (server !== undefined) {
      const skew = local - server;
      evidence.serverTime = new Date(server).toISOString();
      evidence.skewSeconds = Math.round(skew / 1000);
      const dir = skew > 0 ? 'ahead of' : 'behind';
      if (Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
        parts.push(`Local clock is ${human(skew)} ${dir} the server: more than Kerberos' 5-minute tolerance`);
        findings.push(finding('clock-skew', 'fail', parts[0]!, ['clock-skew']));
      } else if (Math.abs(skew) > WARN_SKEW_MS) {
        parts.push(`Local clock is ${human(skew)} ${dir} the server (Kerberos tolerates up to 5 minutes)`);
        findings.push(finding('clock-skew', 'warn', parts[0]!, ['clock-skew']));
      } else {
        parts.push(`Local clock agrees with the server within ${human(skew)}`);
        findings.push(finding('clock-in-sync', 'info', parts[0]!, [], ['clock-skew']));
      }
    }
    if (sync.synced === false) {
      parts.push(`time is not synchronised (${sync.detail})`);
      findings.push(
        finding('local-clock-unsynced', 'warn', `The clock is not synchronised: ${sync.detail}`, ['clock-skew']),
      );
    } else if (sync.synced === true) {
      parts.push('time is synchronised');
    }
    if (server === undefined && sync.synced === undefined) {
      return skipped(
        this.id,
        started,
        `no server time to compare with (run a probe first) and the sync status is unknown: ${sync.detail}`,
        evidence,
      );
    }
    if (server === undefined) parts.push('no server time to compare with');
    const summary = `${parts.join('; ')}.`;
    return result(this.id, started, { summary: summary[0]!.toUpperCase() + summary.slice(1), evidence, findings });
  },
});

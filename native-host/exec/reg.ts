/**
 * Reads the Windows registry through `reg.exe query` (fixed arguments, no shell) and parses its
 * text output:
 *
 *     HKEY_LOCAL_MACHINE\SOFTWARE\…\Parameters
 *         AllowEncryptionOracle    REG_DWORD    0x2
 *
 * A key line starts at column 0; each value line is indented by four spaces and holds name,
 * type and data separated by four spaces. A missing key or value makes `reg` exit 1 with a message
 * in the system's language ("ERROR: The system was unable to find …", "FEHLER: Das System …",
 * "エラー: …"), so the message is never read: exit status 1 with no key printed is "absent".
 * `reg` also exits 1 when it may not read a key; the keys the checks read (HKLM policy and
 * configuration keys, HKCU) are readable by every local user, so that case is not told apart.
 */
import type { Exec, ExecResult } from './exec.js';
import { execProblem, succeeded } from './exec.js';

export interface RegValue {
  type: string;
  /** Data as `reg` prints it. */
  raw: string;
  /** DWORD/QWORD as numbers, MULTI_SZ as string arrays, the rest as strings. */
  value: number | string | string[];
}

/** Key path (upper-cased) → value name (as printed) → value. */
export type RegKeys = Map<string, Map<string, RegValue>>;

const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/;

export function parseRegValue(type: string, raw: string): RegValue {
  if (type === 'REG_DWORD' || type === 'REG_QWORD') {
    const n = Number.parseInt(raw, 16);
    return { type, raw, value: Number.isNaN(n) ? raw : n };
  }
  if (type === 'REG_MULTI_SZ') return { type, raw, value: raw === '' ? [] : raw.split('\\0').filter((s) => s !== '') };
  return { type, raw, value: raw };
}

export function parseRegQuery(text: string): RegKeys {
  const keys: RegKeys = new Map();
  let current: Map<string, RegValue> | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^HKEY_/i.test(line)) {
      current = new Map();
      keys.set(line.trim().toUpperCase(), current);
      continue;
    }
    const m = VALUE_LINE.exec(line);
    if (m && current) current.set(m[1]!, parseRegValue(m[2]!, (m[3] ?? '').trimEnd()));
  }
  return keys;
}

export type RegRead =
  | { kind: 'found'; keys: RegKeys; exec: ExecResult }
  | { kind: 'absent'; exec: ExecResult }
  | { kind: 'problem'; reason: string; exec: ExecResult };

export function regArgs(key: string, opts: { value?: string; recursive?: boolean } = {}): string[] {
  return ['query', key, ...(opts.value ? ['/v', opts.value] : []), ...(opts.recursive ? ['/s'] : [])];
}

/** `reg.exe query KEY [/v VALUE] [/s]`. */
export async function regQuery(
  exec: Exec,
  key: string,
  opts: { value?: string; recursive?: boolean; signal: AbortSignal },
): Promise<RegRead> {
  const r = await exec('reg.exe', regArgs(key, opts), { signal: opts.signal, timeoutMs: 10_000 });
  if (succeeded(r)) return { kind: 'found', keys: parseRegQuery(r.stdout), exec: r };
  if (r.outcome === 'exited' && r.exitCode === 1 && !/^HKEY_/m.test(r.stdout)) return { kind: 'absent', exec: r };
  return { kind: 'problem', reason: execProblem(r, `read the registry key ${key}`), exec: r };
}

/** A value from the first (or the named) key of a read, case-insensitively. */
export function regValue(read: RegRead, name: string, key?: string): RegValue | undefined {
  if (read.kind !== 'found') return undefined;
  const maps = key ? [read.keys.get(key.toUpperCase())] : [...read.keys.values()];
  for (const map of maps) {
    if (!map) continue;
    for (const [n, v] of map) if (n.toLowerCase() === name.toLowerCase()) return v;
  }
  return undefined;
}

export function regNumber(read: RegRead, name: string, key?: string): number | undefined {
  const v = regValue(read, name, key)?.value;
  return typeof v === 'number' ? v : undefined;
}

/**
 * Runs Windows PowerShell with a fixed script (never built from input) and parses the JSON it
 * prints through `ConvertTo-Json`. Handles both Windows PowerShell 5.1 and PowerShell 7 shapes:
 * a single object instead of a one-element array, empty output for "nothing", and dates as
 * `"\/Date(1700000000000)\/"` (5.1) or ISO 8601 strings.
 */
import type { Exec, ExecResult } from './exec.js';
import { execProblem, firstLine, succeeded } from './exec.js';

/**
 * Arguments before the script: no profile, no prompts, UTF-8 output. The scripts contain no double
 * quotes (Windows command-line quoting would have to escape them); `-EncodedCommand` is avoided
 * because security products flag it.
 */
export const POWERSHELL = 'powershell.exe';
export function powershellArgs(script: string): string[] {
  return [
    '-NoLogo',
    '-NoProfile',
    '-NonInteractive',
    '-Command',
    `[Console]::OutputEncoding = [Text.Encoding]::UTF8; ${script}`,
  ];
}

export type PsRead =
  | { kind: 'ok'; value: unknown; exec: ExecResult }
  | { kind: 'problem'; reason: string; exec: ExecResult };

export async function runPowerShellJson(
  exec: Exec,
  script: string,
  opts: { signal: AbortSignal; purpose: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<PsRead> {
  const r = await exec(POWERSHELL, powershellArgs(script), {
    signal: opts.signal,
    timeoutMs: opts.timeoutMs ?? 30_000,
    ...(opts.env ? { env: opts.env } : {}),
  });
  if (!succeeded(r)) return { kind: 'problem', reason: execProblem(r, opts.purpose), exec: r };
  const text = r.stdout.trim();
  if (text === '') return { kind: 'ok', value: null, exec: r };
  try {
    return { kind: 'ok', value: JSON.parse(text), exec: r };
  } catch {
    return {
      kind: 'problem',
      reason: `PowerShell printed something that is not JSON: ${firstLine(text).slice(0, 120)}`,
      exec: r,
    };
  }
}

/** `null` → [], an object → [object], an array → itself. */
export function asArray(v: unknown): Record<string, unknown>[] {
  if (v === null || v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
}

/** Milliseconds since the epoch from an ISO string, `/Date(ms)/`, or a number; undefined otherwise. */
export function psDate(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v !== 'string') return undefined;
  const m = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(v);
  if (m) return Number(m[1]);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

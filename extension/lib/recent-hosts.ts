/** The recent-hosts list as data: validated, newest first, bounded. Pure (no browser APIs). */
import type { CheckResult } from '../../shared/protocol/results.js';

export const MAX_RECENT_HOSTS = 10;
/** Longest host[:port] kept, in characters. */
export const MAX_HOST_CHARS = 300;

/** How the last check of a host ended, as the command line's `check` says it. */
export const HOST_OUTCOMES = ['healthy', 'warnings', 'problems', 'unfinished'] as const;
export type HostOutcome = (typeof HOST_OUTCOMES)[number];

/** One server checked before. */
export interface RecentHost {
  /** host[:port] as the person typed it. */
  host: string;
  /** When it was last checked, ms since the epoch; absent for entries kept before times were stored. */
  at?: number;
  /** How its last check ended; absent while it runs, when it was cancelled, or for entries kept before outcomes were. */
  result?: HostOutcome;
}

/** The outcome of a finished run: problems when a finding fails, warnings when one warns, else healthy. */
export function outcomeOf(results: readonly CheckResult[]): HostOutcome {
  const findings = results.flatMap((r) => r.findings);
  if (findings.some((f) => f.severity === 'fail')) return 'problems';
  return findings.some((f) => f.severity === 'warn') ? 'warnings' : 'healthy';
}

export function isHostOutcome(v: unknown): v is HostOutcome {
  return typeof v === 'string' && (HOST_OUTCOMES as readonly string[]).includes(v);
}

function entryOf(v: unknown): RecentHost | null {
  // Lists kept before times were stored hold plain strings.
  const raw = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : { host: v };
  if (typeof raw.host !== 'string') return null;
  const host = raw.host.trim();
  if (host === '' || host.length > MAX_HOST_CHARS) return null;
  const at = raw.at;
  return {
    host,
    ...(typeof at === 'number' && Number.isSafeInteger(at) && at > 0 ? { at } : {}),
    ...(isHostOutcome(raw.result) ? { result: raw.result } : {}),
  };
}

/** Validated entries, newest first: no duplicates, at most {@link MAX_RECENT_HOSTS}. */
export function normalizeEntries(raw: unknown): RecentHost[] {
  if (!Array.isArray(raw)) return [];
  const out: RecentHost[] = [];
  for (const v of raw) {
    const e = entryOf(v);
    if (!e || out.some((o) => o.host === e.host)) continue;
    out.push(e);
    if (out.length === MAX_RECENT_HOSTS) break;
  }
  return out;
}

/** The hosts alone (what the check form suggests). */
export function normalizeHistory(raw: unknown): string[] {
  return normalizeEntries(raw).map((e) => e.host);
}

/** `target` first (moved if present, with the time of this check), then the rest; bounded and validated. */
export function withHost(list: readonly RecentHost[], target: string, at?: number): RecentHost[] {
  const host = target.trim();
  return normalizeEntries([{ host, ...(at === undefined ? {} : { at }) }, ...list.filter((h) => h.host !== host)]);
}

/** The list with `outcome` as the last check of `target` (a host not listed is not added). */
export function withOutcome(list: readonly RecentHost[], target: string, outcome: HostOutcome): RecentHost[] {
  const host = target.trim();
  return list.map((h) => (h.host === host ? { ...h, result: outcome } : h));
}

/** The list without `target`. */
export function withoutHost(list: readonly RecentHost[], target: string): RecentHost[] {
  const host = target.trim();
  return list.filter((h) => h.host !== host);
}

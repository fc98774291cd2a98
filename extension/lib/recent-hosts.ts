/** The recent-hosts list as data: validated, newest first, bounded. Pure (no browser APIs). */

export const MAX_RECENT_HOSTS = 10;

/** A host[:port] as the person typed it, checked at some point. */
export function normalizeHistory(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const out: string[] = [];
  for (const v of raw) {
    if (typeof v !== 'string') continue;
    const s = v.trim();
    if (s === '' || s.length > 300 || out.includes(s)) continue;
    out.push(s);
    if (out.length === MAX_RECENT_HOSTS) break;
  }
  return out;
}

/** `target` first (moved if present), then the rest; bounded and validated. */
export function withHost(list: readonly string[], target: string): string[] {
  return normalizeHistory([target, ...list.filter((h) => h !== target.trim())]);
}

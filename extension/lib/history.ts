/**
 * Recent hosts the person checked, newest first, in `storage.local` (machine-specific; not synced).
 * Validated on every read; at most {@link MAX_RECENT_HOSTS} entries.
 */
import type { StorageAreaLike } from './settings.js';

export const HISTORY_KEY = 'recentHosts';
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

export async function loadHistory(area: StorageAreaLike): Promise<string[]> {
  try {
    return normalizeHistory((await area.get(HISTORY_KEY))[HISTORY_KEY]);
  } catch {
    return [];
  }
}

/** Puts `target` first (moving it if present) and returns the stored list. */
export async function rememberHost(area: StorageAreaLike, target: string): Promise<string[]> {
  const current = await loadHistory(area);
  const next = normalizeHistory([target, ...current.filter((h) => h !== target.trim())]);
  await area.set({ [HISTORY_KEY]: next });
  return next;
}

export async function clearHistory(area: StorageAreaLike): Promise<void> {
  await area.set({ [HISTORY_KEY]: [] });
}

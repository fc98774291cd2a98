/**
 * Recent hosts the person checked, newest first (machine-specific; not synced).
 *
 * The list is kept by the background (see `background/history-store.ts`), in the extension's own
 * IndexedDB, and served only to extension pages: content scripts run inside web pages and, in
 * Firefox, can read and write `storage.local`, so a page must not be able to read the hosts or plant
 * one for the person to check by mistake. Pages use the three functions below; the first argument of
 * each is no longer used (it was the storage area) and is kept so callers need no change.
 */
import browser from './browser.js';
import type { HistoryRequest } from './messages.js';

export const MAX_RECENT_HOSTS = 10;
/** The key the list used to have in `storage.local`; the background removes it. */
export const LEGACY_HISTORY_KEY = 'recentHosts';

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

async function ask(req: HistoryRequest): Promise<string[]> {
  try {
    return normalizeHistory(await browser.runtime.sendMessage(req));
  } catch {
    return [];
  }
}

export function loadHistory(_unused?: unknown): Promise<string[]> {
  return ask({ type: 'history-get' });
}

/** Puts `target` first (moving it if present) and returns the stored list. */
export function rememberHost(_unused: unknown, target: string): Promise<string[]> {
  return ask({ type: 'history-remember', host: target });
}

export async function clearHistory(_unused?: unknown): Promise<void> {
  await ask({ type: 'history-clear' });
}

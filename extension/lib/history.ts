/**
 * Recent hosts the person checked, newest first (machine-specific; not synced).
 *
 * The list is kept by the background (see `background/history-store.ts`), in the extension's own
 * IndexedDB, and served only to extension pages: content scripts run inside web pages and, in
 * Firefox, can read and write `storage.local`, so a page must not be able to read the hosts or plant
 * one for the person to check by mistake. Pages use the functions below; the first argument of
 * each is no longer used (it was the storage area) and is kept so callers need no change.
 */
import browser from './browser.js';
import type { HistoryRequest } from './messages.js';
import { normalizeEntries, normalizeHistory, type RecentHost } from './recent-hosts.js';

/** The key the list used to have in `storage.local`; the background removes it. */
export const LEGACY_HISTORY_KEY = 'recentHosts';

export { MAX_RECENT_HOSTS, normalizeHistory, type RecentHost, withHost } from './recent-hosts.js';

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

async function askEntries(req: HistoryRequest): Promise<RecentHost[]> {
  try {
    return normalizeEntries(await browser.runtime.sendMessage(req));
  } catch {
    return [];
  }
}

/** The servers checked before, with when each was last checked (the options page lists them). */
export function loadHistoryEntries(): Promise<RecentHost[]> {
  return askEntries({ type: 'history-entries' });
}

/** Forgets one host; resolves to the entries left. */
export function forgetHost(host: string): Promise<RecentHost[]> {
  return askEntries({ type: 'history-remove', host });
}

/**
 * Recent hosts the person checked, newest first (machine-specific; not synced).
 *
 * The list is kept by the background (see `background/history-store.ts`), in the extension's own
 * IndexedDB, and served only to extension pages: content scripts run inside web pages and, in
 * Firefox, can read and write `storage.local`, so a page must not be able to read the hosts or plant
 * one for the person to check by mistake. Pages use the functions below; the first argument of
 * each is no longer used (it was the storage area) and is kept so callers need no change.
 */
import { ask } from './client.js';

/** The key the list used to have in `storage.local`; the background removes it. */
export const LEGACY_HISTORY_KEY = 'recentHosts';

import type { HostOutcome, RecentHost } from './recent-hosts.js';

export { MAX_RECENT_HOSTS, normalizeHistory, type RecentHost, withHost } from './recent-hosts.js';

/** The list, or an empty one when the background cannot answer. */
const orEmpty = (p: Promise<string[]>) => p.catch(() => []);

/**
 * The list. A background that is waking up or busy with the last popup's write can miss the first
 * request (seen in Firefox right after a popup closed): ask again a few times before showing an empty
 * list, so the last server is still offered first.
 */
export async function loadHistory(_unused?: unknown): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const list = await orEmpty(ask('history-get', {}));
    if (list.length > 0 || attempt === 4) return list;
    await new Promise((r) => setTimeout(r, 150 * attempt));
  }
}

/** Puts `target` first (moving it if present) and returns the stored list. */
export function rememberHost(_unused: unknown, target: string): Promise<string[]> {
  return orEmpty(ask('history-remember', { host: target }));
}

export async function clearHistory(_unused?: unknown): Promise<void> {
  await orEmpty(ask('history-clear', {}));
}

/** The servers checked before, with when each was last checked (the options page lists them). */
export function loadHistoryEntries(): Promise<RecentHost[]> {
  return ask('history-entries', {}).catch(() => []);
}

/** Records how the last check of `host` ended (a host not listed is not added). */
export async function recordOutcome(host: string, outcome: HostOutcome): Promise<void> {
  await ask('history-outcome', { host, outcome }).catch(() => []);
}

/** Forgets one host; resolves to the entries left. */
export function forgetHost(host: string): Promise<RecentHost[]> {
  return ask('history-remove', { host }).catch(() => []);
}

/**
 * Recent hosts the person checked, newest first (machine-specific; not synced).
 *
 * The list is kept by the background (see `background/history-store.ts`), in the extension's own
 * IndexedDB, and served only to extension pages: content scripts run inside web pages and, in
 * Firefox, can read and write `storage.local`, so a page must not be able to read the hosts or plant
 * one for the person to check by mistake. Pages use the functions below. A run of checks lists its
 * server and records how it ended through the checks port itself (run-checks `remember`), so the
 * background keeps both even when the popup closes right after.
 */
import { ask } from './client.js';

/** The key the list used to have in `storage.local`; the background removes it. */
export const LEGACY_HISTORY_KEY = 'recentHosts';

import type { RecentHost } from './recent-hosts.js';

export { MAX_RECENT_HOSTS, normalizeHistory, type RecentHost, withHost } from './recent-hosts.js';

/**
 * The list, or an empty one when the background cannot answer. A background that is starting can
 * refuse the first request ("Receiving end does not exist" in Firefox while its event page wakes):
 * ask again a few times before showing no servers. An empty answer is the list: no retry.
 */
export async function loadHistory(): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ask('history-get', {});
    } catch {
      if (attempt === 4) return [];
    }
    await new Promise((r) => setTimeout(r, 150 * attempt));
  }
}

export async function clearHistory(): Promise<void> {
  await ask('history-clear', {}).catch(() => undefined);
}

/** The servers checked before, with when each was last checked (the options page lists them). */
export function loadHistoryEntries(): Promise<RecentHost[]> {
  return ask('history-entries', {}).catch(() => []);
}

/** Forgets one host; resolves to the entries left. */
export function forgetHost(host: string): Promise<RecentHost[]> {
  return ask('history-remove', { host }).catch(() => []);
}

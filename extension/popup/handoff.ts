/**
 * Handing a long text from the popup to its full view. A text up to {@link LARGE_TEXT_CHARS} travels in
 * the full view's address; a longer one (a whole log) would pass the browser's address limit (2 MB in
 * Chromium, counted after encoding), so it waits in `storage.session` (extension pages only, memory
 * only, gone when the browser closes) under a one-time key the address names, and the full view takes
 * it out when it opens.
 */
import browser from '../lib/browser.js';
import { LARGE_TEXT_CHARS, MAX_EXPLAIN_CHARS } from './limits.js';

const PREFIX = 'fullViewText-';

/** The full view's address (relative to the popup page) carrying `text`. */
export async function fullViewHref(text: string, tabId: number | null): Promise<string> {
  const q = new URLSearchParams({ view: 'full' });
  if (tabId !== null) q.set('tab', String(tabId));
  if (text.length <= LARGE_TEXT_CHARS) {
    if (text) q.set('text', text);
  } else {
    const key = `${PREFIX}${crypto.randomUUID()}`;
    await browser.storage.session.set({ [key]: text });
    q.set('handoff', key);
  }
  return `index.html?${q.toString()}`;
}

/** The text handed over under `key` (removed as it is read), or null. */
export async function takeHandedOff(key: string): Promise<string | null> {
  if (!key.startsWith(PREFIX)) return null;
  try {
    const got = (await browser.storage.session.get(key))[key];
    await browser.storage.session.remove(key);
    return typeof got === 'string' ? got.slice(0, MAX_EXPLAIN_CHARS) : null;
  } catch {
    return null;
  }
}

/** `open-full-view`'s route: the popup's full view in a tab, prefilled with a text to explain. */
import browser from '../lib/browser.js';

/** URL of the full view with a prefilled text. */
export function fullViewUrl(text: string): string {
  const q = new URLSearchParams({ view: 'full', text });
  return browser.runtime.getURL(`extension/popup/index.html?${q.toString()}`);
}

export async function openFullView(text: string): Promise<{ ok: true }> {
  await browser.tabs.create({ url: fullViewUrl(text) });
  return { ok: true };
}

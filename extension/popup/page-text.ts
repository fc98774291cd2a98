/**
 * Reads the visible text of the active tab through `activeTab` + `scripting.executeScript` (no broad
 * host permission). Bounded in size; fails quietly (null) on pages scripts cannot run in, such as
 * chrome:// pages, the web store, or when the popup is not opened from the toolbar.
 */
import browser from '../lib/browser.js';

/** Most characters read from a page. */
export const MAX_PAGE_CHARS = 200_000;

/** Runs in the page: returns its visible text, cut to `max` characters. Must be self-contained. */
function readVisibleText(max: number): string {
  const text = document.body ? document.body.innerText : '';
  return text.length > max ? text.slice(0, max) : text;
}

export interface PageText {
  /** The tab the text came from (the full view reuses it: activeTab lasts until the tab navigates). */
  tabId: number;
  title: string;
  text: string;
}

export async function readActiveTabText(tabId?: number): Promise<PageText | null> {
  try {
    const tab =
      tabId !== undefined
        ? await browser.tabs.get(tabId)
        : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
    if (!tab || tab.id === undefined) return null;
    const url = tab.url ?? '';
    if (url.startsWith(browser.runtime.getURL(''))) return null; // our own page
    const [first] = await browser.scripting.executeScript({
      target: { tabId: tab.id },
      func: readVisibleText,
      args: [MAX_PAGE_CHARS],
    });
    const text = first?.result;
    if (typeof text !== 'string') return null;
    return { tabId: tab.id, title: tab.title ?? '', text: text.slice(0, MAX_PAGE_CHARS) };
  } catch {
    return null;
  }
}

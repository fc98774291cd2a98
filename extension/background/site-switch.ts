/**
 * `annotation-off`'s route: turns annotation off for the sending content script's own site. The site
 * is taken from the sender (its page's URL), never from the message, so a page can only switch
 * itself off.
 */
import browser from '../lib/browser.js';
import { builtInSiteFor, loadSettings, saveSettings } from '../lib/settings.js';

/** Turns annotation off for the site of `url`: its built-in switch, or removes its custom origin. */
export async function turnOffFor(url: string): Promise<{ ok: boolean }> {
  const site = builtInSiteFor(url);
  if (site) {
    await saveSettings(browser.storage.sync, { sites: { [site]: false } });
    return { ok: true };
  }
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return { ok: false };
  }
  const current = await loadSettings(browser.storage.sync);
  if (!current.customOrigins.includes(origin)) return { ok: false };
  await saveSettings(browser.storage.sync, { customOrigins: current.customOrigins.filter((o) => o !== origin) });
  return { ok: true };
}

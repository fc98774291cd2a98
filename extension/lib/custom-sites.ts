/**
 * Custom RD Web origins: the optional host permission plus a dynamically registered content script
 * (the same script the manifest declares for the built-in sites). The options page adds and removes
 * them; the background re-syncs registrations on install, update and browser start, so nothing is
 * lost when the browser drops dynamic scripts.
 */
import browser from './browser.js';
import { contentScriptIdFor, originPattern, type Settings } from './settings.js';

/** Files of the manifest's content script (paths differ between source and build). */
function contentScriptFiles(): { js: string[]; css: string[] } {
  const cs = browser.runtime.getManifest().content_scripts ?? [];
  return { js: cs[0]?.js ?? [], css: cs[0]?.css ?? [] };
}

/** Asks for access to the origin (must run inside a click handler). */
export async function requestOrigin(origin: string): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: [originPattern(origin)] });
  } catch {
    return false;
  }
}

export async function hasOrigin(origin: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [originPattern(origin)] });
  } catch {
    return false;
  }
}

/** Registers the content script for each listed origin that has its permission; unregisters the rest. */
export async function syncCustomScripts(settings: Settings): Promise<string[]> {
  const files = contentScriptFiles();
  if (files.js.length === 0 || !browser.scripting?.registerContentScripts) return [];
  const wanted = new Map<string, string>();
  for (const origin of settings.customOrigins) {
    if (await hasOrigin(origin)) wanted.set(contentScriptIdFor(origin), origin);
  }
  const existing = await browser.scripting.getRegisteredContentScripts();
  const ours = existing.filter((s) => s.id.startsWith(contentScriptIdFor('')));
  const stale = ours.filter((s) => !wanted.has(s.id)).map((s) => s.id);
  if (stale.length > 0) await browser.scripting.unregisterContentScripts({ ids: stale });
  const have = new Set(ours.map((s) => s.id));
  const add = [...wanted].filter(([id]) => !have.has(id));
  if (add.length > 0) {
    const scripts = add.map(([id, origin]) => ({
      id,
      matches: [originPattern(origin)],
      js: files.js,
      // The one ::highlight rule, in place from document start like on the built-in sites.
      ...(files.css.length > 0 ? { css: files.css } : {}),
      allFrames: true,
      runAt: 'document_idle' as const,
    }));
    try {
      await browser.scripting.registerContentScripts(scripts.map((s) => ({ ...s, persistAcrossSessions: true })));
    } catch {
      // Browsers without persistent registrations (older Firefox): register for this session; the
      // background registers again on every start.
      await browser.scripting.registerContentScripts(scripts);
    }
  }
  return [...wanted.values()];
}

/** Drops the permission of a removed origin (best effort). */
export async function releaseOrigin(origin: string): Promise<void> {
  try {
    await browser.permissions.remove({ origins: [originPattern(origin)] });
  } catch {
    // a permission that was never granted
  }
}

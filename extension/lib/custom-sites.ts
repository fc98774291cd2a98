/**
 * Site access: the built-in sites' host permissions (which the person can withhold in the browser's
 * add-on settings) and the RD Web addresses the person adds — each an optional host permission plus a
 * dynamically registered content script (the same script the manifest declares for the built-in
 * sites). The options page adds and removes addresses and shows what is really in force; the
 * background re-syncs registrations on install, update and browser start.
 */
import browser from './browser.js';
import { contentScriptIdFor, originPattern, rootFiles, type Settings } from './settings.js';

function contentScriptFiles(): { js: string[]; css: string[] } {
  const cs = browser.runtime.getManifest().content_scripts ?? [];
  const base = browser.runtime.getURL('');
  return { js: rootFiles(cs[0]?.js, base), css: rootFiles(cs[0]?.css, base) };
}

/** Asks for access to the patterns (must run inside a click handler: no await before it). */
export async function requestPatterns(origins: string[]): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins });
  } catch {
    return false;
  }
}

export function requestOrigin(origin: string): Promise<boolean> {
  return requestPatterns([originPattern(origin)]);
}

/** True when every pattern is granted now (the person may have withheld some in the browser's settings). */
export async function hasPatterns(origins: readonly string[]): Promise<boolean> {
  try {
    if (await browser.permissions.contains({ origins: [...origins] })) return true;
    // Chromium answers false for hosts granted through the content scripts' matches, yet lists them
    // among the granted origins (and drops them there when the person withholds site access).
    const granted = new Set((await browser.permissions.getAll()).origins ?? []);
    return origins.length > 0 && origins.every((o) => granted.has(o));
  } catch {
    return false;
  }
}

export function hasOrigin(origin: string): Promise<boolean> {
  return hasPatterns([originPattern(origin)]);
}

/** What a sync left in force, per listed address. */
export interface SyncReport {
  /** Addresses whose content script is registered. */
  active: string[];
  /** Addresses listed but without site access (the person can grant it from the options page). */
  withheld: string[];
  /** Why registering failed, when it did (the browser's own words); null when all went well. */
  error: string | null;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Registers the content script for each listed origin that has its permission; unregisters the rest. */
export async function syncCustomScripts(settings: Settings): Promise<SyncReport> {
  const report: SyncReport = { active: [], withheld: [], error: null };
  const wanted = new Map<string, string>();
  for (const origin of settings.customOrigins) {
    if (await hasOrigin(origin)) wanted.set(contentScriptIdFor(origin), origin);
    else report.withheld.push(origin);
  }
  const files = contentScriptFiles();
  if (files.js.length === 0 || !browser.scripting?.registerContentScripts) {
    if (wanted.size > 0) report.error = 'This browser cannot register content scripts.';
    return report;
  }
  try {
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
        persistAcrossSessions: true,
      }));
      await browser.scripting.registerContentScripts(scripts);
    }
    const now = new Set((await browser.scripting.getRegisteredContentScripts()).map((s) => s.id));
    report.active = [...wanted].filter(([id]) => now.has(id)).map(([, o]) => o);
  } catch (e) {
    report.error = message(e);
    console.error('RDP Doctor: the content script for the RD Web addresses was not registered:', e);
  }
  return report;
}

/** Drops the permission of a removed origin (best effort). */
export async function releaseOrigin(origin: string): Promise<void> {
  try {
    await browser.permissions.remove({ origins: [originPattern(origin)] });
  } catch {
    // a permission that was never granted
  }
}

/**
 * The extension's settings: schema, defaults, validation and storage.
 *
 * Settings live in `storage.sync` under {@link SETTINGS_KEY} (they follow the person across their
 * browsers and survive updates and restarts); the history of checked hosts lives in
 * `storage.local` (see `history.ts`). Everything read from storage is validated: a missing,
 * older or damaged value falls back field by field to the defaults, never to an exception.
 *
 * The pure parts (no browser APIs) are usable from tests and from the content script; the storage
 * helpers take the storage area as an argument (`browser.storage.sync`).
 */

/**
 * Sites with built-in annotation support (the manifest's content-script matches are built from these). Append-only ids;
 * retired: `rd-web` (its match of any https site's /RDWeb/ path is, to the browsers, access to every
 * site — RD Web is now turned on per address, see {@link Settings.customOrigins}).
 */
export const BUILT_IN_SITES = [
  {
    id: 'azure-portal',
    /** `_locales` message key of the site's display name. */
    labelKey: 'siteAzurePortal',
    /**
     * The site is a Remote Desktop product, so every page of it is Remote Desktop context for the
     * detector (a dialog's bare "Error code: 0x3000046" is Remote Desktop's). The portal is not: its
     * pages show every Azure service's hex, so a code there needs Remote Desktop words nearby.
     */
    aboutRdp: false,
    matches: [
      'https://portal.azure.com/*',
      'https://*.reactblade.portal.azure.net/*',
      'https://*.hosting.portal.azure.net/*',
    ],
  },
  {
    id: 'avd-web-client',
    labelKey: 'siteAvdWebClient',
    aboutRdp: true,
    matches: ['https://client.wvd.microsoft.com/*', 'https://windows.cloud.microsoft/*'],
  },
] as const;

export type BuiltInSiteId = (typeof BUILT_IN_SITES)[number]['id'];

/**
 * The content script's match patterns: the built-in sites' own, in order. This list is the only one:
 * the build writes it into the manifest (vite.config.ts), so the sites the options page switches and
 * the pages the browser injects into cannot drift apart.
 */
export function builtInMatches(): string[] {
  return BUILT_IN_SITES.flatMap((s) => [...s.matches]);
}

import {
  DEFAULT_RDP_PORT,
  DEFAULT_TIMEOUT_MS,
  MAX_PORT,
  MAX_TIMEOUT_MS,
  MIN_PORT,
  MIN_TIMEOUT_MS,
} from '../../shared/protocol/limits.js';

export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 1;

/** Port bounds for the default port field (the one definition in shared/protocol/limits.ts). */
/** Per-step timeout bounds in milliseconds: the helper's and the command line's own range (one constant). */
export { MAX_PORT, MAX_TIMEOUT_MS, MIN_PORT, MIN_TIMEOUT_MS } from '../../shared/protocol/limits.js';
/** At most this many custom RD Web origins. */
export const MAX_CUSTOM_ORIGINS = 20;

export interface Settings {
  /** Schema version of the stored object. */
  version: number;
  /** Annotation on/off per built-in site. */
  sites: Record<BuiltInSiteId, boolean>;
  /** RD Web origins the person turned on (e.g. `https://rdweb.contoso.com`); each needs its host permission. */
  customOrigins: string[];
  /** Port used when a host is typed without one. */
  defaultPort: number;
  /** Time limit for each network step of a check, in milliseconds. */
  timeoutMs: number;
  /** Read the clipboard into the popup's box on open (only effective once the optional permission is granted). */
  readClipboardOnOpen: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  sites: { 'azure-portal': true, 'avd-web-client': true },
  customOrigins: [],
  defaultPort: DEFAULT_RDP_PORT,
  timeoutMs: DEFAULT_TIMEOUT_MS,
  readClipboardOnOpen: false,
});

export function defaultSettings(): Settings {
  return { ...DEFAULT_SETTINGS, sites: { ...DEFAULT_SETTINGS.sites }, customOrigins: [] };
}

/** Typed reasons a custom origin is refused. */
export type OriginErrorCode =
  | 'origin-empty'
  | 'origin-invalid'
  | 'origin-scheme'
  | 'origin-has-path'
  | 'origin-wildcard';

export type OriginParse = { ok: true; origin: string } | { ok: false; code: OriginErrorCode };

/**
 * A host name of DNS labels (letters, digits, `-`, `_`; IDN already in its `xn--` form), an IPv4
 * address or a bracketed IPv6 one. Browsers' URL parsers differ on the rest: Chromium reads
 * `https://not a url` as the host `not%20a%20url`, which no permission pattern can name.
 */
function plainHostName(host: string): boolean {
  if (/^\[[0-9a-f:.]+\]$/i.test(host)) return true;
  if (host.length > 253) return false;
  return host.split('.').every((label) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i.test(label));
}

/**
 * Reads what a person typed as an RD Web address into a plain origin (`https://host[:port]`).
 * Accepts a bare host name (https is assumed) or a URL whose path is empty or `/RDWeb…`; refuses
 * other schemes, wildcards, credentials and IP-less junk.
 */
export function parseCustomOrigin(input: string): OriginParse {
  const text = input.trim();
  if (text === '') return { ok: false, code: 'origin-empty' };
  if (text.includes('*')) return { ok: false, code: 'origin-wildcard' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, code: 'origin-invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, code: 'origin-scheme' };
  if (url.username || url.password || !plainHostName(url.hostname)) return { ok: false, code: 'origin-invalid' };
  if (url.search || url.hash) return { ok: false, code: 'origin-has-path' };
  if (url.pathname !== '/' && !/^\/rdweb(\/.*)?$/i.test(url.pathname)) return { ok: false, code: 'origin-has-path' };
  return { ok: true, origin: url.origin };
}

/**
 * The match pattern that covers every page of an origin (for permissions and content scripts). Match
 * patterns cannot name a port in Firefox (a pattern with one matches nothing there), so the pattern
 * covers the host on any port; the content script itself runs only on the listed origin, port included
 * (see {@link annotationEnabled}).
 */
export function originPattern(origin: string): string {
  const u = new URL(origin);
  return `${u.protocol}//${u.hostname}/*`;
}

/** Stable id of the dynamically registered content script for a custom origin. */
export function contentScriptIdFor(origin: string): string {
  return `rd-web-custom:${origin}`;
}

/**
 * Paths of the manifest's content script from the extension root (`/assets/…`): Firefox's
 * `runtime.getManifest()` gives absolute `moz-extension://…` URLs, which `registerContentScripts`
 * refuses ("must be a relative URL"), and it resolves a plain relative path against the calling
 * page (from the options page, `extension/options/assets/…`, which does not exist).
 */
export function rootFiles(files: readonly string[] | undefined, base: string): string[] {
  const root = base.endsWith('/') ? base : `${base}/`;
  return (files ?? []).map((f) => `/${(f.startsWith(root) ? f.slice(root.length) : f).replace(/^\/+/, '')}`);
}

function intIn(value: unknown, min: number, max: number): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : null;
}

/** Validates anything read from storage into complete settings; unknown or bad fields fall back to defaults. */
export function normalizeSettings(raw: unknown): Settings {
  const out = defaultSettings();
  if (typeof raw !== 'object' || raw === null) return out;
  const r = raw as Record<string, unknown>;
  if (typeof r.sites === 'object' && r.sites !== null) {
    const sites = r.sites as Record<string, unknown>;
    for (const site of BUILT_IN_SITES) {
      const v = sites[site.id];
      if (typeof v === 'boolean') out.sites[site.id] = v;
    }
  }
  if (Array.isArray(r.customOrigins)) {
    const seen = new Set<string>();
    for (const o of r.customOrigins) {
      if (typeof o !== 'string') continue;
      const p = parseCustomOrigin(o);
      if (p.ok && !seen.has(p.origin) && seen.size < MAX_CUSTOM_ORIGINS) seen.add(p.origin);
    }
    out.customOrigins = [...seen];
  }
  out.defaultPort = intIn(r.defaultPort, MIN_PORT, MAX_PORT) ?? out.defaultPort;
  out.timeoutMs = intIn(r.timeoutMs, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS) ?? out.timeoutMs;
  if (typeof r.readClipboardOnOpen === 'boolean') out.readClipboardOnOpen = r.readClipboardOnOpen;
  return out;
}

/** Which built-in site a page URL belongs to, or null (match-pattern semantics of the manifest entries). */
export function builtInSiteFor(url: string): BuiltInSiteId | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:') return null;
  for (const site of BUILT_IN_SITES) {
    for (const m of site.matches) {
      if (matchPattern(m, u)) return site.id;
    }
  }
  return null;
}

function matchPattern(pattern: string, u: URL): boolean {
  const m = /^https:\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, hostPat = '', pathPat = ''] = m;
  const hostOk =
    hostPat === '*' ||
    hostPat === u.hostname ||
    (hostPat.startsWith('*.') && (u.hostname === hostPat.slice(2) || u.hostname.endsWith(hostPat.slice(1))));
  if (!hostOk) return false;
  const re = new RegExp(`^${pathPat.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return re.test(u.pathname);
}

/**
 * Is this page a Remote Desktop product's own page? Built-in sites say so themselves
 * ({@link BUILT_IN_SITES}); any other page the content script runs on is an RD Web address the person
 * added ({@link Settings.customOrigins}).
 */
export function pageIsAboutRdp(url: string): boolean {
  const site = builtInSiteFor(url);
  return site === null || BUILT_IN_SITES.some((s) => s.id === site && s.aboutRdp);
}

/** Should the content script annotate this page? Built-in sites follow their switch; custom origins are on while listed. */
export function annotationEnabled(url: string, settings: Settings): boolean {
  const site = builtInSiteFor(url);
  if (site) return settings.sites[site];
  try {
    return settings.customOrigins.includes(new URL(url).origin);
  } catch {
    return false;
  }
}

/** The part of `browser.storage.sync` / `.local` the helpers need (lets tests pass a plain object). */
export interface StorageAreaLike {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function loadSettings(area: StorageAreaLike): Promise<Settings> {
  try {
    const got = await area.get(SETTINGS_KEY);
    return normalizeSettings(got[SETTINGS_KEY]);
  } catch {
    return defaultSettings();
  }
}

/** A change to the settings: any subset of fields; `sites` may name only the switches that change. */
export type SettingsChange = Partial<Omit<Settings, 'sites'>> & { sites?: Partial<Record<BuiltInSiteId, boolean>> };

/** Merges a change into the stored settings (validated) and returns what was stored. */
export async function saveSettings(area: StorageAreaLike, change: SettingsChange): Promise<Settings> {
  const current = await loadSettings(area);
  const next = normalizeSettings({
    ...current,
    ...change,
    sites: { ...current.sites, ...(change.sites ?? {}) },
    version: SETTINGS_VERSION,
  });
  await area.set({ [SETTINGS_KEY]: next });
  return next;
}

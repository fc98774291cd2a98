/**
 * Where each browser looks for native-messaging host manifests, per operating system and scope.
 * Pure data + functions (paths are computed from the given home directory and environment).
 *
 * Sources: Chrome "Native messaging" (developer.chrome.com/docs/extensions/develop/concepts/native-messaging),
 * Microsoft Edge "Native messaging" (learn.microsoft.com/microsoft-edge/extensions/developer-guide/native-messaging),
 * MDN "Native manifests" (developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/Native_manifests).
 * Brave and Vivaldi have no registry key of their own on Windows: they read Chrome's.
 */
import { posix, win32 } from 'node:path';
import { BROWSER_NAMES, BROWSERS, type Browser, isBrowser } from '../../shared/protocol/browsers.js';

export { BROWSER_NAMES, BROWSERS, type Browser, isBrowser };
export type OS = 'linux' | 'darwin' | 'win32';
export type Scope = 'user' | 'system';

export function family(b: Browser): 'chromium' | 'firefox' {
  return b === 'firefox' ? 'firefox' : 'chromium';
}

export interface Env {
  home: string;
  /** Process environment (XDG_CONFIG_HOME, LOCALAPPDATA, ProgramData). */
  env: Readonly<Record<string, string | undefined>>;
}

/** Linux per-user config folders, relative to $XDG_CONFIG_HOME (default ~/.config); Firefox is relative to home. */
const LINUX_USER: Readonly<Record<Browser, string>> = {
  chrome: 'google-chrome/NativeMessagingHosts',
  chromium: 'chromium/NativeMessagingHosts',
  edge: 'microsoft-edge/NativeMessagingHosts',
  brave: 'BraveSoftware/Brave-Browser/NativeMessagingHosts',
  vivaldi: 'vivaldi/NativeMessagingHosts',
  firefox: '.mozilla/native-messaging-hosts',
};

const LINUX_SYSTEM: Readonly<Record<Browser, string>> = {
  chrome: '/etc/opt/chrome/native-messaging-hosts',
  chromium: '/etc/chromium/native-messaging-hosts',
  edge: '/etc/opt/edge/native-messaging-hosts',
  brave: '/etc/opt/brave/native-messaging-hosts',
  vivaldi: '/etc/opt/vivaldi/native-messaging-hosts',
  firefox: '/usr/lib/mozilla/native-messaging-hosts',
};

/** macOS per-user folders, relative to ~/Library/Application Support. */
const MAC_USER: Readonly<Record<Browser, string>> = {
  chrome: 'Google/Chrome/NativeMessagingHosts',
  chromium: 'Chromium/NativeMessagingHosts',
  edge: 'Microsoft Edge/NativeMessagingHosts',
  brave: 'BraveSoftware/Brave-Browser/NativeMessagingHosts',
  vivaldi: 'Vivaldi/NativeMessagingHosts',
  firefox: 'Mozilla/NativeMessagingHosts',
};

const MAC_SYSTEM: Readonly<Record<Browser, string>> = {
  chrome: '/Library/Google/Chrome/NativeMessagingHosts',
  chromium: '/Library/Application Support/Chromium/NativeMessagingHosts',
  edge: '/Library/Microsoft/Edge/NativeMessagingHosts',
  brave: '/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts',
  vivaldi: '/Library/Application Support/Vivaldi/NativeMessagingHosts',
  firefox: '/Library/Application Support/Mozilla/NativeMessagingHosts',
};

/** Windows registry key (under HKCU or HKLM) whose default value is the manifest's path. */
const WIN_KEY: Readonly<Record<Browser, string>> = {
  chrome: 'Software\\Google\\Chrome\\NativeMessagingHosts',
  chromium: 'Software\\Chromium\\NativeMessagingHosts',
  edge: 'Software\\Microsoft\\Edge\\NativeMessagingHosts',
  brave: 'Software\\Google\\Chrome\\NativeMessagingHosts',
  vivaldi: 'Software\\Google\\Chrome\\NativeMessagingHosts',
  firefox: 'Software\\Mozilla\\NativeMessagingHosts',
};

export function pathFor(os: OS) {
  return os === 'win32' ? win32 : posix;
}

function xdgConfig(e: Env): string {
  const x = e.env.XDG_CONFIG_HOME;
  return x && posix.isAbsolute(x) ? x : posix.join(e.home, '.config');
}

/** Folder holding the manifest file on Linux and macOS. */
export function manifestDir(browser: Browser, os: 'linux' | 'darwin', scope: Scope, e: Env): string {
  if (os === 'linux') {
    if (scope === 'system') return LINUX_SYSTEM[browser];
    return browser === 'firefox'
      ? posix.join(e.home, LINUX_USER.firefox)
      : posix.join(xdgConfig(e), LINUX_USER[browser]);
  }
  if (scope === 'system') return MAC_SYSTEM[browser];
  return posix.join(e.home, 'Library/Application Support', MAC_USER[browser]);
}

/** Full registry key for the host on Windows, e.g. `HKCU\Software\Google\Chrome\NativeMessagingHosts\com.rdpdoctor.host`. */
export function registryKey(browser: Browser, scope: Scope, hostName: string): string {
  return `${scope === 'system' ? 'HKLM' : 'HKCU'}\\${WIN_KEY[browser]}\\${hostName}`;
}

/**
 * Where the helper's own files (launcher, and on Windows the manifests) live:
 * Linux `~/.local/share/rdp-doctor` (system `/usr/local/lib/rdp-doctor`), macOS
 * `~/Library/Application Support/RDP Doctor` (system `/Library/Application Support/RDP Doctor`),
 * Windows `%LOCALAPPDATA%\RDP Doctor` (system `%ProgramData%\RDP Doctor`).
 */
export function dataDir(os: OS, scope: Scope, e: Env): string {
  if (os === 'win32') {
    const base =
      scope === 'system'
        ? (e.env.ProgramData ?? e.env.PROGRAMDATA ?? 'C:\\ProgramData')
        : (e.env.LOCALAPPDATA ?? win32.join(e.home, 'AppData', 'Local'));
    return win32.join(base, 'RDP Doctor');
  }
  if (os === 'darwin') {
    return scope === 'system'
      ? '/Library/Application Support/RDP Doctor'
      : posix.join(e.home, 'Library/Application Support/RDP Doctor');
  }
  if (scope === 'system') return '/usr/local/lib/rdp-doctor';
  const xdgData = e.env.XDG_DATA_HOME;
  return posix.join(xdgData && posix.isAbsolute(xdgData) ? xdgData : posix.join(e.home, '.local/share'), 'rdp-doctor');
}

/** Sandboxed Linux packagings that change what native messaging can do. */
export interface SandboxInfo {
  kind: 'snap' | 'flatpak';
  /** Folder whose existence reveals it (relative to home for per-user traces). */
  trace: string;
}

const SNAP_NAMES: Partial<Record<Browser, string>> = { chromium: 'chromium', firefox: 'firefox', brave: 'brave' };
const FLATPAK_IDS: Readonly<Record<Browser, string>> = {
  chrome: 'com.google.Chrome',
  chromium: 'org.chromium.Chromium',
  edge: 'com.microsoft.Edge',
  brave: 'com.brave.Browser',
  vivaldi: 'com.vivaldi.Vivaldi',
  firefox: 'org.mozilla.firefox',
};

/** Paths whose existence shows a snap or flatpak build of the browser (Linux only). */
export function sandboxTraces(browser: Browser, e: Env): Array<{ kind: 'snap' | 'flatpak'; path: string }> {
  const out: Array<{ kind: 'snap' | 'flatpak'; path: string }> = [];
  const snap = SNAP_NAMES[browser];
  if (snap) out.push({ kind: 'snap', path: posix.join(e.home, 'snap', snap) }, { kind: 'snap', path: `/snap/${snap}` });
  out.push({ kind: 'flatpak', path: posix.join(e.home, '.var/app', FLATPAK_IDS[browser]) });
  out.push({ kind: 'flatpak', path: `/var/lib/flatpak/app/${FLATPAK_IDS[browser]}` });
  return out;
}

/** Folders holding managed policy JSON files for Chromium-family browsers on Linux. */
export const LINUX_POLICY_DIRS: Partial<Record<Browser, string>> = {
  chrome: '/etc/opt/chrome/policies/managed',
  chromium: '/etc/chromium/policies/managed',
  edge: '/etc/opt/edge/policies/managed',
  brave: '/etc/brave/policies/managed',
};

/** Windows policy keys (HKLM and HKCU) for Chromium-family browsers. */
export const WIN_POLICY_KEYS: Partial<Record<Browser, string>> = {
  chrome: 'Software\\Policies\\Google\\Chrome',
  chromium: 'Software\\Policies\\Chromium',
  edge: 'Software\\Policies\\Microsoft\\Edge',
  brave: 'Software\\Policies\\BraveSoftware\\Brave',
};

/** macOS managed-preferences files (XML or binary plist) for Chromium-family browsers. */
export const MAC_POLICY_FILES: Partial<Record<Browser, string>> = {
  chrome: '/Library/Managed Preferences/com.google.Chrome.plist',
  chromium: '/Library/Managed Preferences/org.chromium.Chromium.plist',
  edge: '/Library/Managed Preferences/com.microsoft.Edge.plist',
  brave: '/Library/Managed Preferences/com.brave.Browser.plist',
};

/** The browser's own per-user folder on Linux/macOS (its existence suggests the browser is used). */
export function profileTrace(browser: Browser, os: 'linux' | 'darwin', e: Env): string {
  return posix.dirname(manifestDir(browser, os, 'user', e));
}

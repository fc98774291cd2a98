/**
 * Where each browser looks for native-messaging host manifests, per operating system and scope, read
 * from the one browser table (`shared/protocol/browsers.ts`). Pure functions: paths are computed from
 * the given home directory and environment.
 */
import { posix, win32 } from 'node:path';
import { BROWSER_NAMES, BROWSERS, type Browser, browserRow, isBrowser } from '../../shared/protocol/browsers.js';

export { BROWSER_NAMES, BROWSERS, type Browser, isBrowser };
export type OS = 'linux' | 'darwin' | 'win32';
export type Scope = 'user' | 'system';

export function family(b: Browser): 'chromium' | 'firefox' {
  return browserRow(b).family;
}

export interface Env {
  home: string;
  /** Process environment (XDG_CONFIG_HOME, LOCALAPPDATA, ProgramData). */
  env: Readonly<Record<string, string | undefined>>;
}

export function pathFor(os: OS) {
  return os === 'win32' ? win32 : posix;
}

function xdgConfig(e: Env): string {
  const x = e.env.XDG_CONFIG_HOME;
  return x && posix.isAbsolute(x) ? x : posix.join(e.home, '.config');
}

/** Folder holding the manifest file on Linux and macOS. */
export function manifestDir(browser: Browser, os: 'linux' | 'darwin', scope: Scope, e: Env): string {
  const m = browserRow(browser).manifests;
  if (os === 'linux') {
    if (scope === 'system') return m.linuxSystem;
    return family(browser) === 'firefox' ? posix.join(e.home, m.linuxUser) : posix.join(xdgConfig(e), m.linuxUser);
  }
  if (scope === 'system') return m.macSystem;
  return posix.join(e.home, 'Library/Application Support', m.macUser);
}

/** Full registry key for the host on Windows, e.g. `HKCU\Software\Google\Chrome\NativeMessagingHosts\com.rdpdoctor.host`. */
export function registryKey(browser: Browser, scope: Scope, hostName: string): string {
  return `${scope === 'system' ? 'HKLM' : 'HKCU'}\\${browserRow(browser).manifests.winKey}\\${hostName}`;
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

/** Paths whose existence shows a snap or flatpak build of the browser (Linux only). */
export function sandboxTraces(browser: Browser, e: Env): Array<{ kind: 'snap' | 'flatpak'; path: string }> {
  const out: Array<{ kind: 'snap' | 'flatpak'; path: string }> = [];
  const { snap, flatpak } = browserRow(browser);
  if (snap) out.push({ kind: 'snap', path: posix.join(e.home, 'snap', snap) }, { kind: 'snap', path: `/snap/${snap}` });
  out.push({ kind: 'flatpak', path: posix.join(e.home, '.var/app', flatpak) });
  out.push({ kind: 'flatpak', path: `/var/lib/flatpak/app/${flatpak}` });
  return out;
}

const policies = (k: 'linux' | 'win' | 'mac') =>
  Object.fromEntries(
    BROWSERS.flatMap((b) => {
      const p = browserRow(b).policy;
      return p ? [[b, p[k]]] : [];
    }),
  ) as Partial<Record<Browser, string>>;

/** Folders holding managed policy JSON files for Chromium-family browsers on Linux. */
export const LINUX_POLICY_DIRS = policies('linux');
/** Windows policy keys (HKLM and HKCU) for Chromium-family browsers. */
export const WIN_POLICY_KEYS = policies('win');
/** macOS managed-preferences files (XML or binary plist) for Chromium-family browsers. */
export const MAC_POLICY_FILES = policies('mac');

/** The browser's own per-user folder on Linux/macOS (its existence suggests the browser is used). */
export function profileTrace(browser: Browser, os: 'linux' | 'darwin', e: Env): string {
  return posix.dirname(manifestDir(browser, os, 'user', e));
}

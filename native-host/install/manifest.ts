/**
 * The host manifest and the launcher script the browser starts. Pure text builders.
 *
 * Chromium-family manifests list `allowed_origins` (`chrome-extension://<id>/`, no wildcards);
 * Firefox manifests list `allowed_extensions` (add-on ids). The `name` must equal the file name
 * without `.json` and the Windows registry key name. On Linux and macOS `path` must be absolute;
 * browsers start it with a minimal environment, so the launcher names `node` by absolute path.
 */
import { HOST_NAME } from '../../shared/protocol/messages.js';
import { FIREFOX_EXTENSION_ID, STORE_EXTENSION_IDS } from '../../shared/protocol/release.js';
import type { Browser, OS } from './locations.js';
import { family } from './locations.js';

export { FIREFOX_EXTENSION_ID };
/** Environment variable with extra store ids, comma-separated (Chrome Web Store, Edge Add-ons, AMO). */
export const EXTENSION_IDS_ENV = 'RDP_DOCTOR_EXTENSION_IDS';

export const MANIFEST_DESCRIPTION = 'RDP Doctor helper: checks Remote Desktop servers for the RDP Doctor extension';

const CHROMIUM_ID = /^[a-p]{32}$/;
/** Gecko ids: an email-like id or a GUID in braces (MDN, browser_specific_settings). */
const GECKO_ID =
  /^(?:[A-Za-z0-9._+-]{1,80}@[A-Za-z0-9.-]{1,80}|\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\})$/;

export interface ExtensionIds {
  chromium: string[];
  firefox: string[];
}

/**
 * The ids a manifest allows: the published store ids, the ids given, and — only when a development
 * install asks for it — this checkout's development id (see dev-key.ts). Bad ids come back
 * separately so the command can refuse them with a clear message.
 */
export function collectExtensionIds(
  extra: readonly string[],
  devId: string | null = null,
): { ids: ExtensionIds; invalid: string[] } {
  const ids: ExtensionIds = { chromium: [...STORE_EXTENSION_IDS.chromium], firefox: [...STORE_EXTENSION_IDS.firefox] };
  const invalid: string[] = [];
  for (const raw of devId ? [...extra, devId] : extra) {
    const id = raw.trim();
    if (id === '') continue;
    if (CHROMIUM_ID.test(id)) {
      if (!ids.chromium.includes(id)) ids.chromium.push(id);
    } else if (GECKO_ID.test(id)) {
      if (!ids.firefox.includes(id)) ids.firefox.push(id);
    } else invalid.push(id);
  }
  return { ids, invalid };
}

export interface ChromiumManifest {
  name: string;
  description: string;
  path: string;
  type: 'stdio';
  allowed_origins: string[];
}

export interface FirefoxManifest {
  name: string;
  description: string;
  path: string;
  type: 'stdio';
  allowed_extensions: string[];
}

export type HostManifest = ChromiumManifest | FirefoxManifest;

export function buildManifest(browser: Browser, launcherPath: string, ids: ExtensionIds): HostManifest {
  const base = { name: HOST_NAME, description: MANIFEST_DESCRIPTION, path: launcherPath, type: 'stdio' as const };
  return family(browser) === 'firefox'
    ? { ...base, allowed_extensions: [...ids.firefox] }
    : { ...base, allowed_origins: ids.chromium.map((id) => `chrome-extension://${id}/`) };
}

export function launcherFileName(os: OS): string {
  return os === 'win32' ? 'rdp-doctor-host.cmd' : 'rdp-doctor-host';
}

/** Marker line that identifies a launcher written by us (used by `status`). */
export const LAUNCHER_MARKER = 'RDP Doctor native helper launcher';

/** Why a path cannot go into a launcher, or null. */
export function unsafeLauncherPath(p: string, os: OS): string | null {
  if (/[\r\n\0]/.test(p)) return 'contains a line break or NUL';
  if (os === 'win32' && /["%^&|<>!]/.test(p)) return 'contains a character cmd.exe would interpret (" % ^ & | < > !)';
  return null;
}

/**
 * The launcher script. POSIX: `exec '<node>' '<host.mjs>' "$@"` (single-quoted, so no expansion);
 * Windows: a `.cmd` that runs node with the script and passes the browser's arguments on.
 * `hostScript` null means `node` is itself the helper (a single-file build).
 */
export function launcherText(os: OS, nodePath: string, hostScript: string | null): string {
  for (const p of [nodePath, hostScript]) {
    if (p === null) continue;
    const bad = unsafeLauncherPath(p, os);
    if (bad) throw new Error(`cannot write a launcher for "${p}": the path ${bad}`);
  }
  if (os === 'win32') {
    const target = hostScript === null ? `"${nodePath}"` : `"${nodePath}" "${hostScript}"`;
    return [
      `@echo off`,
      `rem ${LAUNCHER_MARKER} (written by "rdp-doctor host install"; do not edit)`,
      `${target} %*`,
      '',
    ].join('\r\n');
  }
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const target = hostScript === null ? q(nodePath) : `${q(nodePath)} ${q(hostScript)}`;
  return [
    '#!/bin/sh',
    `# ${LAUNCHER_MARKER} (written by "rdp-doctor host install"; do not edit)`,
    `exec ${target} "$@"`,
    '',
  ].join('\n');
}

/** Read back the programs a launcher we wrote starts (for `status`); null if it is not ours. */
export function parseLauncher(text: string): { node: string; hostScript: string | null } | null {
  if (!text.includes(LAUNCHER_MARKER)) return null;
  const posix = /^exec '((?:[^']|'\\'')*)'(?: '((?:[^']|'\\'')*)')? "\$@"$/m.exec(text);
  if (posix) {
    const un = (s: string) => s.replace(/'\\''/g, "'");
    return { node: un(posix[1]!), hostScript: posix[2] === undefined ? null : un(posix[2]) };
  }
  const win = /^"([^"]+)"(?: "([^"]+)")? %\*\r?$/m.exec(text);
  if (win) return { node: win[1]!, hostScript: win[2] ?? null };
  return null;
}

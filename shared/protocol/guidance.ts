/**
 * What to tell a person when the helper cannot be reached: each browser error string and each
 * handshake outcome maps to a stable code and to `{code, title, explanation, command}` with the exact
 * command for their browser and operating system. Pure and table-tested.
 *
 * Browser strings: Chromium's native-messaging errors (developer.chrome.com/docs/extensions/develop/concepts/native-messaging,
 * "Debugging native messaging"); Firefox reports `No such native application <name>` when no manifest
 * matches, `An unexpected error occurred` when the helper exits, and `Attempt to postMessage on
 * disconnected port` when a message is sent after the port closed (MDN "Native messaging", Troubleshooting).
 */

import { BROWSER_NAMES, BROWSER_TABLE, type Browser } from './browsers.js';
import type { ProtocolErrorCode } from './errors.js';
import { PROTOCOL_ERROR_MESSAGES } from './errors.js';
import { HOST_NAME } from './messages.js';
import { npmPackageFile, STORE_EXTENSION_IDS, singleExecutableFile } from './release.js';

export type GuidanceBrowser = Browser;
export type GuidanceOS = 'linux' | 'mac' | 'win' | 'other';

export interface GuidanceContext {
  browser: GuidanceBrowser;
  os: GuidanceOS;
  /** This extension's id, for an exact `--extension-id` when the manifest does not allow it. */
  extensionId?: string;
  /** This extension's version: the release whose helper files to name (absent: name no files). */
  version?: string;
  /** A development build from a checkout (its manifest carries the checkout's `key`). */
  development?: boolean;
}

export interface Guidance {
  code: ProtocolErrorCode;
  title: string;
  explanation: string;
  /** The one command that fixes it, for this browser and OS (absent when no command helps). */
  command?: string;
  /** A command that shows what exactly is wrong, when the fix depends on it. */
  diagnose?: string;
  /**
   * For a browser running with its own profile (started with `--user-data-dir`): the registration
   * inside that profile, and how to find the folder to put in place of `DIR`.
   */
  profile?: { command: string; howToFind: string };
}

const extensionsPage = (b: GuidanceBrowser): string => BROWSER_TABLE[b].extensionsPage;

/** Normalises `runtime.getPlatformInfo().os` ("mac", "win", "linux", …) or Node's `process.platform`. */
export function normalizeOS(os: string | undefined): GuidanceOS {
  switch (os) {
    case 'linux':
    case 'openbsd':
    case 'freebsd':
      return 'linux';
    case 'mac':
    case 'darwin':
      return 'mac';
    case 'win':
    case 'win32':
      return 'win';
    default:
      return 'other';
  }
}

/**
 * Stable code for a browser's native-messaging error text. `beforeHello` says whether the port
 * failed before the helper introduced itself: Firefox often disconnects with no error at all when no
 * manifest matches, which then means "not installed".
 */
export function classifyBrowserError(message: string | null | undefined, beforeHello: boolean): ProtocolErrorCode {
  const m = (message ?? '').trim();
  if (
    /Specified native messaging host not found|No such native application|Invalid native messaging host name|is not registered/i.test(
      m,
    )
  ) {
    return 'host-not-found';
  }
  if (/native messaging host is forbidden/i.test(m)) return 'host-forbidden';
  if (/Failed to start native messaging host/i.test(m)) return 'host-failed-to-start';
  if (/Error when communicating with the native messaging host/i.test(m)) return 'host-communication-error';
  if (/exceeds the limit|too large/i.test(m)) return 'response-too-large';
  if (/Native host has exited/i.test(m)) return 'host-exited';
  if (m === '' || /disconnected port|unexpected error/i.test(m)) return beforeHello ? 'host-not-found' : 'host-exited';
  return 'host-exited';
}

function cli(args: string): string {
  return `rdp-doctor ${args}`;
}

/** `--dev` for a development build; `--extension-id` for a store copy whose id is not published yet. */
function idOption(ctx: GuidanceContext): string {
  if (ctx.development) return ' --dev';
  if (!ctx.extensionId) return '';
  const published = ctx.browser === 'firefox' ? STORE_EXTENSION_IDS.firefox : STORE_EXTENSION_IDS.chromium;
  return published.includes(ctx.extensionId) ? '' : ` --extension-id ${ctx.extensionId}`;
}

function installCommand(ctx: GuidanceContext, extra = idOption(ctx)): string {
  return cli(`host install --browser ${ctx.browser}${extra}`);
}

/**
 * The one command that installs the helper from the release files and registers it, for this OS.
 * Linux: the single executable (no Node.js needed), copied to ~/.local/bin where it stays.
 * macOS and Windows: the npm package (Node.js ≥ 20.19), in the folder it was downloaded to.
 * A development build registers from its checkout instead.
 */
export function releaseInstallCommand(ctx: GuidanceContext): string {
  const register = `host install --browser ${ctx.browser}${idOption(ctx)}`;
  if (ctx.development || !ctx.version) return cli(register);
  if (ctx.os === 'linux') {
    const file = singleExecutableFile(ctx.version, 'linux');
    return `install -D -m 755 ${file} ~/.local/bin/rdp-doctor && ~/.local/bin/rdp-doctor ${register}`;
  }
  const pkg = ctx.os === 'win' ? `.\\${npmPackageFile(ctx.version)}` : `./${npmPackageFile(ctx.version)}`;
  return `npm install -g ${pkg} && ${cli(register)}`;
}

/** Where the release's helper comes from, in words, for this OS. */
function releaseSource(ctx: GuidanceContext): string {
  if (ctx.development) return ' Run the command in the RDP Doctor checkout this build came from.';
  if (!ctx.version) return '';
  return ctx.os === 'linux'
    ? ` Download ${singleExecutableFile(ctx.version, 'linux')} from the RDP Doctor ${ctx.version} release, then run this in the folder you saved it to (no Node.js needed).`
    : ` Download ${npmPackageFile(ctx.version)} from the RDP Doctor ${ctx.version} release and install Node.js 20.19 or later, then run this in ${ctx.os === 'win' ? 'a Command Prompt' : 'a terminal'} in the folder you saved it to.`;
}

/** Registration inside a browser profile of its own (Chromium family on Linux and macOS only). */
function profileGuidance(ctx: GuidanceContext): Guidance['profile'] {
  if (ctx.browser === 'firefox' || (ctx.os !== 'linux' && ctx.os !== 'mac')) return undefined;
  const page = extensionsPage(ctx.browser).replace('/extensions', '/version');
  return {
    command: cli(`host install --browser ${ctx.browser} --user-data-dir "DIR"${idOption(ctx)}`),
    howToFind: `If ${BROWSER_NAMES[ctx.browser]} was started with its own profile (--user-data-dir, as test and development set-ups do), it looks for helpers only inside it. Extensions cannot read the profile folder: open ${page}, take "Profile Path" and drop its last part (such as /Default) — that folder is DIR.`,
  };
}

/**
 * Where Firefox looks for the helper's registration (MDN "Native manifests": per-user locations).
 * Said in the guidance so a person can see whether the file is there.
 */
function firefoxManifestPlace(ctx: GuidanceContext): string {
  if (ctx.browser !== 'firefox') return '';
  const where =
    ctx.os === 'win'
      ? `the registry key HKEY_CURRENT_USER\\Software\\Mozilla\\NativeMessagingHosts\\${HOST_NAME}`
      : ctx.os === 'mac'
        ? `~/Library/Application Support/Mozilla/NativeMessagingHosts/${HOST_NAME}.json`
        : `~/.mozilla/native-messaging-hosts/${HOST_NAME}.json`;
  return ` Firefox looks for the registration in ${where}.`;
}

function statusCommand(ctx: GuidanceContext): string {
  return cli(`host status --browser ${ctx.browser}`);
}

type Words = Pick<Guidance, 'title' | 'explanation'>;

/** Codes whose remedy is registering the helper again (with the status command to see why): their words. */
const REREGISTER: Partial<Record<ProtocolErrorCode, (ctx: GuidanceContext, b: string) => Words>> = {
  'host-failed-to-start': (ctx, b) => ({
    title: `${b} found the helper but could not start it`,
    explanation:
      ctx.os === 'win'
        ? `${b} starts helpers through cmd.exe; a compatibility setting or policy that blocks cmd.exe, or a moved Node.js, stops it. Re-register the helper.`
        : 'The launcher is missing its execute permission, or its path is not absolute. Re-register the helper.',
  }),
  'host-exited': (ctx) => ({
    title: 'The helper stopped',
    explanation:
      ctx.os === 'win'
        ? 'The helper exited before it answered. Node.js or the RDP Doctor folder may have moved since it was registered; re-register it. If it keeps stopping, run the status command and include its output in a bug report.'
        : 'The helper exited before it answered: its launcher may have lost its execute permission, or Node.js or the RDP Doctor folder moved since it was registered. Re-register it; if it keeps stopping, run the status command and include its output in a bug report.',
  }),
  'host-communication-error': () => ({
    title: 'The browser could not read the helper',
    explanation:
      'Something other than the RDP Doctor helper answered, or it printed text where the browser expects messages. Re-register the helper from a current RDP Doctor.',
  }),
  'host-no-hello': () => ({
    title: 'The helper did not answer',
    explanation:
      "A program registered under the helper's name started but did not introduce itself in time. It may be an old or foreign program; re-register the RDP Doctor helper.",
  }),
  'response-too-large': () => badReply('response-too-large'),
  'invalid-response': () => badReply('invalid-response'),
};

function badReply(code: ProtocolErrorCode): Words {
  return {
    title: 'The helper sent a reply the extension could not use',
    explanation: `${PROTOCOL_ERROR_MESSAGES[code]} Update RDP Doctor; if it persists, report it with the output of the status command.`,
  };
}

/** Guidance for one code in this browser and OS. `detail` is the browser's or helper's own text. */
export function guidanceFor(code: ProtocolErrorCode, ctx: GuidanceContext, detail?: string): Guidance {
  const again = REREGISTER[code];
  if (again) {
    return {
      code,
      ...again(ctx, BROWSER_NAMES[ctx.browser]),
      command: installCommand(ctx),
      diagnose: statusCommand(ctx),
    };
  }
  switch (code) {
    case 'host-not-found':
      return notInstalled(ctx);
    case 'host-forbidden':
      return forbidden(ctx);
    case 'host-incompatible':
      return incompatible(ctx, detail);
    case 'unsupported-capability':
      return {
        code,
        title: 'This helper cannot do that yet',
        explanation: 'The helper is older than this feature. Update RDP Doctor and register the new helper.',
        command: installCommand(ctx),
      };
    default:
      return { code, title: 'The check could not run', explanation: PROTOCOL_ERROR_MESSAGES[code] };
  }
}

function notInstalled(ctx: GuidanceContext): Guidance {
  const b = BROWSER_NAMES[ctx.browser];
  const linuxSandbox =
    ctx.os === 'linux' && ctx.browser !== 'firefox'
      ? ` If ${b} was installed as a snap or Flatpak, it cannot start helpers at all; use a .deb/.rpm build.`
      : ctx.os === 'linux'
        ? ' Firefox installed as a snap asks for permission the first time; accept it.'
        : '';
  const profile = profileGuidance(ctx);
  return {
    code: 'host-not-found',
    title: `The RDP Doctor helper is not installed for ${b}`,
    explanation: `Explaining error codes works without it, but server checks need the helper. Install it and register it for ${b}, then try again.${releaseSource(ctx)}${firefoxManifestPlace(ctx)}${linuxSandbox}`,
    command: releaseInstallCommand(ctx),
    diagnose: statusCommand(ctx),
    ...(profile ? { profile } : {}),
  };
}

function forbidden(ctx: GuidanceContext): Guidance {
  return {
    code: 'host-forbidden',
    title: `The helper does not allow this copy of the extension`,
    explanation:
      `The helper is registered for ${BROWSER_NAMES[ctx.browser]}, but its list of allowed extensions does not include this one (store and development copies have different ids)` +
      (ctx.browser === 'edge' || ctx.browser === 'chrome'
        ? ', or an administrator policy (NativeMessagingBlocklist) blocks helpers.'
        : '.'),
    command: installCommand(
      ctx,
      ctx.development ? ' --dev' : ctx.extensionId ? ` --extension-id ${ctx.extensionId}` : '',
    ),
    diagnose: statusCommand(ctx),
  };
}

/** Which side is older decides what to update: the helper's own text says "update the extension" when it is the extension. */
function incompatible(ctx: GuidanceContext, detail: string | undefined): Guidance {
  const code = 'host-incompatible';
  const said = detail ?? PROTOCOL_ERROR_MESSAGES[code];
  return /update the extension/i.test(detail ?? '')
    ? {
        code,
        title: 'The extension is older than the helper',
        explanation: `${said} Update RDP Doctor on ${extensionsPage(ctx.browser)} (or reinstall it from the store).`,
      }
    : {
        code,
        title: 'The helper is older than the extension',
        explanation: `${said} Update RDP Doctor (the npm package or the checkout) and register the new helper.`,
        command: installCommand(ctx),
      };
}

/** Guidance for a browser error string (see {@link classifyBrowserError}). */
export function guidanceForBrowserError(
  message: string | null | undefined,
  beforeHello: boolean,
  ctx: GuidanceContext,
): Guidance {
  return guidanceFor(classifyBrowserError(message, beforeHello), ctx, message ?? undefined);
}

export type HandshakeOutcome =
  | { kind: 'no-hello'; timeoutMs: number }
  | { kind: 'invalid-hello' }
  | { kind: 'incompatible'; update: 'helper' | 'extension'; message: string };

/** Guidance for what happened during the handshake. */
export function guidanceForHandshake(outcome: HandshakeOutcome, ctx: GuidanceContext): Guidance {
  switch (outcome.kind) {
    case 'no-hello': {
      const g = guidanceFor('host-no-hello', ctx);
      return { ...g, explanation: `${g.explanation} (waited ${Math.round(outcome.timeoutMs / 1000)} s)` };
    }
    case 'invalid-hello':
      return guidanceFor('invalid-response', ctx);
    case 'incompatible':
      return guidanceFor(
        'host-incompatible',
        ctx,
        outcome.update === 'extension' && !/update the extension/i.test(outcome.message)
          ? `${outcome.message} Update the extension.`
          : outcome.message,
      );
  }
}

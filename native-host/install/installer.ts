/**
 * `rdp-doctor host install|uninstall`: writes (or removes) the launcher, the host manifest for each
 * browser and, on Windows, the registry key pointing at it.
 */
import { HOST_NAME } from '../../shared/protocol/messages.js';
import type { Exec } from '../exec/exec.js';
import type { Browser, OS, Scope } from './locations.js';
import { BROWSER_NAMES, dataDir, family, manifestDir, pathFor, registryKey } from './locations.js';
import { buildManifest, type ExtensionIds, launcherFileName, launcherText } from './manifest.js';
import { type InstallFs, Registry } from './system.js';

export interface InstallContext {
  os: OS;
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  fs: InstallFs;
  exec: Exec;
  /** Absolute path of the `node` binary the launcher starts (process.execPath). */
  nodePath: string;
  /** Absolute path of the bundled helper (dist/native-host/host.mjs); null for a single-file build. */
  hostScript: string | null;
}

export interface InstallOptions {
  browsers: readonly Browser[];
  scope: Scope;
  /** Write into DIR/NativeMessagingHosts/ (a browser started with --user-data-dir=DIR reads it). Linux/macOS, Chromium family. */
  userDataDir?: string;
  ids: ExtensionIds;
}

export interface Placement {
  browser: Browser;
  /** The manifest file. */
  manifestPath: string;
  /** Windows only: the registry key whose default value names the manifest. */
  registryKey?: string;
}

/** Where the manifest for `browser` goes under these options. */
export function placement(
  ctx: InstallContext,
  browser: Browser,
  opts: Pick<InstallOptions, 'scope' | 'userDataDir'>,
): Placement {
  const p = pathFor(ctx.os);
  const e = { home: ctx.home, env: ctx.env };
  if (opts.userDataDir) {
    return { browser, manifestPath: p.join(opts.userDataDir, 'NativeMessagingHosts', `${HOST_NAME}.json`) };
  }
  if (ctx.os === 'win32') {
    return {
      browser,
      manifestPath: p.join(dataDir('win32', opts.scope, e), `${HOST_NAME}.${family(browser)}.json`),
      registryKey: registryKey(browser, opts.scope, HOST_NAME),
    };
  }
  return { browser, manifestPath: p.join(manifestDir(browser, ctx.os, opts.scope, e), `${HOST_NAME}.json`) };
}

/** Where the launcher goes: beside the manifest for --user-data-dir, else in the helper's data folder. */
export function launcherPath(ctx: InstallContext, opts: Pick<InstallOptions, 'scope' | 'userDataDir'>): string {
  const p = pathFor(ctx.os);
  const dir = opts.userDataDir
    ? p.join(opts.userDataDir, 'NativeMessagingHosts')
    : dataDir(ctx.os, opts.scope, { home: ctx.home, env: ctx.env });
  return p.join(dir, launcherFileName(ctx.os));
}

export class InstallError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'InstallError';
  }
}

/** Refuse option combinations that cannot work, with the reason. */
export function checkOptions(
  ctx: InstallContext,
  opts: Pick<InstallOptions, 'browsers' | 'userDataDir' | 'scope'>,
): void {
  if (opts.userDataDir) {
    if (ctx.os === 'win32') {
      throw new InstallError(
        'On Windows, browsers find native helpers only through the registry; --user-data-dir cannot be used there.',
        2,
      );
    }
    if (opts.browsers.includes('firefox')) {
      throw new InstallError('Firefox has no per-profile helper folder; drop --user-data-dir for Firefox.', 2);
    }
    if (opts.scope === 'system') throw new InstallError('--user-data-dir and --system cannot be combined.', 2);
    if (!pathFor(ctx.os).isAbsolute(opts.userDataDir)) {
      throw new InstallError('--user-data-dir needs an absolute path.', 2);
    }
  }
}

function permissionHint(err: unknown, scope: Scope, os: OS): string {
  const c = (err as NodeJS.ErrnoException).code;
  if (c === 'EACCES' || c === 'EPERM') {
    return scope === 'system'
      ? os === 'win32'
        ? ' (system-wide install needs an administrator command prompt)'
        : ' (system-wide install needs root: run it with sudo)'
      : ' (permission denied)';
  }
  return '';
}

/** Install for each browser; returns the lines to print. Throws InstallError on failure. */
export async function install(ctx: InstallContext, opts: InstallOptions): Promise<string[]> {
  checkOptions(ctx, opts);
  const p = pathFor(ctx.os);
  const lines: string[] = [];
  const launcher = launcherPath(ctx, opts);
  let text: string;
  try {
    text = launcherText(ctx.os, ctx.nodePath, ctx.hostScript);
  } catch (err) {
    throw new InstallError((err as Error).message, 2);
  }
  try {
    await ctx.fs.mkdirp(p.dirname(launcher));
    await ctx.fs.writeFile(launcher, text, 0o755);
  } catch (err) {
    throw new InstallError(
      `Could not write the launcher ${launcher}: ${(err as Error).message}${permissionHint(err, opts.scope, ctx.os)}`,
      1,
    );
  }
  lines.push(`launcher: ${launcher}`);
  const registry = new Registry(ctx.exec);
  const keysDone = new Set<string>();
  for (const browser of opts.browsers) {
    const place = placement(ctx, browser, opts);
    const manifest = buildManifest(browser, launcher, opts.ids);
    try {
      await ctx.fs.mkdirp(p.dirname(place.manifestPath));
      await ctx.fs.writeFile(place.manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    } catch (err) {
      throw new InstallError(
        `Could not write ${place.manifestPath} for ${BROWSER_NAMES[browser]}: ${(err as Error).message}${permissionHint(err, opts.scope, ctx.os)}`,
        1,
      );
    }
    if (place.registryKey && !keysDone.has(place.registryKey)) {
      const r = await registry.setDefault(place.registryKey, place.manifestPath);
      if (!r.ok) {
        throw new InstallError(
          `reg.exe could not write ${place.registryKey}: ${r.detail || 'unknown error'}${opts.scope === 'system' ? ' (HKLM needs an administrator command prompt)' : ''}`,
          1,
        );
      }
      keysDone.add(place.registryKey);
    }
    lines.push(
      `${BROWSER_NAMES[browser]}: ${place.manifestPath}${place.registryKey ? ` (registered at ${place.registryKey})` : ''}`,
    );
  }
  return lines;
}

/** Remove the manifests (and registry keys) for each browser; the launcher too when `removeLauncher`. */
export async function uninstall(
  ctx: InstallContext,
  opts: Omit<InstallOptions, 'ids'> & { removeLauncher: boolean },
): Promise<string[]> {
  checkOptions(ctx, opts);
  const lines: string[] = [];
  const registry = new Registry(ctx.exec);
  const keysDone = new Set<string>();
  const filesDone = new Set<string>();
  for (const browser of opts.browsers) {
    const place = placement(ctx, browser, opts);
    try {
      if (!filesDone.has(place.manifestPath)) {
        filesDone.add(place.manifestPath);
        if (await ctx.fs.remove(place.manifestPath)) lines.push(`removed ${place.manifestPath}`);
      }
      if (place.registryKey && !keysDone.has(place.registryKey)) {
        keysDone.add(place.registryKey);
        if (await registry.deleteKey(place.registryKey)) lines.push(`removed ${place.registryKey}`);
      }
    } catch (err) {
      throw new InstallError(
        `Could not remove ${place.manifestPath}: ${(err as Error).message}${permissionHint(err, opts.scope, ctx.os)}`,
        1,
      );
    }
  }
  if (opts.removeLauncher) {
    const launcher = launcherPath(ctx, opts);
    if (await ctx.fs.remove(launcher)) lines.push(`removed ${launcher}`);
  }
  if (lines.length === 0) lines.push('nothing to remove: the helper was not registered there');
  return lines;
}

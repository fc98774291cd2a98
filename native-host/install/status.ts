/**
 * `rdp-doctor host status`: finds what stops a browser from starting the helper — missing, stale or
 * duplicate manifests, wrong paths, a launcher that is missing or not executable, snap/flatpak
 * browsers, and policies that disable per-user helpers — and names the fix for each.
 */
import { HOST_NAME } from '../../shared/protocol/messages.js';
import { type InstallContext, launcherPath, placement } from './installer.js';
import type { Browser, Scope } from './locations.js';
import {
  BROWSER_NAMES,
  family,
  LINUX_POLICY_DIRS,
  MAC_POLICY_FILES,
  pathFor,
  profileTrace,
  registryKey,
  sandboxTraces,
  WIN_POLICY_KEYS,
} from './locations.js';
import { parseLauncher } from './manifest.js';
import { Registry } from './system.js';

/** Stable problem codes of `host status`. Append-only. */
export const STATUS_CODES = [
  'not-installed',
  'manifest-invalid',
  'manifest-name-mismatch',
  'launcher-relative-path',
  'launcher-missing',
  'launcher-not-executable',
  'launcher-target-missing',
  'stale-manifest',
  'duplicate-manifest',
  'origin-missing',
  'snap-browser',
  'flatpak-browser',
  'policy-blocks-user-hosts',
  'policy-blocklist',
  'registry-file-missing',
] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

export interface Problem {
  code: StatusCode;
  severity: 'fail' | 'warn' | 'info';
  browser: Browser;
  message: string;
  /** What to do, usually one command. */
  fix: string;
}

export interface Registration {
  browser: Browser;
  scope: Scope | 'user-data-dir';
  manifestPath: string;
  registryKey?: string;
  /** The launcher the manifest names (when readable). */
  launcher?: string;
}

export interface StatusReport {
  registrations: Registration[];
  problems: Problem[];
}

export interface StatusOptions {
  browsers: readonly Browser[];
  /** True when the user named the browsers (a missing registration is then a failure, not a note). */
  explicit: boolean;
  userDataDir?: string;
  /** Extension ids the manifest must allow. */
  requiredIds: { chromium: string[]; firefox: string[] };
}

function installCmd(browser: Browser, scope: Scope | 'user-data-dir', userDataDir?: string): string {
  const base = `rdp-doctor host install --browser ${browser}`;
  if (scope === 'system') return `${base} --system`;
  if (scope === 'user-data-dir' && userDataDir) return `${base} --user-data-dir "${userDataDir}"`;
  return base;
}

export async function status(ctx: InstallContext, opts: StatusOptions): Promise<StatusReport> {
  const report: StatusReport = { registrations: [], problems: [] };
  const registry = new Registry(ctx.exec);
  for (const browser of opts.browsers) {
    const add = (p: Omit<Problem, 'browser'>) => report.problems.push({ ...p, browser });
    report.registrations.push(...(await browserStatus({ ctx, opts, registry, browser, add })));
  }
  return report;
}

/** What every step of one browser's status needs; `add` files a problem under the browser. */
interface Look {
  ctx: InstallContext;
  opts: StatusOptions;
  registry: Registry;
  browser: Browser;
  add: (p: Omit<Problem, 'browser'>) => void;
}

/** One manifest found for a browser in one scope, while its checks run. */
interface Found {
  scope: Scope | 'user-data-dir';
  manifestPath: string;
  /** "Chrome (user)", the prefix of each problem's message. */
  where: string;
  fix: string;
}

/** One browser: each scope's registration and its problems, then duplicates, sandbox, absence and policy. */
async function browserStatus(look: Look): Promise<Registration[]> {
  const { ctx, opts, browser, add } = look;
  const found: Registration[] = [];
  const scopes: Array<Scope | 'user-data-dir'> =
    opts.userDataDir && family(browser) === 'chromium' ? ['user-data-dir'] : ['user', 'system'];
  for (const scope of scopes) {
    const reg = await scopeStatus(look, scope);
    if (reg) found.push(reg);
  }
  if (found.length > 1) add(duplicateProblem(browser, found));
  const sandbox = ctx.os === 'linux' ? await detectSandbox(ctx, browser) : null;
  if (sandbox) add(sandbox);
  if (found.length === 0) add(await notInstalledProblem(ctx, opts, browser));
  const policy = await detectPolicy(ctx, look.registry, browser);
  if (policy) add(policy);
  return found;
}

/** The registration of one scope (null when there is none) after checking its manifest and launcher. */
async function scopeStatus(look: Look, scope: Scope | 'user-data-dir'): Promise<Registration | null> {
  const { ctx, opts, browser } = look;
  const located = await locateManifest(look, scope);
  if (!located) return null;
  const { manifestPath, registryKey } = located;
  const text = await ctx.fs.readFile(manifestPath);
  if (text === null) return null;
  const reg: Registration = { browser, scope, manifestPath };
  if (registryKey) reg.registryKey = registryKey;
  const where = `${BROWSER_NAMES[browser]} (${scope === 'user-data-dir' ? 'profile' : scope})`;
  const f: Found = { scope, manifestPath, where, fix: installCmd(browser, scope, opts.userDataDir) };
  const manifest = parseManifest(look, f, text);
  if (!manifest) return reg;
  checkManifest(look, f, manifest);
  if (typeof manifest.path !== 'string' || manifest.path === '') {
    look.add({
      code: 'manifest-invalid',
      severity: 'fail',
      message: `${where}: ${manifestPath} has no "path".`,
      fix: f.fix,
    });
    return reg;
  }
  reg.launcher = manifest.path;
  await checkLauncher(look, f, manifest.path);
  return reg;
}

/**
 * Where the browser reads the scope's manifest: the fixed path, or on Windows the file the registry
 * names (Edge falls back to the Chromium and then the Chrome key of the same hive, first hit wins).
 * Null when nothing is registered there, or when the named file is gone (a problem then says so).
 */
async function locateManifest(
  look: Look,
  scope: Scope | 'user-data-dir',
): Promise<{ manifestPath: string; registryKey?: string } | null> {
  const { ctx, opts, browser, registry } = look;
  const place =
    scope === 'user-data-dir'
      ? placement(ctx, browser, { scope: 'user', userDataDir: opts.userDataDir! })
      : placement(ctx, browser, { scope });
  if (!place.registryKey) return { manifestPath: place.manifestPath };
  let key = place.registryKey;
  let value = await registry.getDefault(key);
  if (value === null && browser === 'edge' && scope !== 'user-data-dir') {
    for (const other of ['chromium', 'chrome'] as const) {
      const otherKey = registryKey(other, scope, HOST_NAME);
      value = await registry.getDefault(otherKey);
      if (value !== null) {
        key = otherKey;
        break;
      }
    }
  }
  if (value === null) return null;
  if (!(await ctx.fs.exists(value))) {
    look.add({
      code: 'registry-file-missing',
      severity: 'fail',
      message: `${key} names ${value}, which does not exist.`,
      fix: installCmd(browser, scope),
    });
    return null;
  }
  return { manifestPath: value, registryKey: key };
}

/** The manifest as a JSON object, or null (with a problem) when the browser would ignore it. */
function parseManifest(look: Look, f: Found, text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    look.add({
      code: 'manifest-invalid',
      severity: 'fail',
      message: `${f.where}: ${f.manifestPath} is not valid JSON, so the browser ignores it.`,
      fix: f.fix,
    });
    return null;
  }
}

/** The manifest's host name, type and the extensions it lets in. */
function checkManifest(look: Look, f: Found, manifest: Record<string, unknown>): void {
  const { opts, browser } = look;
  if (manifest.name !== HOST_NAME) {
    look.add({
      code: 'manifest-name-mismatch',
      severity: 'fail',
      message: `${f.where}: ${f.manifestPath} names the host "${String(manifest.name)}"; it must be "${HOST_NAME}".`,
      fix: f.fix,
    });
  }
  const listKey = family(browser) === 'firefox' ? 'allowed_extensions' : 'allowed_origins';
  const list = Array.isArray(manifest[listKey]) ? (manifest[listKey] as unknown[]) : [];
  const required =
    family(browser) === 'firefox'
      ? opts.requiredIds.firefox
      : opts.requiredIds.chromium.map((id) => `chrome-extension://${id}/`);
  const missing = required.filter((r) => !list.includes(r));
  if (missing.length > 0 || manifest.type !== 'stdio') {
    look.add({
      code: 'origin-missing',
      severity: 'fail',
      message: `${f.where}: ${f.manifestPath} does not let ${missing.join(', ') || 'the extension'} use the helper ("${listKey}"${manifest.type !== 'stdio' ? ', "type" must be "stdio"' : ''}); the browser answers "Access to the specified native messaging host is forbidden."`,
      fix: f.fix,
    });
  }
}

/** The launcher the manifest names: absolute, present, executable, starting what exists, and this installation's. */
async function checkLauncher(look: Look, f: Found, launcher: string): Promise<void> {
  const { ctx, add } = look;
  const p = pathFor(ctx.os);
  if (!p.isAbsolute(launcher) && ctx.os !== 'win32') {
    add({
      code: 'launcher-relative-path',
      severity: 'fail',
      message: `${f.where}: "path" is relative (${launcher}); on Linux and macOS it must be absolute.`,
      fix: f.fix,
    });
    return;
  }
  const launcherAbs = p.isAbsolute(launcher) ? launcher : p.join(p.dirname(f.manifestPath), launcher);
  if (!(await ctx.fs.exists(launcherAbs))) {
    add({
      code: 'launcher-missing',
      severity: 'fail',
      message: `${f.where}: the launcher ${launcherAbs} does not exist; the browser answers "Specified native messaging host not found."`,
      fix: f.fix,
    });
    return;
  }
  if (ctx.os !== 'win32' && !(await ctx.fs.isExecutable(launcherAbs))) {
    add({
      code: 'launcher-not-executable',
      severity: 'fail',
      message: `${f.where}: the launcher ${launcherAbs} is not executable; the browser answers "Failed to start native messaging host."`,
      fix: `chmod +x "${launcherAbs}"   (or: ${f.fix})`,
    });
  }
  const parsedLauncher = parseLauncher((await ctx.fs.readFile(launcherAbs)) ?? '');
  for (const target of parsedLauncher ? [parsedLauncher.node, parsedLauncher.hostScript] : []) {
    if (target !== null && !(await ctx.fs.exists(target))) {
      add({
        code: 'launcher-target-missing',
        severity: 'fail',
        message: `${f.where}: the launcher starts ${target}, which no longer exists (moved or uninstalled); the browser answers "Native host has exited."`,
        fix: f.fix,
      });
    }
  }
  const scope = f.scope === 'user-data-dir' ? 'user' : f.scope;
  const expected = launcherPath(
    ctx,
    scope === 'user' && look.opts.userDataDir ? { scope, userDataDir: look.opts.userDataDir } : { scope },
  );
  if (
    launcherAbs !== expected ||
    (parsedLauncher && parsedLauncher.hostScript !== ctx.hostScript && ctx.hostScript !== null)
  ) {
    add({
      code: 'stale-manifest',
      severity: 'warn',
      message: `${f.where}: ${f.manifestPath} points at ${launcherAbs}${parsedLauncher?.hostScript ? ` (helper ${parsedLauncher.hostScript})` : ''}, not at this installation${ctx.hostScript ? ` (${ctx.hostScript})` : ''}.`,
      fix: f.fix,
    });
  }
}

/** A per-user and a system-wide registration of the same browser. */
function duplicateProblem(browser: Browser, found: readonly Registration[]): Omit<Problem, 'browser'> {
  const [a, b] = found;
  const differ = a!.launcher !== b!.launcher;
  return {
    code: 'duplicate-manifest',
    severity: differ ? 'warn' : 'info',
    message: `${BROWSER_NAMES[browser]} has both a per-user (${a!.manifestPath}) and a system-wide (${b!.manifestPath}) registration${differ ? ' that start different launchers; only one of them is used' : ''}.`,
    fix: differ
      ? `remove one: rdp-doctor host uninstall --browser ${browser}${a!.scope === 'system' ? ' --system' : ''}`
      : 'nothing to do',
  };
}

/** No registration: a failure when the user named the browser or it is used here, else a note. */
async function notInstalledProblem(
  ctx: InstallContext,
  opts: StatusOptions,
  browser: Browser,
): Promise<Omit<Problem, 'browser'>> {
  const env = { home: ctx.home, env: ctx.env };
  const seen = ctx.os === 'win32' || opts.userDataDir ? true : await ctx.fs.exists(profileTrace(browser, ctx.os, env));
  const profile = opts.userDataDir && family(browser) === 'chromium';
  return {
    code: 'not-installed',
    severity: opts.explicit || seen ? 'fail' : 'info',
    message: `${BROWSER_NAMES[browser]}: the helper is not registered${profile ? ` in ${opts.userDataDir}` : ''}; the extension will say "Specified native messaging host not found."${seen || opts.explicit ? '' : ' (this browser does not seem to be used here)'}`,
    fix: installCmd(browser, profile ? 'user-data-dir' : 'user', opts.userDataDir),
  };
}

async function detectSandbox(ctx: InstallContext, browser: Browser): Promise<Omit<Problem, 'browser'> | null> {
  for (const t of sandboxTraces(browser, { home: ctx.home, env: ctx.env })) {
    if (!(await ctx.fs.exists(t.path))) continue;
    if (t.kind === 'snap' && browser === 'firefox') {
      return {
        code: 'snap-browser',
        severity: 'warn',
        message: `Firefox is installed as a snap (${t.path}). It starts native helpers only through the desktop's WebExtensions portal (Ubuntu 22.04 and later), which asks for permission the first time.`,
        fix: `accept the permission prompt, or run: flatpak permission-set webextensions ${HOST_NAME} snap.firefox yes`,
      };
    }
    if (t.kind === 'snap') {
      return {
        code: 'snap-browser',
        severity: 'fail',
        message: `${BROWSER_NAMES[browser]} is installed as a snap (${t.path}); snap-packaged Chromium browsers cannot start native helpers at all, so checks cannot run from it.`,
        fix: `use a non-snap build (for example Google Chrome's .deb, or Firefox), then: rdp-doctor host install --browser ${browser === 'chromium' ? 'chrome' : browser}. The "rdp-doctor check" command works without the browser.`,
      };
    }
    return {
      code: 'flatpak-browser',
      severity: 'fail',
      message: `${BROWSER_NAMES[browser]} is installed as a Flatpak (${t.path}); its sandbox cannot start programs outside it, so the helper cannot run from it.`,
      fix: `use a non-Flatpak build of the browser, or run the checks with the command line: rdp-doctor check <server>`,
    };
  }
  return null;
}

/** What a browser's administrator policies say about native helpers, and where it was read. */
interface PolicyState {
  userLevel: boolean | null;
  blocklist: string[];
  allowlist: string[];
  source: string;
}

async function detectPolicy(
  ctx: InstallContext,
  registry: Registry,
  browser: Browser,
): Promise<Omit<Problem, 'browser'> | null> {
  if (family(browser) !== 'chromium') return null;
  const policy =
    ctx.os === 'linux'
      ? await linuxPolicy(ctx, browser)
      : ctx.os === 'darwin'
        ? await macPolicy(ctx, browser)
        : await windowsPolicy(registry, browser);
  if (!policy) return null;
  const { userLevel, blocklist, allowlist, source } = policy;
  const blocked = (blocklist.includes('*') || blocklist.includes(HOST_NAME)) && !allowlist.includes(HOST_NAME);
  if (blocked) {
    return {
      code: 'policy-blocklist',
      severity: 'fail',
      message: `${BROWSER_NAMES[browser]}: an administrator policy (NativeMessagingBlocklist${source ? `, ${source}` : ''}) blocks native helpers, so the browser answers "Access to the specified native messaging host is forbidden."`,
      fix: `ask the administrator to add "${HOST_NAME}" to the NativeMessagingAllowlist policy`,
    };
  }
  if (userLevel === false) {
    return {
      code: 'policy-blocks-user-hosts',
      severity: 'fail',
      message: `${BROWSER_NAMES[browser]}: the NativeMessagingUserLevelHosts policy (${source}) is off, so per-user helper registrations are ignored.`,
      fix: `install system-wide instead (${ctx.os === 'win32' ? 'from an administrator command prompt' : 'with sudo'}): rdp-doctor host install --browser ${browser} --system`,
    };
  }
  return null;
}

/** Linux: the JSON policy files of the browser's managed-policy folder, in name order (later ones win). */
async function linuxPolicy(ctx: InstallContext, browser: Browser): Promise<PolicyState | null> {
  const dir = LINUX_POLICY_DIRS[browser];
  if (!dir) return null;
  const out: PolicyState = { userLevel: null, blocklist: [], allowlist: [], source: '' };
  for (const name of (await ctx.fs.list(dir)).filter((n) => n.endsWith('.json')).sort()) {
    const file = pathFor('linux').join(dir, name);
    try {
      const policy = JSON.parse((await ctx.fs.readFile(file)) ?? '{}') as Record<string, unknown>;
      if (typeof policy.NativeMessagingUserLevelHosts === 'boolean') {
        out.userLevel = policy.NativeMessagingUserLevelHosts;
        out.source = file;
      }
      if (Array.isArray(policy.NativeMessagingBlocklist)) out.blocklist = policy.NativeMessagingBlocklist.map(String);
      if (Array.isArray(policy.NativeMessagingAllowlist)) out.allowlist = policy.NativeMessagingAllowlist.map(String);
      if (out.blocklist.length > 0 && !out.source) out.source = file;
    } catch {
      // An unreadable policy file is the administrator's business; the browser ignores it too.
    }
  }
  return out;
}

/** macOS: the managed preferences plist turning per-user helpers off. */
async function macPolicy(ctx: InstallContext, browser: Browser): Promise<PolicyState> {
  const out: PolicyState = { userLevel: null, blocklist: [], allowlist: [], source: '' };
  const file = MAC_POLICY_FILES[browser];
  const text = file ? await ctx.fs.readFile(file) : null;
  if (text && /<key>NativeMessagingUserLevelHosts<\/key>\s*<false\s*\/>/.test(text)) {
    out.userLevel = false;
    out.source = file!;
  }
  return out;
}

/** Windows: the policy keys of both hives (machine, then user). */
async function windowsPolicy(registry: Registry, browser: Browser): Promise<PolicyState | null> {
  const key = WIN_POLICY_KEYS[browser];
  if (!key) return null;
  const out: PolicyState = { userLevel: null, blocklist: [], allowlist: [], source: '' };
  for (const root of ['HKLM', 'HKCU']) {
    const v = await registry.getValue(`${root}\\${key}`, 'NativeMessagingUserLevelHosts');
    if (v !== null && /^0x0+$/i.test(v)) {
      out.userLevel = false;
      out.source = `${root}\\${key}`;
    }
    out.blocklist.push(...(await registry.listValues(`${root}\\${key}\\NativeMessagingBlocklist`)));
    out.allowlist.push(...(await registry.listValues(`${root}\\${key}\\NativeMessagingAllowlist`)));
  }
  return out;
}

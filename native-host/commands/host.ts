/**
 * `rdp-doctor host install|uninstall|status`: registers the native helper with the browsers.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { isSea } from 'node:sea';
import { fileURLToPath } from 'node:url';
import { type Exec, realExec } from '../exec/exec.js';
import { DEV_KEY_FILE, readDevKey } from '../install/dev-key.js';
import { type InstallContext, InstallError, install, uninstall } from '../install/installer.js';
import { BROWSERS, type Browser, isBrowser, type OS, pathFor } from '../install/locations.js';
import { collectExtensionIds, EXTENSION_IDS_ENV } from '../install/manifest.js';
import { status } from '../install/status.js';
import { type InstallFs, nodeFs, writableByNonRoot } from '../install/system.js';
import type { Command, CommandIO } from './types.js';

const USAGE = `Usage: rdp-doctor host <install|uninstall|status> [options]

Registers the RDP Doctor helper (native-messaging host "com.rdpdoctor.host") with your browsers.

  install     write the launcher and the host manifest for each browser
  uninstall   remove them again
  status      find what stops a browser from starting the helper, with the fix for each problem

Options:
  --browser B         ${BROWSERS.join(', ')} or all (default: all);
                      repeat it or give a comma-separated list
  --user-data-dir DIR write into DIR/NativeMessagingHosts/ for a Chromium-family browser started
                      with --user-data-dir=DIR (Linux and macOS)
  --system            all users of this machine (needs sudo / an administrator prompt)
  --extension-id ID   also allow this extension id (a store copy's id shown by the extension, or a
                      Firefox add-on id); repeatable. Also read from ${EXTENSION_IDS_ENV} (comma-separated).
                      The published store ids are always allowed.
  --dev               also allow this checkout's development build (its id comes from the key in
                      ${DEV_KEY_FILE}, made by "npm run build"); only from a checkout
  --host-script PATH  the helper to start (default: the built dist/native-host/host.mjs)
  --executable PATH   a single-file helper (Node SEA build) to start directly, without node
  --json              status only: print the report as JSON

Exit codes: 0 ok; 1 install/uninstall failed; 2 usage error; 3 status found a problem that stops the helper.
`;

interface Parsed {
  action: 'install' | 'uninstall' | 'status';
  browsers: Browser[];
  explicit: boolean;
  userDataDir?: string;
  system: boolean;
  ids: string[];
  hostScript?: string;
  executable?: string;
  json: boolean;
  dev: boolean;
}

function parse(argv: string[]): Parsed | string {
  const [action, ...rest] = argv;
  if (action !== 'install' && action !== 'uninstall' && action !== 'status') {
    return action === undefined ? 'missing action' : `unknown action "${action}"`;
  }
  const out: Parsed = { action, browsers: [], explicit: false, system: false, ids: [], json: false, dev: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const eq = arg.indexOf('=');
    const [name, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
      return v;
    };
    try {
      switch (name) {
        case '--browser':
          for (const b of value().split(',')) {
            const t = b.trim().toLowerCase();
            if (t === 'all') out.browsers.push(...BROWSERS);
            else if (isBrowser(t)) out.browsers.push(t);
            else return `unknown browser "${b}" (use ${BROWSERS.join(', ')} or all)`;
          }
          out.explicit = true;
          break;
        case '--user-data-dir':
          out.userDataDir = value();
          break;
        case '--system':
          out.system = true;
          break;
        case '--extension-id':
          out.ids.push(value());
          break;
        case '--host-script':
          out.hostScript = value();
          break;
        case '--executable':
          out.executable = value();
          break;
        case '--json':
          out.json = true;
          break;
        case '--dev':
          out.dev = true;
          break;
        default:
          return `unknown option "${arg}"`;
      }
    } catch (err) {
      return (err as Error).message;
    }
  }
  if (out.browsers.length === 0) out.browsers = [...BROWSERS];
  if (out.userDataDir && !out.explicit) out.browsers = ['chromium'];
  out.browsers = [...new Set(out.browsers)];
  return out;
}

/** The bundled helper beside the bundled CLI, or dist/ when running from source. */
export function defaultHostScript(env: NodeJS.ProcessEnv): string | null {
  if (env.RDP_DOCTOR_HOST_SCRIPT) return env.RDP_DOCTOR_HOST_SCRIPT;
  if (isSea()) return null;
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'host.mjs'), join(here, '../../dist/native-host/host.mjs')];
  return candidates.find((c) => existsSync(c)) ?? null;
}

/** The checkout this command was built in (dist/native-host/ or native-host/commands/ → two levels up). */
function checkoutRoot(): string {
  if (isSea()) return process.cwd();
  return join(dirname(fileURLToPath(import.meta.url)), '../..');
}

export interface HostCommandDeps {
  /** Where to look for the development key (default: the checkout holding this file). */
  checkoutRoot?: string;
  os?: OS;
  /** Finds a part of a path someone other than root could change (tests use their own). */
  writableByNonRoot?: (path: string) => { path: string; why: string } | null;
  home?: string;
  fs?: InstallFs;
  exec?: Exec;
  nodePath?: string;
}

/** Builds the command; tests pass their own OS, home, file system and exec. */
export function makeHostCommand(deps: HostCommandDeps = {}): Command {
  return {
    name: 'host',
    usage: USAGE,
    async run(argv: string[], io: CommandIO): Promise<number> {
      const parsed = parse(argv);
      if (typeof parsed === 'string') {
        io.stderr.write(`rdp-doctor host: ${parsed}\n\n${USAGE}`);
        return 2;
      }
      const platform = deps.os ?? process.platform;
      if (platform !== 'linux' && platform !== 'darwin' && platform !== 'win32') {
        io.stderr.write(`rdp-doctor host: ${platform} is not supported (Linux, macOS and Windows are)\n`);
        return 2;
      }
      let devId: string | null = null;
      if (parsed.dev) {
        const key = readDevKey(deps.checkoutRoot ?? checkoutRoot());
        if (!key) {
          io.stderr.write(
            `rdp-doctor host: --dev needs a checkout with a development key (${DEV_KEY_FILE}); run "npm run build" in the checkout first. Store copies of the extension do not need --dev.\n`,
          );
          return 2;
        }
        devId = key.id;
      }
      const { ids, invalid } = collectExtensionIds(
        [...(io.env[EXTENSION_IDS_ENV] ?? '').split(','), ...parsed.ids],
        devId,
      );
      if (invalid.length > 0) {
        io.stderr.write(
          `rdp-doctor host: not an extension id: ${invalid.map((s) => JSON.stringify(s)).join(', ')} (Chromium ids are 32 letters a–p; Firefox ids look like name@domain or {GUID})\n`,
        );
        return 2;
      }
      const abs = (p: string) => pathFor(platform).resolve(p);
      if (parsed.userDataDir) parsed.userDataDir = abs(parsed.userDataDir);
      // The single executable registers itself unless told otherwise.
      const executable = parsed.executable
        ? abs(parsed.executable)
        : isSea() && !parsed.hostScript
          ? process.execPath
          : null;
      const script = executable ? null : (parsed.hostScript ?? defaultHostScript(io.env));
      const hostScript = script === null ? null : abs(script);
      const ctx: InstallContext = {
        os: platform,
        home: deps.home ?? io.env.HOME ?? io.env.USERPROFILE ?? homedir(),
        env: io.env,
        fs: deps.fs ?? nodeFs,
        exec: deps.exec ?? realExec,
        nodePath: executable ?? deps.nodePath ?? process.execPath,
        hostScript,
      };
      const scope = parsed.system ? 'system' : 'user';
      try {
        if (parsed.action === 'install') {
          if (executable) {
            if (!(await ctx.fs.isExecutable(executable))) {
              io.stderr.write(`rdp-doctor host: ${executable} is not an executable file\n`);
              return 1;
            }
          } else if (hostScript === null) {
            io.stderr.write(
              'rdp-doctor host: the helper is not built yet (dist/native-host/host.mjs is missing). Run "npm run build" first, or pass --host-script.\n',
            );
            return 1;
          }
          if (hostScript !== null && !(await ctx.fs.exists(hostScript))) {
            io.stderr.write(`rdp-doctor host: ${hostScript} does not exist\n`);
            return 1;
          }
          if (scope === 'system' && platform !== 'win32') {
            for (const file of [ctx.nodePath, hostScript]) {
              const risk = file === null ? null : (deps.writableByNonRoot ?? writableByNonRoot)(file);
              if (risk) {
                io.stderr.write(
                  `rdp-doctor host: warning: the launcher for all users starts ${file}, but ${risk.path} is ${risk.why}: whoever can change it can run code as every user who opens the browser. Install RDP Doctor somewhere only root can write (e.g. "sudo npm install -g rdp-doctor-<version>.tgz", or copy the single-file helper to /usr/local/bin) and register that.\n`,
                );
              }
            }
          }
          const lines = await install(ctx, { browsers: parsed.browsers, scope, userDataDir: parsed.userDataDir, ids });
          io.stdout.write(
            `Registered the RDP Doctor helper (${hostScript ?? executable}):\n${lines.map((l) => `  ${l}`).join('\n')}\n`,
          );
          io.stdout.write('Restart the browser if the extension still says the helper is missing.\n');
          return 0;
        }
        if (parsed.action === 'uninstall') {
          const lines = await uninstall(ctx, {
            browsers: parsed.browsers,
            scope,
            userDataDir: parsed.userDataDir,
            removeLauncher:
              !parsed.explicit || parsed.browsers.length === BROWSERS.length || Boolean(parsed.userDataDir),
          });
          io.stdout.write(`${lines.join('\n')}\n`);
          return 0;
        }
        const report = await status(ctx, {
          browsers: parsed.browsers,
          explicit: parsed.explicit,
          userDataDir: parsed.userDataDir,
          requiredIds: ids,
        });
        const failing = report.problems.filter((p) => p.severity === 'fail');
        if (parsed.json) {
          io.stdout.write(`${JSON.stringify({ hostScript, ...report }, null, 2)}\n`);
          return failing.length > 0 ? 3 : 0;
        }
        const out: string[] = [];
        out.push(`helper: ${hostScript ?? 'not built (run "npm run build")'}`);
        for (const r of report.registrations) {
          out.push(
            `found ${r.browser} (${r.scope}): ${r.registryKey ? `${r.registryKey} → ` : ''}${r.manifestPath}${r.launcher ? ` → ${r.launcher}` : ''}`,
          );
        }
        for (const p of report.problems) {
          out.push(`${p.severity.padEnd(5)} [${p.code}] ${p.message}`);
          out.push(`      fix: ${p.fix}`);
        }
        if (report.problems.length === 0) out.push('No problems found.');
        io.stdout.write(`${out.join('\n')}\n`);
        return failing.length > 0 ? 3 : 0;
      } catch (err) {
        if (err instanceof InstallError) {
          io.stderr.write(`rdp-doctor host: ${err.message}\n`);
          return err.exitCode;
        }
        throw err;
      }
    },
  };
}

export const hostCommand: Command = makeHostCommand();

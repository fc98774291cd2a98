import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORE_EXTENSION_IDS } from '../../shared/protocol/release.js';
import { captureIO, chrootFs, FakeRegistry, MemoryFs } from '../../test/host/install-fakes.js';
import { makeHostCommand } from '../commands/host.js';
import { ensureDevKey } from './dev-key.js';
import { nodeFs, writableByNonRoot } from './system.js';

const NODE = '/opt/node/bin/node';
const SCRIPT = '/opt/rdp-doctor/dist/native-host/host.mjs';
const HOME = '/home/ana';
/** What every install allows: the published store ids, nothing else unless asked. */
const STORE_ORIGINS = STORE_EXTENSION_IDS.chromium.map((id) => `chrome-extension://${id}/`);

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'rdp-doctor-install-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function run(
  os: 'linux' | 'darwin',
  argv: string[],
  env: Record<string, string> = {},
  checkoutRoot = join(root, 'no-checkout'),
) {
  const fs = chrootFs(root);
  await fs.mkdirp('/opt/rdp-doctor/dist/native-host');
  await fs.writeFile(SCRIPT, '// helper');
  const cmd = makeHostCommand({ os, home: HOME, fs, nodePath: NODE, checkoutRoot });
  const c = captureIO({ RDP_DOCTOR_HOST_SCRIPT: SCRIPT, ...env });
  const code = await cmd.run(argv, c.io, new AbortController().signal);
  return { code, out: c.out(), err: c.err(), fs };
}

const json = async (fs: ReturnType<typeof chrootFs>, p: string) => JSON.parse((await fs.readFile(p)) ?? 'null');

/** The `reg.exe add` that registers the helper's manifest `file` for a browser under `HKCU`/`HKLM\\Software\\<vendor>`. */
function regAdd(hive: 'HKCU' | 'HKLM', vendor: string, file: string): string[] {
  const key = `${hive}\\Software\\${vendor}\\NativeMessagingHosts\\com.rdpdoctor.host`;
  return ['reg.exe', 'add', key, '/ve', '/t', 'REG_SZ', '/d', file, '/f'];
}

describe('host install on Linux (temporary root)', () => {
  it('writes one manifest per browser in the documented folders and an executable launcher', async () => {
    const { code, fs } = await run('linux', ['install', '--browser', 'all']);
    expect(code).toBe(0);
    const launcher = '/home/ana/.local/share/rdp-doctor/rdp-doctor-host';
    const expected: Record<string, string> = {
      chrome: '/home/ana/.config/google-chrome/NativeMessagingHosts',
      chromium: '/home/ana/.config/chromium/NativeMessagingHosts',
      edge: '/home/ana/.config/microsoft-edge/NativeMessagingHosts',
      brave: '/home/ana/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts',
      vivaldi: '/home/ana/.config/vivaldi/NativeMessagingHosts',
    };
    for (const dir of Object.values(expected)) {
      expect(await json(fs, `${dir}/com.rdpdoctor.host.json`)).toEqual({
        name: 'com.rdpdoctor.host',
        description: expect.any(String),
        path: launcher,
        type: 'stdio',
        allowed_origins: STORE_ORIGINS,
      });
    }
    expect(await json(fs, '/home/ana/.mozilla/native-messaging-hosts/com.rdpdoctor.host.json')).toMatchObject({
      path: launcher,
      allowed_extensions: ['rdp-doctor@rdpdoctor.dev'],
    });
    expect(await fs.readFile(launcher)).toBe(
      `#!/bin/sh\n# RDP Doctor native helper launcher (written by "rdp-doctor host install"; do not edit)\nexec '${NODE}' '${SCRIPT}' "$@"\n`,
    );
    expect(statSync(join(root, launcher)).mode & 0o777).toBe(0o755);
  });

  it('allows the development id only with --dev, and only from a checkout that has its key', async () => {
    const manifestPath = '/home/ana/.config/chromium/NativeMessagingHosts/com.rdpdoctor.host.json';
    const plain = await run('linux', ['install', '--browser', 'chromium']);
    expect((await json(plain.fs, manifestPath)).allowed_origins).toEqual(STORE_ORIGINS);
    const noKey = await run('linux', ['install', '--browser', 'chromium', '--dev']);
    expect(noKey.code).toBe(2);
    expect(noKey.err).toMatch(/--dev needs a checkout with a development key/);
    const checkout = join(root, 'checkout');
    const key = ensureDevKey(checkout);
    expect(key.id).toMatch(/^[a-p]{32}$/);
    expect(ensureDevKey(checkout)).toEqual(key);
    expect(statSync(key.path).mode & 0o077).toBe(0);
    const dev = await run('linux', ['install', '--browser', 'chromium', '--dev'], {}, checkout);
    expect(dev.code).toBe(0);
    expect((await json(dev.fs, manifestPath)).allowed_origins).toEqual([
      ...STORE_ORIGINS,
      `chrome-extension://${key.id}/`,
    ]);
  });

  it('--system warns when the launcher for all users would start files a user can change', async () => {
    const fs = chrootFs(root);
    await fs.mkdirp('/opt/rdp-doctor/dist/native-host');
    await fs.writeFile(SCRIPT, '// helper');
    const seen: string[] = [];
    const cmd = makeHostCommand({
      os: 'linux',
      home: HOME,
      fs,
      nodePath: NODE,
      writableByNonRoot: (p) => {
        seen.push(p);
        return p === SCRIPT ? { path: '/opt/rdp-doctor', why: 'owned by user id 1000' } : null;
      },
    });
    const c = captureIO({ RDP_DOCTOR_HOST_SCRIPT: SCRIPT });
    expect(await cmd.run(['install', '--browser', 'chromium', '--system'], c.io, new AbortController().signal)).toBe(0);
    expect(seen).toEqual([NODE, SCRIPT]);
    expect(c.err()).toMatch(
      /warning: the launcher for all users starts \/opt\/rdp-doctor\/dist\/native-host\/host\.mjs, but \/opt\/rdp-doctor is owned by user id 1000/,
    );
    const user = captureIO({ RDP_DOCTOR_HOST_SCRIPT: SCRIPT });
    expect(await cmd.run(['install', '--browser', 'chromium'], user.io, new AbortController().signal)).toBe(0);
    expect(user.err()).toBe('');
  });

  it('finds the part of a path that someone other than root can change', () => {
    const dir = join(root, 'checkout');
    mkdirSync(dir, { mode: 0o755 });
    const file = join(dir, 'host.mjs');
    writeFileSync(file, '// helper', { mode: 0o644 });
    chmodSync(dir, 0o777);
    expect(writableByNonRoot(file)).toEqual({ path: dir, why: 'writable by group or others' });
    chmodSync(dir, 0o755);
    if (process.getuid?.() === 0) {
      chownSync(file, 1000, 1000);
      expect(writableByNonRoot(file)).toEqual({ path: file, why: 'owned by user id 1000' });
      chownSync(file, 0, 0);
      // /tmp is world-writable but sticky: nobody else can replace what root put there.
      expect(writableByNonRoot(file)).toBeNull();
    } else {
      expect(writableByNonRoot(file)?.why).toMatch(/owned by user id/);
    }
  });

  it('honours XDG_CONFIG_HOME, --system, extra store ids and the id environment variable', async () => {
    const storeId = 'abcdefghijklmnopabcdefghijklmnop';
    const edgeId = 'ponmlkjihgfedcbaponmlkjihgfedcba';
    const r = await run('linux', ['install', '--browser', 'chrome,firefox', '--extension-id', storeId], {
      XDG_CONFIG_HOME: '/home/ana/cfg',
      RDP_DOCTOR_EXTENSION_IDS: `${edgeId},{12345678-1234-1234-1234-123456789abc}`,
    });
    expect(r.code).toBe(0);
    expect(
      (await json(r.fs, '/home/ana/cfg/google-chrome/NativeMessagingHosts/com.rdpdoctor.host.json')).allowed_origins,
    ).toEqual([...STORE_ORIGINS, `chrome-extension://${edgeId}/`, `chrome-extension://${storeId}/`]);
    expect(
      (await json(r.fs, '/home/ana/.mozilla/native-messaging-hosts/com.rdpdoctor.host.json')).allowed_extensions,
    ).toEqual(['rdp-doctor@rdpdoctor.dev', '{12345678-1234-1234-1234-123456789abc}']);
    const s = await run('linux', ['install', '--browser', 'edge,chromium,firefox', '--system']);
    expect(s.code).toBe(0);
    for (const p of [
      '/etc/opt/edge/native-messaging-hosts/com.rdpdoctor.host.json',
      '/etc/chromium/native-messaging-hosts/com.rdpdoctor.host.json',
      '/usr/lib/mozilla/native-messaging-hosts/com.rdpdoctor.host.json',
    ]) {
      expect((await json(s.fs, p)).path).toBe('/usr/local/lib/rdp-doctor/rdp-doctor-host');
    }
  });

  it('--user-data-dir writes manifest and launcher into DIR/NativeMessagingHosts only', async () => {
    const r = await run('linux', ['install', '--browser', 'chromium', '--user-data-dir', '/tmp/profile']);
    expect(r.code).toBe(0);
    const m = await json(r.fs, '/tmp/profile/NativeMessagingHosts/com.rdpdoctor.host.json');
    expect(m.path).toBe('/tmp/profile/NativeMessagingHosts/rdp-doctor-host');
    expect(await r.fs.exists('/home/ana/.config/chromium')).toBe(false);
    const u = await run('linux', ['uninstall', '--user-data-dir', '/tmp/profile']);
    expect(u.code).toBe(0);
    expect(await r.fs.list('/tmp/profile/NativeMessagingHosts')).toEqual([]);
  });

  it('uninstall removes what install wrote, and says so when there is nothing', async () => {
    await run('linux', ['install']);
    const u = await run('linux', ['uninstall']);
    expect(u.code).toBe(0);
    expect(u.out).toContain('removed /home/ana/.config/chromium/NativeMessagingHosts/com.rdpdoctor.host.json');
    expect(await nodeFs.list(join(root, 'home/ana/.local/share/rdp-doctor'))).toEqual([]);
    const again = await run('linux', ['uninstall']);
    expect(again.out).toContain('nothing to remove');
  });

  it('--executable registers a single-file helper that the launcher starts directly', async () => {
    const fs = chrootFs(root);
    await fs.mkdirp('/opt/rdp-doctor');
    await fs.writeFile('/opt/rdp-doctor/rdp-doctor-host', 'ELF', 0o755);
    const r = await run('linux', ['install', '--browser', 'chrome', '--executable', '/opt/rdp-doctor/rdp-doctor-host']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(await fs.readFile('/home/ana/.local/share/rdp-doctor/rdp-doctor-host')).toContain(
      `exec '/opt/rdp-doctor/rdp-doctor-host' "$@"`,
    );
    await fs.writeFile('/opt/rdp-doctor/plain-file', 'x');
    expect((await run('linux', ['install', '--executable', '/opt/rdp-doctor/plain-file'])).code).toBe(1);
  });

  const usage: Array<[string, string[], RegExp]> = [
    ['unknown action', ['frobnicate'], /unknown action/],
    ['unknown browser', ['install', '--browser', 'netscape'], /unknown browser "netscape"/],
    ['bad extension id', ['install', '--extension-id', 'not an id'], /not an extension id/],
    [
      'firefox with user-data-dir',
      ['install', '--browser', 'firefox', '--user-data-dir', '/p'],
      /Firefox has no per-profile/,
    ],
    ['system with user-data-dir', ['install', '--system', '--user-data-dir', '/p'], /cannot be combined/],
    ['option without value', ['install', '--browser'], /needs a value/],
  ];
  it.each(usage)('refuses %s with exit code 2', async (_n, argv, message) => {
    const r = await run('linux', argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});

describe('host install on macOS (temporary root)', () => {
  it('uses ~/Library/Application Support per user and /Library for --system', async () => {
    const r = await run('darwin', ['install', '--browser', 'chrome,edge,firefox']);
    expect(r.code).toBe(0);
    const launcher = '/home/ana/Library/Application Support/RDP Doctor/rdp-doctor-host';
    for (const dir of ['Google/Chrome', 'Microsoft Edge', 'Mozilla']) {
      const m = await json(
        r.fs,
        `/home/ana/Library/Application Support/${dir}/NativeMessagingHosts/com.rdpdoctor.host.json`,
      );
      expect(m.path).toBe(launcher);
    }
    const s = await run('darwin', ['install', '--browser', 'chrome,edge,brave', '--system']);
    expect(s.code).toBe(0);
    for (const p of [
      '/Library/Google/Chrome/NativeMessagingHosts',
      '/Library/Microsoft/Edge/NativeMessagingHosts',
      '/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts',
    ]) {
      expect((await json(s.fs, `${p}/com.rdpdoctor.host.json`)).path).toBe(
        '/Library/Application Support/RDP Doctor/rdp-doctor-host',
      );
    }
  });
});

describe('host install on Windows (reg.exe replayed)', () => {
  const WIN_NODE = 'C:\\Program Files\\nodejs\\node.exe';
  const WIN_SCRIPT = 'C:\\Users\\ana\\rdp-doctor\\dist\\native-host\\host.mjs';
  const env = {
    LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local',
    ProgramData: 'C:\\ProgramData',
    RDP_DOCTOR_HOST_SCRIPT: WIN_SCRIPT,
  };
  const DIR = 'C:\\Users\\ana\\AppData\\Local\\RDP Doctor';

  async function win(argv: string[], reg = new FakeRegistry(), fs = new MemoryFs()) {
    await fs.writeFile(WIN_SCRIPT, '// helper');
    await fs.writeFile(WIN_NODE, 'MZ');
    const cmd = makeHostCommand({ os: 'win32', home: 'C:\\Users\\ana', fs, exec: reg.exec, nodePath: WIN_NODE });
    const c = captureIO(env);
    const code = await cmd.run(argv, c.io, new AbortController().signal);
    return { code, out: c.out(), err: c.err(), reg, fs };
  }

  it('writes HKCU keys with reg.exe (fixed arguments), the manifests and a .cmd launcher', async () => {
    const r = await win(['install', '--browser', 'chrome,edge,brave,firefox']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.reg.calls).toEqual([
      regAdd('HKCU', 'Google\\Chrome', `${DIR}\\com.rdpdoctor.host.chromium.json`),
      regAdd('HKCU', 'Microsoft\\Edge', `${DIR}\\com.rdpdoctor.host.chromium.json`),
      regAdd('HKCU', 'Mozilla', `${DIR}\\com.rdpdoctor.host.firefox.json`),
    ]);
    expect(await r.fs.readFile(`${DIR}\\rdp-doctor-host.cmd`)).toBe(
      `@echo off\r\nrem RDP Doctor native helper launcher (written by "rdp-doctor host install"; do not edit)\r\n"${WIN_NODE}" "${WIN_SCRIPT}" %*\r\n`,
    );
    const m = JSON.parse((await r.fs.readFile(`${DIR}\\com.rdpdoctor.host.chromium.json`))!);
    expect(m).toMatchObject({ path: `${DIR}\\rdp-doctor-host.cmd`, allowed_origins: STORE_ORIGINS });
  });

  it('--system writes HKLM keys and files under ProgramData; uninstall deletes the keys', async () => {
    const r = await win(['install', '--browser', 'chromium', '--system']);
    expect(r.code).toBe(0);
    expect(r.reg.calls).toEqual([
      regAdd('HKLM', 'Chromium', 'C:\\ProgramData\\RDP Doctor\\com.rdpdoctor.host.chromium.json'),
    ]);
    const u = await win(['uninstall', '--browser', 'chromium', '--system'], r.reg, r.fs);
    expect(u.code).toBe(0);
    expect(u.reg.calls.at(-1)).toEqual([
      'reg.exe',
      'delete',
      'HKLM\\Software\\Chromium\\NativeMessagingHosts\\com.rdpdoctor.host',
      '/f',
    ]);
    expect(u.reg.keys.size).toBe(0);
  });

  it('reports a reg.exe failure instead of claiming success', async () => {
    const reg = new FakeRegistry();
    const failing = new FakeRegistry();
    failing.exec = async (c, a) => ({ ...(await reg.exec(c, a)), exitCode: 1, stderr: 'ERROR: Access is denied.' });
    const r = await win(['install', '--browser', 'edge', '--system'], failing);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Access is denied.*administrator/);
  });

  it('refuses --user-data-dir (Windows browsers read the registry only)', async () => {
    const r = await win(['install', '--browser', 'chrome', '--user-data-dir', 'C:\\p']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/registry/);
  });
});

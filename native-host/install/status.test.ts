import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureIO, chrootFs, FakeRegistry, MemoryFs } from '../../test/host/install-fakes.js';
import { makeHostCommand } from '../commands/host.js';
import type { InstallFs } from './system.js';

const NODE = '/opt/node/bin/node';
const SCRIPT = '/opt/rdp-doctor/dist/native-host/host.mjs';
const HOME = '/home/ana';
const CHROMIUM_MANIFEST = '/home/ana/.config/chromium/NativeMessagingHosts/com.rdpdoctor.host.json';
const LAUNCHER = '/home/ana/.local/share/rdp-doctor/rdp-doctor-host';

let root: string;
let fs: InstallFs;
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'rdp-doctor-status-'));
  fs = chrootFs(root);
  for (const f of [NODE, SCRIPT, '/opt/old/host.mjs']) {
    await fs.mkdirp(f.slice(0, f.lastIndexOf('/')));
    await fs.writeFile(f, '#', 0o755);
  }
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function cli(os: 'linux' | 'darwin', argv: string[], env: Record<string, string> = {}) {
  const c = captureIO({ RDP_DOCTOR_HOST_SCRIPT: SCRIPT, ...env });
  const code = await makeHostCommand({ os, home: HOME, fs, nodePath: NODE }).run(
    argv,
    c.io,
    new AbortController().signal,
  );
  return { code, out: c.out(), err: c.err() };
}

const editJson = async (p: string, f: (m: Record<string, unknown>) => void) => {
  const m = JSON.parse((await fs.readFile(p))!) as Record<string, unknown>;
  f(m);
  await fs.writeFile(p, JSON.stringify(m));
};

interface Case {
  name: string;
  os?: 'linux' | 'darwin';
  setup: () => Promise<void>;
  argv: string[];
  code: number;
  expect: RegExp[];
}

const installChromium = () => cli('linux', ['install', '--browser', 'chromium']).then(() => undefined);

const cases: Case[] = [
  {
    name: 'healthy registration',
    setup: installChromium,
    argv: ['status', '--browser', 'chromium'],
    code: 0,
    expect: [/found chromium \(user\)/, /No problems found\./],
  },
  {
    name: 'not-installed',
    setup: async () => {},
    argv: ['status', '--browser', 'chrome'],
    code: 3,
    expect: [
      /fail {2}\[not-installed\] Google Chrome: the helper is not registered/,
      /fix: rdp-doctor host install --browser chrome$/m,
    ],
  },
  {
    name: 'not-installed for a browser nobody uses is only a note',
    setup: installChromium,
    argv: ['status'],
    code: 0,
    expect: [/info {2}\[not-installed\] Vivaldi.*does not seem to be used here/],
  },
  {
    name: 'manifest-invalid',
    setup: async () => {
      await installChromium();
      await fs.writeFile(CHROMIUM_MANIFEST, '{ "name": "com.rdpdoctor.host", ');
    },
    argv: ['status', '--browser', 'chromium'],
    code: 3,
    expect: [/\[manifest-invalid\].*is not valid JSON/],
  },
  {
    name: 'manifest-name-mismatch',
    setup: async () => {
      await installChromium();
      await editJson(CHROMIUM_MANIFEST, (m) => {
        m.name = 'com.rdpdoctor.helper';
      });
    },
    argv: ['status', '--browser', 'chromium'],
    code: 3,
    expect: [/\[manifest-name-mismatch\].*"com\.rdpdoctor\.helper"; it must be "com\.rdpdoctor\.host"/],
  },
  {
    name: 'origin-missing (a store id the manifest does not allow)',
    setup: installChromium,
    argv: ['status', '--browser', 'chromium', '--extension-id', 'abcdefghijklmnopabcdefghijklmnop'],
    code: 3,
    expect: [/\[origin-missing\].*chrome-extension:\/\/abcdefghijklmnopabcdefghijklmnop\/.*forbidden/],
  },
  {
    name: 'launcher-relative-path',
    setup: async () => {
      await installChromium();
      await editJson(CHROMIUM_MANIFEST, (m) => {
        m.path = 'rdp-doctor-host';
      });
    },
    argv: ['status', '--browser', 'chromium'],
    code: 3,
    expect: [/\[launcher-relative-path\].*must be absolute/],
  },
  {
    name: 'launcher-missing',
    setup: async () => {
      await installChromium();
      await fs.remove(LAUNCHER);
    },
    argv: ['status', '--browser', 'chromium'],
    code: 3,
    expect: [/\[launcher-missing\].*does not exist.*Specified native messaging host not found/],
  },
  {
    name: 'launcher-not-executable',
    setup: async () => {
      await installChromium();
      chmodSync(join(root, LAUNCHER), 0o644);
    },
    argv: ['status', '--browser', 'chromium'],
    code: 3,
    expect: [/\[launcher-not-executable\]/, /fix: chmod \+x ".*rdp-doctor-host"/],
  },
  {
    name: 'launcher-target-missing (node moved)',
    setup: async () => {
      await installChromium();
      await fs.remove(NODE);
    },
    argv: ['status', '--browser', 'chromium'],
    code: 3,
    expect: [/\[launcher-target-missing\].*\/opt\/node\/bin\/node, which no longer exists/],
  },
  {
    name: 'stale-manifest (registered from another copy)',
    setup: async () => {
      await cli('linux', ['install', '--browser', 'chromium'], { RDP_DOCTOR_HOST_SCRIPT: '/opt/old/host.mjs' });
    },
    argv: ['status', '--browser', 'chromium'],
    code: 0,
    expect: [/warn {2}\[stale-manifest\].*\/opt\/old\/host\.mjs.*not at this installation/],
  },
  {
    name: 'duplicate-manifest (per-user and system-wide)',
    setup: async () => {
      await installChromium();
      await cli('linux', ['install', '--browser', 'chromium', '--system']);
    },
    argv: ['status', '--browser', 'chromium'],
    code: 0,
    expect: [
      /warn {2}\[duplicate-manifest\] Chromium has both a per-user .* and a system-wide .*only one of them is used/,
    ],
  },
  {
    name: 'snap-browser (Chromium snap cannot start helpers)',
    setup: async () => {
      await installChromium();
      await fs.mkdirp('/home/ana/snap/chromium');
    },
    argv: ['status', '--browser', 'chromium'],
    code: 3,
    expect: [/fail {2}\[snap-browser\].*cannot start native helpers at all/],
  },
  {
    name: 'snap-browser (Firefox snap works through the portal)',
    setup: async () => {
      await cli('linux', ['install', '--browser', 'firefox']);
      await fs.mkdirp('/home/ana/snap/firefox');
    },
    argv: ['status', '--browser', 'firefox'],
    code: 0,
    expect: [
      /warn {2}\[snap-browser\].*WebExtensions portal/,
      /flatpak permission-set webextensions com\.rdpdoctor\.host snap\.firefox yes/,
    ],
  },
  {
    name: 'flatpak-browser',
    setup: async () => {
      await cli('linux', ['install', '--browser', 'chrome']);
      await fs.mkdirp('/home/ana/.var/app/com.google.Chrome');
    },
    argv: ['status', '--browser', 'chrome'],
    code: 3,
    expect: [/\[flatpak-browser\] Google Chrome is installed as a Flatpak/],
  },
  {
    name: 'policy-blocks-user-hosts (Edge policy JSON on Linux)',
    setup: async () => {
      await cli('linux', ['install', '--browser', 'edge']);
      await fs.mkdirp('/etc/opt/edge/policies/managed');
      await fs.writeFile('/etc/opt/edge/policies/managed/corp.json', '{"NativeMessagingUserLevelHosts": false}');
    },
    argv: ['status', '--browser', 'edge'],
    code: 3,
    expect: [
      /\[policy-blocks-user-hosts\] Microsoft Edge: the NativeMessagingUserLevelHosts policy/,
      /fix: .*--browser edge --system/,
    ],
  },
  {
    name: 'policy-blocklist (Chrome)',
    setup: async () => {
      await cli('linux', ['install', '--browser', 'chrome']);
      await fs.mkdirp('/etc/opt/chrome/policies/managed');
      await fs.writeFile('/etc/opt/chrome/policies/managed/lock.json', '{"NativeMessagingBlocklist": ["*"]}');
    },
    argv: ['status', '--browser', 'chrome'],
    code: 3,
    expect: [/\[policy-blocklist\].*NativeMessagingBlocklist/, /NativeMessagingAllowlist/],
  },
  {
    name: 'policy-blocks-user-hosts (Edge managed preferences on macOS)',
    os: 'darwin',
    setup: async () => {
      await cli('darwin', ['install', '--browser', 'edge']);
      await fs.mkdirp('/Library/Managed Preferences');
      await fs.writeFile(
        '/Library/Managed Preferences/com.microsoft.Edge.plist',
        '<?xml version="1.0"?><plist><dict><key>NativeMessagingUserLevelHosts</key>\n<false/></dict></plist>',
      );
    },
    argv: ['status', '--browser', 'edge'],
    code: 3,
    expect: [/\[policy-blocks-user-hosts\]/],
  },
];

describe('rdp-doctor host status finds each problem', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    await c.setup();
    const r = await cli(c.os ?? 'linux', c.argv);
    for (const re of c.expect) expect(r.out).toMatch(re);
    expect(r.code).toBe(c.code);
  });

  it('--json gives the same report as data', async () => {
    await installChromium();
    await fs.remove(LAUNCHER);
    const r = await cli('linux', ['status', '--browser', 'chromium', '--json']);
    const report = JSON.parse(r.out) as { problems: Array<{ code: string; browser: string }> };
    expect(report.problems.map((p) => [p.code, p.browser])).toEqual([['launcher-missing', 'chromium']]);
    expect(r.code).toBe(3);
  });
});

describe('rdp-doctor host status on Windows (reg.exe replayed)', () => {
  const WIN_SCRIPT = 'C:\\rdp\\host.mjs';
  const WIN_NODE = 'C:\\Program Files\\nodejs\\node.exe';
  async function win(argv: string[], reg: FakeRegistry, mem: MemoryFs) {
    await mem.writeFile(WIN_SCRIPT, '#');
    await mem.writeFile(WIN_NODE, 'MZ');
    const c = captureIO({ LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local', RDP_DOCTOR_HOST_SCRIPT: WIN_SCRIPT });
    const cmd = makeHostCommand({ os: 'win32', home: 'C:\\Users\\ana', fs: mem, exec: reg.exec, nodePath: WIN_NODE });
    const code = await cmd.run(argv, c.io, new AbortController().signal);
    return { code, out: c.out() };
  }

  it('healthy after install, reading the key with reg.exe query', async () => {
    const reg = new FakeRegistry();
    const mem = new MemoryFs();
    await win(['install', '--browser', 'edge'], reg, mem);
    reg.calls.length = 0;
    const r = await win(['status', '--browser', 'edge'], reg, mem);
    expect(r.out).toContain('No problems found.');
    expect(r.code).toBe(0);
    expect(reg.calls[0]).toEqual([
      'reg.exe',
      'query',
      'HKCU\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\com.rdpdoctor.host',
      '/ve',
    ]);
  });

  it('registry-file-missing: the key names a manifest that is gone', async () => {
    const reg = new FakeRegistry();
    reg.set(
      'HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\com.rdpdoctor.host',
      '',
      'REG_SZ',
      'C:\\old\\host.json',
    );
    const r = await win(['status', '--browser', 'chrome'], reg, new MemoryFs());
    expect(r.out).toMatch(/\[registry-file-missing\].*C:\\old\\host\.json, which does not exist/);
    expect(r.code).toBe(3);
  });

  it('Edge finds a registration under the Chrome key (its fallback) and status says where', async () => {
    const reg = new FakeRegistry();
    const mem = new MemoryFs();
    await win(['install', '--browser', 'chrome'], reg, mem);
    const r = await win(['status', '--browser', 'edge'], reg, mem);
    expect(r.out).toContain(
      'found edge (user): HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\com.rdpdoctor.host',
    );
    expect(r.out).not.toContain('[not-installed]');
  });

  it('policy-blocks-user-hosts: HKLM policy value 0', async () => {
    const reg = new FakeRegistry();
    const mem = new MemoryFs();
    await win(['install', '--browser', 'edge'], reg, mem);
    reg.set('HKLM\\Software\\Policies\\Microsoft\\Edge', 'NativeMessagingUserLevelHosts', 'REG_DWORD', '0x0');
    const r = await win(['status', '--browser', 'edge'], reg, mem);
    expect(r.out).toMatch(/\[policy-blocks-user-hosts\].*HKLM\\Software\\Policies\\Microsoft\\Edge/);
    expect(r.out).toMatch(/administrator command prompt/);
    expect(r.code).toBe(3);
  });
});

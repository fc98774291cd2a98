import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './compat.js';
import {
  classifyBrowserError,
  type GuidanceContext,
  guidanceFor,
  guidanceForBrowserError,
  guidanceForHandshake,
  normalizeOS,
  releaseInstallCommand,
} from './guidance.js';
import { STORE_EXTENSION_IDS } from './release.js';

describe('classifyBrowserError', () => {
  const table: Array<[string | null, boolean, string]> = [
    ['Specified native messaging host not found.', true, 'host-not-found'],
    ['Access to the specified native messaging host is forbidden.', true, 'host-forbidden'],
    ['Native host has exited.', true, 'host-exited'],
    ['Native host has exited.', false, 'host-exited'],
    ['Failed to start native messaging host.', true, 'host-failed-to-start'],
    ['Error when communicating with the native messaging host.', false, 'host-communication-error'],
    ['Invalid native messaging host name specified.', true, 'host-not-found'],
    // Firefox
    ['No such native application com.rdpdoctor.host', true, 'host-not-found'],
    ['An unexpected error occurred', false, 'host-exited'],
    ['An unexpected error occurred', true, 'host-not-found'],
    ['Attempt to postMessage on disconnected port', true, 'host-not-found'],
    ['Attempt to postMessage on disconnected port', false, 'host-exited'],
    [null, true, 'host-not-found'],
    [null, false, 'host-exited'],
    [
      'Native application tried to send a message of 2000000 bytes, which exceeds the limit of 1048576 bytes.',
      false,
      'response-too-large',
    ],
    ['something new', false, 'host-exited'],
  ];
  it.each(table)('%s (before hello: %s) → %s', (msg, before, code) => {
    expect(classifyBrowserError(msg, before)).toBe(code);
  });
});

describe('guidanceFor', () => {
  const chromeLinux: GuidanceContext = { browser: 'chrome', os: 'linux' };
  const edgeWin: GuidanceContext = { browser: 'edge', os: 'win', extensionId: 'abcdefghijklmnopabcdefghijklmnop' };
  const firefoxMac: GuidanceContext = { browser: 'firefox', os: 'mac' };

  const table: Array<[string, GuidanceContext, string, string | undefined, RegExp]> = [
    [
      'host-not-found',
      chromeLinux,
      'rdp-doctor host install --browser chrome',
      'rdp-doctor host status --browser chrome',
      /snap or Flatpak/,
    ],
    [
      'host-not-found',
      firefoxMac,
      'rdp-doctor host install --browser firefox',
      'rdp-doctor host status --browser firefox',
      /^(?!.*snap)/,
    ],
    [
      'host-forbidden',
      edgeWin,
      'rdp-doctor host install --browser edge --extension-id abcdefghijklmnopabcdefghijklmnop',
      'rdp-doctor host status --browser edge',
      /NativeMessagingBlocklist/,
    ],
    [
      'host-failed-to-start',
      edgeWin,
      // Re-registering must keep allowing this copy, whose id is not a published one.
      'rdp-doctor host install --browser edge --extension-id abcdefghijklmnopabcdefghijklmnop',
      'rdp-doctor host status --browser edge',
      /cmd\.exe/,
    ],
    [
      'host-failed-to-start',
      chromeLinux,
      'rdp-doctor host install --browser chrome',
      'rdp-doctor host status --browser chrome',
      /execute permission/,
    ],
    [
      'host-exited',
      firefoxMac,
      'rdp-doctor host install --browser firefox',
      'rdp-doctor host status --browser firefox',
      /moved/,
    ],
    [
      'host-communication-error',
      chromeLinux,
      'rdp-doctor host install --browser chrome',
      'rdp-doctor host status --browser chrome',
      /printed text/,
    ],
    [
      'host-no-hello',
      edgeWin,
      // Re-registering must keep allowing this copy, whose id is not a published one.
      'rdp-doctor host install --browser edge --extension-id abcdefghijklmnopabcdefghijklmnop',
      'rdp-doctor host status --browser edge',
      /did not introduce itself/,
    ],
    [
      'unsupported-capability',
      chromeLinux,
      'rdp-doctor host install --browser chrome',
      undefined,
      /older than this feature/,
    ],
  ];
  it.each(table)('%s in %o', (code, ctx, command, diagnose, explanation) => {
    const g = guidanceFor(code as never, ctx);
    expect(g.code).toBe(code);
    expect(g.command).toBe(command);
    expect(g.diagnose).toBe(diagnose);
    expect(g.explanation).toMatch(explanation);
    expect(g.title.length).toBeGreaterThan(5);
  });

  it('maps browser strings straight to guidance', () => {
    const g = guidanceForBrowserError('Specified native messaging host not found.', true, {
      browser: 'brave',
      os: 'linux',
    });
    expect(g.title).toBe('The RDP Doctor helper is not installed for Brave');
    expect(g.command).toBe('rdp-doctor host install --browser brave');
  });
});

describe('guidanceForHandshake', () => {
  const ctx: GuidanceContext = { browser: 'chromium', os: 'linux' };
  const hello = (v: string) => ({ protocolVersion: v, hostVersion: '0.0.9', capabilities: [] });

  it('no hello within the timeout', () => {
    const g = guidanceForHandshake({ kind: 'no-hello', timeoutMs: 5000 }, ctx);
    expect(g.code).toBe('host-no-hello');
    expect(g.explanation).toMatch(/waited 5 s/);
    expect(g.command).toBe('rdp-doctor host install --browser chromium');
  });

  it('helper too old → update the helper, with the install command', () => {
    const c = checkCompatibility(hello('0.9'), '1.0');
    if (c.compatible) throw new Error('expected incompatible');
    const g = guidanceForHandshake({ kind: 'incompatible', update: c.update, message: c.message }, ctx);
    expect(g.title).toBe('The helper is older than the extension');
    expect(g.explanation).toContain('0.0.9');
    expect(g.command).toBe('rdp-doctor host install --browser chromium');
  });

  it('helper too new → update the extension, pointing at the extensions page, no command', () => {
    const c = checkCompatibility(hello('2.0'), '1.0');
    if (c.compatible) throw new Error('expected incompatible');
    const g = guidanceForHandshake(
      { kind: 'incompatible', update: c.update, message: c.message },
      { browser: 'edge', os: 'win' },
    );
    expect(g.title).toBe('The extension is older than the helper');
    expect(g.explanation).toContain('edge://extensions');
    expect(g.command).toBeUndefined();
  });

  it('an unreadable hello', () => {
    expect(guidanceForHandshake({ kind: 'invalid-hello' }, ctx).code).toBe('invalid-response');
  });
});

it('normalises OS names from the browser and from Node', () => {
  expect(['mac', 'darwin', 'win', 'win32', 'linux', 'cros', undefined].map(normalizeOS)).toEqual([
    'mac',
    'mac',
    'win',
    'win',
    'linux',
    'other',
    'other',
  ]);
});

describe('installing the helper from the release files', () => {
  const id = 'abcdefghijklmnopabcdefghijklmnop';
  it.each([
    [
      { browser: 'chrome', os: 'linux', version: '1.2.3', extensionId: id },
      `install -D -m 755 rdp-doctor-1.2.3-linux-x64 ~/.local/bin/rdp-doctor && ~/.local/bin/rdp-doctor host install --browser chrome --extension-id ${id}`,
    ],
    [
      { browser: 'chrome', os: 'mac', version: '1.2.3' },
      'npm install -g ./rdp-doctor-1.2.3.tgz && rdp-doctor host install --browser chrome',
    ],
    [
      { browser: 'edge', os: 'win', version: '1.2.3', extensionId: id },
      `npm install -g .\\rdp-doctor-1.2.3.tgz && rdp-doctor host install --browser edge --extension-id ${id}`,
    ],
    [
      { browser: 'firefox', os: 'linux', version: '1.2.3', extensionId: 'rdp-doctor@rdpdoctor.dev' },
      'install -D -m 755 rdp-doctor-1.2.3-linux-x64 ~/.local/bin/rdp-doctor && ~/.local/bin/rdp-doctor host install --browser firefox',
    ],
    [
      { browser: 'chromium', os: 'linux', version: '1.2.3', extensionId: id, development: true },
      'rdp-doctor host install --browser chromium --dev',
    ],
  ] as Array<[GuidanceContext, string]>)('%j', (ctx, command) => {
    expect(releaseInstallCommand(ctx)).toBe(command);
    expect(guidanceFor('host-not-found', ctx).command).toBe(command);
  });

  it('a published store id needs no --extension-id', () => {
    for (const published of STORE_EXTENSION_IDS.chromium) {
      expect(releaseInstallCommand({ browser: 'chrome', os: 'mac', version: '1', extensionId: published })).not.toMatch(
        /--extension-id/,
      );
    }
  });

  it('names the file to download and says where to run the command, never a checkout for a store copy', () => {
    const g = guidanceFor('host-not-found', { browser: 'edge', os: 'win', version: '1.2.3' });
    expect(g.explanation).toContain('rdp-doctor-1.2.3.tgz');
    expect(g.explanation).toMatch(/Command Prompt/);
    expect(g.explanation).not.toMatch(/checkout/);
    const dev = guidanceFor('host-not-found', {
      browser: 'chromium',
      os: 'linux',
      version: '1.2.3',
      development: true,
    });
    expect(dev.explanation).toMatch(/checkout/);
  });

  it('gives the registration for a browser with its own profile, and how to find the folder', () => {
    const g = guidanceFor('host-not-found', { browser: 'brave', os: 'linux', version: '1.2.3', extensionId: id });
    expect(g.profile?.command).toBe(
      `rdp-doctor host install --browser brave --user-data-dir "DIR" --extension-id ${id}`,
    );
    expect(g.profile?.howToFind).toMatch(/brave:\/\/version.*Profile Path/);
    expect(guidanceFor('host-not-found', { browser: 'edge', os: 'win', version: '1' }).profile).toBeUndefined();
    expect(guidanceFor('host-not-found', { browser: 'firefox', os: 'linux', version: '1' }).profile).toBeUndefined();
  });
});

describe("Firefox's registration place", () => {
  it.each([
    ['linux', '~/.mozilla/native-messaging-hosts/com.rdpdoctor.host.json'],
    ['mac', '~/Library/Application Support/Mozilla/NativeMessagingHosts/com.rdpdoctor.host.json'],
    ['win', 'HKEY_CURRENT_USER\\Software\\Mozilla\\NativeMessagingHosts\\com.rdpdoctor.host'],
  ] as const)('helper missing on %s names where Firefox looks', (os, place) => {
    const g = guidanceFor('host-not-found', { browser: 'firefox', os });
    expect(g.explanation).toContain(place);
    expect(guidanceFor('host-not-found', { browser: 'chromium', os }).explanation).not.toContain('Mozilla');
  });
});

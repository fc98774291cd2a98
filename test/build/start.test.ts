/**
 * `npm start` registers the helper only for browsers installed on this machine, says which and how
 * to undo it, and the undo command it prints removes every manifest it wrote.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/browser.js';

const home = mkdtempSync(join(tmpdir(), 'rdp-doctor-start-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const MANIFESTS: Record<string, string> = {
  chrome: '.config/google-chrome/NativeMessagingHosts/com.rdpdoctor.host.json',
  chromium: '.config/chromium/NativeMessagingHosts/com.rdpdoctor.host.json',
  edge: '.config/microsoft-edge/NativeMessagingHosts/com.rdpdoctor.host.json',
  brave: '.config/BraveSoftware/Brave-Browser/NativeMessagingHosts/com.rdpdoctor.host.json',
  vivaldi: '.config/vivaldi/NativeMessagingHosts/com.rdpdoctor.host.json',
  firefox: '.mozilla/native-messaging-hosts/com.rdpdoctor.host.json',
};

describe.runIf(process.platform === 'linux')('npm start', () => {
  it('registers for installed browsers only, says which, and prints a working undo', () => {
    const env = { PATH: process.env.PATH ?? '', HOME: home, CI: 'true' };
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--no-build'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    const said = /for the browsers installed here: (.+)/.exec(out)?.[1]?.split(', ') ?? [];
    // This machine has Debian's chromium (the e2e tests need it); nothing pretends Edge or Vivaldi is here.
    if (existsSync('/usr/bin/chromium')) expect(said).toContain('chromium');
    if (!existsSync('/opt/microsoft/msedge/msedge') && !existsSync('/usr/bin/microsoft-edge')) {
      expect(said).not.toContain('edge');
    }
    for (const [browser, file] of Object.entries(MANIFESTS)) {
      expect(existsSync(join(home, file)), browser).toBe(said.includes(browser));
    }
    const undo = /To undo: node (\S+) (host uninstall --browser \S+)/.exec(out);
    expect(undo, out).not.toBeNull();
    execFileSync(process.execPath, [join(ROOT, undo![1]!), ...undo![2]!.split(' ')], { cwd: ROOT, env });
    for (const file of Object.values(MANIFESTS)) expect(existsSync(join(home, file))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { fakeCtx, fx, ps } from '../../test/fixtures/local/fixtures.js';
import type { Recording } from '../exec/exec.js';
import {
  compareVersions,
  DPKG_ARGS,
  LINUX_CLIENTS,
  MAC_BUNDLES,
  parseVersionOutput,
  rdpClientsCheck,
  upstreamVersion,
  WINDOWS_SCRIPT,
} from './rdp-clients.js';

const version = (bin: string, rec: Partial<Recording>): Recording => ({ command: bin, args: ['--version'], ...rec });
const defaults = (plist: string, rec: Partial<Recording>): Recording => ({
  command: 'defaults',
  args: ['read', plist, 'CFBundleShortVersionString'],
  ...rec,
});

describe('rdp-clients', () => {
  it('Linux: xfreerdp --version (recorded under Xvfb)', async () => {
    const ctx = fakeCtx('linux', [version('xfreerdp', { stdout: fx('linux/xfreerdp--version.stdout.txt') })]);
    const r = await rdpClientsCheck.run({ timeoutMs: 5000 }, ctx);
    expect(r.status).toBe('pass');
    expect(r.evidence.clients).toEqual([{ name: 'xfreerdp', version: '2.11.7', source: 'xfreerdp --version' }]);
    expect(r.findings).toEqual([expect.objectContaining({ id: 'client-up-to-date', rulesOut: ['client-outdated'] })]);
    // every other client binary was looked for
    expect(ctx.exec.calls.map((c) => c.command).sort()).toEqual(LINUX_CLIENTS.map((c) => c.bin).sort());
  });

  it('Linux: without a display FreeRDP 2 cannot print its version; dpkg-query gives it (recorded here)', async () => {
    const ctx = fakeCtx('linux', [
      version('xfreerdp', { stderr: fx('linux/xfreerdp--version-no-display.stderr.txt'), exitCode: 1 }),
      {
        command: 'dpkg-query',
        args: DPKG_ARGS,
        stdout: fx('linux/dpkg-query-clients.stdout.txt'),
        stderr: fx('linux/dpkg-query-clients.stderr.txt'),
        exitCode: 1,
      },
    ]);
    const r = await rdpClientsCheck.run({ timeoutMs: 5000 }, ctx);
    expect(r.evidence.clients).toEqual([
      { name: 'xfreerdp', version: '2.11.7', source: 'dpkg package freerdp2-x11 2.11.7+dfsg1-6~deb12u1' },
    ]);
    expect(r.evidence.notes).toEqual([
      'xfreerdp is installed but did not print its version (it needs an X display even for --version)',
    ]);
  });

  it('Linux: FreeRDP 1.x is flagged as too old', async () => {
    const ctx = fakeCtx('linux', [version('xfreerdp', { stdout: 'This is FreeRDP version 1.1.0-beta1 (git n/a)\n' })]);
    const r = await rdpClientsCheck.run({ timeoutMs: 5000 }, ctx);
    expect(r.status).toBe('warn');
    expect(r.findings[0]).toMatchObject({ id: 'client-outdated', supports: ['client-outdated'] });
    expect(r.findings[0]?.summary).toMatch(/CredSSP/);
  });

  it('Linux: no client at all', async () => {
    const r = await rdpClientsCheck.run({ timeoutMs: 5000 }, fakeCtx('linux', []));
    expect(r.status).toBe('warn');
    expect(r.findings[0]?.id).toBe('client-not-found');
  });

  it('Windows: current mstsc, Remote Desktop MSI and Windows App', async () => {
    const ctx = fakeCtx('win32', [ps(WINDOWS_SCRIPT, 'windows/rdp-clients/current.stdout.json')]);
    const r = await rdpClientsCheck.run({ timeoutMs: 5000 }, ctx);
    expect(r.status).toBe('pass');
    expect(r.summary).toBe('mstsc 10.0.22621.3527, Remote Desktop (MSI) 1.2.5716.0, Windows App 2.0.285.0.');
  });

  it('Windows 7 mstsc is flagged', async () => {
    const ctx = fakeCtx('win32', [ps(WINDOWS_SCRIPT, 'windows/rdp-clients/windows7-mstsc-only.stdout.json')]);
    const r = await rdpClientsCheck.run({ timeoutMs: 5000 }, ctx);
    expect(r.status).toBe('warn');
    expect(r.findings[0]?.summary).toMatch(/^mstsc 6\.1\.7601\.24544: .*Windows 7/);
  });

  it.each([
    ['macos/rdp-clients/defaults-windows-app.stdout.txt', undefined, 'pass', 'Windows App (macOS) 11.1.2'],
    [undefined, 'macos/rdp-clients/defaults-mrd-10.stdout.txt', 'pass', 'Microsoft Remote Desktop (macOS) 10.9.10'],
    [undefined, 'macos/rdp-clients/defaults-mrd-8.stdout.txt', 'warn', 'Microsoft Remote Desktop (macOS) 8.0.44'],
  ])('macOS %s %s', async (windowsApp, mrd, status, text) => {
    const [wa, rd] = MAC_BUNDLES;
    const ctx = fakeCtx('darwin', [
      defaults(
        wa!.plist,
        windowsApp
          ? { stdout: fx(windowsApp) }
          : { stderr: fx('macos/rdp-clients/defaults-missing-windows-app.stderr.txt'), exitCode: 1 },
      ),
      defaults(
        rd!.plist,
        mrd ? { stdout: fx(mrd) } : { stderr: fx('macos/rdp-clients/defaults-missing-mrd.stderr.txt'), exitCode: 1 },
      ),
    ]);
    const r = await rdpClientsCheck.run({ timeoutMs: 5000 }, ctx);
    expect(ctx.exec.unmatched).toEqual([]);
    expect(r.status).toBe(status);
    expect(r.summary).toContain(text);
  });

  it('version helpers', () => {
    expect(compareVersions('2.11.7', '2.0.0')).toBeGreaterThan(0);
    expect(compareVersions('1.1.0-beta1', '2.0.0')).toBeLessThan(0);
    expect(compareVersions('10.0', '10.0.0')).toBe(0);
    expect(upstreamVersion('1:2.11.7+dfsg1-6~deb12u1')).toBe('2.11.7');
    expect(parseVersionOutput('org.remmina.Remmina - 1.4.29 (git n/a)')).toBe('1.4.29');
    expect(parseVersionOutput('nothing')).toBeUndefined();
  });
});

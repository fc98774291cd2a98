import { describe, expect, it } from 'vitest';
import { fakeCtx, fx, NOW } from '../../test/fixtures/local/fixtures.js';
import type { Recording } from '../exec/exec.js';
import { clockCheck, parseTimedatectl, parseW32tm } from './clock.js';
import { clockFindings } from './ntlm-info.js';

const timedatectl = (file: string): Recording => ({ command: 'timedatectl', args: ['show'], stdout: fx(file) });
const w32tm = (file: string, exitCode = 0): Recording => ({
  command: 'w32tm.exe',
  args: ['/query', '/status'],
  stdout: fx(file),
  exitCode,
});
const systemsetup = (file: string): Recording => ({
  command: 'systemsetup',
  args: ['-getusingnetworktime'],
  stdout: fx(file),
});
const at = (offsetMs: number) => ({ serverTime: new Date(NOW - offsetMs).toISOString() });

describe('clock', () => {
  it.each([
    [30_000, 'pass', 'clock-in-sync', 'info'],
    [3 * 60_000, 'warn', 'clock-skew', 'warn'],
    [-7 * 60_000, 'fail', 'clock-skew', 'fail'],
  ])('local clock %i ms ahead of the server', async (skew, status, id, severity) => {
    const ctx = fakeCtx('linux', [timedatectl('linux/timedatectl-show-synced.stdout.txt')]);
    const r = await clockCheck.run({ timeoutMs: 5000, facts: at(skew) }, ctx);
    expect(r.status).toBe(status);
    expect(r.findings[0]).toMatchObject({ id, severity });
    expect(r.evidence.skewSeconds).toBe(Math.round(skew / 1000));
    expect(r.evidence.synchronised).toBe(true);
  });

  it('says a years-long skew in the same human form as the identity check', async () => {
    const ctx = fakeCtx('linux', [timedatectl('linux/timedatectl-show-synced.stdout.txt')]);
    const skew = -3048829 * 60_000;
    const r = await clockCheck.run({ timeoutMs: 5000, facts: at(skew) }, ctx);
    expect(r.summary).toMatch(/about 5 years 10 months behind the server/);
    expect(r.summary).not.toMatch(/\d h\b|minutes/);
    expect(clockFindings(-skew)[0]?.summary).toMatch(/about 5 years 10 months ahead of this computer/);
    const near = await clockCheck.run({ timeoutMs: 5000, facts: at(1000) }, ctx);
    expect(near.summary).toMatch(/within 1 second\b/);
  });

  it('reports an unsynchronised Linux clock without a server time', async () => {
    const ctx = fakeCtx('linux', [timedatectl('linux/timedatectl-show-unsynced.stdout.txt')]);
    const r = await clockCheck.run({ timeoutMs: 5000 }, ctx);
    expect(r.status).toBe('warn');
    expect(r.findings).toEqual([expect.objectContaining({ id: 'local-clock-unsynced', supports: ['clock-skew'] })]);
  });

  it('is skipped with both reasons when there is neither a server time nor systemd (recorded here)', async () => {
    const ctx = fakeCtx('linux', [
      {
        command: 'timedatectl',
        args: ['show'],
        stderr: fx('linux/timedatectl-show-no-systemd.stderr.txt'),
        exitCode: 1,
      },
    ]);
    const r = await clockCheck.run({ timeoutMs: 5000 }, ctx);
    expect(r.status).toBe('skipped');
    expect(r.reason).toBe(
      'no server time to compare with (run a probe first) and the sync status is unknown: timedatectl could not report (exit status 1; systemd is not running here); chronyc is not installed',
    );
    // The tools' own error text is kept for the technical details, never in what a person reads.
    expect(r.summary).not.toMatch(/booted|Failed to connect/);
    expect(JSON.stringify(r.evidence.commands)).toContain('not been booted with systemd');
  });

  it.each([
    ['linux/chronyc-tracking-synced.stdout.txt', true, 'pass'],
    ['linux/chronyc-tracking-unsynced.stdout.txt', false, 'warn'],
  ])('Linux without systemd falls back to chronyc tracking: %s', async (file, synced, status) => {
    const ctx = fakeCtx('linux', [
      {
        command: 'timedatectl',
        args: ['show'],
        stderr: fx('linux/timedatectl-show-no-systemd.stderr.txt'),
        exitCode: 1,
      },
      { command: 'chronyc', args: ['tracking'], stdout: fx(file) },
    ]);
    const r = await clockCheck.run({ timeoutMs: 5000 }, ctx);
    expect(ctx.exec.unmatched).toEqual([]);
    expect(r.evidence.synchronised).toBe(synced);
    expect(r.status).toBe(status);
  });

  it.each([
    ['windows/clock/w32tm-synced.stdout.txt', 0, true],
    ['windows/clock/w32tm-cmos.stdout.txt', 0, false],
    ['windows/clock/w32tm-stopped.stdout.txt', 2147943462, false],
    ['windows/clock/w32tm-synced-de.stdout.txt', 0, true],
    ['windows/clock/w32tm-cmos-de.stdout.txt', 0, false],
    ['windows/clock/w32tm-synced-ja.stdout.txt', 0, true],
    ['windows/clock/w32tm-local-ja.stdout.txt', 0, false],
    ['windows/clock/w32tm-stopped-ja.stdout.txt', 2147943462, false],
  ])('Windows %s', async (file, code, synced) => {
    const r = await clockCheck.run({ timeoutMs: 5000, facts: at(10_000) }, fakeCtx('win32', [w32tm(file, code)]));
    expect(r.evidence.synchronised).toBe(synced);
    expect(r.status).toBe(synced ? 'pass' : 'warn');
  });

  it.each([
    ['macos/clock/systemsetup-on.stdout.txt', true, 'pass'],
    ['macos/clock/systemsetup-off.stdout.txt', false, 'warn'],
  ])('macOS %s', async (file, synced, status) => {
    const r = await clockCheck.run({ timeoutMs: 5000 }, fakeCtx('darwin', [systemsetup(file)]));
    expect(r.evidence.synchronised).toBe(synced);
    expect(r.status).toBe(status);
  });

  it('macOS without admin rights: sync unknown, skew still compared', async () => {
    const r = await clockCheck.run(
      { timeoutMs: 5000, facts: { serverTime: NOW - 600_000 } },
      fakeCtx('darwin', [systemsetup('macos/clock/systemsetup-not-admin.stdout.txt')]),
    );
    expect(r.status).toBe('fail');
    expect(r.evidence.synchronised).toBeNull();
  });

  it('parsers', () => {
    expect(parseTimedatectl('NTP=yes\nNTPSynchronized=no\n').synced).toBe(false);
    expect(parseTimedatectl('garbage').synced).toBeUndefined();
    expect(parseW32tm(fx('windows/clock/w32tm-synced.stdout.txt')).source).toBe('dc01.corp.example.com');
    expect(parseW32tm(fx('windows/clock/w32tm-synced-ja.stdout.txt')).source).toBe('dc01.corp.example.com');
    expect(parseW32tm(fx('windows/clock/w32tm-local-ja.stdout.txt')).detail).toContain('reference LOCL');
    expect(parseW32tm(fx('windows/clock/w32tm-cmos-de.stdout.txt')).detail).toContain('leap indicator 3');
    // A layout it does not know is "unknown", never "synchronised".
    expect(parseW32tm('Leap Indicator: 0(no warning)\r\nSource: x\r\n').synced).toBeUndefined();
  });
});

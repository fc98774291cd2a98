import { describe, expect, it } from 'vitest';
import { listenExitCode, parseListenArgs } from '../commands/listen.js';
import { checkBindAddress, checkPort, checkWait, isLoopback } from './options.js';

describe('where the listener may listen', () => {
  it('loopback addresses only, unless --allow-remote', () => {
    for (const a of [
      '127.0.0.1',
      '127.0.0.100',
      '127.255.255.254',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
    ]) {
      expect(checkBindAddress(a, false).ok, a).toBe(true);
    }
    for (const a of ['0.0.0.0', '::', '10.1.2.3', '192.168.1.1', '128.0.0.1', '::2', '::ffff:10.0.0.1', 'fe80::1']) {
      expect(checkBindAddress(a, false), a).toMatchObject({ ok: false, code: 'remote-bind-refused' });
      expect(checkBindAddress(a, true).ok, a).toBe(true);
    }
  });
  it('IP literals only: names, options, ports and shell text are refused', () => {
    for (const a of [
      'localhost',
      'example.com',
      '-x',
      '127.0.0.1:3389',
      '127.0.0.1; id',
      '',
      '1.2.3',
      '[127.0.0.1]x',
    ]) {
      expect(checkBindAddress(a, true), a).toMatchObject({ ok: false, code: 'invalid-bind-address' });
    }
    expect(isLoopback('not an address')).toBe(false);
  });
  it('ports and waits in range', () => {
    expect(checkPort('0')).toEqual({ ok: true, value: 0 });
    expect(checkPort('65535')).toEqual({ ok: true, value: 65535 });
    for (const p of ['65536', '-1', '1e3', '', ' 1', '3389x', undefined])
      expect(checkPort(p).ok, String(p)).toBe(false);
    expect(checkWait('100')).toEqual({ ok: true, value: 100 });
    for (const w of ['99', '3600001', 'abc', '1.5', undefined]) expect(checkWait(w).ok, String(w)).toBe(false);
  });
});

describe('rdp-doctor listen arguments', () => {
  it('defaults: 127.0.0.1:3390, two minutes', () => {
    expect(parseListenArgs([])).toEqual({
      ok: true,
      args: { bind: '127.0.0.1', port: 3390, waitMs: 120_000, json: false, showUser: false },
    });
  });
  it('reads every option in both spellings', () => {
    const p = parseListenArgs(['--bind=::1', '--port', '0', '--timeout=500', '--json', '--show-user']);
    expect(p).toEqual({ ok: true, args: { bind: '::1', port: 0, waitMs: 500, json: true, showUser: true } });
    expect(parseListenArgs(['--bind', '10.0.0.5', '--allow-remote'])).toMatchObject({
      ok: true,
      args: { bind: '10.0.0.5' },
    });
  });
  it('refuses unknown options, stray arguments and missing values', () => {
    expect(parseListenArgs(['--bogus'])).toMatchObject({ ok: false, code: 'usage' });
    expect(parseListenArgs(['host'])).toMatchObject({ ok: false, code: 'usage' });
    expect(parseListenArgs(['--bind'])).toMatchObject({ ok: false, code: 'usage' });
    expect(parseListenArgs(['--port'])).toMatchObject({ ok: false, code: 'invalid-port' });
    expect(parseListenArgs(['--bind', '0.0.0.0'])).toMatchObject({ ok: false, code: 'remote-bind-refused' });
  });
  it('exit status follows the report', () => {
    const base = { listener: { address: '127.0.0.1', port: 1, certificateSha256: '' }, durationMs: 1 };
    expect(listenExitCode({ ...base, reached: 'none', end: { reason: 'no-client', stage: 'none', message: '' } })).toBe(
      1,
    );
    expect(
      listenExitCode({ ...base, reached: 'x224', end: { reason: 'client-closed', stage: 'x224', message: '' } }),
    ).toBe(0);
    expect(listenExitCode({ ...base, reached: 'none', end: { reason: 'cancelled', stage: 'none', message: '' } })).toBe(
      130,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { isIPv6, parseTarget, parseTimeout } from './target.js';

describe('parseTarget accepts', () => {
  it.each([
    ['rdp.example.com', 'rdp.example.com', 3389, 'dns', 'rdp.example.com:3389'],
    ['RDP.Example.COM.', 'rdp.example.com', 3389, 'dns', 'rdp.example.com:3389'],
    ['host-1:3390', 'host-1', 3390, 'dns', 'host-1:3390'],
    ['127.0.0.11', '127.0.0.11', 3389, 'ipv4', '127.0.0.11:3389'],
    ['10.0.0.5:65535', '10.0.0.5', 65535, 'ipv4', '10.0.0.5:65535'],
    ['[::1]:13400', '::1', 13400, 'ipv6', '[::1]:13400'],
    ['::1', '::1', 3389, 'ipv6', '[::1]:3389'],
    ['[FD00:A::1]', 'fd00:a::1', 3389, 'ipv6', '[fd00:a::1]:3389'],
    ['[::ffff:127.0.0.1]:1', '::ffff:127.0.0.1', 1, 'ipv6', '[::ffff:127.0.0.1]:1'],
    ['srv_01.corp', 'srv_01.corp', 3389, 'dns', 'srv_01.corp:3389'],
  ])('%s', (input, host, port, kind, display) => {
    expect(parseTarget(input)).toEqual({ ok: true, target: { host, port, kind, display } });
  });
});

describe('parseTarget rejects with a typed code', () => {
  const long = `${'a'.repeat(63)}.`.repeat(4).slice(0, 255);
  it.each([
    ['', 'target-empty'],
    ['-oProxyCommand=x', 'target-option-like'],
    ['--help', 'target-option-like'],
    ['rdp://host', 'target-url'],
    ['https://host/path', 'target-url'],
    ['user@host', 'target-url'],
    ['host\n', 'target-control-chars'],
    ['ho\u0000st', 'target-control-chars'],
    ['host name', 'target-whitespace'],
    [' host', 'target-whitespace'],
    ['host;rm', 'target-bad-character'],
    ['$(id)', 'target-bad-character'],
    ['bücher.example', 'target-bad-character'],
    [long, 'target-too-long'],
    ['a'.repeat(300), 'target-too-long'],
    [`${'a'.repeat(64)}.com`, 'target-bad-label'],
    ['a..b', 'target-bad-label'],
    ['-a.b', 'target-option-like'],
    ['a.-b', 'target-bad-label'],
    ['a-.b', 'target-bad-label'],
    ['host:0', 'target-bad-port'],
    ['host:65536', 'target-bad-port'],
    ['host:', 'target-bad-port'],
    ['host:3389x', 'target-bad-port'],
    ['host:-1', 'target-bad-port'],
    ['256.1.1.1', 'target-bad-ipv4'],
    ['1.2.3', 'target-bad-ipv4'],
    ['01.2.3.4', 'target-bad-ipv4'],
    ['0x7f000001', 'target-bad-ipv4'],
    ['0x7f.1', 'target-bad-ipv4'],
    ['0X7F.0.0.1:3389', 'target-bad-ipv4'],
    ['0177.0.0.1', 'target-bad-ipv4'],
    ['2130706433', 'target-bad-ipv4'],
    ['169.254.169.254', 'target-restricted'],
    ['169.254.10.20:3390', 'target-restricted'],
    ['[fe80::1]:3389', 'target-restricted'],
    ['febf::1', 'target-restricted'],
    ['[::ffff:169.254.169.254]:3389', 'target-restricted'],
    ['::ffff:a9fe:a9fe', 'target-restricted'],
    ['[fd00:ec2::254]:3389', 'target-restricted'],
    ['100.100.100.200', 'target-restricted'],
    ['168.63.129.16', 'target-restricted'],
    ['metadata.google.internal', 'target-restricted'],
    ['a.123', 'target-bad-ipv4'],
    ['[::1', 'target-bad-ipv6'],
    ['[::1]x', 'target-bad-ipv6'],
    ['[127.0.0.1]:3389', 'target-bad-ipv6'],
    ['1::2::3', 'target-bad-ipv6'],
    ['[::1]:70000', 'target-bad-port'],
    ['host]:1', 'target-bad-ipv6'],
  ])('%j → %s', (input, code) => {
    const r = parseTarget(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message.length).toBeGreaterThan(10);
    }
  });

  it('asks which was meant when an IPv6 address ends in what reads as a port (one validator: popup and CLI)', () => {
    const r = parseTarget('::1:3389', 3389, { allowRestricted: true });
    expect(r).toMatchObject({ ok: false, code: 'target-bad-ipv6' });
    if (!r.ok) expect(r.message).toContain('[::1]:3389');
    expect(parseTarget('[::1]:3389')).toMatchObject({ ok: true, target: { host: '::1', port: 3389 } });
    expect(parseTarget('[::1:3389]')).toMatchObject({ ok: true, target: { host: '::1:3389' } });
    expect(parseTarget('2001:db8::1:2')).toMatchObject({ ok: true });
  });

  it('rejects non-strings', () => {
    expect(parseTarget(42)).toMatchObject({ ok: false, code: 'target-empty' });
    expect(parseTarget(undefined)).toMatchObject({ ok: false, code: 'target-empty' });
  });
});

describe('isIPv6', () => {
  it.each([
    ['::', true],
    ['1:2:3:4:5:6:7:8', true],
    ['1:2:3:4:5:6:7::', true],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1:2:3:4:5:6:7', false],
    ['::1.2.3.4', true],
    ['::1.2.3', false],
    ['12345::', false],
    ['::g', false],
    ['1:2:3:4:5:6:1.2.3.4', true],
    ['1:2:3:4:5:6:7:1.2.3.4', false],
  ])('%s → %s', (s, ok) => {
    expect(isIPv6(s)).toBe(ok);
  });
});

describe('parseTimeout', () => {
  it('accepts whole milliseconds in range', () => {
    expect(parseTimeout('2500')).toEqual({ ok: true, timeoutMs: 2500 });
    expect(parseTimeout(50)).toEqual({ ok: true, timeoutMs: 50 });
  });
  it.each([
    ['abc', 'timeout-invalid'],
    ['1.5', 'timeout-invalid'],
    [Number.NaN, 'timeout-invalid'],
    ['-5', 'timeout-invalid'],
    [10, 'timeout-out-of-range'],
    ['600000', 'timeout-out-of-range'],
  ])('%j → %s', (input, code) => {
    expect(parseTimeout(input)).toMatchObject({ ok: false, code });
  });
});

describe('restricted targets', () => {
  it('are accepted where a person typed them (allowRestricted)', () => {
    for (const t of ['169.254.169.254', '[fe80::1]:3389', 'metadata.google.internal', '100.100.100.200']) {
      expect(parseTarget(t, undefined, { allowRestricted: true }).ok, t).toBe(true);
    }
  });
  it('leave ordinary and look-alike names alone', () => {
    for (const t of [
      '169.253.1.1',
      '169.255.0.1',
      'fec0::1',
      'fe7f::1',
      '0xdead.example',
      'srv-0x1.corp',
      '10.0.0.1',
    ]) {
      expect(parseTarget(t).ok, t).toBe(true);
    }
  });
});

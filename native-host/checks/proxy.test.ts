import { describe, expect, it } from 'vitest';
import { fakeCtx, fx, REG_NOT_FOUND, reg } from '../../test/fixtures/local/fixtures.js';
import type { Recording } from '../exec/exec.js';
import {
  INTERNET_SETTINGS_KEY,
  parseScutilProxy,
  parseWinHttpSettings,
  proxyCheck,
  redactProxy,
  WINHTTP_KEY,
  WINHTTP_VALUE,
} from './proxy.js';

const winhttpReg = (answer: string | Partial<Recording>): Recording =>
  reg(WINHTTP_KEY, { value: WINHTTP_VALUE }, answer);
const scutil = (file: string): Recording => ({ command: 'scutil', args: ['--proxy'], stdout: fx(file) });

describe('proxy', () => {
  it('Linux: no proxy variables', async () => {
    const r = await proxyCheck.run({ timeoutMs: 5000 }, fakeCtx('linux', [], { PATH: '/usr/bin' }));
    expect(r.status).toBe('pass');
    expect(r.findings).toEqual([]);
  });

  it('Linux: https_proxy set, credentials redacted', async () => {
    const env = { https_proxy: 'http://alice:s3cret@proxy.corp.example.com:3128', no_proxy: 'localhost,127.0.0.1' };
    const r = await proxyCheck.run({ timeoutMs: 5000 }, fakeCtx('linux', [], env));
    expect(r.status).toBe('warn');
    expect(r.findings[0]).toMatchObject({ id: 'proxy-configured', supports: ['gateway-problem'] });
    expect(JSON.stringify(r)).not.toContain('s3cret');
    expect(r.summary).toContain('http://***@proxy.corp.example.com:3128');
  });

  it.each([
    ['windows/proxy/internet-settings-none.stdout.txt', 'windows/proxy/winhttp-direct.stdout.txt', 'pass', []],
    [
      'windows/proxy/internet-settings-proxy.stdout.txt',
      'windows/proxy/winhttp-direct.stdout.txt',
      'warn',
      [
        'Internet Settings proxy http=proxy.corp.example.com:8080',
        'auto-config script http://wpad.corp.example.com/proxy.pac',
      ],
    ],
    [
      'windows/proxy/internet-settings-none.stdout.txt',
      'windows/proxy/winhttp-proxy.stdout.txt',
      'warn',
      ['WinHTTP proxy proxy.corp.example.com:8080'],
    ],
  ])('Windows %s + %s', async (inet, winhttp, status, parts) => {
    const ctx = fakeCtx('win32', [reg(INTERNET_SETTINGS_KEY, {}, inet), winhttpReg(winhttp)]);
    const r = await proxyCheck.run({ timeoutMs: 5000 }, ctx);
    expect(ctx.exec.unmatched).toEqual([]);
    expect(r.status).toBe(status);
    for (const p of parts) expect(r.summary).toContain(p);
    if (parts.length === 0) expect(r.evidence.winhttp).toBe('direct');
  });

  it('Windows: no WinHttpSettings value means direct access', async () => {
    const ctx = fakeCtx('win32', [
      reg(INTERNET_SETTINGS_KEY, {}, 'windows/proxy/internet-settings-none.stdout.txt'),
      winhttpReg(REG_NOT_FOUND),
    ]);
    const r = await proxyCheck.run({ timeoutMs: 5000 }, ctx);
    expect(r.status).toBe('pass');
    expect(r.evidence.winhttp).toBe('direct');
  });

  it('decodes the WinHttpSettings blob by its layout, and refuses other layouts', () => {
    expect(parseWinHttpSettings('1800000000000000010000000000000000000000')).toBe('direct');
    const raw = /REG_BINARY\s+([0-9A-F]+)/.exec(fx('windows/proxy/winhttp-proxy.stdout.txt'))?.[1] ?? '';
    expect(parseWinHttpSettings(raw)).toEqual({
      proxy: 'proxy.corp.example.com:8080',
      bypass: '*.corp.example.com;<local>',
    });
    expect(parseWinHttpSettings('2800000000000000')).toBeUndefined();
    expect(parseWinHttpSettings(raw.slice(0, 60))).toBeUndefined();
    expect(parseWinHttpSettings('zz')).toBeUndefined();
  });

  it.each([
    ['macos/proxy/scutil-none.stdout.txt', 'pass'],
    ['macos/proxy/scutil-https-and-pac.stdout.txt', 'warn'],
  ])('macOS %s', async (file, status) => {
    const r = await proxyCheck.run({ timeoutMs: 5000 }, fakeCtx('darwin', [scutil(file)]));
    expect(r.status).toBe(status);
  });

  it('parses scutil nesting and redacts URLs', () => {
    const d = parseScutilProxy(fx('macos/proxy/scutil-https-and-pac.stdout.txt'));
    expect(d).toMatchObject({ HTTPSEnable: '1', HTTPSProxy: 'proxy.corp.example.com', HTTPSPort: '3128' });
    expect(d['0']).toBeUndefined();
    expect(redactProxy('socks5://u:p@h:1080')).toBe('socks5://***@h:1080');
    expect(redactProxy('proxy:8080')).toBe('proxy:8080');
  });
});

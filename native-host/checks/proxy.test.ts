import { describe, expect, it } from 'vitest';
import { fakeCtx, fx, reg } from '../../test/fixtures/local/fixtures.js';
import type { Recording } from './exec.js';
import { INTERNET_SETTINGS_KEY, parseScutilProxy, proxyCheck, redactProxy } from './proxy.js';

const netsh = (file: string): Recording => ({
  command: 'netsh.exe',
  args: ['winhttp', 'show', 'proxy'],
  stdout: fx(file),
});
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
    const ctx = fakeCtx('win32', [reg(INTERNET_SETTINGS_KEY, {}, inet), netsh(winhttp)]);
    const r = await proxyCheck.run({ timeoutMs: 5000 }, ctx);
    expect(ctx.exec.unmatched).toEqual([]);
    expect(r.status).toBe(status);
    for (const p of parts) expect(r.summary).toContain(p);
    if (parts.length === 0) expect(r.evidence.winhttp).toBe('direct');
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

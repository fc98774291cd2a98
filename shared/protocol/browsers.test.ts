/**
 * Convention: the browser table is the one list of browsers. Each row is complete and well-formed, and
 * the README names every browser the helper registers with (adding a browser = its row + that line).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BROWSER_NAMES, BROWSERS, browserFromAgent, browserRow } from './browsers.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('the browser table', () => {
  it.each(BROWSERS)('%s: a complete row', (b) => {
    const r = browserRow(b);
    expect(r.name.trim()).not.toBe('');
    expect(r.extensionsPage).toMatch(/^[a-z-]+:(\/\/)?[a-z]+$/);
    expect(r.manifests.linuxSystem).toMatch(/^\//);
    expect(r.manifests.macSystem).toMatch(/^\/Library\//);
    expect(r.manifests.linuxUser).not.toMatch(/^\//);
    expect(r.manifests.macUser).not.toMatch(/^\//);
    expect(r.manifests.winKey).toMatch(/^Software\\.+\\NativeMessagingHosts$/);
    expect(r.flatpak).toMatch(/^[a-z]+\.[A-Za-z.]+$/);
    for (const os of ['linux', 'darwin', 'win32'] as const)
      expect(r.programs[os].length, `${b} ${os}`).toBeGreaterThan(0);
    if (r.family === 'firefox') expect(r.policy).toBeUndefined();
  });

  it('README names every browser the helper registers with', () => {
    const intro = README.split('\n').find((l) => l.startsWith('It is a Manifest V3 browser extension for')) ?? '';
    const said = (n: string) => intro.includes(n.replace(/^(Google|Microsoft) /, ''));
    expect(BROWSERS.filter((b) => !said(BROWSER_NAMES[b]))).toEqual([]);
  });

  // User-agent strings and userAgentData brands as each browser reports them (desktop builds, 2026).
  const CHROMIUM_UA = (extra = '') =>
    `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36${extra}`;
  it.each([
    ['chrome', CHROMIUM_UA(), ['Google Chrome', 'Chromium', 'Not_A Brand']],
    ['edge', CHROMIUM_UA(' Edg/142.0.0.0'), ['Microsoft Edge', 'Chromium', 'Not_A Brand']],
    ['edge', CHROMIUM_UA(' Edg/142.0.0.0'), []],
    ['brave', CHROMIUM_UA(), ['Brave', 'Chromium', 'Not_A Brand']],
    ['vivaldi', CHROMIUM_UA(' Vivaldi/7.6.3797.63'), ['Chromium', 'Not_A Brand']],
    ['firefox', 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', []],
    [
      'chromium',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      ['Chromium', 'Not_A Brand'],
    ],
    ['chromium', '', []],
  ] as const)('the extension reads %s from its user agent', (want, ua, brands) => {
    expect(browserFromAgent(ua, brands)).toBe(want);
  });

  it('every browser but Chromium (the fallback) can be told from its user agent', () => {
    expect(BROWSERS.filter((b) => b !== 'chromium' && !browserRow(b).agent)).toEqual([]);
  });
});

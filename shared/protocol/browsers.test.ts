/**
 * Convention: the browser table is the one list of browsers. Each row is complete and well-formed, and
 * the README names every browser the helper registers with (adding a browser = its row + that line).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BROWSER_NAMES, BROWSERS, browserRow } from './browsers.js';

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
});

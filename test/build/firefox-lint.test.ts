/**
 * The Firefox build passes Mozilla's own linter (web-ext lint, the checks addons.mozilla.org runs)
 * with no errors, and both builds carry what each browser needs.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_ID, ROOT } from '../e2e/browser.js';

const manifest = (target: string) => JSON.parse(readFileSync(join(ROOT, 'dist', target, 'manifest.json'), 'utf8'));

describe('built extensions', () => {
  it('web-ext lint reports no errors for dist/firefox', async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [
          join(ROOT, 'node_modules/web-ext/bin/web-ext.js'),
          'lint',
          '--source-dir',
          join(ROOT, 'dist/firefox'),
          '--output',
          'json',
          '--no-config-discovery',
        ],
        { maxBuffer: 16 * 2 ** 20, timeout: 120_000 },
        // web-ext exits non-zero when it finds errors; the JSON report is what we judge.
        (err, stdout) => (stdout ? resolve(stdout) : reject(err)),
      ),
    );
    const report = JSON.parse(out.slice(out.indexOf('{')));
    expect(report.errors, JSON.stringify(report.errors, null, 2)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  }, 120_000);

  it('Firefox gets a gecko id and background scripts; Chromium a service worker and the key behind the fixed id', () => {
    const ff = manifest('firefox');
    expect(ff.browser_specific_settings.gecko.id).toBe('rdp-doctor@rdpdoctor.dev');
    expect(Array.isArray(ff.background.scripts)).toBe(true);
    expect(ff.key).toBeUndefined();
    const cr = manifest('chromium');
    expect(typeof cr.background.service_worker).toBe('string');
    expect(typeof cr.key).toBe('string');
    // The id Chromium derives from the key: first 32 hex digits of sha256(public key), mapped to a–p.
    const id = createHash('sha256')
      .update(Buffer.from(cr.key, 'base64'))
      .digest('hex')
      .slice(0, 32)
      .replace(/[0-9a-f]/g, (c: string) => String.fromCharCode(97 + Number.parseInt(c, 16)));
    expect(id).toBe(EXTENSION_ID);
  });
});

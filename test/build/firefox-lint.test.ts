/**
 * The Firefox build passes Mozilla's own linter (web-ext lint, the checks addons.mozilla.org runs)
 * with no errors, and both builds carry what each browser needs.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_KEY_FILE, ensureDevKey } from '../../native-host/install/dev-key.js';
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

  it("Firefox gets a gecko id and background scripts; Chromium a service worker and this checkout's own key", () => {
    const ff = manifest('firefox');
    expect(ff.browser_specific_settings.gecko.id).toBe('rdp-doctor@rdpdoctor.dev');
    expect(Array.isArray(ff.background.scripts)).toBe(true);
    expect(ff.key).toBeUndefined();
    const cr = manifest('chromium');
    expect(typeof cr.background.service_worker).toBe('string');
    // The key is this checkout's (made by the build, never committed), not a shared one.
    expect(cr.key).toBe(ensureDevKey(ROOT).publicKey);
    // The id Chromium derives from the key: first 32 hex digits of sha256(public key), mapped to a–p.
    const id = createHash('sha256')
      .update(Buffer.from(cr.key, 'base64'))
      .digest('hex')
      .slice(0, 32)
      .replace(/[0-9a-f]/g, (c: string) => String.fromCharCode(97 + Number.parseInt(c, 16)));
    expect(id).toBe(EXTENSION_ID);
    // …and git ignores the private key file.
    expect(() => execFileSync('git', ['check-ignore', '-q', DEV_KEY_FILE], { cwd: ROOT })).not.toThrow();
  });

  it('a website cannot detect the extension: content scripts are whole files and nothing is web-accessible at a fixed URL', () => {
    for (const target of ['chromium', 'firefox']) {
      const m = manifest(target);
      for (const cs of m.content_scripts as Array<{ js: string[] }>) {
        for (const js of cs.js) {
          const code = readFileSync(join(ROOT, 'dist', target, js), 'utf8');
          expect(code, `${target} ${js}`).not.toMatch(/runtime\.getURL|\bimport\s*\(/);
        }
      }
      const war = (m.web_accessible_resources ?? []) as Array<{ use_dynamic_url?: boolean }>;
      // Whatever a page must still load is served under a per-session URL in Chromium.
      if (target === 'chromium') for (const w of war) expect(w.use_dynamic_url).toBe(true);
      expect(war).toEqual([]);
    }
  });
});

/**
 * Both built manifests inject the content script exactly where the options page's built-in sites say
 * (extension/lib/settings.ts is the one list; the build writes it into the manifest).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInMatches } from '../../extension/lib/settings.js';
import { ROOT } from '../e2e/browser.js';

describe('content-script sites in the built manifests', () => {
  it.each(['chromium', 'firefox'])('%s: the matches are the built-in sites, in order', (target) => {
    const m = JSON.parse(readFileSync(join(ROOT, 'dist', target, 'manifest.json'), 'utf8')) as {
      content_scripts: Array<{ matches: string[] }>;
    };
    expect(m.content_scripts.map((c) => c.matches)).toEqual([builtInMatches()]);
  });
});

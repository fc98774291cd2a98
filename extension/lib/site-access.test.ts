import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { BUILT_IN_SITES, builtInMatches, rootFiles } from './settings.js';

describe('site access', () => {
  it('registers content scripts with paths from the extension root (Firefox gives absolute URLs and resolves plain relative paths against the calling page)', () => {
    const base = 'moz-extension://0b8d1a4e-6f5c-4a8e-9d3b-2c1f0e9a7b65/';
    expect(rootFiles([`${base}assets/index.ts-loader.js`], base)).toEqual(['/assets/index.ts-loader.js']);
    expect(rootFiles(['assets/index.ts-loader.js'], 'chrome-extension://abc/')).toEqual(['/assets/index.ts-loader.js']);
    expect(rootFiles(['/assets/a.css'], base.slice(0, -1))).toEqual(['/assets/a.css']);
    expect(rootFiles(undefined, base)).toEqual([]);
  });

  it('asks at install only for the Microsoft sites: no content-script match any site could satisfy', () => {
    const matches = builtInMatches();
    expect(matches.filter((m) => /^https:\/\/\*\//.test(m) || m.startsWith('<all_urls>'))).toEqual([]);
    expect(
      matches.every((m) =>
        /^https:\/\/([*.]*[a-z0-9-]+\.)*(azure\.com|azure\.net|microsoft\.com|microsoft)\/\*$/.test(m),
      ),
    ).toBe(true);
    expect((manifest as { host_permissions?: string[] }).host_permissions ?? []).toEqual([]);
  });

  it('writes the site patterns once: the built-in sites feed the manifest at build, manifest.json holds none', () => {
    expect(manifest.content_scripts.map((c) => 'matches' in c)).toEqual([false]);
    expect(builtInMatches()).toEqual(BUILT_IN_SITES.flatMap((s) => s.matches));
    expect(new Set(builtInMatches()).size).toBe(builtInMatches().length);
  });
});

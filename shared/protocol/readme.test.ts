/** The README names what a person needs: the popup's address, profiles, and every explain/local/scan option used. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it.each([
    ['the popup path with the id', /chrome-extension:\/\/ID\/extension\/popup\/index\.html/],
    ['--user-data-dir explained in Install', /\(`--user-data-dir DIR`/],
    ['explain --markdown', /`--markdown` prints/],
    ['explain --page', /`--page` treats/],
    ['local options', /rdp-doctor local \[--json\] \[--port N\] \[--server-time TIME\] \[--host NAME\] \[--only/],
    ['scan writes JSON Lines when piped', /piped or redirected, `scan` writes JSON Lines/],
  ])('%s', (_what, re) => {
    expect(readme).toMatch(re);
  });
});

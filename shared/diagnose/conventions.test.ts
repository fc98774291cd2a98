/**
 * Convention: the diagnosis reasons over typed facts only. No regular expression and no substring
 * test on text anywhere in shared/diagnose/ (wording is read into typed facts by ../detect/wording.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));
const SOURCES = readdirSync(HERE).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

/** Code without comments and string contents, so that prose about the rule does not trip it. */
function code(src: string): string {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/'(?:\\.|[^'\\\n])*'/g, "''")
    .replace(/"(?:\\.|[^"\\\n])*"/g, '""');
}

const FORBIDDEN: readonly [string, RegExp][] = [
  ['a regular expression literal', /(^|[=(,:!&|?{};[]\s*)\/(?![/*\s])(?:\\.|[^/\n])+\/[dgimsuy]*/m],
  ['RegExp', /\bRegExp\b/],
  ['.test( / .exec(', /\.(?:test|exec)\(/],
  ['.match( / .matchAll( / .search(', /\.(?:match|matchAll|search)\(/],
  ['.replace(', /\.replace(?:All)?\(/],
  ['.startsWith( / .endsWith(', /\.(?:startsWith|endsWith)\(/],
  ['.includes( / .indexOf( with a string literal', /\.(?:includes|indexOf)\((?:''|""|`)/],
];

describe('shared/diagnose reads no prose', () => {
  it('has sources to check', () => expect(SOURCES.length).toBeGreaterThan(8));
  it.each(SOURCES)('%s has no regular expression or substring test', (file) => {
    const src = code(readFileSync(join(HERE, file), 'utf8'));
    for (const [what, re] of FORBIDDEN) expect(re.test(src), `${file} uses ${what}`).toBe(false);
  });
});

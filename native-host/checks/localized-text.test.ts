/**
 * Convention: no Windows check parses text that Windows translates. Account names, tool reports
 * (`icacls`, `netsh`, `w32tm`, `netstat`'s state column) and error messages differ per display
 * language (`NT-AUTORITÄT\SYSTEM`, `Sprungindikator`, `エラー`); the checks read SIDs, numbers, HRESULTs,
 * registry values, JSON and XML instead. This test looks at every pattern and compared string
 * in the check and local-helper code and fails on English display words of Windows tools.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** English display text of Windows tools and accounts (each is translated on other Windows languages). */
const LOCALIZED_WORDS = [
  'Access is denied',
  'unable to find',
  'cannot find',
  'Direct access',
  'Proxy Server',
  'Bypass List',
  'Successfully processed',
  'Failed processing',
  'LISTENING',
  'ESTABLISHED',
  'NT AUTHORITY',
  'BUILTIN',
  'NETWORK SERVICE',
  'Everyone',
  'Local CMOS Clock',
  'Free-running',
  'Leap Indicator',
  'Last Successful Sync',
  'not synchronized',
  'has not been started',
  'The following error',
  'Invalid namespace',
];

const DIRS = ['native-host/checks', 'native-host/exec'];

function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1');
}

/** Regex literals, `new RegExp(…)` sources and strings passed to comparisons: the text the code matches on. */
function matchedTexts(code: string): string[] {
  const c = stripComments(code);
  const out: string[] = [];
  for (const m of c.matchAll(/(?<=[(,=:!&|?;]\s*)\/((?:\\.|\[[^\]\n]*\]|[^/\\\n])+)\/[dgimsuy]*/g)) out.push(m[1]!);
  for (const m of c.matchAll(/new RegExp\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)) out.push(m[2]!);
  for (const m of c.matchAll(
    /\.(?:includes|startsWith|endsWith|indexOf|lastIndexOf|localeCompare)\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g,
  )) {
    out.push(m[2]!);
  }
  for (const m of c.matchAll(/[!=]==?\s*(['"`])((?:\\.|(?!\1).)*)\1/g)) out.push(m[2]!);
  return out;
}

function hits(code: string): string[] {
  return matchedTexts(code).flatMap((t) =>
    LOCALIZED_WORDS.filter((w) => t.replace(/\\/g, '').toLowerCase().includes(w.toLowerCase())).map(
      (w) => `${w} in ${t}`,
    ),
  );
}

describe('Windows checks read no localised text', () => {
  const files = DIRS.flatMap((d) =>
    readdirSync(d)
      // linux-firewall.ts reads netfilter keywords (ESTABLISHED), which no Windows language changes.
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'linux-firewall.ts')
      .map((f) => join(d, f)),
  );
  it.each(files)('%s', (file) => {
    expect(hits(readFileSync(file, 'utf8'))).toEqual([]);
  });
  it('catches the forms the checks used to take', () => {
    expect(hits('if (/Direct access \\(no proxy server\\)/i.test(text)) return undefined;').length).toBeGreaterThan(0);
    expect(hits('const SYSTEM = /^(NT AUTHORITY\\\\SYSTEM|\\*?S-1-5-18)$/i;').length).toBeGreaterThan(0);
    expect(hits("if (text.includes('Access is denied')) x();").length).toBeGreaterThan(0);
    expect(hits("const f = new RegExp('^Leap Indicator:');").length).toBeGreaterThan(0);
    expect(hits("if (state === 'LISTENING') n++;").length).toBeGreaterThan(0);
    expect(hits('// Access is denied is localised\nconst x = 1;')).toEqual([]);
  });
});

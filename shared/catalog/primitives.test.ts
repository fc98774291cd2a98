/**
 * Convention: each primitive of the catalogue is written once. A second copy of the name-only code base,
 * of the `0x…` formatter, of a family's title or label, of the sentence for an unknown code, or of the
 * words for who must act is a test failure naming the file; import the one in `shared/catalog/` instead.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(join(ROOT, dir))) {
    const rel = `${dir}/${f}`;
    if (statSync(join(ROOT, rel)).isDirectory()) out.push(...sources(rel));
    else if (/\.tsx?$/.test(f) && !/\.test(kit)?\.tsx?$/.test(f)) out.push(rel);
  }
  return out;
}

const FILES = ['shared', 'native-host', 'extension'].flatMap(sources);

/** Each primitive: the one file that may hold it, and a pattern that finds another copy. */
const PRIMITIVES: readonly { what: string; home: string; copy: RegExp; pending?: readonly string[] }[] = [
  { what: 'the name-only code base', home: 'shared/catalog/types.ts', copy: /=\s*0xfa000000\b/i },
  {
    what: 'the upper-case 0x formatter',
    home: 'shared/catalog/compact.ts',
    copy: /`0x\$\{[^`]*toString\(16\)(?:\.padStart\([^)]*\))?\.toUpperCase\(\)/,
  },
  {
    what: 'the sentence for a code RDP Doctor does not know',
    home: 'shared/catalog/namespaces.ts',
    copy: /RDP Doctor does not know this code:|is not in the catalogue of/,
  },
  {
    what: "a family's title or label",
    home: 'shared/catalog/families.ts',
    copy: /'extended-reason':\s*'|'Extended error code'/,
  },
  {
    what: 'the words for who must act',
    home: 'shared/catalog/actors.ts',
    copy: /Record<Actor,\s*string>|licensing:\s*'[^']*administrator/,
  },
];

describe('each catalogue primitive is written once', () => {
  it('reads the sources', () => expect(FILES.length).toBeGreaterThan(100));
  it.each(PRIMITIVES)('$what lives only in $home', ({ copy, home, pending = [] }) => {
    const copies = FILES.filter(
      (f) => f !== home && !pending.includes(f) && copy.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(copies.map((f) => relative(ROOT, join(ROOT, f)))).toEqual([]);
    expect(copy.test(readFileSync(join(ROOT, home), 'utf8')), `${home} holds it`).toBe(true);
  });
});

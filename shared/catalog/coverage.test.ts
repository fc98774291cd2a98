/**
 * Coverage test: every code and name that the cited public sources define (carried into the product as
 * `test/fixtures/reference-codes.json`) is in the catalogue. Prints coverage per family.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ACTIVEX_FATAL_ERRORS } from './disconnect-reason.js';
import { ALL_ENTRIES } from './families.js';
import { lookupByName } from './index.js';
import { PROTOCOL_FLAGS } from './negotiation-failure.js';
import type { CatalogEntry, Namespace } from './types.js';
import { NAMESPACES } from './types.js';

interface RefItem {
  code?: string;
  name?: string;
  source: string;
}
interface RefFile {
  families: Record<string, RefItem[]>;
  auxiliary: Record<string, RefItem[]>;
}

function parseRef(raw: unknown): RefFile {
  const r = raw as RefFile;
  if (typeof r !== 'object' || r === null || typeof r.families !== 'object' || typeof r.auxiliary !== 'object') {
    throw new Error('reference-codes.json: bad shape');
  }
  for (const items of [...Object.values(r.families), ...Object.values(r.auxiliary)]) {
    for (const it of items) {
      if (typeof it.source !== 'string' || (it.code === undefined && it.name === undefined)) {
        throw new Error(`reference-codes.json: bad item ${JSON.stringify(it)}`);
      }
    }
  }
  return r;
}

const ref = parseRef(
  JSON.parse(readFileSync(new URL('../../test/fixtures/reference-codes.json', import.meta.url), 'utf8')),
);

function parseCode(s: string): number {
  const n = s.startsWith('0x') ? Number.parseInt(s.slice(2), 16) : Number.parseInt(s, 10);
  if (!Number.isInteger(n)) throw new Error(`bad code ${s}`);
  return n >>> 0;
}

const hasName = (e: CatalogEntry, name: string) =>
  [e.name, ...(e.aliases ?? [])].some((n) => n.toUpperCase() === name.toUpperCase());

/** Whether the catalogue holds the item: by code (and the same entry carries the name, when one is given), or by name. */
function covered(ns: Namespace, item: RefItem): boolean {
  if (item.code !== undefined) {
    const code = parseCode(item.code) >>> 0;
    const found = ALL_ENTRIES.filter((e) => e.namespace === ns && e.code >>> 0 === code);
    if (found.length === 0) return false;
    return item.name === undefined || found.some((e) => hasName(e, item.name as string));
  }
  return lookupByName(item.name as string).some((e) => e.namespace === ns);
}

const report: string[] = [];
afterAll(() => {
  process.stdout.write(`\nCatalogue coverage of the reference tables:\n${report.join('\n')}\n`);
});

describe('catalogue coverage of the public sources', () => {
  it('has a reference list for every namespace', () => {
    expect(Object.keys(ref.families).sort()).toEqual([...NAMESPACES].sort());
  });

  for (const ns of NAMESPACES) {
    it(`covers every ${ns} code and name`, () => {
      const items = ref.families[ns] ?? [];
      const missing = items.filter((it) => !covered(ns, it)).map((it) => `${it.code ?? ''} ${it.name ?? ''}`.trim());
      report.push(`  ${ns.padEnd(20)} ${items.length - missing.length}/${items.length}`);
      expect(items.length).toBeGreaterThan(0);
      expect(missing).toEqual([]);
    });
  }

  it('covers the ActiveX fatal errors and the negotiation protocol flags', () => {
    const fatal = new Set(ACTIVEX_FATAL_ERRORS.map((f) => f.code));
    const flags = new Map(PROTOCOL_FLAGS.map((f) => [f.value >>> 0, f.name]));
    const fatalRef = ref.auxiliary['activex-fatal-error'] ?? [];
    const flagRef = ref.auxiliary['negotiation-protocol-flags'] ?? [];
    expect(fatalRef.filter((it) => !fatal.has(parseCode(it.code ?? '')))).toEqual([]);
    expect(flagRef.filter((it) => flags.get(parseCode(it.code ?? '')) !== it.name)).toEqual([]);
    report.push(`  ${'activex-fatal-error'.padEnd(20)} ${fatalRef.length}/${fatalRef.length}`);
    report.push(`  ${'protocol flags'.padEnd(20)} ${flagRef.length}/${flagRef.length}`);
  });
});

/**
 * Schema test: every catalogue entry is complete and uses only known vocabulary.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIX_IDS } from '../fixes/ids.js';
import { AVD_SHARED_CODES } from './avd.js';
import { getCause } from './causes.js';
import { displayCode } from './compact.js';
import { CHECK_IDS, NAME_ONLY_CODE_BASE } from './define.js';
import { ALL_ENTRIES, FAMILIES, FAMILY_NAMESPACES } from './families.js';
import { KNOWN_CODES, KNOWN_CONTEXT_NAMES, KNOWN_LOW_CONFIDENCE, KNOWN_NAMES } from './known-codes.js';
import { knownCodesData, renderKnownCodes, renderNamespaceList } from './known-codes-render.js';
import { ACTORS, type CatalogEntry, NAMESPACES } from './types.js';

const entries = ALL_ENTRIES;
const label = (e: { namespace: string; code: number; name: string }) =>
  `${e.namespace} 0x${e.code.toString(16)} ${e.name}`;
const fixIds = new Set<string>(FIX_IDS);
const checkIds = new Set<string>(CHECK_IDS);

describe('catalogue schema', () => {
  it('has entries in every namespace', () => {
    for (const ns of NAMESPACES) expect(entries.filter((e) => e.namespace === ns).length, ns).toBeGreaterThan(0);
  });

  it.each(entries.map((e) => [label(e), e] as const))('%s is a valid entry', (_l, e) => {
    expect(NAMESPACES).toContain(e.namespace);
    expect(Number.isInteger(e.code) && e.code >= 0 && e.code <= 0xffffffff).toBe(true);
    expect(e.name.trim()).toBe(e.name);
    expect(e.name.length).toBeGreaterThan(0);
    if (!e.labelOnly) expect(e.name).toMatch(/^[A-Za-z][A-Za-z0-9_:()]*$/);
    for (const alias of e.aliases ?? []) expect(alias).toMatch(/^[A-Za-z][A-Za-z0-9_:()]*$/);
    // One plain sentence that ends with a full stop.
    expect(e.summary).toMatch(/^[A-Z0-9"(]/);
    expect(e.summary.endsWith('.')).toBe(true);
    expect(e.summary).not.toMatch(/[.!?]\s+[A-Z]/);
    expect(e.summary.length).toBeLessThanOrEqual(220);
    expect(ACTORS).toContain(e.actor);
    for (const c of e.causes) expect(getCause(c), `cause ${c}`).toBeDefined();
    for (const f of e.fixes) expect(fixIds.has(f), `fix ${f}`).toBe(true);
    for (const c of e.checks) expect(checkIds.has(c), `check ${c}`).toBe(true);
    expect(new Set(e.causes).size).toBe(e.causes.length);
    expect(new Set(e.fixes).size).toBe(e.fixes.length);
    expect(new Set(e.checks).size).toBe(e.checks.length);
    expect(e.source.trim().length).toBeGreaterThan(5);
    expect(['documented', 'observed', 'low']).toContain(e.confidence);
    // A failure must point somewhere: at least one fix.
    if (!e.notAnError) expect(e.fixes.length).toBeGreaterThan(0);
    // Codes the catalogue assigns itself live in their own range, and only there.
    const inNameOnlyRange = e.code >= NAME_ONLY_CODE_BASE && e.code < NAME_ONLY_CODE_BASE + 0x10000;
    expect(inNameOnlyRange).toBe(e.nameOnly === true);
    // …and are never shown as if the product had printed them, whatever the family.
    if (e.nameOnly) expect(displayCode(e.namespace, e.code)).toBeUndefined();
  });

  it('has no duplicate (namespace, code) pairs except the documented shared AVD numbers', () => {
    const seen = new Map<string, string>();
    const dups: string[] = [];
    for (const e of entries) {
      const k = `${e.namespace}:${e.code}`;
      if (seen.has(k) && !(e.namespace === 'avd' && AVD_SHARED_CODES.includes(e.code))) dups.push(label(e));
      seen.set(k, e.name);
    }
    expect(dups).toEqual([]);
    for (const code of AVD_SHARED_CODES) {
      expect(entries.filter((e) => e.namespace === 'avd' && e.code === code).length).toBeGreaterThan(1);
    }
  });

  it('has no duplicate names within a namespace at the same code', () => {
    const keys = entries.map((e) => `${e.namespace}:${e.code}:${e.name.toUpperCase()}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('marks undocumented codes with low or observed confidence', () => {
    const undocumented = entries.filter((e) => e.source.toLowerCase().includes('undocumented'));
    expect(undocumented.length).toBeGreaterThan(0);
    for (const e of undocumented) expect(e.confidence).not.toBe('documented');
  });

  it('keeps ExtendedDisconnectReason and ERRINFO names on the same entries', () => {
    const pairs = entries.filter((e) => e.namespace === 'extended-reason' && e.name.startsWith('exDiscReason'));
    const withErrinfo = pairs.filter((e) => (e.aliases ?? []).some((a) => a.startsWith('ERRINFO_')));
    expect(withErrinfo.length).toBeGreaterThanOrEqual(20);
  });
});

/** Data lists exported by the catalogue's source files: arrays of objects shaped like entries. */
async function exportedEntryLists(): Promise<[string, readonly CatalogEntry[]][]> {
  const files = readdirSync(new URL('.', import.meta.url)).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('gen-'),
  );
  const lists: [string, readonly CatalogEntry[]][] = [];
  for (const f of files) {
    const mod = (await import(/* @vite-ignore */ `./${f.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      const isEntries = (x: unknown) =>
        typeof x === 'object' && x !== null && 'namespace' in x && 'code' in x && 'summary' in x && 'actor' in x;
      if (Array.isArray(value) && value.length > 0 && value.every(isEntries)) {
        lists.push([`${f} ${name}`, value as CatalogEntry[]]);
      }
    }
  }
  return lists;
}

describe('the families table (families.ts)', () => {
  it("holds in each row only that family's entries", () => {
    for (const [ns, family] of Object.entries(FAMILIES)) {
      for (const e of family.entries.flat()) expect(e.namespace, `${e.name} in row ${ns}`).toBe(ns);
    }
  });

  it('lists every data list of the catalogue, once', async () => {
    const listed = Object.values(FAMILIES).flatMap((f) => f.entries);
    expect(new Set(listed).size).toBe(listed.length);
    const inTable = new Set(ALL_ENTRIES);
    const lists = await exportedEntryLists();
    expect(lists.length).toBeGreaterThanOrEqual(listed.length);
    const missing = lists.filter(([, list]) => list.some((e) => !inTable.has(e))).map(([where]) => where);
    expect(missing, 'entries exported by a data file but not reached from the families table').toEqual([]);
  });

  it('gives each family a title, a label and where to look next, none of them shared', () => {
    const rows = Object.values(FAMILIES);
    for (const r of rows) for (const w of [r.title, r.label, r.whereToLook]) expect(w.trim().length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.title)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.label)).size).toBe(rows.length);
  });
});

describe('known-codes.ts (compact index for the content-script detector)', () => {
  it('is in sync with the families table and the data files (regenerate with `npm run build`)', () => {
    expect(NAMESPACES).toEqual(FAMILY_NAMESPACES);
    const data = knownCodesData(entries, FAMILY_NAMESPACES);
    expect(KNOWN_CODES).toEqual(data.codes);
    expect(KNOWN_NAMES).toEqual(data.names);
    expect(KNOWN_LOW_CONFIDENCE).toEqual(data.low);
    expect(KNOWN_CONTEXT_NAMES).toEqual(data.contextNames);
    const onDisk = readFileSync(new URL('./known-codes.ts', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderKnownCodes(entries, FAMILY_NAMESPACES));
    const list = readFileSync(new URL('./namespace-list.ts', import.meta.url), 'utf8');
    expect(list).toBe(renderNamespaceList(FAMILY_NAMESPACES));
  });

  it('leaves label-only names out of the searchable names', () => {
    const names = new Set(KNOWN_NAMES.map(([n]) => n));
    for (const e of entries.filter((x) => x.labelOnly)) expect(names.has(e.name), e.name).toBe(false);
  });
});

/**
 * Renders `known-codes.ts` from the families table and its entries. Pure, so the sync test and the
 * generator (`scripts/generate.mjs`, run by `npm run build`) share it.
 */
import { formatHex } from './compact.js';
import type { CatalogEntry, Namespace } from './types.js';

/** The generated files, from the repository root. */
export const KNOWN_CODES_FILE = 'shared/catalog/known-codes.ts';
export const NAMESPACE_LIST_FILE = 'shared/catalog/namespace-list.ts';

/**
 * The text of `namespace-list.ts`: the families' keys alone, so that whatever needs the list (the
 * protocol's validation, `rdp-doctor check`) does not load the compact index of every code.
 */
export function renderNamespaceList(namespaces: readonly string[]): string {
  const out = [
    '/** GENERATED from the families table (`families.ts`) by `npm run build`. Do not edit. */',
    '',
    '/** The code families, in the order of the families table (`families.ts`). Stable strings: `--json` shows them. */',
  ];
  const list = `export const NAMESPACES = [${namespaces.map((ns) => `'${ns}'`).join(', ')}] as const;`;
  if (list.length <= 120) out.push(list);
  else out.push('export const NAMESPACES = [', ...namespaces.map((ns) => `  '${ns}',`), '] as const;');
  return `${out.join('\n')}\n`;
}

export interface KnownCodesData {
  codes: Record<Namespace, number[]>;
  names: [string, Namespace, number][];
  /** Codes whose meaning is undocumented or uncertain (confidence `low`). */
  low: [Namespace, number][];
  /** Names also used by unrelated software: report them only with RDP context. */
  contextNames: string[];
}

/**
 * Codes per namespace (sorted, unique) and every searchable name/alias (label-only names are left out).
 * `namespaces` is the families table's order (its keys), not the generated list, which may be stale.
 */
export function knownCodesData(entries: readonly CatalogEntry[], namespaces: readonly Namespace[]): KnownCodesData {
  const codes = Object.fromEntries(namespaces.map((ns) => [ns, [] as number[]])) as Record<Namespace, number[]>;
  const names: [string, Namespace, number][] = [];
  const low: [Namespace, number][] = [];
  const contextNames = new Set<string>();
  const seen = new Set<string>();
  for (const e of entries) {
    const list = codes[e.namespace];
    if (!list) throw new Error(`${e.namespace} ${e.name}: its namespace has no row in families.ts`);
    if (!list.includes(e.code)) list.push(e.code);
    if (e.confidence === 'low') low.push([e.namespace, e.code]);
    if (e.labelOnly) continue;
    if (e.nameNeedsContext) for (const n of [e.name, ...(e.aliases ?? [])]) contextNames.add(n);
    for (const n of [e.name, ...(e.aliases ?? [])]) {
      const k = `${n}|${e.namespace}|${e.code}`;
      if (seen.has(k)) continue;
      seen.add(k);
      names.push([n, e.namespace, e.code]);
    }
  }
  for (const ns of namespaces) codes[ns].sort((a, b) => a - b);
  names.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] - b[2]));
  return { codes, names, low, contextNames: [...contextNames].sort() };
}

/** A number as a source literal: the one hex formatter, in the lower case the generated file has always used. */
const literal = (c: number) => formatHex(c).toLowerCase();

/** The text of `known-codes.ts`, formatted the way the project's formatter leaves it. */
export function renderKnownCodes(entries: readonly CatalogEntry[], namespaces: readonly Namespace[]): string {
  const { codes, names, low, contextNames } = knownCodesData(entries, namespaces);
  const out: string[] = [
    '/**',
    ' * GENERATED from the families table (`families.ts`) and its data files by `npm run build`. Do not edit.',
    ' * Only codes and names: small enough for the content-script detector.',
    ' */',
    "import type { Namespace } from './types.js';",
  ];
  out.push(
    '',
    '/** Known codes per namespace (unsigned 32-bit, ascending). */',
    'export const KNOWN_CODES: Readonly<Record<Namespace, readonly number[]>> = {',
  );
  for (const ns of namespaces) {
    const key = ns.includes('-') ? `'${ns}'` : ns;
    const single = `  ${key}: [${codes[ns].map(literal).join(', ')}],`;
    if (single.length <= 120) {
      out.push(single);
      continue;
    }
    out.push(`  ${key}: [`);
    let line = '   ';
    for (const c of codes[ns]) {
      const item = ` ${literal(c)},`;
      if (line.length + item.length > 120) {
        out.push(line);
        line = '   ';
      }
      line += item;
    }
    if (line.trim()) out.push(line);
    out.push('  ],');
  }
  out.push('};', '', '/** Searchable symbolic names and aliases: [name, namespace, code]. */');
  out.push('export const KNOWN_NAMES: readonly (readonly [string, Namespace, number])[] = [');
  for (const [n, ns, c] of names) out.push(`  [${JSON.stringify(n).replace(/^"|"$/g, "'")}, '${ns}', ${literal(c)}],`);
  out.push('];', '', '/** Codes whose meaning is undocumented or uncertain: offer them with low confidence. */');
  out.push('export const KNOWN_LOW_CONFIDENCE: readonly (readonly [Namespace, number])[] = [');
  for (const [ns, c] of low) out.push(`  ['${ns}', ${literal(c)}],`);
  out.push(
    '];',
    '',
    '/** Names also used by unrelated software (git, WinRM, .NET …): report them only with RDP context. */',
  );
  out.push('export const KNOWN_CONTEXT_NAMES: readonly string[] = [');
  for (const n of contextNames) out.push(`  ${JSON.stringify(n).replace(/^"|"$/g, "'")},`);
  out.push('];', '');
  return out.join('\n');
}

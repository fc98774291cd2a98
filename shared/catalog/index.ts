/**
 * The catalogue's lookup API, used by the detector, the diagnosis, the CLI and the extension pages.
 * Pure: no browser or Node APIs. The content-script detector should import `compact.ts` instead,
 * which carries only codes and names, not the summaries.
 */

import { displayCode, FREERDP_CLASS_ERRINFO, formatHex, toUnsigned32 } from './compact.js';
import { ALL_ENTRIES } from './families.js';
import { unknownCodeSentence } from './namespaces.js';
import type { CatalogEntry, Namespace } from './types.js';
import { NAMESPACES } from './types.js';

export {
  displayCode,
  FREERDP_CLASS_ERRCONNECT,
  FREERDP_CLASS_ERRINFO,
  formatHex,
  isKnownCode,
  isLowConfidence,
  nameNeedsContext,
  refsForName,
  shownCode,
  toSigned32,
  toUnsigned32,
} from './compact.js';
export { codeHeading, NAMESPACE_LABELS, NAMESPACE_TITLES, NAMESPACE_WORDS, unknownCodeSentence } from './namespaces.js';
export type { CatalogEntry, Namespace } from './types.js';
export { NAMESPACES } from './types.js';

/** An entry-like answer for a code the catalogue does not hold. Never hide unknown codes: show this. */
export interface UnknownEntry extends CatalogEntry {
  unknown: true;
  /** The code as hex, e.g. `0x1234`. */
  hex: string;
}

const ALL: readonly CatalogEntry[] = ALL_ENTRIES;

const key = (ns: Namespace, code: number) => `${ns}:${code >>> 0}`;
const byCode = new Map<string, CatalogEntry[]>();
const byName = new Map<string, CatalogEntry[]>();
for (const e of ALL) {
  const k = key(e.namespace, e.code);
  byCode.set(k, [...(byCode.get(k) ?? []), e]);
  for (const n of [e.name, ...(e.aliases ?? [])]) {
    const nk = n.toUpperCase();
    const list = byName.get(nk) ?? [];
    if (!list.includes(e)) list.push(e);
    byName.set(nk, list);
  }
}

/** Splits a FreeRDP composite code and finds what it means (ERRINFO types resolve to `extended-reason` entries). */
export function resolveFreerdpComposite(code: number): { cls: number; type: number; entry: CatalogEntry | undefined } {
  const c = toUnsigned32(code);
  const cls = c >>> 16;
  const type = c & 0xffff;
  let entry: CatalogEntry | undefined;
  if (cls === FREERDP_CLASS_ERRINFO) entry = byCode.get(key('extended-reason', type))?.[0];
  else entry = byCode.get(key('freerdp', c))?.[0];
  return { cls, type, entry };
}

/**
 * The entry for a code in a family, or undefined. FreeRDP ERRINFO composites (`0x0001xxxx`) resolve to
 * the `extended-reason` entry of their low 16 bits. Signed values are accepted.
 */
export function lookup(namespace: Namespace, code: number): CatalogEntry | undefined {
  const direct = byCode.get(key(namespace, code))?.[0];
  if (direct) return direct;
  if (namespace === 'freerdp' && toUnsigned32(code) >>> 16 === FREERDP_CLASS_ERRINFO) {
    return resolveFreerdpComposite(code).entry;
  }
  return undefined;
}

/** Entries whose symbolic name or alias equals `name`, case-insensitively (e.g. `ERRINFO_LOGOFF_BY_USER`). */
export function lookupByName(name: string): readonly CatalogEntry[] {
  return byName.get(name.trim().toUpperCase()) ?? [];
}

/** An entry-like object saying the code is not in the catalogue, with its hex. */
export function describeUnknown(namespace: Namespace, code: number): UnknownEntry {
  const hex = formatHex(code);
  return {
    unknown: true,
    hex,
    namespace,
    code: toUnsigned32(code),
    name: displayCode(namespace, code) ?? hex,
    summary: unknownCodeSentence(namespace, code),
    actor: 'unknown',
    causes: [],
    fixes: ['read-server-event-logs'],
    checks: [],
    source: 'RDP Doctor catalogue (no entry)',
    confidence: 'low',
  };
}

/** The catalogue entry, or the "not in the catalogue" description. */
export function explainCode(namespace: Namespace, code: number): CatalogEntry | UnknownEntry {
  return lookup(namespace, code) ?? describeUnknown(namespace, code);
}

/** True when `ns` is one of the catalogue's namespace strings. */
export function isNamespace(ns: string): ns is Namespace {
  return (NAMESPACES as readonly string[]).includes(ns);
}

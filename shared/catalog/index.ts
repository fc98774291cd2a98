/**
 * The catalogue's lookup API, used by the detector, the diagnosis, the CLI and the extension pages.
 * Pure: no browser or Node APIs. The content-script detector should import `compact.ts` instead,
 * which carries only codes and names, not the summaries.
 */
import { ALL_ENTRIES } from './all-entries.js';
import { displayCode, FREERDP_CLASS_ERRCONNECT, FREERDP_CLASS_ERRINFO, formatHex, toUnsigned32 } from './compact.js';
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
  toSigned32,
  toUnsigned32,
} from './compact.js';
export type { CatalogEntry, Namespace } from './types.js';
export { NAMESPACES } from './types.js';

/** Plain titles of the code families, for headings and for "not in the catalogue" sentences. */
export const NAMESPACE_TITLES: Readonly<Record<Namespace, string>> = {
  'disconnect-reason': 'Remote Desktop client disconnect reason ("Error code")',
  'extended-reason': 'extended disconnect reason ("Extended error code") / server error info (ERRINFO)',
  'negotiation-failure': 'RDP security negotiation failure (RDP_NEG_FAILURE)',
  hresult: 'Windows HRESULT / security package (SEC_E) / RD Gateway',
  ntstatus: 'Windows NTSTATUS',
  avd: 'Azure Virtual Desktop / Windows App / web client',
  freerdp: 'FreeRDP error or exit code',
  'event-id': 'Windows event ID',
  entra: 'Microsoft Entra ID sign-in error (AADSTS)',
  gateway: 'RD Gateway event error',
  message: 'Remote Desktop message without a code (mstsc, Windows App, Azure portal, other RDP clients)',
};

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

/** Every entry of every family, in family order. */
export function allEntries(): readonly CatalogEntry[] {
  return ALL;
}

/** Every entry of one family. */
export function entriesOf(namespace: Namespace): readonly CatalogEntry[] {
  return ALL.filter((e) => e.namespace === namespace);
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

/** All entries with this namespace and code (more than one only for documented shared codes, e.g. AVD HRESULTs). */
export function lookupAll(namespace: Namespace, code: number): readonly CatalogEntry[] {
  return byCode.get(key(namespace, code)) ?? [];
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

function unknownHint(namespace: Namespace, code: number): string {
  const c = toUnsigned32(code);
  if (namespace === 'extended-reason' && c >= 0x1000 && c <= 0x7fff) {
    return ', but it lies in the range of internal RDP protocol errors (0x1000–0x7FFF), so the server event logs say more';
  }
  if (namespace === 'hresult' && c >>> 16 === 0x8007) {
    return `; it is Windows error ${c & 0xffff} wrapped as an HRESULT`;
  }
  if (namespace === 'hresult' && c >>> 16 === 0x8009) {
    return '; it is a security-package (SSPI/Schannel) error';
  }
  if (namespace === 'freerdp' && c >>> 16 === FREERDP_CLASS_ERRCONNECT) {
    return '; it is a FreeRDP connection (ERRCONNECT) error';
  }
  if (namespace === 'ntstatus' && c >>> 30 === 3) return '; it is an NTSTATUS error value';
  if (namespace === 'avd' && (c >>> 24 === 3 || c >>> 24 === 5)) {
    return '; it is a Windows App / Remote Desktop app connection code, a family Microsoft publishes no table for, so the Activity ID in the same dialog leads to the service-side error';
  }
  if (namespace === 'entra')
    return `; Microsoft describes each Entra code at https://login.microsoftonline.com/error?code=${c}`;
  if (namespace === 'gateway')
    return '; the RD Gateway event that printed it and the Network Policy Server log say more';
  return '';
}

/** An entry-like object saying the code is not in the catalogue, with its hex. */
export function describeUnknown(namespace: Namespace, code: number): UnknownEntry {
  const hex = formatHex(code);
  const shown = displayCode(namespace, code) ?? hex;
  // AADSTS codes and RD Gateway numbers are never written in hex: no hex beside them.
  const decimalFamily = namespace === 'entra' || namespace === 'gateway';
  const label = shown === hex || decimalFamily ? shown : `${shown} (${hex})`;
  return {
    unknown: true,
    hex,
    namespace,
    code: toUnsigned32(code),
    name: shown,
    summary: `${label} is not in the catalogue of ${NAMESPACE_TITLES[namespace]} codes${unknownHint(namespace, code)}.`,
    actor: 'none',
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

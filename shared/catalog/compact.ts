/**
 * The compact face of the catalogue for the content-script detector: which codes exist per family and
 * which symbolic names are known, without any summary text. Import this, not `index.ts`, from code that
 * runs in pages. `known-codes.ts` is generated from the data files by `npm run build`.
 */
import { KNOWN_CODES, KNOWN_CONTEXT_NAMES, KNOWN_LOW_CONFIDENCE, KNOWN_NAMES } from './known-codes.js';
import { NAME_ONLY_CODE_BASE, type Namespace } from './types.js';

export { KNOWN_CODES, KNOWN_CONTEXT_NAMES, KNOWN_LOW_CONFIDENCE, KNOWN_NAMES } from './known-codes.js';

/** FreeRDP composite codes are `(class << 16) | type`: class 1 = ERRINFO (server error info), class 2 = ERRCONNECT. */
export const FREERDP_CLASS_ERRINFO = 1;
export const FREERDP_CLASS_ERRCONNECT = 2;

/** Normalises a number as printed (signed decimal HRESULTs such as -2147467259 included) to unsigned 32-bit. */
export function toUnsigned32(code: number): number {
  return code >>> 0;
}

/** The signed 32-bit reading of a code, as AVD diagnostics and .NET print HRESULTs. */
export function toSigned32(code: number): number {
  return code | 0;
}

/** `0x` plus upper-case hex digits, zero-padded to `minDigits` (FreeRDP composites print 8). */
export function formatHex(code: number, minDigits = 1): string {
  return `0x${toUnsigned32(code).toString(16).toUpperCase().padStart(minDigits, '0')}`;
}

const codeSets = new Map<Namespace, Set<number>>();
for (const [ns, codes] of Object.entries(KNOWN_CODES) as [Namespace, readonly number[]][]) {
  codeSets.set(ns, new Set(codes));
}

/** Families whose codes are written without hex (AADSTS codes, RD Gateway error numbers): no hex form to show beside them. */
export const WRITTEN_WITHOUT_HEX: ReadonlySet<Namespace> = new Set<Namespace>(['entra', 'gateway']);

/**
 * True for a number the catalogue gave an entry whose source defines only a name (`nameOnly`, from
 * `NAME_ONLY_CODE_BASE`), in any family: such a number is never shown as if the product printed it.
 */
export function isAssignedCode(namespace: Namespace, code: number): boolean {
  const c = toUnsigned32(code);
  return c >= NAME_ONLY_CODE_BASE && c < NAME_ONLY_CODE_BASE + 0x10000 && (codeSets.get(namespace)?.has(c) ?? false);
}

/**
 * A code the way people see it in its family: event IDs, FreeRDP exit codes and small AVD numbers in decimal,
 * FreeRDP composites as 8-digit hex, everything else as hex. Undefined for name-only entries (no number).
 */
export function displayCode(namespace: Namespace, code: number): string | undefined {
  const c = toUnsigned32(code);
  if (isAssignedCode(namespace, c)) return undefined;
  if (namespace === 'event-id' || namespace === 'gateway') return String(c);
  if (namespace === 'entra') return `AADSTS${c}`;
  if (namespace === 'freerdp') return c <= 255 ? String(c) : c >= 0x10000 ? formatHex(c, 8) : formatHex(c);
  if (namespace === 'avd' && c < 0x1000000) return String(c);
  return formatHex(c);
}

/**
 * How a detected code is written for people: its family's own form (decimal event ids and RD Gateway
 * numbers, AADSTS…), else its hex; null for a code known by name only.
 */
export function shownCode(d: { namespace: Namespace; code: number; hex: string | null }): string | null {
  return d.hex === null ? null : (displayCode(d.namespace, d.code) ?? d.hex);
}

/** True when the catalogue has an entry for this code (FreeRDP ERRINFO composites count when their ERRINFO type is known). */
export function isKnownCode(namespace: Namespace, code: number): boolean {
  const c = toUnsigned32(code);
  if (codeSets.get(namespace)?.has(c)) return true;
  if (namespace === 'freerdp' && c >>> 16 === FREERDP_CLASS_ERRINFO) {
    return codeSets.get('extended-reason')?.has(c & 0xffff) ?? false;
  }
  return false;
}

const lowSet = new Set(KNOWN_LOW_CONFIDENCE.map(([ns, c]) => `${ns}:${c}`));

/** True when the catalogue marks this code's meaning as undocumented or uncertain. */
export function isLowConfidence(namespace: Namespace, code: number): boolean {
  return lowSet.has(`${namespace}:${toUnsigned32(code)}`);
}

const contextNames = new Set(KNOWN_CONTEXT_NAMES.map((n) => n.toUpperCase()));

/** True when a symbolic name is also used by unrelated software (SEC_E_*, STATUS_*, E_FAIL, FileNotFound …). */
export function nameNeedsContext(name: string): boolean {
  return contextNames.has(name.trim().toUpperCase());
}

export interface NameRef {
  namespace: Namespace;
  code: number;
}

const nameIndex = new Map<string, NameRef[]>();
for (const [name, namespace, code] of KNOWN_NAMES) {
  const k = name.toUpperCase();
  const list = nameIndex.get(k) ?? [];
  list.push({ namespace, code });
  nameIndex.set(k, list);
}

/** Where a symbolic name (or alias) points, case-insensitively; empty when unknown. */
export function refsForName(name: string): readonly NameRef[] {
  return nameIndex.get(name.trim().toUpperCase()) ?? [];
}

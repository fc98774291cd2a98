/**
 * Adapter from the catalogue's compact index (`shared/catalog/compact.ts`: codes and names only, no
 * summaries) to what the detector needs. Built once, lazily; small enough for a content script.
 */
import { KNOWN_CODES, KNOWN_CONTEXT_NAMES, KNOWN_LOW_CONFIDENCE, KNOWN_NAMES } from '../catalog/compact.js';
import { NAME_ONLY_CODE_BASE, type Namespace } from '../catalog/types.js';
import { MESSAGE_RULES } from './catalog-messages.js';
import type { DetectorData, MessageRule } from './types.js';

/** Prefer the spelling people see in logs and dialogs when a code has several names. */
function namePreference(name: string): number {
  if (/^(ERRINFO_|ERRCONNECT_|SEC_E_|STATUS_|E_PROXY_|SSL_)/.test(name)) return 0;
  if (/^(disconnectReason|exDiscReason)/.test(name)) return 1;
  return 2;
}

let cached: DetectorData | null = null;

export function buildDetectorData(
  codes: Readonly<Record<Namespace, readonly number[]>>,
  names: readonly (readonly [string, Namespace, number])[],
  messages: readonly MessageRule[],
  low: readonly (readonly [Namespace, number])[] = [],
  contextNames: readonly string[] = [],
): DetectorData {
  const codeMap = new Map<Namespace, Map<number, string>>();
  for (const [ns, list] of Object.entries(codes) as [Namespace, readonly number[]][]) {
    codeMap.set(ns, new Map(list.map((c) => [c >>> 0, ''])));
  }
  const nameMap = new Map<string, { namespace: Namespace; code: number; name: string; nameOnly?: boolean }>();
  const best = new Map<string, string>();
  for (const [name, ns, code] of names) {
    const k = name.toUpperCase();
    const c = code >>> 0;
    if (!nameMap.has(k))
      nameMap.set(k, { namespace: ns, code: c, name, ...(c >= NAME_ONLY_CODE_BASE ? { nameOnly: true } : {}) });
    const key = `${ns}:${c}`;
    const prev = best.get(key);
    if (prev === undefined || namePreference(name) < namePreference(prev)) best.set(key, name);
  }
  for (const [key, name] of best) {
    const i = key.indexOf(':');
    const ns = key.slice(0, i) as Namespace;
    const c = Number(key.slice(i + 1));
    const m = codeMap.get(ns);
    if (m?.has(c)) m.set(c, name);
  }
  return {
    codes: codeMap,
    names: nameMap,
    lowConfidence: new Set(low.map(([ns, c]) => `${ns}:${c >>> 0}`)),
    messages,
    contextNames: new Set(contextNames.map((n) => n.toUpperCase())),
  };
}

/** The detector data for the catalogue shipped with this build. */
export function detectorData(): DetectorData {
  cached ??= buildDetectorData(KNOWN_CODES, KNOWN_NAMES, MESSAGE_RULES, KNOWN_LOW_CONFIDENCE, KNOWN_CONTEXT_NAMES);
  return cached;
}

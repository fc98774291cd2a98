/**
 * The find port: content scripts ask the background which codes a batch of page text holds (the
 * detector and the catalogue run there, off the page's thread, so the content script stays small).
 * Questions `{type: 'annotation-find', id, texts}` and answers `{id, lists}` travel on one runtime port
 * named {@link FIND_PORT} (not one-off messages: a page that goes away with questions pending then
 * leaves no rejected promise behind, which Firefox logs as an error). Content scripts only; neither end
 * can start a probe. Both directions are validated here from `unknown`. Pure: no browser APIs.
 */
import { NAMESPACES, type Namespace } from '../../shared/catalog/types.js';
import type { CodeRef } from './messages.js';

export const FIND_PORT = 'rdp-doctor-annotation-find';

/** Texts per question at most, and their characters in total at most. */
export const MAX_FIND_TEXTS = 256;
export const MAX_FIND_CHARS = 262_144;
/** Codes answered per text at most (a text is at most a 16 K window of the page). */
export const MAX_FOUND_PER_TEXT = 200;

export interface FindRequest {
  type: 'annotation-find';
  /** Matches the answer to the question on the port. */
  id: number;
  texts: string[];
}

/** One code found in a text: UTF-16 offsets `[start, end)`, what it is, and how the mark names it. */
export interface FoundCode {
  start: number;
  end: number;
  namespace: string;
  code: number;
  hex: string | null;
  name: string | null;
  /** The code as people read it (event ids in decimal, names as written), for the mark's accessible label. */
  label: string;
  /** When the code was read as one of a pair (error code + extended code): the pair, in page order. */
  pair?: [CodeRef, CodeRef];
}

const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isNamespace = (v: unknown): v is Namespace =>
  typeof v === 'string' && (NAMESPACES as readonly string[]).includes(v);
const isCode = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;

/** Validates a question; null when it is not a well-formed, bounded one. */
export function parseFindRequest(m: unknown): FindRequest | null {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return null;
  const r = m as Record<string, unknown>;
  if (r.type !== 'annotation-find' || !Array.isArray(r.texts) || r.texts.length > MAX_FIND_TEXTS) return null;
  if (typeof r.id !== 'number' || !Number.isSafeInteger(r.id)) return null;
  let chars = 0;
  for (const t of r.texts) {
    if (typeof t !== 'string') return null;
    chars += t.length;
    if (chars > MAX_FIND_CHARS) return null;
  }
  return { type: 'annotation-find', id: r.id, texts: r.texts as string[] };
}

function pairOf(v: unknown): [CodeRef, CodeRef] | null {
  if (!Array.isArray(v) || v.length !== 2) return null;
  const refs = v.map((x: unknown) => {
    const o = x as Record<string, unknown> | null;
    return o && isNamespace(o.namespace) && isCode(o.code) ? { namespace: o.namespace, code: o.code } : null;
  });
  return refs[0] && refs[1] ? [refs[0], refs[1]] : null;
}

function foundCode(f: unknown, len: number): FoundCode | null {
  if (typeof f !== 'object' || f === null) return null;
  const { start, end, namespace, code, hex, name, label, pair } = f as Record<string, unknown>;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return null;
  if ((start as number) < 0 || (end as number) <= (start as number) || (end as number) > len) return null;
  if (!isNamespace(namespace) || !isCode(code) || !str(label, 200)) return null;
  if (!(hex === null || str(hex, 20)) || !(name === null || str(name, 200))) return null;
  const out: FoundCode = { start: start as number, end: end as number, namespace, code, hex, name, label };
  if (pair !== undefined) {
    const p = pairOf(pair);
    if (!p) return null;
    out.pair = p;
  }
  return out;
}

/** Validates the answer to a question of `texts`: one list per text, every span inside its text. */
export function parseFindReply(m: unknown, texts: readonly string[]): FoundCode[][] | null {
  if (!Array.isArray(m) || m.length !== texts.length) return null;
  const out: FoundCode[][] = [];
  for (let i = 0; i < m.length; i++) {
    const list = m[i] as unknown;
    if (!Array.isArray(list) || list.length > MAX_FOUND_PER_TEXT) return null;
    const codes: FoundCode[] = [];
    for (const f of list) {
      const c = foundCode(f, texts[i]!.length);
      if (!c) return null;
      codes.push(c);
    }
    out.push(codes);
  }
  return out;
}

/**
 * Finds the label written just before a value ("Extended error code: 0x7", "Fehlercode: 0x904",
 * "(Code: 0x80004005)", "Event ID 36870") by looking back a bounded window — the cost per value
 * is constant, whatever the text length.
 */
import { AUTH_ERROR_PHRASES, LABELS, type LabelKind, PROTOCOL_ERROR_PHRASES } from './labels.js';

export interface FoundLabel {
  kind: LabelKind;
  /** The label as written in the text. */
  text: string;
  /** Offset of the label's first character. */
  start: number;
}

interface Variant {
  kind: LabelKind;
  /** Lower-case label with single spaces. */
  text: string;
}

/** Latin/Cyrillic labels indexed by their last word; CJK labels (no word breaks) kept apart. */
const BY_LAST_WORD = new Map<string, Variant[]>();
const CJK_VARIANTS: Variant[] = [];
const isCjk = (cc: number) =>
  (cc >= 0x3000 && cc <= 0x9fff) || (cc >= 0xac00 && cc <= 0xd7af) || (cc >= 0xff00 && cc <= 0xffef);

for (const l of LABELS) {
  for (const text of new Set([l.text, l.text.replace(/ /g, '')])) {
    const v = { kind: l.kind, text };
    if (isCjk(text.charCodeAt(text.length - 1))) CJK_VARIANTS.push(v);
    else {
      const last = text.slice(text.lastIndexOf(' ') + 1);
      const list = BY_LAST_WORD.get(last) ?? [];
      list.push(v);
      BY_LAST_WORD.set(last, list);
    }
  }
}
for (const list of BY_LAST_WORD.values()) list.sort((a, b) => b.text.length - a.text.length);
CJK_VARIANTS.sort((a, b) => b.text.length - a.text.length);

/** Characters allowed between a label and its value. */
const SEP_CHARS = ' \t\r\n\u00a0:：=＝(（[]#"\'`*,-';
const SEP_ASCII = new Uint8Array(128);
for (const ch of SEP_CHARS) if (ch.charCodeAt(0) < 128) SEP_ASCII[ch.charCodeAt(0)] = 1;
const SEP_OTHER = new Set([...SEP_CHARS].map((ch) => ch.charCodeAt(0)).filter((c) => c >= 128));
const isSep = (c: number) => (c < 128 ? SEP_ASCII[c] === 1 : SEP_OTHER.has(c));
/** Connector words allowed between a label and its value ("error code is 0x904", "Error code of 0x204"). */
const CONNECTORS = new Set(['is', 'was', 'of', 'ist', 'est', 'es', 'è', 'é', 'wynosi', 'равен', 'равно']);
const LOOKBACK = 64;

/** A hash of the lower-cased word `text[from, to)` (16 bits), or -1 when it has a character that is not ASCII. */
function asciiWordKey(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return -1;
    h = Math.imul(h ^ (c >= 65 && c <= 90 ? c + 32 : c), 0x01000193);
  }
  return h >>> 16;
}

/**
 * {@link asciiWordKey}s of the words a label may end with and of the connectors: a word before a value whose
 * key is not here is neither (most words on a page), with no copy of it made to look it up.
 */
const WORD_KEYS = new Uint32Array(2048);
for (const w of [...BY_LAST_WORD.keys(), ...CONNECTORS]) {
  const key = asciiWordKey(w, 0, w.length);
  if (key >= 0) WORD_KEYS[key >>> 5] = (WORD_KEYS[key >>> 5] as number) | (1 << (key & 31));
}
const mayEndLabel = (key: number) => key < 0 || (((WORD_KEYS[key >>> 5] as number) >>> (key & 31)) & 1) === 1;

const isSpace = (cc: number) => cc === 32 || cc === 9 || cc === 10 || cc === 13 || cc === 0xa0;
/** Letters a label word may contain (Latin incl. accents, Cyrillic, apostrophes, "!" of "RDP disconnected!"). */
function isWordChar(cc: number): boolean {
  if ((cc >= 65 && cc <= 90) || (cc >= 97 && cc <= 122) || cc === 39 || cc === 0x2019 || cc === 33 || cc === 95)
    return true;
  return cc >= 0xc0 && cc < 0x3000 && cc !== 0xd7 && cc !== 0xf7;
}

function skipSeparators(text: string, k: number, floor: number): number {
  let i = k;
  while (i >= floor && isSep(text.charCodeAt(i))) i--;
  return i;
}

/**
 * Is there surely no label before the value at `valueStart`? True when the first character before it that
 * is not a separator (within the look-back) is one no label ends with — a digit, `/`, `%`, `.` — or there
 * is none: then {@link labelBefore} returns null. A cheap first question for the many numbers on a page.
 */
export function noLabelBefore(text: string, valueStart: number): boolean {
  const floor = Math.max(0, valueStart - LOOKBACK);
  const k = skipSeparators(text, valueStart - 1, floor);
  if (k < floor) return true;
  const cc = text.charCodeAt(k);
  return !isCjk(cc) && !isWordChar(cc);
}

/** Does `text` (collapsing whitespace runs, ignoring case) end at `endIncl` with `label`? Returns the start or -1. */
function endsWithLabel(text: string, endIncl: number, label: string, floor: number): number {
  let i = endIncl;
  for (let j = label.length - 1; j >= 0; j--) {
    const want = label.charCodeAt(j);
    if (want === 32) {
      if (i < floor || !isSpace(text.charCodeAt(i))) return -1;
      while (i >= floor && isSpace(text.charCodeAt(i))) i--;
      continue;
    }
    if (i < floor) return -1;
    const got = text[i] as string;
    if (got !== label[j] && got.toLowerCase() !== label[j]) return -1;
    i--;
  }
  return i + 1;
}

/** The label that ends right before `valueStart`, or null. Constant work per value. */
export function labelBefore(text: string, valueStart: number): FoundLabel | null {
  const floor = Math.max(0, valueStart - LOOKBACK);
  let k = skipSeparators(text, valueStart - 1, floor);
  if (k < floor) return null;
  let cc = text.charCodeAt(k);
  if (isCjk(cc)) {
    for (const v of CJK_VARIANTS) {
      const at = endsWithLabel(text, k, v.text, floor);
      if (at >= 0) return { kind: v.kind, text: text.slice(at, k + 1), start: at };
    }
    return null;
  }
  if (!isWordChar(cc)) return null;
  for (let round = 0; round < 2; round++) {
    let ws = k;
    while (ws - 1 >= floor && isWordChar(text.charCodeAt(ws - 1))) ws--;
    if (!mayEndLabel(asciiWordKey(text, ws, k + 1))) return null;
    const word = text.slice(ws, k + 1).toLowerCase();
    if (round === 0 && CONNECTORS.has(word)) {
      k = skipSeparators(text, ws - 1, floor);
      if (k < floor) return null;
      cc = text.charCodeAt(k);
      if (!isWordChar(cc)) return null;
      continue;
    }
    for (const v of BY_LAST_WORD.get(word) ?? []) {
      const at = endsWithLabel(text, k, v.text, floor);
      if (at < 0) continue;
      // A Latin label must start a word ("barcode" is not "code").
      if (at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
      return { kind: v.kind, text: text.slice(at, k + 1), start: at };
    }
    return null;
  }
  return null;
}

/** A weak label written right after the value: "0x204 error", "0x406 Fehler". */
export function errorWordAfter(text: string, valueEnd: number): boolean {
  return /^[\s)\]]{0,3}(?:error|fehler|erreur|ошибка|错误|錯誤|エラー|오류)/iu.test(
    text.slice(valueEnd, valueEnd + 16),
  );
}

function containsAny(haystack: string, needles: readonly string[]): boolean {
  const h = haystack.toLowerCase();
  return needles.some((n) => h.includes(n));
}

/** Is the value inside an authentication-error sentence ("An authentication error has occurred (Code: …)")? */
export function inAuthSentence(text: string, labelStart: number): boolean {
  return containsAny(text.slice(Math.max(0, labelStart - 160), labelStart), AUTH_ERROR_PHRASES);
}

/** Is the value inside a protocol-error sentence ("Because of a protocol error (code: 0x112f) …")? */
export function inProtocolErrorSentence(text: string, labelStart: number): boolean {
  return containsAny(text.slice(Math.max(0, labelStart - 80), labelStart), PROTOCOL_ERROR_PHRASES);
}

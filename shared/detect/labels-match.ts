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
  text: string;
  latin: boolean;
}

/** Every label in two spellings: with single spaces and with no spaces (エラーコード, errorcode). */
const VARIANTS: Variant[] = [];
for (const l of LABELS) {
  const forms = new Set([l.text, l.text.replace(/ /g, '')]);
  for (const text of forms) VARIANTS.push({ kind: l.kind, text, latin: /^[a-z]/.test(text) });
}
VARIANTS.sort((a, b) => b.text.length - a.text.length);

/** Separators allowed between a label and its value. */
const TRAILING_SEP = /[\s:：=＝(（[\]#"'`*,-]*$/u;
/** Connector words allowed between a label and its value ("error code is 0x904", "Error code of 0x204"). */
const CONNECTOR = /(?:^|\s)(?:is|was|of|ist|est|es|è|é|wynosi|равен|равно)\s*$/iu;
const LOOKBACK = 64;

/** The label that ends right before `valueStart`, or null. */
export function labelBefore(text: string, valueStart: number): FoundLabel | null {
  const from = Math.max(0, valueStart - LOOKBACK);
  let win = text.slice(from, valueStart);
  win = win.replace(TRAILING_SEP, '');
  const conn = CONNECTOR.exec(win);
  if (conn) win = win.slice(0, conn.index).replace(TRAILING_SEP, '');
  // Collapse whitespace so that "Error\n  code" and "Error code" compare equal; keep an offset map.
  const lowered = win.toLowerCase();
  let collapsed = '';
  const origin: number[] = [];
  for (let i = 0; i < lowered.length; i++) {
    const ch = lowered[i] as string;
    if (/\s/.test(ch)) {
      if (collapsed.endsWith(' ')) continue;
      collapsed += ' ';
    } else collapsed += ch;
    origin.push(i);
  }
  for (const v of VARIANTS) {
    if (!collapsed.endsWith(v.text)) continue;
    const at = collapsed.length - v.text.length;
    if (v.latin && at > 0 && /[\p{L}\p{N}_]/u.test(collapsed[at - 1] ?? '')) continue;
    const startInWin = origin[at] ?? 0;
    return { kind: v.kind, text: win.slice(startInWin).trim(), start: from + startInWin };
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

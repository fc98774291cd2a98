/**
 * Which words can be codes: the candidate forms of a whole word (a run of `[A-Za-z0-9_]`, optionally after
 * a minus sign), decided from the classes of its characters, gathered while the word is read once. The
 * anchored regexes below run only on the few words whose classes allow the form (each linear in the word).
 *
 * Forms: `0x` hex (with the `0x90x` typo), digit runs (decimal, signed, bare HRESULT), bare NTSTATUS
 * `C000006D` (numbers); Entra `AADSTS50076`, UPPER_SNAKE and camelCase names (and the lower-camel prefixes
 * of RDP client and Windows 365 names).
 */
import { isDigitCode, isHexCode } from './chars.js';

/** Character classes of word characters (0: not a word character). */
export const DIGIT = 1;
export const HEX_LOWER = 2;
export const HEX_UPPER = 4;
export const OTHER_LOWER = 8;
export const OTHER_UPPER = 16;
export const UNDERSCORE = 32;
const LOWER = HEX_LOWER | OTHER_LOWER;
const UPPER = HEX_UPPER | OTHER_UPPER;
const NOT_HEX = OTHER_LOWER | OTHER_UPPER | UNDERSCORE;

/** Class of each ASCII code (index with `c & 127` only after checking `c < 128`). */
export const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
for (let c = 97; c <= 122; c++) CLASS[c] = c <= 102 ? HEX_LOWER : OTHER_LOWER;
for (let c = 65; c <= 90; c++) CLASS[c] = c <= 70 ? HEX_UPPER : OTHER_UPPER;
CLASS[95] = UNDERSCORE;

const SNAKE_FORM = /^(?:AADSTS\d{2,7}|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$/;
const CAMEL_FORM =
  /^(?:(?:disconnectReason|exDiscReason|dnsCheck|adJoinCheck|endpointConnectivityCheck|azureAdDeviceSyncCheck|resourceAvailabilityCheck|permissionCheck|udpConnectivityCheck|ssoCheck)[A-Za-z0-9]*|[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+)$/;

export const NOT_A_TOKEN = 0;
export const NUMBER = 1;
export const NAME = 2;
export type WordForm = typeof NOT_A_TOKEN | typeof NUMBER | typeof NAME;

/** `0[xX][0-9a-fA-F]+[xX]?` over `text[ws, we)`. */
function isHexWord(text: string, ws: number, we: number): boolean {
  if (we - ws < 3 || text.charCodeAt(ws) !== 48 || (text.charCodeAt(ws + 1) | 32) !== 120) return false;
  const last = (text.charCodeAt(we - 1) | 32) === 120 ? we - 1 : we;
  if (last - ws < 3) return false;
  for (let i = ws + 2; i < last; i++) if (!isHexCode(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Is the word a number (`0x…` hex or a digit run with hex letters)? `first` is the class of its first
 * character, `rest` the classes of the others or-ed together. A minus before the word may belong to it.
 */
export function isNumberWord(text: string, ws: number, we: number, first: number, rest: number): boolean {
  if (first !== DIGIT) return false;
  return (rest & NOT_HEX) === 0 || isHexWord(text, ws, we);
}

/** The form of a word with no minus sign before it (see {@link isNumberWord} for `first` and `rest`). */
export function wordForm(text: string, ws: number, we: number, first: number, rest: number): WordForm {
  if (isNumberWord(text, ws, we, first, rest)) return NUMBER;
  const c0 = text.charCodeAt(ws);
  // NTSTATUS written bare: C000006D.
  if (we - ws === 8 && (c0 | 32) === 99 && text.charCodeAt(ws + 1) === 48 && (rest & NOT_HEX) === 0) return NUMBER;
  const upperFirst = (first & UPPER) !== 0;
  const snake = upperFirst && (rest & LOWER) === 0 && ((rest & UNDERSCORE) !== 0 || c0 === 65);
  if (snake) return SNAKE_FORM.test(text.slice(ws, we)) ? NAME : NOT_A_TOKEN;
  const camel = (rest & UNDERSCORE) === 0 && (rest & UPPER) !== 0 && (!upperFirst || (rest & LOWER) !== 0);
  if (camel && (first & (LOWER | UPPER)) !== 0) return CAMEL_FORM.test(text.slice(ws, we)) ? NAME : NOT_A_TOKEN;
  return NOT_A_TOKEN;
}

/** A word followed by `-` and a hex digit (a GUID or range) or by `.` and a digit (a version) is not a token. */
export function continuesAfter(text: string, we: number): boolean {
  const next = text.charCodeAt(we);
  if (next === 45) return isHexCode(text.charCodeAt(we + 1));
  return next === 46 && isDigitCode(text.charCodeAt(we + 1));
}

/**
 * Number forms as people paste them: `0x904`, `0X00000904`, `904` after a label, decimal `2308`,
 * signed decimal `-2147467259`, bare HRESULT `80004005`, NTSTATUS `C000006D`, FreeRDP composites
 * `[0x0002000D]`, and two typos seen in the wild (`0x800004005`, `0x90x`).
 */

export interface ParsedNumber {
  /** Unsigned 32-bit value. */
  value: number;
  form: 'hex' | 'decimal' | 'signed' | 'bare-hex';
  /** Hex digits as written (without 0x), for width-sensitive rules (composites are written with ≥ 5 digits). */
  digits: string;
  /** For the typo forms: the value as written could not be a 32-bit code. */
  typo?: 'extra-digit' | 'trailing-x';
}

/** `-`, `−`, `‐`, `‑`, `–`: the minus signs people paste before a signed decimal. */
export const isMinusCode = (c: number): boolean =>
  c === 45 || c === 0x2212 || c === 0x2010 || c === 0x2011 || c === 0x2013;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** Value of the decimal `text[s, end)` of at most 10 digits, or -1 (empty, longer, or not all digits). */
export function decimalValue(text: string, s: number, end: number): number {
  if (end <= s || end - s > 10) return -1;
  let n = 0;
  for (let i = s; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** `0x…` after its `0x`: the hex digits `text[ds, de)`, a trailing `x` being the `0x90x` typo. */
function parseHex(text: string, ds: number, end: number, negative: boolean): ParsedNumber | null {
  let de = end;
  let typo: ParsedNumber['typo'];
  if (de > ds && (text.charCodeAt(de - 1) | 32) === 120) {
    de--;
    typo = 'trailing-x';
  }
  if (de === ds) return null;
  const digits = text.slice(ds, de);
  let z = ds;
  while (z < de - 1 && text.charCodeAt(z) === 48) z++;
  if (de - z > 8) {
    if (de - z === 9 && !typo) return { value: Number.NaN, form: 'hex', digits, typo: 'extra-digit' };
    return null;
  }
  const v = Number.parseInt(text.slice(z, de), 16);
  if (negative) return null;
  return { value: v >>> 0, form: 'hex', digits, ...(typo ? { typo } : {}) };
}

/** Parses the token `text[start, end)`. Returns null for numbers that cannot be codes (too long, empty). */
export function parseNumberAt(text: string, start: number, end: number): ParsedNumber | null {
  const negative = start < end && isMinusCode(text.charCodeAt(start));
  const s = negative ? start + 1 : start;
  if (end - s >= 2 && text.charCodeAt(s) === 48 && (text.charCodeAt(s + 1) | 32) === 120) {
    return parseHex(text, s + 2, end, negative);
  }
  const n = decimalValue(text, s, end);
  if (n >= 0) {
    const digits = text.slice(s, end);
    if (negative) return n > 0x80000000 ? null : { value: -n >>> 0, form: 'signed', digits };
    return n > 0xffffffff ? null : { value: n, form: 'decimal', digits };
  }
  let allDigits = end > s;
  for (let i = s; i < end && allDigits; i++) allDigits = isDigit(text.charCodeAt(i));
  if (allDigits) return null;
  if (negative || end - s !== 8) return null;
  for (let i = s; i < end; i++) if (!isHex(text.charCodeAt(i))) return null;
  return { value: Number.parseInt(text.slice(s, end), 16) >>> 0, form: 'bare-hex', digits: text.slice(s, end) };
}

/** Parses one token from the scanner (see {@link parseNumberAt}). */
export function parseNumberToken(token: string): ParsedNumber | null {
  return parseNumberAt(token, 0, token.length);
}

/** `0x800004005` → 0x80004005: candidates made by dropping one zero of a run of zeros. */
export function extraDigitCandidates(digits: string): number[] {
  const out = new Set<number>();
  for (let i = 0; i < digits.length; i++) {
    if (digits[i] !== '0') continue;
    const d = digits.slice(0, i) + digits.slice(i + 1);
    if (d.length <= 8) out.add(Number.parseInt(d, 16) >>> 0);
  }
  return [...out];
}

/** `0x90x` → 0x900…0x90F: the last digit replaced by x. */
export function trailingXCandidates(digits: string): number[] {
  const base = Number.parseInt(digits || '0', 16) * 16;
  return Array.from({ length: 16 }, (_, i) => (base + i) >>> 0);
}

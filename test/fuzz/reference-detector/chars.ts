/**
 * Character tests on UTF-16 code units, for the scans that read the text once, character by character,
 * without allocating: word characters (`[A-Za-z0-9_]`, as `\w`), whitespace (as `\s`), case folding.
 */

/** `[A-Za-z0-9_]`: a regex word character. */
export function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

export const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

export const isHexCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** What a regex's `\s` matches. */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const FOLDED = new Map<number, number>();

/** The code unit lower-cased (as `toLowerCase` does for it alone; one that lower-cases to two stays as is). */
export function foldCode(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  let f = FOLDED.get(c);
  if (f === undefined) {
    const lower = String.fromCharCode(c).toLowerCase();
    f = lower.length === 1 ? lower.charCodeAt(0) : c;
    FOLDED.set(c, f);
  }
  return f;
}

/** A letter or digit in any script (`\p{L}` or `\p{N}`), for one code unit. */
export function isLetterOrNumberCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(c));
}

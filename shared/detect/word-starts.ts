/**
 * One quick question for several phrase tries (`trie.ts`) at each word start of the detector's pass, before
 * their walks: can a phrase of any of them start here? Most words on a page are turned away by one bit
 * lookup of their first three characters, most of the rest by a hash of their first six.
 */
import type { WordStartSink } from './trie.js';

const lowerAscii = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
const hasBit = (bits: Uint32Array, i: number) => (((bits[i >>> 5] as number) >>> (i & 31)) & 1) === 1;
function setBit(bits: Uint32Array, i: number): void {
  bits[i >>> 5] = (bits[i >>> 5] as number) | (1 << (i & 31));
}

/** How many characters (a whitespace run counting as one) {@link WordStartFilter} compares. */
const FILTER_CHARS = 6;
const isAsciiSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
/** A small key of three ASCII characters: the low five bits of each (collisions only make "maybe"). */
const gram5 = (a: number, b: number, c: number) => ((a & 31) << 10) | ((b & 31) << 5) | (c & 31);
/** A running hash of character codes (the top 16 bits index a filter). */
const mix = (h: number, c: number) => Math.imul(h ^ c, 0x9e3779b1) + 0x7f4a7c15;

/**
 * One quick question for several tries before their walks: can a phrase of any of them start at this word
 * start? The answer "no" (most words) is exact: the word's first three characters begin no phrase, or its
 * first {@link FILTER_CHARS} characters — lower-cased, a whitespace run as one space, a backtick as an
 * apostrophe (what the tries may match them with) — begin none and no phrase with those three is shorter.
 * Any character a key cannot stand for (not ASCII, whitespace or an apostrophe in the first three, the end
 * of the text) gets "maybe", and so do collisions in the bit sets: the tries decide.
 */
export class WordStartFilter implements WordStartSink {
  /** ASCII first characters: 1 a phrase may start with it, 2 and one of fewer than three characters does. */
  private readonly firsts = new Uint8Array(128);
  /** Characters that widen in some trie (whitespace runs, apostrophes): never in a three-character key. */
  private readonly special = new Uint8Array(128);
  /** {@link gram5} keys of the phrases' first three characters. */
  private readonly grams = new Uint32Array(1024);
  /** The same keys, for phrases shorter than {@link FILTER_CHARS}. */
  private readonly shortGrams = new Uint32Array(1024);
  /** {@link mix} keys of the phrases' first {@link FILTER_CHARS} characters. */
  private readonly longer = new Uint32Array(2048);

  constructor(tries: readonly { describeWordStarts(f: WordStartSink): void }[]) {
    for (let c = 0; c < 128; c++) if (isAsciiSpace(c) || c === 39 || c === 0x60) this.special[c] = 1;
    for (const t of tries) t.describeWordStarts(this);
  }

  widened(c: number): void {
    this.special[c] = 1;
  }

  /** A lower-case phrase of one of the tries. */
  phrase(p: string): void {
    const a = p.charCodeAt(0);
    if (!((a >= 97 && a <= 122) || (a >= 48 && a <= 57))) return; // starts anywhere, not at word starts
    const short = p.length < 3 ? 2 : 1;
    for (const c of a >= 97 ? [a, a - 32] : [a]) this.firsts[c] = Math.max(this.firsts[c] as number, short);
    if (short === 2) return;
    const b = p.charCodeAt(1);
    const c = p.charCodeAt(2);
    // A phrase whose second or third character is not a plain ASCII one: the text has such a one there.
    if (!(b < 128 && c < 128) || this.special[b] === 1 || this.special[c] === 1) return;
    const g = gram5(a, b, c);
    let key = mix(mix(mix(0, a), b), c);
    let n = 3;
    let ascii = true;
    for (let k = 3; k < p.length && n < FILTER_CHARS; k++, n++) {
      let d = p.charCodeAt(k);
      if (d >= 128) ascii = false;
      if (isAsciiSpace(d)) {
        d = 32;
        while (k + 1 < p.length && isAsciiSpace(p.charCodeAt(k + 1))) k++;
      } else if (d === 0x60) d = 39;
      key = mix(key, d);
    }
    setBit(this.grams, g);
    // Shorter phrases, and keys with a character that is not ASCII (the text gets "maybe" there), by their gram.
    if (n < FILTER_CHARS || !ascii) setBit(this.shortGrams, g);
    else setBit(this.longer, key >>> 16);
  }

  /** May a phrase start at the word start `i` (`text[i]` is an ASCII word character)? */
  mayStart(text: string, i: number): boolean {
    const a = text.charCodeAt(i);
    const f = this.firsts[a] as number;
    if (f !== 1) return f === 2;
    const b = text.charCodeAt(i + 1);
    const c = text.charCodeAt(i + 2);
    if (!(b < 128 && c < 128) || this.special[b] === 1 || this.special[c] === 1) return true;
    const g = gram5(a, b, c);
    if (!hasBit(this.grams, g)) return false;
    if (hasBit(this.shortGrams, g)) return true;
    let key = mix(mix(mix(0, lowerAscii(a)), lowerAscii(b)), lowerAscii(c));
    let j = i + 3;
    for (let n = 3; n < FILTER_CHARS; n++, j++) {
      let d = text.charCodeAt(j);
      if (!(d < 128)) return true;
      if (isAsciiSpace(d)) {
        d = 32;
        while (isAsciiSpace(text.charCodeAt(j + 1))) j++;
      } else if (d === 0x60) d = 39;
      else d = lowerAscii(d);
      key = mix(key, d);
    }
    return hasBit(this.longer, key >>> 16);
  }
}

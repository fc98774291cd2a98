/**
 * One quick question for several phrase tries (`trie.ts`) at each word start of the detector's pass, before
 * their walks: can a phrase of any of them start here? Most words on a page are turned away by one bit
 * lookup of their first three characters, most of the rest by a hash of their first six.
 */
import type { WordStartSink } from './trie.js';

const lowerAscii = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

/** How many characters (a whitespace run counting as one) {@link WordStartFilter} compares. */
const FILTER_CHARS = 6;
const isAsciiSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
/** A small key of three ASCII characters: the low five bits of each (collisions only make "maybe"). */
const gram5 = (a: number, b: number, c: number) => ((a & 31) << 10) | ((b & 31) << 5) | (c & 31);
/** A running hash of character codes (its top 16 bits index {@link WordStartFilter}'s longer keys). */
const mix = (h: number, c: number) => Math.imul(h ^ c, 0x9e3779b1) + 0x7f4a7c15;
/** Key characters of ASCII: lower-cased, whitespace as a space, a backtick as an apostrophe (how the tries may match them). */
const NORMAL = Uint8Array.from({ length: 128 }, (_, c) => (isAsciiSpace(c) ? 32 : c === 0x60 ? 39 : lowerAscii(c)));
const normal = (c: number) => NORMAL[c] as number;

/**
 * One quick question for several tries (up to 8) before their walks: which of them may find a phrase at this
 * word start? The answer "none" (most words) is exact: the word's first three characters begin no phrase of
 * the trie, or its first {@link FILTER_CHARS} begin none and no phrase with those three is shorter — compared
 * as key characters ({@link normal}; a whitespace run counts as one). A character no key stands for (not
 * ASCII, the end of the text) gets "maybe", and so do collisions: the tries decide.
 */
export class WordStartFilter {
  /** Per ASCII first character, the tries (bit per trie) with a phrase that starts with it. */
  private readonly firsts = new Uint8Array(128);
  /** Per {@link gram5} key of a phrase's first three characters, the tries with such a phrase. */
  private readonly grams = new Uint8Array(32768);
  /** The same, for phrases that are shorter than {@link FILTER_CHARS} or not ASCII in those. */
  private readonly shortGrams = new Uint8Array(32768);
  /** Per {@link mix} key of a phrase's first {@link FILTER_CHARS} characters, the tries with such a phrase. */
  private readonly longer = new Uint8Array(65536);

  constructor(tries: readonly { describeWordStarts(f: WordStartSink): void }[]) {
    tries.forEach((t, k) => {
      t.describeWordStarts({ phrase: (p) => this.phrase(p, 1 << k) });
    });
  }

  /** A lower-case phrase of the tries in `mask`. */
  private phrase(p: string, mask: number): void {
    const a = p.charCodeAt(0);
    if (!((a >= 97 && a <= 122) || (a >= 48 && a <= 57))) return; // starts anywhere, not at word starts
    this.firsts[a] = (this.firsts[a] as number) | mask;
    if (a >= 97) this.firsts[a - 32] = (this.firsts[a - 32] as number) | mask;
    const keys: number[] = [];
    let ascii = true;
    for (let k = 0; k < p.length && keys.length < FILTER_CHARS; k++) {
      const c = p.charCodeAt(k);
      if (c >= 128) ascii = false;
      keys.push(c >= 128 ? c : normal(c));
      if (isAsciiSpace(c)) while (k + 1 < p.length && isAsciiSpace(p.charCodeAt(k + 1))) k++;
    }
    if (keys.length < 3) {
      // Under three key characters: every word with this first character may start it.
      for (const c of a >= 97 ? [a, a - 32] : [a]) this.shortFirst(c, mask);
      return;
    }
    const g = gram5(keys[0] as number, keys[1] as number, keys[2] as number);
    this.grams[g] = (this.grams[g] as number) | mask;
    if (keys.length < FILTER_CHARS || !ascii) {
      this.shortGrams[g] = (this.shortGrams[g] as number) | mask;
      return;
    }
    const h = keys.reduce(mix, 0) >>> 16;
    this.longer[h] = (this.longer[h] as number) | mask;
  }

  /** Tries that must be asked at every word start with `c`. */
  private readonly always = new Uint8Array(128);
  private shortFirst(c: number, mask: number): void {
    this.always[c] = (this.always[c] as number) | mask;
  }

  /** The tries (bit per trie, in the constructor's order) that may find a phrase at the word start `i`. */
  mayStart(text: string, i: number): number {
    const a = text.charCodeAt(i);
    const first = this.firsts[a] as number;
    if (first === 0) return 0;
    const always = this.always[a] as number;
    let j = i + 1;
    const b = text.charCodeAt(j);
    if (!(b < 128)) return first;
    const nb = NORMAL[b] as number;
    if (nb === 32) while (isAsciiSpace(text.charCodeAt(j + 1))) j++;
    const c = text.charCodeAt(++j);
    if (!(c < 128)) return first;
    const nc = NORMAL[c] as number;
    const na = NORMAL[a] as number;
    const g = gram5(na, nb, nc);
    const some = (this.grams[g] as number) & first;
    if (some === 0) return always;
    const short = (this.shortGrams[g] as number) & some;
    if (short === some) return short | always;
    let key = mix(mix(mix(0, na), nb), nc);
    if (nc === 32) while (isAsciiSpace(text.charCodeAt(j + 1))) j++;
    for (let n = 3; n < FILTER_CHARS; n++) {
      const d = text.charCodeAt(++j);
      if (!(d < 128)) return some | always;
      const nd = NORMAL[d] as number;
      if (nd === 32) while (isAsciiSpace(text.charCodeAt(j + 1))) j++;
      key = mix(key, nd);
    }
    return ((this.longer[key >>> 16] as number) & some) | short | always;
  }
}

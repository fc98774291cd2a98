/**
 * Finds literal phrases ("remote desktop", "an internal error has occurred") in text, ignoring case, with
 * no lower-cased copy of the text and no regex: a trie of the phrases keyed by lower-cased character codes,
 * walked from each position where a phrase may start. One path per position (sibling branches start with
 * different characters), the longest phrase on it preferred; the scan resumes after a match, as a global
 * regex does. A phrase that starts with an ASCII letter or digit must start a word (`\b`); the others
 * (CJK, Cyrillic, accented, `#define`) may start anywhere. Before a word's trie walk, a bit set of the
 * phrases' first three characters turns most words away.
 */
import { foldCode, isSpaceCode, isWordCode } from './chars.js';
import { TrieEdges } from './trie-edges.js';

export interface PhraseOptions {
  /** A space in a phrase matches any run of whitespace (default: one literal space). */
  spaceRuns?: boolean;
  /** Any apostrophe (’ ‘ `) matches the phrase's `'` (default: only `'`). */
  anyApostrophe?: boolean;
}

/** Where a phrase may start: ASCII code → 1 (at a word start) | 2 (anywhere). */
const AT_WORD_START = 1;
const ANYWHERE = 2;
/** The gram key of every code unit ≥ 128 (and of the end of the text). */
const OTHER = 127;
const GRAM_BITS = 1 << 15;
const gram = (a: number, b: number, c: number) =>
  (Math.imul((a << 14) | (b << 7) | c, 0x9e3779b1) >>> 17) & (GRAM_BITS - 1);

const isApostrophe = (c: number) => c === 0x2019 || c === 0x2018 || c === 0x60;
const hasBit = (bits: Uint32Array, i: number) => (((bits[i >>> 5] as number) >>> (i & 31)) & 1) === 1;
function setBit(bits: Uint32Array, i: number): void {
  bits[i >>> 5] = (bits[i >>> 5] as number) | (1 << (i & 31));
}

export class PhraseTrie<T> {
  private readonly edges: TrieEdges;
  /** Value of each trie node that ends a phrase. */
  private readonly values: (T | undefined)[] = [undefined];
  private readonly asciiStart = new Uint8Array(128);
  /** Bit set over UTF-16 code units ≥ 128 that may start a phrase (after case folding). */
  private readonly otherStart = new Uint32Array(2048);
  /** Phrases that start a word: a bit set over hashed (first, second, third) gram keys that begin one. */
  private readonly grams = new Uint32Array(GRAM_BITS >>> 5);
  /** ASCII first characters of phrases shorter than three characters (no gram test for them). */
  private readonly short = new Uint8Array(128);
  /** The value of the phrase found by the last successful {@link matchAt}. */
  value: T | undefined;

  constructor(
    phrases: Iterable<readonly [string, T]>,
    private readonly opts: PhraseOptions = {},
  ) {
    const list = [...phrases].filter(([p]) => p.length > 0);
    this.edges = new TrieEdges(list.reduce((n, [p]) => n + p.length, 0));
    for (const [phrase, value] of list) this.add(phrase, value);
  }

  /** Adds a lower-case phrase; the first value given for a phrase is kept. */
  private add(phrase: string, value: T): void {
    let node = 0;
    for (let i = 0; i < phrase.length; i++) {
      const c = phrase.charCodeAt(i);
      let child = this.edges.get(node, c);
      if (child < 0) {
        child = this.values.length;
        this.values.push(undefined);
        this.edges.set(node, c, child);
      }
      node = child;
    }
    if (this.values[node] === undefined) this.values[node] = value;
    this.markStart(phrase.charCodeAt(0));
    this.markGrams(phrase);
  }

  private markStart(first: number): void {
    const upper = String.fromCharCode(first).toUpperCase();
    const codes = [first, ...(upper.length === 1 ? [upper.charCodeAt(0)] : [])];
    if (this.opts.anyApostrophe && first === 39) codes.push(0x2019, 0x2018, 0x60);
    const wordStart = (first >= 97 && first <= 122) || (first >= 48 && first <= 57);
    for (const c of codes) {
      if (c < 128) this.asciiStart[c] = wordStart ? AT_WORD_START : ANYWHERE;
      else setBit(this.otherStart, c);
    }
  }

  /** The gram key of a text's character. */
  private key(c: number): number {
    if (!(c < 128)) return OTHER;
    if (this.opts.spaceRuns && c >= 9 && c <= 13) return 32;
    return c >= 65 && c <= 90 ? c + 32 : c;
  }

  /** The gram keys a phrase's character may meet in a text. */
  private keysOf(c: number): number[] {
    if (c >= 128) return [OTHER];
    if (this.opts.spaceRuns && c === 32) return [32, OTHER];
    if (this.opts.anyApostrophe && c === 39) return [39, 0x60, OTHER];
    return [c];
  }

  private markGrams(phrase: string): void {
    const first = phrase.charCodeAt(0);
    if (first >= 128) return;
    if (phrase.length < 3) {
      this.short[first] = 1;
      return;
    }
    const seconds = this.keysOf(phrase.charCodeAt(1));
    const thirds = this.keysOf(phrase.charCodeAt(2));
    for (const b of seconds) for (const c of thirds) setBit(this.grams, gram(first, b, c));
    // "a  b…": a whitespace run after a one-letter word puts more whitespace in third place.
    if (this.opts.spaceRuns && phrase.charCodeAt(1) === 32) {
      for (const b of seconds) for (const c of seconds) setBit(this.grams, gram(first, b, c));
    }
  }

  /** Can a phrase start with the ASCII character `c` outside a word (`#define`)? */
  startsAnywhere(c: number): boolean {
    return this.asciiStart[c] === ANYWHERE;
  }

  /** Can a phrase start at `i` (its first characters, and a word start where the phrase needs one)? */
  mayStartAt(text: string, i: number): boolean {
    const c = text.charCodeAt(i);
    if (c >= 128) return hasBit(this.otherStart, c);
    const k = this.asciiStart[c] as number;
    if (k === ANYWHERE) return true;
    if (k !== AT_WORD_START || (i > 0 && isWordCode(text.charCodeAt(i - 1)))) return false;
    const first = c >= 65 && c <= 90 ? c + 32 : c;
    if (this.short[first] === 1) return true;
    return hasBit(this.grams, gram(first, this.key(text.charCodeAt(i + 1)), this.key(text.charCodeAt(i + 2))));
  }

  /**
   * End (exclusive) of the longest phrase that starts at `i` and ends by `limit`, or -1; its value is left in
   * {@link value}. The caller checks {@link mayStartAt} first.
   */
  matchAt(text: string, i: number, limit: number = text.length): number {
    const { spaceRuns, anyApostrophe } = this.opts;
    let node = 0;
    let best = -1;
    let j = i;
    while (j < limit) {
      let c = foldCode(text.charCodeAt(j));
      if (anyApostrophe && isApostrophe(c)) c = 39;
      if (spaceRuns && isSpaceCode(c)) {
        node = this.edges.get(node, 32);
        if (node < 0) break;
        while (j < limit && isSpaceCode(text.charCodeAt(j))) j++;
      } else {
        node = this.edges.get(node, c);
        if (node < 0) break;
        j++;
      }
      if (this.values[node] !== undefined) {
        best = j;
        this.value = this.values[node];
      }
    }
    return best;
  }

  /**
   * Every match in `[from, to)` (a match may run on to `limit`), left to right, resuming after each match;
   * `onMatch` receives its start and end and the phrase's value.
   */
  findAll(
    text: string,
    from: number,
    to: number,
    limit: number,
    onMatch: (start: number, end: number, value: T) => void,
  ): void {
    let i = from;
    while (i < to) {
      if (this.mayStartAt(text, i)) {
        const end = this.matchAt(text, i, limit);
        if (end > i) {
          onMatch(i, end, this.value as T);
          i = end;
          continue;
        }
      }
      // Inside a word no phrase can start (word phrases need a word start; the others start with a non-word character).
      i++;
      if (isWordCode(text.charCodeAt(i - 1))) while (i < to && isWordCode(text.charCodeAt(i))) i++;
    }
  }
}

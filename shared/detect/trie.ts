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
/** The key of three lower-cased ASCII characters. */
const gram = (a: number, b: number, c: number) => (a << 14) | (b << 7) | c;
const lowerAscii = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

const isApostrophe = (c: number) => c === 0x2019 || c === 0x2018 || c === 0x60;
const hasBit = (bits: Uint32Array, i: number) => (((bits[i >>> 5] as number) >>> (i & 31)) & 1) === 1;
function setBit(bits: Uint32Array, i: number): void {
  bits[i >>> 5] = (bits[i >>> 5] as number) | (1 << (i & 31));
}

/** What {@link PhraseTrie.describeWordStarts} tells (`word-starts.ts`). */
export interface WordStartSink {
  /** One lower-case phrase. */
  phrase(p: string): void;
}

export class PhraseTrie<T> {
  private readonly edges: TrieEdges;
  /** Value of each trie node that ends a phrase. */
  private readonly values: (T | undefined)[] = [undefined];
  private readonly asciiStart = new Uint8Array(128);
  /** Bit set over UTF-16 code units ≥ 128 that may start a phrase (after case folding). */
  private readonly otherStart = new Uint32Array(2048);
  /**
   * Phrases that start a word with three plain ASCII characters: the trie node after those three, by their
   * {@link gram} key. One lookup turns most words away, and a match walks on from the fourth character.
   */
  private readonly starts: TrieEdges;
  /** ASCII characters that match only themselves (lower-cased): not whitespace in `spaceRuns`, nor apostrophes. */
  private readonly plain = new Uint8Array(128);
  /** ASCII first characters of phrases shorter than three characters (walked from the root). */
  private readonly short = new Uint8Array(128);
  /** The phrases (for {@link describeWordStarts}). */
  private readonly phrases: string[];
  /** The value of the phrase found by the last successful {@link matchAt}. */
  value: T | undefined;

  constructor(
    phrases: Iterable<readonly [string, T]>,
    private readonly opts: PhraseOptions = {},
  ) {
    const list = [...phrases].filter(([p]) => p.length > 0);
    this.edges = new TrieEdges(list.reduce((n, [p]) => n + p.length, 0));
    this.starts = new TrieEdges(list.length);
    for (let c = 0; c < 128; c++) {
      const special = (opts.spaceRuns && isSpaceCode(c)) || (opts.anyApostrophe && (c === 39 || c === 0x60));
      this.plain[c] = special ? 0 : 1;
    }
    for (const [phrase, value] of list) this.add(phrase, value);
    this.phrases = list.map(([p]) => p);
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
    this.markGram(phrase);
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

  private markGram(phrase: string): void {
    const [a, b, c] = [0, 1, 2].map((k) => phrase.charCodeAt(k));
    if (!((a as number) < 128)) return;
    if (phrase.length < 3) {
      this.short[a as number] = 1;
      return;
    }
    if (!(this.plain[b as number] === 1 && this.plain[c as number] === 1)) return;
    const key = gram(a as number, b as number, c as number);
    if (this.starts.get(key, 0) >= 0) return;
    let node = 0;
    for (let k = 0; k < 3; k++) node = this.edges.get(node, phrase.charCodeAt(k));
    this.starts.set(key, 0, node);
  }

  /** Tells `filter` this trie's phrases (`word-starts.ts`). */
  describeWordStarts(filter: WordStartSink): void {
    for (const p of this.phrases) filter.phrase(p);
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
    return k === AT_WORD_START && (i === 0 || !isWordCode(text.charCodeAt(i - 1)));
  }

  /**
   * {@link matchAt} for a word start `i` (the character before it is not a word character): most words
   * are turned away by one lookup of their first three characters.
   */
  matchWordStart(text: string, i: number, limit: number = text.length): number {
    const a = text.charCodeAt(i);
    if (!(a < 128) || this.asciiStart[a] !== AT_WORD_START) return -1;
    const first = lowerAscii(a);
    const b = text.charCodeAt(i + 1);
    const c = text.charCodeAt(i + 2);
    if (
      this.short[first] === 1 ||
      i + 3 > limit ||
      !(b < 128 && c < 128 && this.plain[b] === 1 && this.plain[c] === 1)
    ) {
      return this.matchAt(text, i, limit);
    }
    const node = this.starts.get(gram(first, lowerAscii(b), lowerAscii(c)), 0);
    return node < 0 ? -1 : this.walk(text, i + 3, node, limit);
  }

  /**
   * End (exclusive) of the longest phrase that starts at `i` and ends by `limit`, or -1; its value is left in
   * {@link value}. The caller checks {@link mayStartAt} first.
   */
  matchAt(text: string, i: number, limit: number = text.length): number {
    return this.walk(text, i, 0, limit);
  }

  /** The trie walk from `node` at `from`: the end of the longest phrase, or -1. */
  private walk(text: string, from: number, start: number, limit: number): number {
    const { spaceRuns, anyApostrophe } = this.opts;
    let node = start;
    let best = -1;
    if (this.values[node] !== undefined) {
      best = from;
      this.value = this.values[node];
    }
    let j = from;
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
      const c = text.charCodeAt(i);
      const wordStart = c < 128 && isWordCode(c) && (i === 0 || !isWordCode(text.charCodeAt(i - 1)));
      if (wordStart || this.mayStartAt(text, i)) {
        const end = wordStart ? this.matchWordStart(text, i, limit) : this.matchAt(text, i, limit);
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

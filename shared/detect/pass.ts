/**
 * The detector's one pass over the text: each character is read once, each word (`[A-Za-z0-9_]` run) once.
 * At each place where a phrase may start it looks for a context word (`context.ts`) and a well-known
 * message (`messages.ts`), each scan resuming after its own last match as a global regex would; each word
 * is classified as a candidate token or not (`words.ts`) from the classes of its characters. Nothing is
 * allocated for words that cannot be tokens. What is bounded per position: the longest phrase, a word
 * (tokens over {@link MAX_TOKEN} characters are skipped).
 */
import { isHexCode, isLetterOrNumberCode } from './chars.js';
import { QUOTES } from './classify.js';
import { ContextIndex, HINTS } from './context.js';
import { noLabelBefore } from './labels-match.js';
import type { MessageHit, MessageMatcher } from './messages.js';
import { decimalValue } from './numbers.js';
import type { DetectorData } from './types.js';
import { WordStartFilter } from './word-starts.js';
import {
  CLASS,
  continuesAfter,
  DIGIT,
  isNumberWord,
  LOWER,
  NOT_A_TOKEN,
  NUMBER,
  UNDERSCORE,
  UPPER,
  wordForm,
} from './words.js';

/** Longer words are never codes or names (the longest catalogue name is far shorter): skipped unread. */
const MAX_TOKEN = 160;

export interface TextReading {
  /** Candidate tokens, three numbers each: start, end, form (`NUMBER` or `NAME` of `words.ts`). */
  tokens: Int32Array;
  /** Well-known messages, in text order. */
  messages: MessageHit[];
  /** Context words. */
  context: ContextIndex;
}

const isMinus = (c: number) => c === 45 || c === 0x2212;

/** A token glued to the word before it (`abc0x12`, `v1.2`, a GUID segment) is not a token of its own. */
function gluedToPrevious(text: string, start: number): boolean {
  const prev = text.charCodeAt(start - 1);
  if (Number.isNaN(prev)) return false;
  if (prev < 128) {
    if (CLASS[prev] !== 0 || prev === 46) return true;
    return prev === 45 && isHexCode(text.charCodeAt(start - 2));
  }
  return isLetterOrNumberCode(prev);
}

/** CJK, Hangul and full-width forms: scripts written without spaces, so a code may touch them. */
const isCjk = (c: number) =>
  (c >= 0x3000 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xff00 && c <= 0xffef);

/** Glued to a letter or digit of another script after it? */
function gluedToNext(text: string, end: number): boolean {
  const next = text.charCodeAt(end);
  return next > 127 && isLetterOrNumberCode(next) && !isCjk(next);
}

/** The tries a phrase is looked for in, as bits (the order of {@link wordStartFilter}'s list). */
const HINT_TRIE = 1;
const MESSAGE_TRIE = 2;
const BOTH = HINT_TRIE | MESSAGE_TRIE;

const WORD_STARTS = new WeakMap<MessageMatcher, WordStartFilter>();
function wordStartFilter(matcher: MessageMatcher): WordStartFilter {
  let f = WORD_STARTS.get(matcher);
  if (!f) {
    f = new WordStartFilter([HINTS, matcher.trie]);
    WORD_STARTS.set(matcher, f);
  }
  return f;
}

const ANYWHERE = new WeakMap<MessageMatcher, Uint8Array>();
function anywhereTable(matcher: MessageMatcher): Uint8Array {
  let t = ANYWHERE.get(matcher);
  if (!t) {
    t = new Uint8Array(128);
    for (let c = 0; c < 128; c++) t[c] = HINTS.startsAnywhere(c) || matcher.trie.startsAnywhere(c) ? 1 : 0;
    ANYWHERE.set(matcher, t);
  }
  return t;
}

/**
 * Can the word be a token at all (`wordForm` may say yes)? False for most words on a page: small letters
 * (and digits) after a small or capital first letter, with no capital or underscore after the first one —
 * unless the word may be a bare NTSTATUS (`c0000005`). One test on the classes gathered while reading the word.
 */
function mayBeToken(first: number, rest: number, length: number, c0: number): boolean {
  if ((first & (LOWER | UPPER)) === 0 || (rest & (UPPER | UNDERSCORE)) !== 0) return true;
  return length === 8 && (c0 | 32) === 99;
}

class Reader {
  private buf: Int32Array;
  private size = 0;
  readonly messages: MessageHit[] = [];
  readonly context = new ContextIndex();
  private hintsFrom = 0;
  private messagesFrom = 0;
  /** ASCII characters outside words where a context word or a message may start (`#define`). */
  private readonly anywhere: Uint8Array;
  /** Turns away, in one lookup, the word starts where neither trie can find a phrase. */
  private readonly wordStarts: WordStartFilter;

  constructor(
    private readonly text: string,
    private readonly matcher: MessageMatcher,
    private readonly eventIds: ReadonlyMap<number, string> | undefined,
  ) {
    this.anywhere = anywhereTable(matcher);
    this.wordStarts = wordStartFilter(matcher);
    // About one token in 50 characters of log text: room for that, grown when needed.
    this.buf = new Int32Array(3 * Math.max(256, text.length >>> 6));
  }

  tokens(): Int32Array {
    return this.buf.subarray(0, this.size);
  }

  run(): void {
    const text = this.text;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      const first = c < 128 ? (CLASS[c] as number) : 0;
      if (first === 0) {
        if (c >= 128 || this.anywhere[c] === 1) this.phrasesAt(i, false, BOTH);
        i++;
        continue;
      }
      const tries = this.wordStarts.mayStart(text, i);
      if (tries !== 0) this.phrasesAt(i, true, tries);
      let rest = 0;
      let j = i + 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        const k = d < 128 ? (CLASS[d] as number) : 0;
        if (k === 0) break;
        rest |= k;
      }
      if (mayBeToken(first, rest, j - i, c)) this.word(i, j, first, rest);
      i = j;
    }
  }

  /** A context word or a message (of the `tries`) that starts at `i`; `wordStart`: `i` starts a word. */
  private phrasesAt(i: number, wordStart: boolean, tries: number): void {
    const text = this.text;
    if ((tries & HINT_TRIE) !== 0 && i >= this.hintsFrom) {
      const end = wordStart ? HINTS.matchWordStart(text, i) : HINTS.mayStartAt(text, i) ? HINTS.matchAt(text, i) : -1;
      if (end > i) {
        this.context.add(text, i, end, HINTS.value as NonNullable<typeof HINTS.value>);
        this.hintsFrom = end;
      }
    }
    const trie = this.matcher.trie;
    if ((tries & MESSAGE_TRIE) !== 0 && i >= this.messagesFrom) {
      const end = wordStart ? trie.matchWordStart(text, i) : trie.mayStartAt(text, i) ? trie.matchAt(text, i) : -1;
      if (end > i) {
        const hit = this.matcher.hitAt(text, i, end);
        if (hit) this.messages.push(hit);
        this.messagesFrom = end;
      }
    }
  }

  /** The word `[ws, we)`: a candidate token, or nothing. */
  private word(ws: number, we: number, first: number, rest: number): void {
    const text = this.text;
    if (we - ws > MAX_TOKEN) return;
    let start = ws;
    let form = NOT_A_TOKEN as number;
    if (ws > 0 && isMinus(text.charCodeAt(ws - 1)) && isNumberWord(text, ws, we, first, rest)) {
      start = ws - 1;
      form = NUMBER;
    } else {
      form = wordForm(text, ws, we, first, rest);
    }
    if (form === NOT_A_TOKEN || continuesAfter(text, we)) return;
    if (form === NUMBER && first === DIGIT && (rest & ~DIGIT) === 0 && turnedDown(text, start, ws, we, this.eventIds))
      return;
    if (gluedToPrevious(text, start) || gluedToNext(text, we)) return;
    if (this.size + 3 > this.buf.length) {
      const bigger = new Int32Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.size++] = start;
    this.buf[this.size++] = we;
    this.buf[this.size++] = form;
  }
}

/**
 * The test `Scanner.number` opens with, made here for the decimals that surely have no label (most numbers on
 * a page: times, sizes, ids): a decimal of at most ten digits with no label before it is turned down when it
 * is negative, or has no quote before it, is not eight digits from `8` (a bare HRESULT) and is no event ID.
 */
function turnedDown(
  text: string,
  start: number,
  ws: number,
  we: number,
  eventIds?: ReadonlyMap<number, string>,
): boolean {
  if (we - ws > 10 || !noLabelBefore(text, start)) return false;
  if (start < ws) return true;
  if (we - ws === 8 && text.charCodeAt(ws) === 56) return false;
  return !QUOTES.has(text.charCodeAt(start - 1)) && eventIds?.has(decimalValue(text, ws, we)) !== true;
}

/** Reads `text` once: its candidate tokens, messages and context words. */
export function readText(text: string, matcher: MessageMatcher, data: DetectorData): TextReading {
  const r = new Reader(text, matcher, data.codes.get('event-id'));
  r.run();
  return { tokens: r.tokens(), messages: r.messages, context: r.context };
}

/**
 * Context words around a value: do we look at Remote Desktop text at all, at a FreeRDP log, an Azure
 * Virtual Desktop page, an event log — or at another product's error (Xbox, Windows Update, git/curl
 * schannel, WinRM) or a crash dump? Each candidate value asks "is there a hint of kind K within N
 * characters?". The hint words (`hint-words.ts`) are found in the detector's one pass over the text
 * (`pass.ts`), or by {@link indexContext} for other readers; each question is then a binary search.
 */

import { HINT_WORDS, type HintKind, WHOLE_WORD } from '../../../shared/detect/hint-words.js';
import { isLetterOrNumberCode } from './chars.js';
import { PhraseTrie } from './trie.js';

export type { HintKind } from '../../../shared/detect/hint-words.js';

const ORDER = Object.keys(HINT_WORDS) as HintKind[];
const RDP_KINDS: ReadonlySet<HintKind> = new Set(['rdp', 'freerdp', 'avd', 'gateway']);

export interface Hint {
  kinds: readonly HintKind[];
  /** Any of the kinds is a Remote Desktop one (rdp, freerdp, avd, gateway). */
  rdp: boolean;
  wholeWord: boolean;
}

function hintTable(): Map<string, Hint> {
  const byWord = new Map<string, HintKind[]>();
  for (const kind of ORDER) {
    for (const w of HINT_WORDS[kind]) byWord.set(w, [...(byWord.get(w) ?? []), kind]);
  }
  return new Map(
    [...byWord].map(([w, kinds]) => [
      w,
      { kinds, rdp: kinds.some((k) => RDP_KINDS.has(k)), wholeWord: WHOLE_WORD.has(w) },
    ]),
  );
}

/** The hint words as one trie (see `trie.ts`): one path per position, longest word preferred. */
export const HINTS = new PhraseTrie<Hint>(hintTable());

/** Hints farther than this from a value are never looked at. */
export const MAX_RADIUS = 1000;

/** Positions in text order, in a typed array that grows (plain arrays grow slowly when they get large). */
class Positions {
  private data = new Int32Array(16);
  private size = 0;

  push(pos: number): void {
    if (this.size === this.data.length) {
      const bigger = new Int32Array(this.size * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = pos;
  }

  /** Distance from `pos` to the nearest position (Infinity when there are none). */
  distance(pos: number): number {
    const xs = this.data;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((xs[mid] as number) < pos) lo = mid + 1;
      else hi = mid;
    }
    let best = Number.POSITIVE_INFINITY;
    if (lo < this.size) best = (xs[lo] as number) - pos;
    if (lo > 0) best = Math.min(best, pos - (xs[lo - 1] as number));
    return best;
  }
}

/** Hint positions by kind, in text order (added left to right). */
export class ContextIndex {
  private readonly at = Object.fromEntries(ORDER.map((k) => [k, new Positions()])) as Record<HintKind, Positions>;
  private readonly rdp = new Positions();

  /** Records the hint word found at `[start, end)` unless it must end a word and does not. */
  add(text: string, start: number, end: number, hint: Hint): void {
    if (hint.wholeWord && isLetterOrNumberCode(text.charCodeAt(end))) return;
    for (const kind of hint.kinds) this.at[kind].push(start);
    if (hint.rdp) this.rdp.push(start);
  }

  /** Distance from `pos` to the nearest hint of `kind` within {@link MAX_RADIUS} (Infinity when none). */
  nearest(kind: HintKind, pos: number): number {
    const d = this.at[kind].distance(pos);
    return d > MAX_RADIUS ? Number.POSITIVE_INFINITY : d;
  }

  /** Distance to the nearest Remote Desktop hint of any kind (rdp, freerdp, avd, gateway). */
  nearestRdp(pos: number): number {
    const d = this.rdp.distance(pos);
    return d > MAX_RADIUS ? Number.POSITIVE_INFINITY : d;
  }
}

/** Every hint word of `text` (for readers that do not run the detector's pass). */
export function indexContext(text: string): ContextIndex {
  const ctx = new ContextIndex();
  HINTS.findAll(text, 0, text.length, text.length, (start, end, hint) => ctx.add(text, start, end, hint));
  return ctx;
}

/** Distance from `pos` to the nearest hint of `kind` (Infinity when none within {@link MAX_RADIUS}). */
export function nearest(ctx: ContextIndex, kind: HintKind, pos: number): number {
  return ctx.nearest(kind, pos);
}

/** Is there a hint of `kind` within `radius` characters of `pos`? */
export function near(ctx: ContextIndex, kind: HintKind, pos: number, radius: number): boolean {
  return nearest(ctx, kind, pos) <= radius;
}

/**
 * The detector: one left-to-right pass over the text (`pass.ts`: candidate tokens, context words, messages),
 * then constant work per candidate (`scanner.ts`: a bounded look-back for a label, nearby hint words by
 * binary search, a map lookup), then pairing and filtering here (sorted positions, binary searches). No
 * work per character grows with the catalogue; every regex runs on one word or a bounded window, so the
 * whole is linear in the text (`complexity.test.ts` guards it).
 */
import { formatHex, WRITTEN_WITHOUT_HEX } from '../catalog/compact.js';
import { readText } from './pass.js';
import { type Candidate, CONTEXT_RADIUS, messageMatcher, NEAR_RADIUS, Scanner } from './scanner.js';
import type { Detection, DetectionConfidence, DetectOptions, DetectorData } from './types.js';
import { NAME } from './words.js';

/** A message within this many characters of a code belongs to the same dialog or log line. */
const MESSAGE_NEAR_CODE = 400;

export function detectWith(data: DetectorData, text: string, opts: DetectOptions = {}): Detection[] {
  const max = opts.maxDetections ?? 500;
  const reading = readText(text, messageMatcher(data), data);
  const s = new Scanner(data, text, reading.context, opts.assumeRdp === true);
  const cands: Candidate[] = [];
  let consumedUntil = 0;
  const tokens = reading.tokens;
  for (let t = 0; t < tokens.length; t += 3) {
    const start = tokens[t] as number;
    const end = tokens[t + 1] as number;
    if (start < consumedUntil) continue;
    if (tokens[t + 2] === NAME) {
      const r = s.name(text.slice(start, end), start, end);
      if (r.consumedUntil > end) consumedUntil = r.consumedUntil;
      if (r.candidate) cands.push(r.candidate);
    } else {
      const c = s.number(start, end);
      if (c) cands.push(c);
    }
    if (cands.length >= max * 2) break;
  }
  for (const c of s.messages(reading.messages)) cands.push(c);
  return finish(data, text, s, cands, max);
}

/** Sorts candidates and drops those nested inside an earlier one (a code inside a recognised message, duplicates). */
function dropNested(cands: Candidate[]): Candidate[] {
  cands.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  for (const c of cands) {
    const prev = kept[kept.length - 1];
    if (prev && c.start < prev.end && (c.form === 'message' || prev.form !== 'message')) continue;
    kept.push(c);
  }
  return kept;
}

/** Pairs "Error code" with the "Extended error code" that follows it (indexes into `kept`, both ways). */
function pairLabels(kept: readonly Candidate[]): Map<number, number> {
  const pairOf = new Map<number, number>();
  for (let i = 0; i < kept.length; i++) {
    const a = kept[i] as Candidate;
    if (a.label?.kind !== 'error' && a.label?.kind !== 'code' && a.label?.kind !== 'error-word') continue;
    for (let j = i + 1; j < kept.length; j++) {
      const b = kept[j] as Candidate;
      if (b.start - a.end > 240) break;
      if (b.label?.kind === 'extended') {
        pairOf.set(i, j);
        pairOf.set(j, i);
        break;
      }
      if (b.label?.kind === 'error') break;
    }
  }
  return pairOf;
}

/** Index of the first of the sorted `xs` that is ≥ `v`. */
function lowerBound(xs: readonly number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Is one of the sorted `xs` in `[lo, hi]` (other than `self`, when given)? */
function anyIn(xs: readonly number[], lo: number, hi: number, self = Number.NaN): boolean {
  for (let k = lowerBound(xs, lo); k < xs.length && (xs[k] as number) <= hi; k++) if (xs[k] !== self) return true;
  return false;
}

/** Candidates that are context for others: unambiguous RDP codes, and code (non-message) positions. */
class Neighbours {
  /** Unambiguous RDP codes (self-evident names, labelled pairs) are context for their neighbours. */
  private readonly anchors: number[] = [];
  private readonly codes: number[] = [];
  constructor(kept: readonly Candidate[]) {
    for (const c of kept) {
      if (c.form === 'message') continue;
      this.codes.push(c.start);
      if (!c.needsPairOrContext && c.confidence === 'high') this.anchors.push(c.start);
    }
  }

  nearAnchor(pos: number): boolean {
    return anyIn(this.anchors, pos - CONTEXT_RADIUS, pos + CONTEXT_RADIUS, pos);
  }

  /** A message this close to a code belongs to the same dialog or log line. */
  nearCode(pos: number): boolean {
    return anyIn(this.codes, pos - MESSAGE_NEAR_CODE + 1, pos + MESSAGE_NEAR_CODE - 1);
  }
}

/** The confidence a kept candidate is shown with. */
function confidenceOf(data: DetectorData, c: Candidate, paired: boolean, around: Neighbours): DetectionConfidence {
  let confidence = c.confidence;
  // A message next to a code says less than the code: keep it, but as a low-confidence hint.
  if (c.form === 'message' && around.nearCode(c.start)) confidence = 'low';
  if (c.form !== 'name' && data.lowConfidence.has(`${c.namespace}:${c.code >>> 0}`)) confidence = 'low';
  if (paired && confidence === 'medium' && c.form !== 'typo') confidence = 'high';
  return confidence;
}

function toDetection(data: DetectorData, text: string, c: Candidate, confidence: DetectionConfidence): Detection {
  const codeNames = data.codes.get(c.namespace);
  const unknown = c.named === undefined && codeNames?.has(c.code >>> 0) !== true;
  return {
    namespace: c.namespace,
    code: c.code >>> 0,
    hex: c.nameOnly || WRITTEN_WITHOUT_HEX.has(c.namespace) ? null : formatHex(c.code),
    name: c.named ?? (codeNames?.get(c.code >>> 0) || null),
    span: [c.start, c.end],
    confidence: unknown ? 'low' : confidence,
    raw: text.slice(c.start, c.end),
    form: c.form,
    ...(c.label ? { label: c.label.text } : {}),
    ...(unknown ? { unknown: true } : {}),
  };
}

function finish(data: DetectorData, text: string, s: Scanner, cands: Candidate[], max: number): Detection[] {
  const kept = dropNested(cands);
  const pairOf = pairLabels(kept);
  const around = new Neighbours(kept);
  const out: Detection[] = [];
  const indexOf = new Map<number, number>();
  for (let i = 0; i < kept.length && out.length < max; i++) {
    const c = kept[i] as Candidate;
    const paired = pairOf.has(i);
    const radius = c.label?.kind === 'error-word' ? NEAR_RADIUS : CONTEXT_RADIUS;
    // Ambiguous values stay only with their pair partner, RDP words near them, or an unambiguous code nearby.
    if (c.needsPairOrContext && !paired && !s.hasContext(c.start, radius) && !around.nearAnchor(c.start)) continue;
    indexOf.set(i, out.length);
    out.push(toDetection(data, text, c, confidenceOf(data, c, paired, around)));
  }
  for (const [i, j] of pairOf) {
    const di = indexOf.get(i);
    const dj = indexOf.get(j);
    if (di !== undefined && dj !== undefined) (out[di] as Detection).pairedWith = dj;
  }
  return out;
}

/**
 * The detector: one left-to-right scan of the text with a single token regex, then constant work per
 * candidate (`scanner.ts`: a bounded look-back for a label, nearby hint words, a map lookup), then pairing
 * and filtering here. No work per character grows with the catalogue; every regex runs on one word or
 * a bounded window, so the whole is linear in the text (`complexity.test.ts` guards it).
 */
import { formatHex } from '../catalog/compact.js';
import { type ContextIndex, indexContext } from './context.js';
import { type Candidate, CONTEXT_RADIUS, NEAR_RADIUS, Scanner } from './scanner.js';
import type { Detection, DetectOptions, DetectorData } from './types.js';

/**
 * Candidate tokens: 1 `0x` hex (with the `0x90x` typo), 2 digit runs (decimal, signed, bare HRESULT),
 * 3 bare NTSTATUS `C000006D`, 4 Entra `AADSTS50076` and UPPER_SNAKE names, 5 camelCase names (and the
 * lower-camel prefixes of RDP client and Windows 365 names). A token is always a whole word (a run of
 * `[A-Za-z0-9_]`, optionally after a minus sign): the scan below finds each word once, in one pass, and
 * tests it against these anchored forms (each linear in the word's length), so no character is read
 * more than a constant number of times.
 */
const HEX_FORM = /^[-−]?0[xX][0-9a-fA-F]+[xX]?$/;
const DIGITS_FORM = /^[-−]?\d[0-9a-fA-F]*$/;
const NTSTATUS_FORM = /^[Cc]0[0-9a-fA-F]{6}$/;
const SNAKE_FORM = /^(?:AADSTS\d{2,7}|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$/;
const CAMEL_FORM =
  /^(?:(?:disconnectReason|exDiscReason|dnsCheck|adJoinCheck|endpointConnectivityCheck|azureAdDeviceSyncCheck|resourceAvailabilityCheck|permissionCheck|udpConnectivityCheck|ssoCheck)[A-Za-z0-9]*|[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+)$/;
/** Longer words are never codes or names (the longest catalogue name is far shorter): skipped unread. */
const MAX_TOKEN = 160;

const isWordCode = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigitCode = (c: number) => c >= 48 && c <= 57;
const isMinus = (c: number) => c === 45 || c === 0x2212;
const isHexCode = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

interface Token {
  start: number;
  end: number;
  text: string;
  isName: boolean;
}

/** Which form a whole word (with its minus, if any) takes: 'number', 'name' or null. */
function formOfWord(word: string, signed: boolean): 'number' | 'name' | null {
  if (HEX_FORM.test(word) || DIGITS_FORM.test(word)) return 'number';
  if (signed) return null;
  if (NTSTATUS_FORM.test(word)) return 'number';
  if (SNAKE_FORM.test(word) || CAMEL_FORM.test(word)) return 'name';
  return null;
}

/**
 * The next token at or after `from`: one pass over the text, each word read once. A word must not be
 * followed by `-` and a hex digit (a GUID or range) nor by `.` and a digit (a version number).
 */
function nextToken(text: string, from: number): Token | null {
  const n = text.length;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isWordCode(c)) {
      i++;
      continue;
    }
    const ws = i;
    while (i < n && isWordCode(text.charCodeAt(i))) i++;
    const we = i;
    if (we - ws > MAX_TOKEN) continue;
    const next = text.charCodeAt(we);
    if ((next === 45 && isHexCode(text.charCodeAt(we + 1))) || (next === 46 && isDigitCode(text.charCodeAt(we + 1))))
      continue;
    const word = text.slice(ws, we);
    if (ws > 0 && isMinus(text.charCodeAt(ws - 1))) {
      const form = formOfWord(text.slice(ws - 1, we), true);
      if (form) return { start: ws - 1, end: we, text: text.slice(ws - 1, we), isName: false };
    }
    const form = formOfWord(word, false);
    if (form) return { start: ws, end: we, text: word, isName: form === 'name' };
  }
  return null;
}

/** A token glued to the word before it (`abc0x12`, `v1.2`, a GUID segment) is not a token of its own. */
function gluedToPrevious(text: string, start: number): boolean {
  const prev = text.charCodeAt(start - 1);
  if (Number.isNaN(prev)) return false;
  if (
    (prev >= 48 && prev <= 57) ||
    (prev >= 65 && prev <= 90) ||
    (prev >= 97 && prev <= 122) ||
    prev === 95 ||
    prev === 46
  ) {
    return true;
  }
  if (prev === 45) return /[0-9a-fA-F]/.test(text[start - 2] ?? '');
  return prev > 127 && /[\p{L}\p{N}]/u.test(text[start - 1] ?? '');
}

/** Glued to the next character? (Non-ASCII letters: the regex lookahead only knows ASCII.) */
function gluedToNext(text: string, end: number): boolean {
  const next = text.charCodeAt(end);
  return (
    next > 127 &&
    /[\p{L}\p{N}]/u.test(text[end] ?? '') &&
    !/[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(text[end] ?? '')
  );
}

/** A message within this many characters of a code belongs to the same dialog or log line. */
const MESSAGE_NEAR_CODE = 400;

export function detectWith(data: DetectorData, text: string, opts: DetectOptions = {}): Detection[] {
  const max = opts.maxDetections ?? 500;
  const ctx = indexContext(text);
  const s = new Scanner(data, text, ctx, opts.assumeRdp === true);
  const cands: Candidate[] = [];
  let consumedUntil = 0;
  for (let t = nextToken(text, 0); t !== null; t = nextToken(text, Math.max(t.end, consumedUntil))) {
    if (t.start < consumedUntil) continue;
    const { start, end } = t;
    if (gluedToPrevious(text, start) || gluedToNext(text, end)) continue;
    if (t.isName) {
      const r = s.name(t.text, start, end);
      if (r.consumedUntil > end) consumedUntil = r.consumedUntil;
      if (r.candidate) cands.push(r.candidate);
    } else {
      const c = s.number(t.text, start, end);
      if (c) cands.push(c);
    }
    if (cands.length >= max * 2) break;
  }
  for (const c of s.messages()) cands.push(c);
  return finish(data, text, ctx, s, cands, max);
}

function finish(
  data: DetectorData,
  text: string,
  _ctx: ContextIndex,
  s: Scanner,
  cands: Candidate[],
  max: number,
): Detection[] {
  cands.sort((a, b) => a.start - b.start || b.end - a.end);
  // Drop candidates nested inside an earlier one (a code inside a recognised message, duplicates).
  const kept: Candidate[] = [];
  for (const c of cands) {
    const prev = kept[kept.length - 1];
    if (prev && c.start < prev.end) {
      if (c.form === 'message' || prev.form !== 'message') continue;
    }
    kept.push(c);
  }
  // Pair "Error code" with the "Extended error code" that follows it.
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
  // Unambiguous RDP codes (self-evident names, labelled pairs) are context for their neighbours.
  const anchors = kept
    .filter((c) => !c.needsPairOrContext && c.form !== 'message' && c.confidence === 'high')
    .map((c) => c.start);
  const nearAnchor = (pos: number) => anchors.some((a) => a !== pos && Math.abs(a - pos) <= CONTEXT_RADIUS);
  const out: Detection[] = [];
  const indexOf = new Map<number, number>();
  for (let i = 0; i < kept.length && out.length < max; i++) {
    const c = kept[i] as Candidate;
    const paired = pairOf.has(i);
    const radius = c.label?.kind === 'error-word' ? NEAR_RADIUS : CONTEXT_RADIUS;
    // Ambiguous values stay only with their pair partner, RDP words near them, or an unambiguous code nearby.
    if (c.needsPairOrContext && !paired && !s.hasContext(c.start, radius) && !nearAnchor(c.start)) continue;
    const lowKey = `${c.namespace}:${c.code >>> 0}`;
    let confidence = c.confidence;
    // A message next to a code says less than the code: keep it, but as a low-confidence hint.
    if (
      c.form === 'message' &&
      kept.some((o) => o.form !== 'message' && Math.abs(o.start - c.start) < MESSAGE_NEAR_CODE)
    ) {
      confidence = 'low';
    }
    if (data.lowConfidence.has(lowKey) && c.form !== 'name') confidence = 'low';
    if (paired && confidence === 'medium' && c.form !== 'typo') confidence = 'high';
    const codeNames = data.codes.get(c.namespace);
    const unknown = c.named === undefined && codeNames?.has(c.code >>> 0) !== true;
    const knownName = c.named ?? (codeNames?.get(c.code >>> 0) || null);
    const d: Detection = {
      namespace: c.namespace,
      code: c.code >>> 0,
      // Families written in decimal (AADSTS codes, RD Gateway numbers) have no hex form to show.
      hex: c.nameOnly || c.namespace === 'entra' || c.namespace === 'gateway' ? null : formatHex(c.code),
      name: knownName,
      span: [c.start, c.end],
      confidence: unknown ? 'low' : confidence,
      raw: text.slice(c.start, c.end),
      form: c.form,
      ...(c.label ? { label: c.label.text } : {}),
      ...(unknown ? { unknown: true } : {}),
    };
    indexOf.set(i, out.length);
    out.push(d);
  }
  for (const [i, j] of pairOf) {
    const di = indexOf.get(i);
    const dj = indexOf.get(j);
    if (di !== undefined && dj !== undefined) (out[di] as Detection).pairedWith = dj;
  }
  return out;
}

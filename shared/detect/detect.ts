/**
 * The detector: one left-to-right scan of the text with a single token regex, then constant work per
 * candidate (`scanner.ts`: a bounded look-back for a label, nearby hint words, a map lookup), then pairing
 * and filtering here. No work per character grows with the catalogue; no regex here can backtrack
 * catastrophically.
 */
import { type ContextIndex, indexContext } from './context.js';
import { toHex } from './numbers.js';
import { type Candidate, CONTEXT_RADIUS, NEAR_RADIUS, Scanner } from './scanner.js';
import type { Detection, DetectOptions, DetectorData } from './types.js';

/**
 * Candidate tokens: 1 `0x` hex (with the `0x90x` typo), 2 digit runs (decimal, signed, bare HRESULT),
 * 3 bare NTSTATUS `C000006D`, 4 Entra `AADSTS50076` and UPPER_SNAKE names, 5 camelCase names (and the
 * lower-camel prefixes of RDP client and Windows 365 names). Each alternative is deterministic (no nested
 * ambiguous quantifiers).
 */
const TOKEN_RE =
  /(?:([-−]?0[xX][0-9a-fA-F]+[xX]?)|([-−]?\d[0-9a-fA-F]*)|([Cc]0[0-9a-fA-F]{6})|(AADSTS\d{2,7}|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)|((?:disconnectReason|exDiscReason|dnsCheck|adJoinCheck|endpointConnectivityCheck|azureAdDeviceSyncCheck|resourceAvailabilityCheck|permissionCheck|udpConnectivityCheck|ssoCheck)[A-Za-z0-9]*|[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+))(?![A-Za-z0-9_]|-[0-9a-fA-F]|\.\d)/g;

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
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    if (m.index < consumedUntil) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (gluedToPrevious(text, start) || gluedToNext(text, end)) continue;
    if (m[4] !== undefined || m[5] !== undefined) {
      const r = s.name(m[0], start, end);
      if (r.consumedUntil > end) {
        consumedUntil = r.consumedUntil;
        TOKEN_RE.lastIndex = r.consumedUntil;
      }
      if (r.candidate) cands.push(r.candidate);
    } else {
      const c = s.number(m[0], start, end);
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
      hex: c.nameOnly || c.namespace === 'entra' || c.namespace === 'gateway' ? null : toHex(c.code),
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

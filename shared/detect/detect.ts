/**
 * The detector: one left-to-right scan of the text with a single token regex, then constant work per
 * candidate (a bounded look-back for a label, a binary search for context hints, a map lookup). No work
 * per character grows with the catalogue; no regex here can backtrack catastrophically.
 */
import type { Namespace } from '../catalog/types.js';
import { type ContextIndex, type HintKind, indexContext, nearest } from './context.js';
import {
  errorWordAfter,
  type FoundLabel,
  inAuthSentence,
  inProtocolErrorSentence,
  labelBefore,
} from './labels-match.js';
import { compileMessages, type MessageMatcher } from './messages.js';
import { extraDigitCandidates, type ParsedNumber, parseNumberToken, toHex, trailingXCandidates } from './numbers.js';
import type { Detection, DetectionConfidence, DetectOptions, DetectorData, ValueForm } from './types.js';

/**
 * Candidate tokens: 1 `0x` hex (with the `0x90x` typo), 2 digit runs (decimal, signed, bare HRESULT),
 * 3 bare NTSTATUS `C000006D`, 4 UPPER_SNAKE names, 5 camelCase names. Each alternative is
 * deterministic (no nested ambiguous quantifiers).
 */
const TOKEN_RE =
  /(?:([-−]?0[xX][0-9a-fA-F]+[xX]?)|([-−]?\d[0-9a-fA-F]*)|([Cc]0[0-9a-fA-F]{6})|([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)|((?:disconnectReason|exDiscReason)[A-Za-z0-9]*|[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+))(?![A-Za-z0-9_]|-[0-9a-fA-F]|\.\d)/g;

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

/** A value right after a name: `ERRCONNECT_LOGON_FAILURE [0x00020014]`, `ConnectionBroken (8)`. */
const ATTACHED_NUMBER = /^[ \t]{0,2}[[(][ \t]*([-−]?(?:0[xX])?[0-9a-fA-F]{1,10})[ \t]*[\])]/;

const SELF_EVIDENT_NAME = /^(?:ERRINFO_|ERRCONNECT_|E_PROXY_|SSL_ERR_|EXDISCREASON|DISCONNECTREASON)/i;
const SELF_EVIDENT_NS = new Set<Namespace>(['negotiation-failure', 'freerdp', 'extended-reason', 'disconnect-reason']);
const EVENT_SOURCE_BEFORE =
  /(?:schannel|termdd|rdpcorets|remoteconnectionmanager|localsessionmanager)\s*(?:event\s*)?[:#]?\s*$/i;
const RDP_KINDS: readonly HintKind[] = ['rdp', 'freerdp', 'avd', 'gateway'];

/** How far (characters) RDP words count as context for a value. */
const CONTEXT_RADIUS = 600;
/** Tighter radius for unlabeled short values such as `0x204`. */
const NEAR_RADIUS = 200;

interface Candidate {
  namespace: Namespace;
  code: number;
  start: number;
  end: number;
  form: ValueForm;
  confidence: DetectionConfidence;
  label?: FoundLabel;
  /** Kept only when paired with an extended code or when RDP context is present. */
  needsPairOrContext?: boolean;
  named?: string;
  nameOnly?: boolean;
}

const NAME_ONLY_BASE = 0xfa000000;
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

class Scanner {
  private msg: MessageMatcher | null = null;
  constructor(
    private readonly data: DetectorData,
    private readonly text: string,
    private readonly ctx: ContextIndex,
    readonly assumeRdp: boolean,
  ) {}

  known(ns: Namespace, code: number): boolean {
    return this.data.codes.get(ns)?.has(code) === true;
  }

  /** Distance to the nearest RDP-ish hint. */
  rdpDistance(pos: number): number {
    let d = Number.POSITIVE_INFINITY;
    for (const k of RDP_KINDS) d = Math.min(d, nearest(this.ctx, k, pos));
    return d;
  }

  hasContext(pos: number, radius = CONTEXT_RADIUS): boolean {
    return (this.assumeRdp || this.rdpDistance(pos) <= radius) && !this.blocked(pos);
  }

  /** Another product's error, or a crash dump, is closer than any RDP word. */
  blocked(pos: number): boolean {
    const neg = nearest(this.ctx, 'other-product', pos);
    if (neg > CONTEXT_RADIUS) return false;
    const pos2 = this.rdpDistance(pos);
    return neg <= pos2 || (this.assumeRdp && neg < 120 && pos2 > neg);
  }

  near(kind: HintKind, pos: number, radius: number): boolean {
    return nearest(this.ctx, kind, pos) <= radius;
  }

  name(token: string, start: number, end: number): { candidate?: Candidate; consumedUntil: number } {
    const attached = ATTACHED_NUMBER.exec(this.text.slice(end, end + 24));
    const spanEnd = attached ? end + attached[0].length : end;
    const hit = this.data.names.get(token.toUpperCase());
    // An unknown name still owns the number written after it (`PDU_TYPE_DEMAND_ACTIVE[0x00000001]`).
    if (!hit) return { consumedUntil: spanEnd };
    const selfEvident =
      !this.data.contextNames.has(token.toUpperCase()) &&
      (SELF_EVIDENT_NAME.test(token) || SELF_EVIDENT_NS.has(hit.namespace));
    const longAvd = hit.namespace === 'avd' && token.length >= 18 && !this.data.contextNames.has(token.toUpperCase());
    let needsPairOrContext = false;
    if (!selfEvident && !longAvd) {
      // "disconnect code=GenericProtocolError(18)": a code label before the name is context enough.
      const labelled = ['reason', 'error', 'code', 'status'].includes(labelBefore(this.text, start)?.kind ?? '');
      const ok =
        labelled ||
        (hit.namespace === 'avd'
          ? (attached !== null && this.hasContext(start)) ||
            (this.near('avd', start, CONTEXT_RADIUS) && !this.blocked(start))
          : this.hasContext(start));
      // Otherwise it may still be kept when an unambiguous RDP code stands nearby (see finish()).
      if (!ok) {
        if (attached === null || this.blocked(start)) return { consumedUntil: spanEnd };
        needsPairOrContext = true;
      }
    }
    return {
      consumedUntil: spanEnd,
      candidate: {
        namespace: hit.namespace,
        code: hit.code,
        start,
        end: spanEnd,
        form: 'name',
        confidence: 'high',
        named: hit.name,
        nameOnly: hit.nameOnly === true,
        ...(needsPairOrContext ? { needsPairOrContext } : {}),
      },
    };
  }

  number(token: string, start: number, end: number): Candidate | null {
    let p = parseNumberToken(token);
    if (!p) return null;
    // "80004005" without 0x: an HRESULT written bare (all its digits happen to be decimal).
    if (p.form === 'decimal' && /^8\d{7}$/.test(p.digits) && this.known('hresult', Number.parseInt(p.digits, 16))) {
      p = { value: Number.parseInt(p.digits, 16) >>> 0, form: 'bare-hex', digits: p.digits };
    }
    const label = labelBefore(this.text, start);
    if (p.typo) return this.typo(p, start, end, label);
    if (p.form === 'bare-hex' && !label && !/^[8Cc]/.test(p.digits)) return null;
    return this.classify(p, start, end, label);
  }

  private typo(p: ParsedNumber, start: number, end: number, label: FoundLabel | null): Candidate | null {
    const authCode = label?.kind === 'code' && inAuthSentence(this.text, label.start);
    if (!this.hasContext(start) && label?.kind !== 'extended' && !authCode) return null;
    const ns: Namespace =
      p.typo === 'extra-digit' ? 'hresult' : label?.kind === 'extended' ? 'extended-reason' : 'disconnect-reason';
    const options = p.typo === 'extra-digit' ? extraDigitCandidates(p.digits) : trailingXCandidates(p.digits);
    // Prefer the value people most often mean (0x90x → 0x904: the socket-closed code).
    const pref = p.typo === 'trailing-x' ? [4, 7, 6, 8, 0, 1, 2, 3, 5, 9, 10, 11, 12, 13, 14, 15] : [];
    const ordered = pref.length > 0 ? pref.map((i) => options[i] as number) : options;
    for (const v of ordered) {
      if (this.known(ns, v))
        return { namespace: ns, code: v, start, end, form: 'typo', confidence: 'low', ...(label ? { label } : {}) };
    }
    return null;
  }

  private classify(p: ParsedNumber, start: number, end: number, label: FoundLabel | null): Candidate | null {
    const v = p.value;
    const isDecimal = p.form === 'decimal' || p.form === 'signed';
    const base = (
      namespace: Namespace,
      code: number,
      confidence: DetectionConfidence,
      form: ValueForm = formOf(p),
    ): Candidate => ({
      namespace,
      code,
      start,
      end,
      form,
      confidence,
      ...(label ? { label } : {}),
    });
    const kind = label?.kind ?? null;

    // Event IDs are decimal and follow "Event ID" or an event source ("Schannel 36870").
    if (isDecimal && p.form === 'decimal') {
      const sourceBefore =
        kind === null &&
        this.known('event-id', v) &&
        EVENT_SOURCE_BEFORE.test(this.text.slice(Math.max(0, start - 40), start));
      if ((kind === 'event' || sourceBefore) && this.known('event-id', v)) {
        if (sourceBefore || this.near('eventlog', start, 300) || this.hasContext(start))
          return base('event-id', v, 'high');
        return null;
      }
    }
    if (kind === 'event') return null;
    // A decimal needs a label: timestamps, ids, sizes and counts are never codes on their own.
    if (isDecimal && kind === null) return null;

    // The FreeRDP proxy prints a decimal number after "0x" ("ErrorInfo PDU. code=0x00000012" means 12).
    if (kind === 'code' && p.form === 'hex' && /^\d+$/.test(p.digits) && this.near('errorinfo-pdu', start, 80)) {
      const dec = Number.parseInt(p.digits, 10);
      if (this.known('extended-reason', dec)) return base('extended-reason', dec, 'medium', 'decimal-as-hex');
    }

    const sh = shape(v, p);
    const composite = (): Candidate | null => {
      const cls = v >>> 16;
      if (cls === 1 && this.known('extended-reason', v & 0xffff))
        return base('extended-reason', v & 0xffff, 'high', 'composite');
      if (cls === 2 && this.known('freerdp', v)) return base('freerdp', v, 'high', 'composite');
      return null;
    };
    const byShape = (conf: DetectionConfidence): Candidate | null => {
      if (sh === 'ntstatus' || sh === 'hresult' || sh === 'avd') {
        const ns: Namespace = sh;
        return this.known(ns, v) ? base(ns, v, conf) : isDecimal ? null : { ...base(ns, v, 'low'), confidence: 'low' };
      }
      return null;
    };

    switch (kind) {
      case 'negotiation':
        return this.known('negotiation-failure', v) ? base('negotiation-failure', v, 'high') : null;
      case 'exit': {
        if (!isDecimal || !this.near('freerdp', start, CONTEXT_RADIUS)) return null;
        if (sh === 'composite') return composite();
        return v >= 128 && v <= 255 && this.known('freerdp', v) ? base('freerdp', v, 'high') : null;
      }
      case 'extended': {
        if (sh === 'composite') return composite();
        if (sh !== 'small') return byShape('high');
        return this.known('extended-reason', v)
          ? base('extended-reason', v, 'high')
          : isDecimal
            ? null
            : base('extended-reason', v, 'low');
      }
      case 'error':
      case 'code':
      case 'reason': {
        if (kind === 'code' && inAuthSentence(this.text, label?.start ?? start)) {
          if (sh === 'small') return this.known('hresult', v) ? base('hresult', v, 'high') : null;
          return byShape('high');
        }
        if (kind === 'code' && inProtocolErrorSentence(this.text, label?.start ?? start)) {
          // "protocol error (code: 0x112f)" is the server's error info; "…detected at the client (code 0x1104)" a client reason.
          if (this.known('extended-reason', v)) return base('extended-reason', v, 'high');
          if (this.known('disconnect-reason', v)) return base('disconnect-reason', v, 'high');
          return isDecimal ? null : base('extended-reason', v, 'low');
        }
        if (
          kind === 'reason' &&
          /(?:has been disconnected|session \d+)/i.test(this.text.slice(Math.max(0, start - 100), start))
        ) {
          return this.known('extended-reason', v) ? base('extended-reason', v, 'high') : null;
        }
        if (sh === 'composite' && (this.near('freerdp', start, CONTEXT_RADIUS) || p.form === 'hex')) {
          const c = composite();
          if (c) return c;
        }
        if (sh !== 'small' && sh !== 'composite') {
          const c = byShape('high');
          if (!c) return null;
          return this.hasContext(start) ? c : { ...c, needsPairOrContext: true };
        }
        let ns: Namespace = 'disconnect-reason';
        if (!this.known(ns, v) && this.known('extended-reason', v) && !isDecimal) ns = 'extended-reason';
        const knownHere = this.known(ns, v);
        if (!knownHere && isDecimal) return null;
        const c = base(ns, v, knownHere ? 'high' : 'low');
        if (this.hasContext(start)) return c;
        // "Error code: 0x904" alone: still an RDP code when the value is specific (3+ hex digits) and known.
        if (knownHere && kind === 'error' && !isDecimal && v >= 0x100 && !this.blocked(start)) {
          return { ...c, confidence: 'medium', needsPairOrContext: false };
        }
        return { ...c, needsPairOrContext: true };
      }
      case 'status': {
        if (isDecimal) return null;
        const c = byShape('high');
        if (!c) return null;
        return this.hasContext(start) || this.near('freerdp', start, CONTEXT_RADIUS) ? c : null;
      }
      default: {
        // A weak label ("error 0x80004005", "Error: 0x3") or none at all.
        if (isDecimal) return null;
        const weak = kind === 'error-word' || errorWordAfter(this.text, end);
        if (sh === 'composite') {
          const bracketed = /[[(]$/.test(this.text.slice(Math.max(0, start - 1), start));
          // FreeRDP prints composites zero-padded to 8 digits (0x0001000C): with RDP words near, that form is enough.
          const padded = p.form === 'hex' && p.digits.length === 8 && this.hasContext(start);
          return this.near('freerdp', start, CONTEXT_RADIUS) || bracketed || padded ? composite() : null;
        }
        if (sh === 'small') {
          if (!weak && p.digits.replace(/^0+/, '').length < 3) return null;
          if (!this.known('disconnect-reason', v)) return null;
          if (p.form !== 'hex' || this.near('crash', start, 40)) return null;
          const c = base('disconnect-reason', v, 'medium');
          // "Error: 0x3 accompanied by Extended Error: 0x5" is kept by its pair; otherwise RDP words must be near.
          if (weak && kind === 'error-word') return { ...c, needsPairOrContext: true };
          return this.hasContext(start, NEAR_RADIUS) ? c : null;
        }
        if (!this.known(sh, v)) return null;
        if (this.near('crash', start, 60) && !weak) return null;
        const gatewayCode = sh === 'hresult' && v >>> 8 === 0x800759;
        if (this.hasContext(start) || (gatewayCode && !this.blocked(start))) return base(sh, v, 'medium');
        return null;
      }
    }
  }

  messages(): Candidate[] {
    this.msg ??= compileMessages(this.data.messages);
    const out: Candidate[] = [];
    for (const hit of this.msg.find(this.text)) {
      // Even specific wording ("The function requested is not supported") is common Windows text: RDP words must be near.
      if (!this.hasContext(hit.start)) continue;
      out.push({
        namespace: hit.rule.namespace,
        code: hit.rule.code,
        start: hit.start,
        end: hit.end,
        form: 'message',
        confidence: 'medium',
        ...(hit.rule.name ? { named: hit.rule.name } : {}),
        nameOnly: hit.rule.code >>> 0 >= NAME_ONLY_BASE,
      });
    }
    return out;
  }
}

function formOf(p: ParsedNumber): ValueForm {
  if (p.form === 'bare-hex') return 'hex';
  return p.form;
}

type Shape = 'ntstatus' | 'hresult' | 'composite' | 'avd' | 'small';
function shape(v: number, p: ParsedNumber): Shape {
  if (v >= 0xc0000000) return 'ntstatus';
  if (v >= 0x80000000) return 'hresult';
  const cls = v >>> 16;
  if ((cls === 1 || cls === 2) && p.digits.replace(/^0x/i, '').length >= 5) return 'composite';
  if (v >= 0x03000000 && v < 0x04000000) return 'avd';
  return 'small';
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
    if (c.needsPairOrContext && !paired && !s.hasContext(c.start, radius) && !nearAnchor(c.start)) continue;
    // A bare "Error: 0x3" needs its "Extended Error: 0x5" partner or nearby RDP words.
    if (
      c.label?.kind === 'error-word' &&
      c.namespace === 'disconnect-reason' &&
      !paired &&
      !s.hasContext(c.start, NEAR_RADIUS)
    )
      continue;
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
      hex: c.nameOnly ? null : toHex(c.code),
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

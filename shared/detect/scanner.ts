/**
 * The per-candidate decisions of the detector: which namespace a value belongs to (label, value shape,
 * context), whether a symbolic name counts without RDP words near it, and which message texts count.
 * Constant work per candidate: a bounded look-back for a label, a few lookups of nearby hint words.
 */
import { NAME_ONLY_CODE_BASE, type Namespace } from '../catalog/types.js';
import type { ContextIndex, HintKind } from './context.js';
import { nearest } from './context.js';
import {
  errorWordAfter,
  type FoundLabel,
  inAuthSentence,
  inProtocolErrorSentence,
  labelBefore,
} from './labels-match.js';
import { compileMessages, type MessageHit, type MessageMatcher } from './messages.js';
import {
  decimalValue,
  extraDigitCandidates,
  isMinusCode,
  type ParsedNumber,
  parseNumberAt,
  parseNumberToken,
  trailingXCandidates,
} from './numbers.js';
import type { DetectionConfidence, DetectorData, ValueForm } from './types.js';

const ATTACHED_NUMBER = /^[ \t]{0,2}[[(][ \t]*([-−]?(?:0[xX])?[0-9a-fA-F]{1,10})[ \t]*[\])]/;

const SELF_EVIDENT_NAME = /^(?:ERRINFO_|ERRCONNECT_|E_PROXY_|SSL_ERR_|EXDISCREASON|DISCONNECTREASON)/i;
const SELF_EVIDENT_NS = new Set<Namespace>(['negotiation-failure', 'freerdp', 'extended-reason', 'disconnect-reason']);
const EVENT_SOURCE_BEFORE =
  /(?:schannel|termdd|rdpcorets|remoteconnectionmanager|localsessionmanager|terminalservices-gateway)\s*(?:event\s*)?[:#,]?\s*$/i;
/** "Exception code:" / "Exception Code:\t" of a Windows crash record, right before the value. */
const CRASH_CODE_BEFORE = /exception\s?code[\s:=]{0,4}$/i;
/** `"` and `“` as char codes: an RD Gateway event quotes its error number. */
const QUOTES = new Set([0x22, 0x201c]);
/** The end of an RD Gateway event's text, right before its error number. */
const GATEWAY_ERROR_BEFORE = /following error occurred:\s*["“]?$/i;
/** The RDP client's own event (TerminalServices-RDPClient 1026): its "Reason=" is the client disconnect reason. */
const CLIENT_EVENT_BEFORE = /clientactivex|rdpclient/i;

/** How far (characters) RDP words count as context for a value. */
export const CONTEXT_RADIUS = 600;
/** Tighter radius for unlabeled short values such as `0x204`. */
export const NEAR_RADIUS = 200;

export interface Candidate {
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

/** Message matchers, compiled once per catalogue data (not once per call: pages call detect() often). */
const MATCHERS = new WeakMap<DetectorData, MessageMatcher>();

export function messageMatcher(data: DetectorData): MessageMatcher {
  let matcher = MATCHERS.get(data);
  if (!matcher) {
    matcher = compileMessages(data.messages);
    MATCHERS.set(data, matcher);
  }
  return matcher;
}

export class Scanner {
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
    return this.ctx.nearestRdp(pos);
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
    // An unknown name still owns the number written after it (`PDU_TYPE_DEMAND_ACTIVE[0x00000001]`); a FreeRDP
    // name the catalogue spells differently (`ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER (0x0000000B)`) is read by its number.
    if (!hit) {
      // An Entra sign-in code the catalogue does not hold is still shown, as "not in the catalogue".
      if (/^AADSTS\d+$/.test(token) && this.hasContext(start)) {
        const code = Number.parseInt(token.slice(6), 10);
        return {
          consumedUntil: end,
          candidate: { namespace: 'entra', code, start, end, form: 'name', confidence: 'low' },
        };
      }
      const byNumber = attached ? this.freerdpNameNumber(token, attached[1] as string, start, spanEnd) : null;
      return byNumber ? { consumedUntil: spanEnd, candidate: byNumber } : { consumedUntil: spanEnd };
    }
    const selfEvident =
      !this.data.contextNames.has(token.toUpperCase()) &&
      (SELF_EVIDENT_NAME.test(token) || SELF_EVIDENT_NS.has(hit.namespace));
    const longAvd = hit.namespace === 'avd' && token.length >= 18 && !this.data.contextNames.has(token.toUpperCase());
    let needsPairOrContext = false;
    if (!selfEvident && !longAvd) {
      // "disconnect code=GenericProtocolError(18)": a code label before the name is context enough.
      // (Entra codes are every web sign-in's codes: only Remote Desktop words around them count.)
      const labelled =
        hit.namespace !== 'entra' &&
        ['reason', 'error', 'code', 'status'].includes(labelBefore(this.text, start)?.kind ?? '');
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

  /** `ERRINFO_*` / `ERRCONNECT_*` with its number in brackets: the number decides, the prefix gives the family. */
  private freerdpNameNumber(token: string, num: string, start: number, end: number): Candidate | null {
    const m = /^(ERRINFO|ERRCONNECT)_/i.exec(token);
    const p = m ? parseNumberToken(num) : null;
    if (!m || !p || p.typo) return null;
    const errinfo = (m[1] as string).toUpperCase() === 'ERRINFO';
    const v = errinfo && p.value >>> 16 === 1 ? p.value & 0xffff : p.value;
    const ns: Namespace = errinfo ? 'extended-reason' : 'freerdp';
    if (!errinfo && v >>> 16 !== 2) return null;
    const known = this.known(ns, v);
    return { namespace: ns, code: v, start, end, form: 'name', confidence: known ? 'medium' : 'low' };
  }

  number(start: number, end: number): Candidate | null {
    if (this.unlabelledDecimal(start, end)) return null;
    let p = parseNumberAt(this.text, start, end);
    if (!p) return null;
    // "80004005" without 0x: an HRESULT written bare (all its digits happen to be decimal).
    if (p.form === 'decimal' && p.digits.length === 8 && p.digits.charCodeAt(0) === 56) {
      const hex = Number.parseInt(p.digits, 16);
      if (this.known('hresult', hex)) p = { value: hex >>> 0, form: 'bare-hex', digits: p.digits };
    }
    const label = labelBefore(this.text, start);
    if (p.typo) return this.typo(p, start, end, label);
    if (p.form === 'bare-hex' && !label && !/^[8Cc]/.test(p.digits)) return null;
    return this.classify(p, start, end, label);
  }

  /**
   * A decimal with no label before it, no quote before it (an RD Gateway event's number) and no known event
   * ID value: {@link classify} would turn it down. Decided without allocating (most numbers on a page).
   */
  private unlabelledDecimal(start: number, end: number): boolean {
    const text = this.text;
    const negative = isMinusCode(text.charCodeAt(start));
    const s = negative ? start + 1 : start;
    const v = decimalValue(text, s, end);
    // Not a decimal, or one that may be a bare HRESULT ("80004005").
    if (v < 0 || (!negative && end - s === 8 && text.charCodeAt(s) === 56)) return false;
    if (labelBefore(text, start) !== null) return false;
    return negative || (!QUOTES.has(text.charCodeAt(start - 1)) && !this.known('event-id', v));
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
    // A crash record's "Exception code: 0xc0000005" is the process's fault, not a connection error.
    if (v >= 0x80000000 && kind === 'code' && CRASH_CODE_BEFORE.test(this.text.slice(Math.max(0, start - 24), start)))
      return null;
    // RD Gateway events end with 'The following error occurred: "23003".' (a quoted number: only then read the words).
    if (
      p.form === 'decimal' &&
      kind === null &&
      QUOTES.has(this.text.charCodeAt(start - 1)) &&
      GATEWAY_ERROR_BEFORE.test(this.text.slice(Math.max(0, start - 40), start))
    ) {
      if (this.known('gateway', v)) return this.hasContext(start) ? base('gateway', v, 'high') : null;
      return this.near('gateway', start, CONTEXT_RADIUS) && !this.blocked(start) ? base('gateway', v, 'low') : null;
    }
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
        // guacd logs the server's error info as "Disconnect reason code: 0x7." (Guacamole's RDP client is FreeRDP).
        if (
          kind === 'reason' &&
          /disconnect reason code:?\s*$/i.test(this.text.slice(Math.max(0, start - 30), start)) &&
          this.near('freerdp', start, CONTEXT_RADIUS)
        ) {
          return this.known('extended-reason', v)
            ? base('extended-reason', v, 'high')
            : base('extended-reason', v, 'low');
        }
        // "RDP ClientActiveX has been disconnected (Reason= 2308)": the client's event 1026 carries the disconnect reason.
        if (kind === 'reason' && CLIENT_EVENT_BEFORE.test(this.text.slice(Math.max(0, start - 100), start))) {
          return this.known('disconnect-reason', v) ? base('disconnect-reason', v, 'high') : null;
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
        // "HRESULT: -2146893022", "hr=-2146893022", "NTSTATUS 3221225581": the decimal forms of an HRESULT / NTSTATUS.
        if (isDecimal) return this.decimalStatus(p, sh, start, base, true);
        const c = byShape('high');
        if (!c) return null;
        return this.hasContext(start) || this.near('freerdp', start, CONTEXT_RADIUS) ? c : null;
      }
      default: {
        // A weak label ("error 0x80004005", "Error: 0x3") or none at all.
        if (isDecimal) return kind === 'error-word' ? this.decimalStatus(p, sh, start, base, false) : null;
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

  /**
   * A decimal next to an HRESULT / NTSTATUS word: only values of those shapes (≥ 0x80000000) count. An explicit
   * "HRESULT"/"hr"/"NTSTATUS" label keeps an unknown value as "not in the catalogue"; a bare "error" needs a known one.
   */
  private decimalStatus(
    p: ParsedNumber,
    sh: Shape,
    start: number,
    base: (ns: Namespace, code: number, conf: DetectionConfidence) => Candidate,
    explicit: boolean,
  ): Candidate | null {
    if (sh !== 'hresult' && sh !== 'ntstatus') return null;
    if (p.form === 'decimal' && p.digits.length < 10) return null;
    const known = this.known(sh, p.value);
    if (!known && !explicit) return null;
    if (this.blocked(start)) return null;
    if (!this.hasContext(start)) return known && explicit ? base(sh, p.value, 'medium') : null;
    return base(sh, p.value, known ? 'high' : 'low');
  }

  messages(hits: readonly MessageHit[]): Candidate[] {
    const out: Candidate[] = [];
    for (const hit of hits) {
      // Even specific wording ("The function requested is not supported") is common Windows text: RDP words must be near.
      if (!this.hasContext(hit.start)) continue;
      // Two phrases of one message in one dialog ("Port prerequisite not met. Add an inbound … rule") are one detection.
      const prev = out[out.length - 1];
      if (prev && prev.namespace === hit.rule.namespace && prev.code === hit.rule.code && hit.start - prev.end < 300)
        continue;
      out.push({
        namespace: hit.rule.namespace,
        code: hit.rule.code,
        start: hit.start,
        end: hit.end,
        form: 'message',
        confidence: 'medium',
        ...(hit.rule.name ? { named: hit.rule.name } : {}),
        nameOnly: hit.rule.code >>> 0 >= NAME_ONLY_CODE_BASE,
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
  // Windows App / Remote Desktop app dialog codes: 0x03xxxxxx (0x3000046) and 0x05xxxxxx (0x5000007).
  if ((v >= 0x03000000 && v < 0x04000000) || (v >= 0x05000000 && v < 0x06000000)) return 'avd';
  return 'small';
}

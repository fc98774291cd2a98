/**
 * Which namespace a number belongs to, decided from the label before it, the value's shape and the words
 * around it. One small decision per label kind; each is constant work (bounded look-backs, a few lookups).
 */
import type { Namespace } from '../../../shared/catalog/types.js';
import type { LabelKind } from '../../../shared/detect/labels.js';
import type { DetectionConfidence, ValueForm } from '../../../shared/detect/types.js';
import { type Candidate, CONTEXT_RADIUS, NEAR_RADIUS, type Surroundings } from './candidate.js';
import { errorWordAfter, type FoundLabel, inAuthSentence, inProtocolErrorSentence } from './labels-match.js';
import type { ParsedNumber } from './numbers.js';

const EVENT_SOURCE_BEFORE =
  /(?:schannel|termdd|rdpcorets|remoteconnectionmanager|localsessionmanager|terminalservices-gateway)\s*(?:event\s*)?[:#,]?\s*$/i;
/** "Exception code:" / "Exception Code:\t" of a Windows crash record, right before the value. */
const CRASH_CODE_BEFORE = /exception\s?code[\s:=]{0,4}$/i;
/** `"` and `“` as char codes: an RD Gateway event quotes its error number. */
export const QUOTES: ReadonlySet<number> = new Set([0x22, 0x201c]);
/** The end of an RD Gateway event's text, right before its error number. */
const GATEWAY_ERROR_BEFORE = /following error occurred:\s*["“]?$/i;
/** The RDP client's own event (TerminalServices-RDPClient 1026): its "Reason=" is the client disconnect reason. */
const CLIENT_EVENT_BEFORE = /clientactivex|rdpclient/i;

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

/** A decision: a candidate, `null` (not a code), or `undefined` (this rule does not apply: ask the next). */
type Decision = Candidate | null | undefined;

/** One number being classified: its value, form and shape, where it stands, and the label before it. */
class NumberCase {
  readonly v: number;
  readonly isDecimal: boolean;
  readonly kind: LabelKind | null;
  readonly sh: Shape;
  constructor(
    readonly s: Surroundings,
    readonly p: ParsedNumber,
    readonly start: number,
    readonly end: number,
    readonly label: FoundLabel | null,
  ) {
    this.v = p.value;
    this.isDecimal = p.form === 'decimal' || p.form === 'signed';
    this.kind = label?.kind ?? null;
    this.sh = shape(p.value, p);
  }

  base(namespace: Namespace, code: number, confidence: DetectionConfidence, form?: ValueForm): Candidate {
    const { start, end, label, p } = this;
    return {
      namespace,
      code,
      start,
      end,
      form: form ?? (p.form === 'bare-hex' ? 'hex' : p.form),
      confidence,
      ...(label ? { label } : {}),
    };
  }

  known(ns: Namespace, code = this.v): boolean {
    return this.s.known(ns, code);
  }

  /** The `n` characters before the value. */
  before(n: number): string {
    return this.s.text.slice(Math.max(0, this.start - n), this.start);
  }

  /** A FreeRDP composite (class << 16 | type): class 1 is an ERRINFO, class 2 an ERRCONNECT. */
  composite(): Candidate | null {
    const cls = this.v >>> 16;
    if (cls === 1 && this.known('extended-reason', this.v & 0xffff))
      return this.base('extended-reason', this.v & 0xffff, 'high', 'composite');
    if (cls === 2 && this.known('freerdp')) return this.base('freerdp', this.v, 'high', 'composite');
    return null;
  }

  /** NTSTATUS, HRESULT and AVD values by their range; an unknown one (not decimal) as "not in the catalogue". */
  byShape(conf: DetectionConfidence): Candidate | null {
    const sh = this.sh;
    if (sh !== 'ntstatus' && sh !== 'hresult' && sh !== 'avd') return null;
    if (this.known(sh)) return this.base(sh, this.v, conf);
    return this.isDecimal ? null : this.base(sh, this.v, 'low');
  }
}

/** Event IDs are decimal and follow "Event ID" or an event source ("Schannel 36870"). */
function eventId(c: NumberCase): Decision {
  if (c.p.form !== 'decimal' || !c.known('event-id')) return undefined;
  const sourceBefore = c.kind === null && EVENT_SOURCE_BEFORE.test(c.before(40));
  if (c.kind !== 'event' && !sourceBefore) return undefined;
  const { s, start } = c;
  if (sourceBefore || s.near('eventlog', start, 300) || s.hasContext(start)) return c.base('event-id', c.v, 'high');
  return null;
}

/** RD Gateway events end with 'The following error occurred: "23003".' (a quoted number: only then read the words). */
function gatewayQuoted(c: NumberCase): Decision {
  const { s, start } = c;
  if (c.p.form !== 'decimal' || c.kind !== null || !QUOTES.has(s.text.charCodeAt(start - 1))) return undefined;
  if (!GATEWAY_ERROR_BEFORE.test(c.before(40))) return undefined;
  if (c.known('gateway')) return s.hasContext(start) ? c.base('gateway', c.v, 'high') : null;
  return s.near('gateway', start, CONTEXT_RADIUS) && !s.blocked(start) ? c.base('gateway', c.v, 'low') : null;
}

/** The FreeRDP proxy prints a decimal number after "0x" ("ErrorInfo PDU. code=0x00000012" means 12). */
function proxyDecimal(c: NumberCase): Candidate | null {
  const { p } = c;
  if (c.kind !== 'code' || p.form !== 'hex' || !/^\d+$/.test(p.digits)) return null;
  if (!c.s.near('errorinfo-pdu', c.start, 80)) return null;
  const dec = Number.parseInt(p.digits, 10);
  return c.known('extended-reason', dec) ? c.base('extended-reason', dec, 'medium', 'decimal-as-hex') : null;
}

/** A FreeRDP client's exit status: X11 exit codes (≥ 128 only), next to FreeRDP words. */
function exitStatus(c: NumberCase): Candidate | null {
  if (!c.isDecimal || !c.s.near('freerdp', c.start, CONTEXT_RADIUS)) return null;
  if (c.sh === 'composite') return c.composite();
  return c.v >= 128 && c.v <= 255 && c.known('freerdp') ? c.base('freerdp', c.v, 'high') : null;
}

/** "Extended error code": the server's errorInfo (or an HRESULT / NTSTATUS / composite by its shape). */
function extended(c: NumberCase): Candidate | null {
  if (c.sh === 'composite') return c.composite();
  if (c.sh !== 'small') return c.byShape('high');
  if (c.known('extended-reason')) return c.base('extended-reason', c.v, 'high');
  return c.isDecimal ? null : c.base('extended-reason', c.v, 'low');
}

/** "Code:" inside an authentication-error sentence (an HRESULT) or a protocol-error sentence (errorInfo). */
function codeInSentence(c: NumberCase): Decision {
  if (c.kind !== 'code') return undefined;
  const at = c.label?.start ?? c.start;
  if (inAuthSentence(c.s.text, at)) {
    if (c.sh === 'small') return c.known('hresult') ? c.base('hresult', c.v, 'high') : null;
    return c.byShape('high');
  }
  if (!inProtocolErrorSentence(c.s.text, at)) return undefined;
  // "protocol error (code: 0x112f)" is the server's error info; "…detected at the client (code 0x1104)" a client reason.
  if (c.known('extended-reason')) return c.base('extended-reason', c.v, 'high');
  if (c.known('disconnect-reason')) return c.base('disconnect-reason', c.v, 'high');
  return c.isDecimal ? null : c.base('extended-reason', c.v, 'low');
}

/** "Reason" in the events and logs that print one: guacd, the client's event 1026, a session's disconnect. */
function reasonInEvent(c: NumberCase): Decision {
  if (c.kind !== 'reason') return undefined;
  // guacd logs the server's error info as "Disconnect reason code: 0x7." (Guacamole's RDP client is FreeRDP).
  if (/disconnect reason code:?\s*$/i.test(c.before(30)) && c.s.near('freerdp', c.start, CONTEXT_RADIUS)) {
    return c.base('extended-reason', c.v, c.known('extended-reason') ? 'high' : 'low');
  }
  // "RDP ClientActiveX has been disconnected (Reason= 2308)": the client's event 1026 carries the disconnect reason.
  if (CLIENT_EVENT_BEFORE.test(c.before(100))) {
    return c.known('disconnect-reason') ? c.base('disconnect-reason', c.v, 'high') : null;
  }
  if (/(?:has been disconnected|session \d+)/i.test(c.before(100))) {
    return c.known('extended-reason') ? c.base('extended-reason', c.v, 'high') : null;
  }
  return undefined;
}

/** "Error code", "Code:", "reason": a client disconnect reason, or a value of another family by its shape. */
function errorCode(c: NumberCase): Candidate | null {
  const inSentence = codeInSentence(c);
  if (inSentence !== undefined) return inSentence;
  const inEvent = reasonInEvent(c);
  if (inEvent !== undefined) return inEvent;
  const { s, start, sh } = c;
  if (sh === 'composite' && (s.near('freerdp', start, CONTEXT_RADIUS) || c.p.form === 'hex')) {
    const found = c.composite();
    if (found) return found;
  }
  if (sh !== 'small' && sh !== 'composite') {
    const found = c.byShape('high');
    if (!found) return null;
    return s.hasContext(start) ? found : { ...found, needsPairOrContext: true };
  }
  return disconnectReason(c);
}

/** A small value after "Error code": the client disconnect reason (or the server's errorInfo it names). */
function disconnectReason(c: NumberCase): Candidate | null {
  const { s, start, isDecimal } = c;
  let ns: Namespace = 'disconnect-reason';
  if (!c.known(ns) && c.known('extended-reason') && !isDecimal) ns = 'extended-reason';
  const knownHere = c.known(ns);
  if (!knownHere && isDecimal) return null;
  const found = c.base(ns, c.v, knownHere ? 'high' : 'low');
  if (s.hasContext(start)) return found;
  // "Error code: 0x904" alone: still an RDP code when the value is specific (3+ hex digits) and known.
  if (knownHere && c.kind === 'error' && !isDecimal && c.v >= 0x100 && !s.blocked(start)) {
    return { ...found, confidence: 'medium', needsPairOrContext: false };
  }
  return { ...found, needsPairOrContext: true };
}

/**
 * A decimal next to an HRESULT / NTSTATUS word: only values of those shapes (≥ 0x80000000) count. An explicit
 * "HRESULT"/"hr"/"NTSTATUS" label keeps an unknown value as "not in the catalogue"; a bare "error" needs a known one.
 */
function decimalStatus(c: NumberCase, explicit: boolean): Candidate | null {
  const { s, start, sh, p } = c;
  if (sh !== 'hresult' && sh !== 'ntstatus') return null;
  if (p.form === 'decimal' && p.digits.length < 10) return null;
  const known = c.known(sh);
  if ((!known && !explicit) || s.blocked(start)) return null;
  if (!s.hasContext(start)) return known && explicit ? c.base(sh, c.v, 'medium') : null;
  return c.base(sh, c.v, known ? 'high' : 'low');
}

/** "HRESULT:", "hr=", "NTSTATUS", "status:": an HRESULT / NTSTATUS (decimal forms included). */
function status(c: NumberCase): Candidate | null {
  if (c.isDecimal) return decimalStatus(c, true);
  const found = c.byShape('high');
  if (!found) return null;
  return c.s.hasContext(c.start) || c.s.near('freerdp', c.start, CONTEXT_RADIUS) ? found : null;
}

/** A weak label ("error 0x80004005", "Error: 0x3") or none at all. */
function unlabelled(c: NumberCase): Candidate | null {
  const { s, start, sh, p } = c;
  if (c.isDecimal) return c.kind === 'error-word' ? decimalStatus(c, false) : null;
  const weak = c.kind === 'error-word' || errorWordAfter(s.text, c.end);
  if (sh === 'composite') {
    const bracketed = /[[(]$/.test(c.before(1));
    // FreeRDP prints composites zero-padded to 8 digits (0x0001000C): with RDP words near, that form is enough.
    const padded = p.form === 'hex' && p.digits.length === 8 && s.hasContext(start);
    return s.near('freerdp', start, CONTEXT_RADIUS) || bracketed || padded ? c.composite() : null;
  }
  if (sh === 'small') return smallUnlabelled(c, weak);
  if (!c.known(sh)) return null;
  if (s.near('crash', start, 60) && !weak) return null;
  const gatewayCode = sh === 'hresult' && c.v >>> 8 === 0x800759;
  if (s.hasContext(start) || (gatewayCode && !s.blocked(start))) return c.base(sh, c.v, 'medium');
  return null;
}

/** A small hex value with at most a weak label: a client disconnect reason, only with RDP words near. */
function smallUnlabelled(c: NumberCase, weak: boolean): Candidate | null {
  const { s, start, p } = c;
  if (!weak && p.digits.replace(/^0+/, '').length < 3) return null;
  if (!c.known('disconnect-reason')) return null;
  if (p.form !== 'hex' || s.near('crash', start, 40)) return null;
  const found = c.base('disconnect-reason', c.v, 'medium');
  // "Error: 0x3 accompanied by Extended Error: 0x5" is kept by its pair; otherwise RDP words must be near.
  if (weak && c.kind === 'error-word') return { ...found, needsPairOrContext: true };
  return s.hasContext(start, NEAR_RADIUS) ? found : null;
}

/**
 * A code under one of RDP Doctor's own family headings ("Azure Virtual Desktop error 516"): that
 * family's code when the catalogue has it; a number the family does not know stays that family's
 * (unknown, never another family's meaning); anything else is read as if unlabelled.
 */
function familyHeading(c: NumberCase, ns: 'avd' | 'freerdp' | 'gateway'): Candidate | null {
  if (c.known(ns)) return c.base(ns, c.v, 'high');
  return c.isDecimal ? c.base(ns, c.v, 'medium') : unlabelled(c);
}

/** The label kinds that decide alone, once the rules for events, crashes and gateways have passed. */
function byLabel(c: NumberCase): Candidate | null {
  switch (c.kind) {
    case 'negotiation':
      return c.known('negotiation-failure') ? c.base('negotiation-failure', c.v, 'high') : unlabelled(c);
    case 'avd':
    case 'freerdp':
    case 'gateway':
      return familyHeading(c, c.kind);
    case 'exit':
      return exitStatus(c);
    case 'extended':
      return extended(c);
    case 'error':
    case 'code':
    case 'reason':
      return errorCode(c);
    case 'status':
      return status(c);
    default:
      return unlabelled(c);
  }
}

/** The namespace and confidence of the number `p` at `[start, end)`, or null when it is not a code. */
export function classifyNumber(
  s: Surroundings,
  p: ParsedNumber,
  start: number,
  end: number,
  label: FoundLabel | null,
): Candidate | null {
  const c = new NumberCase(s, p, start, end, label);
  const event = eventId(c);
  if (event !== undefined) return event;
  if (c.kind === 'event') return null;
  // A crash record's "Exception code: 0xc0000005" is the process's fault, not a connection error.
  if (c.v >= 0x80000000 && c.kind === 'code' && CRASH_CODE_BEFORE.test(c.before(24))) return null;
  const gateway = gatewayQuoted(c);
  if (gateway !== undefined) return gateway;
  // A decimal needs a label: timestamps, ids, sizes and counts are never codes on their own.
  if (c.isDecimal && c.kind === null) return null;
  return proxyDecimal(c) ?? byLabel(c);
}

/**
 * The per-candidate decisions of the detector: whether a symbolic name counts without RDP words near it,
 * which numbers are worth classifying (`classify.ts` decides their namespace), the two typos, and which
 * message texts count; and the context questions they all ask. Constant work per candidate: a bounded
 * look-back for a label, a few binary searches for nearby hint words.
 */
import { NAME_ONLY_CODE_BASE, type Namespace } from '../catalog/types.js';
import { type Candidate, CONTEXT_RADIUS, type Surroundings } from './candidate.js';
import { classifyNumber, QUOTES } from './classify.js';
import type { ContextIndex, HintKind } from './context.js';
import type { LabelKind } from './labels.js';
import { type FoundLabel, inAuthSentence, labelBefore } from './labels-match.js';
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
import type { DetectorData } from './types.js';

export { type Candidate, CONTEXT_RADIUS, NEAR_RADIUS } from './candidate.js';

const ATTACHED_NUMBER = /^[ \t]{0,2}[[(][ \t]*([-−]?(?:0[xX])?[0-9a-fA-F]{1,10})[ \t]*[\])]/;
const SELF_EVIDENT_NAME = /^(?:ERRINFO_|ERRCONNECT_|E_PROXY_|SSL_ERR_|EXDISCREASON|DISCONNECTREASON)/i;
const SELF_EVIDENT_NS = new Set<Namespace>(['negotiation-failure', 'freerdp', 'extended-reason', 'disconnect-reason']);
/** Labels before a name that are context enough ("disconnect code=GenericProtocolError(18)"). */
const NAME_LABELS = new Set<LabelKind>(['reason', 'error', 'code', 'status']);
/** 0x90x → 0x904 first: the values people most often mean by a trailing `x` (the socket-closed code). */
const TRAILING_X_PREFERENCE = [4, 7, 6, 8, 0, 1, 2, 3, 5, 9, 10, 11, 12, 13, 14, 15];

type NameHit = NonNullable<ReturnType<DetectorData['names']['get']>>;

export interface NameResult {
  candidate?: Candidate;
  /** The name owns the text up to here (a number written after it in brackets). */
  consumedUntil: number;
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

export class Scanner implements Surroundings {
  constructor(
    private readonly data: DetectorData,
    readonly text: string,
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
    const neg = this.ctx.nearest('other-product', pos);
    if (neg > CONTEXT_RADIUS) return false;
    const pos2 = this.rdpDistance(pos);
    return neg <= pos2 || (this.assumeRdp && neg < 120 && pos2 > neg);
  }

  near(kind: HintKind, pos: number, radius: number): boolean {
    return this.ctx.nearest(kind, pos) <= radius;
  }

  name(token: string, start: number, end: number): NameResult {
    const attached = ATTACHED_NUMBER.exec(this.text.slice(end, end + 24));
    const spanEnd = attached ? end + attached[0].length : end;
    const hit = this.data.names.get(token.toUpperCase());
    if (!hit) return this.unknownName(token, start, end, attached?.[1] ?? null, spanEnd);
    const needs = this.nameNeedsContext(token, hit, start, attached !== null);
    if (needs === null) return { consumedUntil: spanEnd };
    const candidate: Candidate = {
      namespace: hit.namespace,
      code: hit.code,
      start,
      end: spanEnd,
      form: 'name',
      confidence: 'high',
      named: hit.name,
      nameOnly: hit.nameOnly === true,
      ...(needs ? { needsPairOrContext: true } : {}),
    };
    return { consumedUntil: spanEnd, candidate };
  }

  /**
   * A name the catalogue does not hold still owns the number written after it (`PDU_TYPE_DEMAND_ACTIVE[0x00000001]`);
   * a FreeRDP name the catalogue spells differently (`ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER (0x0000000B)`) is read
   * by its number; an Entra sign-in code the catalogue does not hold is shown as "not in the catalogue".
   */
  private unknownName(token: string, start: number, end: number, num: string | null, spanEnd: number): NameResult {
    if (/^AADSTS\d+$/.test(token) && this.hasContext(start)) {
      const code = Number.parseInt(token.slice(6), 10);
      return {
        consumedUntil: end,
        candidate: { namespace: 'entra', code, start, end, form: 'name', confidence: 'low' },
      };
    }
    const byNumber = num !== null ? this.freerdpNameNumber(token, num, start, spanEnd) : null;
    return byNumber ? { consumedUntil: spanEnd, candidate: byNumber } : { consumedUntil: spanEnd };
  }

  /**
   * Does a catalogue name need more to count? `false`: it counts as it stands (self-evident, or with context);
   * `true`: only with its pair or an unambiguous RDP code nearby (see `finish()`); `null`: not here.
   */
  private nameNeedsContext(token: string, hit: NameHit, start: number, attached: boolean): boolean | null {
    const generic = this.data.contextNames.has(token.toUpperCase());
    const selfEvident = !generic && (SELF_EVIDENT_NAME.test(token) || SELF_EVIDENT_NS.has(hit.namespace));
    const longAvd = hit.namespace === 'avd' && token.length >= 18 && !generic;
    if (selfEvident || longAvd || this.nameHasContext(hit.namespace, start, attached)) return false;
    return !attached || this.blocked(start) ? null : true;
  }

  private nameHasContext(ns: Namespace, start: number, attached: boolean): boolean {
    // A code label before the name is context enough. (Entra codes are every web sign-in's codes: only Remote
    // Desktop words around them count.)
    if (ns !== 'entra' && NAME_LABELS.has(labelBefore(this.text, start)?.kind as LabelKind)) return true;
    if (ns !== 'avd') return this.hasContext(start);
    return (attached && this.hasContext(start)) || (this.near('avd', start, CONTEXT_RADIUS) && !this.blocked(start));
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
    const label = labelBefore(this.text, start);
    if (!label && this.unlabelledDecimal(start, end)) return null;
    let p = parseNumberAt(this.text, start, end);
    if (!p) return null;
    // "80004005" without 0x: an HRESULT written bare (all its digits happen to be decimal).
    if (p.form === 'decimal' && p.digits.length === 8 && p.digits.charCodeAt(0) === 56) {
      const hex = Number.parseInt(p.digits, 16);
      if (this.known('hresult', hex)) p = { value: hex >>> 0, form: 'bare-hex', digits: p.digits };
    }
    if (p.typo) return this.typo(p, start, end, label);
    if (p.form === 'bare-hex' && !label && !/^[8Cc]/.test(p.digits)) return null;
    return classifyNumber(this, p, start, end, label);
  }

  /**
   * A decimal (with no label before it: the caller looked) with no quote before it (an RD Gateway event's
   * number) and no known event ID value: {@link classify} would turn it down. Decided without allocating
   * (most numbers on a page).
   */
  private unlabelledDecimal(start: number, end: number): boolean {
    const text = this.text;
    const negative = isMinusCode(text.charCodeAt(start));
    const s = negative ? start + 1 : start;
    const v = decimalValue(text, s, end);
    // Not a decimal, or one that may be a bare HRESULT ("80004005").
    if (v < 0 || (!negative && end - s === 8 && text.charCodeAt(s) === 56)) return false;
    return negative || (!QUOTES.has(text.charCodeAt(start - 1)) && !this.known('event-id', v));
  }

  private typo(p: ParsedNumber, start: number, end: number, label: FoundLabel | null): Candidate | null {
    const authCode = label?.kind === 'code' && inAuthSentence(this.text, label.start);
    if (!this.hasContext(start) && label?.kind !== 'extended' && !authCode) return null;
    const ns: Namespace =
      p.typo === 'extra-digit' ? 'hresult' : label?.kind === 'extended' ? 'extended-reason' : 'disconnect-reason';
    const options = p.typo === 'extra-digit' ? extraDigitCandidates(p.digits) : trailingXCandidates(p.digits);
    const ordered = p.typo === 'trailing-x' ? TRAILING_X_PREFERENCE.map((i) => options[i] as number) : options;
    for (const v of ordered) {
      if (this.known(ns, v))
        return { namespace: ns, code: v, start, end, form: 'typo', confidence: 'low', ...(label ? { label } : {}) };
    }
    return null;
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

/**
 * Every message between extension pages / content scripts and the background, in one table.
 *
 * - One-shot requests ({@link REQUESTS}): for each type, what it carries, what it answers, who may
 *   send it, and the validators of both directions. The background validates the request from
 *   `unknown` and checks the sender's kind against `from`; the one client (client.ts) validates the
 *   answer. A type missing from the table cannot be sent or answered.
 * - Running checks streams results, so the page opens a runtime Port named {@link CHECKS_PORT} and
 *   sends one start message ({@link ChecksStart}); the background answers with {@link ChecksEvent}s.
 *   Closing the port (closing the popup) cancels the run. Extension pages only.
 *
 * Web pages and content scripts can never start checks: no content-script type reaches the helper,
 * and the checks port accepts extension pages only. Pure: no browser APIs.
 */
import { NAMESPACES, type Namespace } from '../../shared/catalog/types.js';
import type { ProtocolErrorCode } from '../../shared/protocol/errors.js';
import type { Guidance } from '../../shared/protocol/guidance.js';
import { MAX_LISTEN_WAIT_MS, MAX_PORT, MIN_LISTEN_WAIT_MS, MIN_PORT } from '../../shared/protocol/limits.js';
import type { ProbeRequest } from '../../shared/protocol/messages.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import { MAX_TIMEOUT_MS, MIN_TIMEOUT_MS } from '../../shared/protocol/target.js';
import {
  type HostOutcome,
  isHostOutcome,
  MAX_HOST_CHARS,
  normalizeEntries,
  normalizeHistory,
  type RecentHost,
} from './recent-hosts.js';

export const CHECKS_PORT = 'rdp-doctor-checks';
/** Longest text accepted for explaining or for opening the full view (characters). */
export const MAX_TEXT_CHARS = 100_000;

/** Guidance for a helper problem as pages show it: what is wrong, the command that fixes it and the one that shows why. */
export type HelperGuidance = Omit<Guidance, 'code'>;

export type HelperStatusView =
  | { connected: true; hostVersion: string; protocolVersion: string; capabilities: string[] }
  | { connected: false; code: ProtocolErrorCode; message: string; guidance: HelperGuidance };

/** One code of a family, as the content script knows it from a mark. */
export interface CodeRef {
  namespace: Namespace;
  /** Unsigned 32-bit code. */
  code: number;
}

/** The plain meaning of one code (or of the pair it belongs to), for the hover/focus card. */
export interface CodeMeaning {
  /** The code as people read it (hex, decimal event id, or the written name for name-only codes). */
  code: string;
  /** The catalogue's symbolic name, when it has one (shown in the details, never as the heading). */
  name: string | null;
  /** The plain meaning: of the pair when the code was read with its partner. */
  summary: string;
  /** Who must act, in words. */
  actor: string;
  unknown: boolean;
}

/** Who sent a message: one of this extension's pages, or a content script in a web page's tab. */
export type SenderKind = 'page' | 'content';

/** The one-shot requests: the body each carries (besides `type`) and what the background answers. */
export interface RequestTable {
  /** Is the helper installed and compatible, and which version? */
  'helper-status': { body: Record<never, never>; answer: HelperStatusView };
  /** Open the full view with this text (context menu, in-page card). */
  'open-full-view': { body: { text: string }; answer: { ok: boolean } };
  /** The recent-hosts history (kept by the background, where web pages cannot reach it); each answers the list. */
  'history-get': { body: Record<never, never>; answer: string[] };
  'history-remember': { body: { host: string }; answer: string[] };
  'history-clear': { body: Record<never, never>; answer: string[] };
  /** The list with when each host was last checked (the options page lists them). */
  'history-entries': { body: Record<never, never>; answer: RecentHost[] };
  /** How the last check of a listed host ended (the popup, when a run finishes); answers the entries. */
  'history-outcome': { body: { host: string; outcome: HostOutcome }; answer: RecentHost[] };
  /** Forgets one host (host[:port] as listed); answers the entries left. */
  'history-remove': { body: { host: string }; answer: RecentHost[] };
  /**
   * The plain meaning of one marked code; `pair`, when it was read as one of a pair, is the pair in
   * page order (the error code, then its extended code) and holds the marked code.
   */
  'annotation-explain': { body: CodeRef & { pair?: [CodeRef, CodeRef] }; answer: CodeMeaning | null };
  /** Turn annotation off for the sender's own site (taken from the sender, never from the message). */
  'annotation-off': { body: Record<never, never>; answer: { ok: boolean } };
}

export type RequestType = keyof RequestTable;
export type RequestBody<K extends RequestType> = RequestTable[K]['body'];
export type RequestOf<K extends RequestType> = { type: K } & RequestBody<K>;
export type AnswerOf<K extends RequestType> = RequestTable[K]['answer'];
export type AnyRequest = { [K in RequestType]: RequestOf<K> }[RequestType];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

interface RequestSpec<K extends RequestType> {
  /** Who may send it. */
  from: readonly SenderKind[];
  /** The body from an untrusted message, or null. */
  body(raw: Obj): RequestBody<K> | null;
  /** The answer from the background, or undefined when it is not a valid one. */
  answer(raw: unknown): AnswerOf<K> | undefined;
}

const none = () => ({});
const okAnswer = (raw: unknown) => (isObj(raw) && typeof raw.ok === 'boolean' ? { ok: raw.ok } : undefined);
const historyAnswer = (raw: unknown) => (Array.isArray(raw) ? normalizeHistory(raw) : undefined);
const entriesAnswer = (raw: unknown) => (Array.isArray(raw) ? normalizeEntries(raw) : undefined);
/** host[:port] as the person typed it (or as listed), at most {@link MAX_HOST_CHARS} characters. */
const hostBody = (raw: Obj) => (isStr(raw.host, MAX_HOST_CHARS) && raw.host.trim() !== '' ? { host: raw.host } : null);

function codeRef(raw: unknown): CodeRef | null {
  if (!isObj(raw)) return null;
  const { namespace, code } = raw;
  if (typeof namespace !== 'string' || !(NAMESPACES as readonly string[]).includes(namespace)) return null;
  if (typeof code !== 'number' || !Number.isInteger(code) || code < -0x80000000 || code > 0xffffffff) return null;
  return { namespace: namespace as Namespace, code: code >>> 0 };
}

function explainBody(raw: Obj): RequestBody<'annotation-explain'> | null {
  const ref = codeRef(raw);
  if (!ref) return null;
  if (raw.pair === undefined) return ref;
  if (!Array.isArray(raw.pair) || raw.pair.length !== 2) return null;
  const [a, b] = raw.pair.map(codeRef);
  const same = (r: CodeRef | null | undefined) => r?.namespace === ref.namespace && r.code === ref.code;
  return a && b && (same(a) || same(b)) ? { ...ref, pair: [a, b] } : null;
}

function meaningAnswer(raw: unknown): CodeMeaning | null | undefined {
  if (raw === null) return null;
  if (!isObj(raw)) return undefined;
  const { code, name, summary, actor, unknown } = raw;
  if (!isStr(code, 500) || !isStr(summary, 5000) || !isStr(actor, 500) || typeof unknown !== 'boolean')
    return undefined;
  if (name !== null && !isStr(name, 500)) return undefined;
  return { code, name, summary, actor, unknown };
}

/** Guidance from an untrusted value: only its known text fields. */
export function parseGuidance(raw: unknown): HelperGuidance | undefined {
  if (!isObj(raw) || !isStr(raw.title, 1000) || !isStr(raw.explanation, 5000)) return undefined;
  const out: HelperGuidance = { title: raw.title, explanation: raw.explanation };
  if (isStr(raw.command, 2000)) out.command = raw.command;
  if (isStr(raw.diagnose, 2000)) out.diagnose = raw.diagnose;
  const p = raw.profile;
  if (isObj(p) && isStr(p.command, 2000) && isStr(p.howToFind, 2000)) {
    out.profile = { command: p.command, howToFind: p.howToFind };
  }
  return out;
}

function statusAnswer(raw: unknown): HelperStatusView | undefined {
  if (!isObj(raw)) return undefined;
  if (raw.connected === true) {
    const { hostVersion, protocolVersion, capabilities } = raw;
    if (!isStr(hostVersion, 100) || !isStr(protocolVersion, 100)) return undefined;
    if (!Array.isArray(capabilities) || !capabilities.every((c) => isStr(c, 100))) return undefined;
    return { connected: true, hostVersion, protocolVersion, capabilities: [...capabilities] };
  }
  const guidance = parseGuidance(raw.guidance);
  if (raw.connected !== false || !isStr(raw.code, 100) || !isStr(raw.message, 5000) || !guidance) return undefined;
  return { connected: false, code: raw.code as ProtocolErrorCode, message: raw.message, guidance };
}

/** The one table: who may send each request, and how both directions are validated. */
export const REQUESTS: { readonly [K in RequestType]: RequestSpec<K> } = {
  'helper-status': { from: ['page'], body: none, answer: statusAnswer },
  'open-full-view': {
    from: ['page', 'content'],
    body: (raw) => (isStr(raw.text, MAX_TEXT_CHARS) ? { text: raw.text } : null),
    answer: okAnswer,
  },
  'history-get': { from: ['page'], body: none, answer: historyAnswer },
  'history-remember': { from: ['page'], body: hostBody, answer: historyAnswer },
  'history-clear': { from: ['page'], body: none, answer: historyAnswer },
  'history-entries': { from: ['page'], body: none, answer: entriesAnswer },
  'history-outcome': {
    from: ['page'],
    body: (raw) => {
      const h = hostBody(raw);
      return h && isHostOutcome(raw.outcome) ? { ...h, outcome: raw.outcome } : null;
    },
    answer: entriesAnswer,
  },
  'history-remove': { from: ['page'], body: hostBody, answer: entriesAnswer },
  'annotation-explain': { from: ['content'], body: explainBody, answer: meaningAnswer },
  'annotation-off': { from: ['content'], body: none, answer: okAnswer },
};

const isRequestType = (v: unknown): v is RequestType => typeof v === 'string' && Object.hasOwn(REQUESTS, v);

/** Validates a one-shot request; null when it is not one of ours. */
export function parseRequest(raw: unknown): AnyRequest | null {
  if (!isObj(raw) || !isRequestType(raw.type)) return null;
  const body = (REQUESTS[raw.type] as RequestSpec<RequestType>).body(raw);
  return body ? ({ ...body, type: raw.type } as AnyRequest) : null;
}

/** Whether a sender of this kind may send this request. */
export function mayAsk(type: RequestType, kind: SenderKind | null): boolean {
  return kind !== null && REQUESTS[type].from.includes(kind);
}

// --- The checks port ---------------------------------------------------------------------------

/** Sent once over the checks port to start a run. */
export interface RunChecksRequest extends Pick<ProbeRequest, 'host' | 'port' | 'timeoutMs'> {
  type: 'run-checks';
  /**
   * True only when a person typed `host` into this extension's own check form (or picked it from
   * the servers they checked before). The background then lets the helper reach link-local and
   * cloud-metadata addresses for it (ProbeRequest `allowRestricted`); absent or false, they are refused.
   */
  typedByUser?: boolean;
  /**
   * host[:port] as the person typed it, to keep among the servers checked before: the background
   * lists it when the run starts and records how the run ended (healthy, warnings, problems, or
   * unfinished when it failed or the page closed first). The background does both, so closing the
   * popup right after a run loses nothing.
   */
  remember?: string;
}

/**
 * "Test my RDP client": the other start message the checks port accepts. The helper listens on
 * 127.0.0.1 at a port it picks; the page chooses only how long to wait.
 */
export interface ListenClientPageRequest {
  type: 'listen-client';
  /** How long to wait for a client, in ms, 1000–600000. */
  waitMs: number;
}

export type ChecksStart = RunChecksRequest | ListenClientPageRequest;

export type ChecksEvent =
  | { type: 'started'; total?: number }
  | { type: 'progress'; index: number; total?: number; result: CheckResult }
  | { type: 'done'; count: number; durationMs: number }
  | { type: 'failed'; code: ProtocolErrorCode | 'invalid-request'; message: string; guidance?: HelperGuidance };

/** Validates a `listen-client` start message; null when malformed. */
export function parseListenClient(raw: unknown): ListenClientPageRequest | null {
  if (!isObj(raw) || raw.type !== 'listen-client') return null;
  const { waitMs } = raw;
  if (
    typeof waitMs !== 'number' ||
    !Number.isInteger(waitMs) ||
    waitMs < MIN_LISTEN_WAIT_MS ||
    waitMs > MAX_LISTEN_WAIT_MS
  )
    return null;
  return { type: 'listen-client', waitMs };
}

/** Validates the `run-checks` start message; null when malformed. */
export function parseRunChecks(raw: unknown): RunChecksRequest | null {
  if (!isObj(raw) || raw.type !== 'run-checks') return null;
  const { host, port, timeoutMs, typedByUser, remember } = raw;
  if (typeof host !== 'string' || host.length < 1 || host.length > 253) return null;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < MIN_PORT || port > MAX_PORT) return null;
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isInteger(timeoutMs) ||
    timeoutMs < MIN_TIMEOUT_MS ||
    timeoutMs > MAX_TIMEOUT_MS
  ) {
    return null;
  }
  if (typedByUser !== undefined && typeof typedByUser !== 'boolean') return null;
  if (
    remember !== undefined &&
    (typeof remember !== 'string' || remember.trim() === '' || remember.length > MAX_HOST_CHARS)
  ) {
    return null;
  }
  return {
    type: 'run-checks',
    host,
    port,
    timeoutMs,
    ...(typedByUser === true ? { typedByUser } : {}),
    ...(remember !== undefined ? { remember } : {}),
  };
}

/** Validates the checks port's start message; null when malformed. */
export function parseChecksStart(raw: unknown): ChecksStart | null {
  return parseRunChecks(raw) ?? parseListenClient(raw);
}

/** Validates one event from the background (page side of the checks port); null when malformed. */
export function parseChecksEvent(raw: unknown, validateResult: (r: unknown) => CheckResult | null): ChecksEvent | null {
  if (!isObj(raw)) return null;
  const total = typeof raw.total === 'number' ? raw.total : undefined;
  if (raw.type === 'started') return { type: 'started', ...(total !== undefined ? { total } : {}) };
  if (raw.type === 'progress' && typeof raw.index === 'number') {
    const result = validateResult(raw.result);
    return result ? { type: 'progress', index: raw.index, total, result } : null;
  }
  if (raw.type === 'done' && typeof raw.count === 'number' && typeof raw.durationMs === 'number') {
    return { type: 'done', count: raw.count, durationMs: raw.durationMs };
  }
  if (raw.type === 'failed' && isStr(raw.code, 100) && isStr(raw.message, 5000)) {
    const guidance = parseGuidance(raw.guidance);
    return {
      type: 'failed',
      code: raw.code as ProtocolErrorCode,
      message: raw.message,
      ...(guidance ? { guidance } : {}),
    };
  }
  return null;
}

// --- Senders -----------------------------------------------------------------------------------

/** What the background knows about who sent a message (subset of runtime.MessageSender). */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { url?: string } | undefined;
}

/**
 * True only for this extension's own pages (popup, options, full view): same extension id and a URL
 * (and origin, where the browser reports one) under the extension's origin. Content scripts carry
 * the web page's URL and are refused. The popup has no `tab`; the full view is the same page opened
 * in a tab, so a `tab` is accepted only when that tab's URL is also one of ours.
 */
export function isExtensionPage(sender: SenderLike, extensionId: string, extensionOrigin: string): boolean {
  const base = extensionOrigin.endsWith('/') ? extensionOrigin : `${extensionOrigin}/`;
  const under = (u: string | undefined) => typeof u === 'string' && u.startsWith(base);
  if (sender.id !== extensionId) return false;
  if (!under(sender.url)) return false;
  if (sender.origin !== undefined && !under(`${sender.origin}/`)) return false;
  if (sender.tab !== undefined && sender.tab.url !== undefined && !under(sender.tab.url)) return false;
  return true;
}

/** The sender's kind: one of our pages, one of our content scripts (in a tab, with its page's URL), or neither. */
export function senderKind(sender: SenderLike, extensionId: string, extensionOrigin: string): SenderKind | null {
  if (isExtensionPage(sender, extensionId, extensionOrigin)) return 'page';
  if (sender.id === extensionId && sender.tab !== undefined && typeof sender.url === 'string') return 'content';
  return null;
}

/**
 * Messages between extension pages / content scripts and the background service worker.
 *
 * - One-shot requests go through `runtime.sendMessage` ({@link PageRequest}).
 * - Running checks streams results, so the page opens a runtime Port named {@link CHECKS_PORT}
 *   and sends one {@link RunChecksRequest}; the background answers with {@link ChecksEvent}s.
 *   Closing the port (closing the popup) cancels the run.
 *
 * Content scripts may only send {@link CONTENT_SCRIPT_TYPES}; everything else, and the checks port,
 * is accepted only from this extension's own pages. Every message is validated from `unknown`.
 * Pure: no browser APIs.
 */
import type { ProtocolErrorCode } from '../../shared/protocol/errors.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import { MAX_TIMEOUT_MS, MIN_TIMEOUT_MS } from '../../shared/protocol/target.js';
import { MAX_HOST_CHARS } from './recent-hosts.js';

export const CHECKS_PORT = 'rdp-doctor-checks';
/** Longest text accepted for explaining or for opening the full view (characters). */
export const MAX_TEXT_CHARS = 100_000;

/** Asks whether the helper is installed, compatible and which version it is. */
export interface HelperStatusRequest {
  type: 'helper-status';
}

/** Asks the background to open the full view with the given text (context menu, in-page card). */
export interface OpenFullViewRequest {
  type: 'open-full-view';
  /** Text to explain, at most {@link MAX_TEXT_CHARS} characters. */
  text: string;
}

/**
 * The recent-hosts history, kept by the background where web pages cannot reach it (content scripts can
 * read and write `storage.local` in Firefox). Extension pages only; each answers with the list.
 */
export type HistoryRequest =
  | { type: 'history-get' }
  | {
      type: 'history-remember';
      /** host[:port] as the person typed it, at most 300 characters. */
      host: string;
    }
  | { type: 'history-clear' }
  /** The list with when each host was last checked (`RecentHost[]`, recent-hosts.ts). */
  | { type: 'history-entries' }
  | {
      /** Forgets one host; answers the entries left. */
      type: 'history-remove';
      /** host[:port] as listed, at most 300 characters. */
      host: string;
    };

export type PageRequest = HelperStatusRequest | OpenFullViewRequest | HistoryRequest;

/** Types content scripts may send. Probes are never among them. */
export const CONTENT_SCRIPT_TYPES: readonly PageRequest['type'][] = ['open-full-view'];

/** Sent once over the checks port to start a run. */
export interface RunChecksRequest {
  type: 'run-checks';
  /** Host name or IP literal, without port or scheme. */
  host: string;
  /** TCP port 1–65535. */
  port: number;
  /** Per-step time limit in milliseconds, MIN_TIMEOUT_MS–MAX_TIMEOUT_MS (50–60000, as the command line). */
  timeoutMs: number;
  /**
   * True only when a person typed `host` into this extension's own check form (or picked it from
   * the servers they checked before). The background then lets the helper reach link-local and
   * cloud-metadata addresses for it (ProbeRequest `allowRestricted`); absent or false, they are refused.
   */
  typedByUser?: boolean;
}

/** Guidance for a helper problem: what is wrong and the one command that fixes it. */
export interface HelperGuidance {
  title: string;
  explanation: string;
  /** Exact command to run in a terminal, when there is one. */
  command?: string;
  /** For a browser started with its own profile: the registration inside it, and how to find DIR. */
  profile?: { command: string; howToFind: string };
}

export type HelperStatusView =
  | { connected: true; hostVersion: string; protocolVersion: string; capabilities: string[] }
  | { connected: false; code: ProtocolErrorCode; message: string; guidance: HelperGuidance };

export type ChecksEvent =
  | { type: 'started'; total?: number }
  | { type: 'progress'; index: number; total?: number; result: CheckResult }
  | { type: 'done'; count: number; durationMs: number }
  | { type: 'failed'; code: ProtocolErrorCode | 'invalid-request'; message: string; guidance?: HelperGuidance };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a one-shot request; null when it is not one of ours. */
export function parsePageRequest(raw: unknown): PageRequest | null {
  if (!isObj(raw)) return null;
  if (raw.type === 'helper-status') return { type: 'helper-status' };
  if (raw.type === 'open-full-view') {
    if (typeof raw.text !== 'string' || raw.text.length > MAX_TEXT_CHARS) return null;
    return { type: 'open-full-view', text: raw.text };
  }
  if (raw.type === 'history-get' || raw.type === 'history-clear' || raw.type === 'history-entries') {
    return { type: raw.type };
  }
  if (raw.type === 'history-remember' || raw.type === 'history-remove') {
    if (typeof raw.host !== 'string' || raw.host.trim() === '' || raw.host.length > MAX_HOST_CHARS) return null;
    return { type: raw.type, host: raw.host };
  }
  return null;
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

/** Validates a `listen-client` start message; null when malformed. */
export function parseListenClient(raw: unknown): ListenClientPageRequest | null {
  if (!isObj(raw) || raw.type !== 'listen-client') return null;
  const { waitMs } = raw;
  if (typeof waitMs !== 'number' || !Number.isInteger(waitMs) || waitMs < 1000 || waitMs > 600_000) return null;
  return { type: 'listen-client', waitMs };
}

/** Validates the start message of the checks port; null when malformed. */
export function parseRunChecks(raw: unknown): RunChecksRequest | null {
  if (!isObj(raw) || raw.type !== 'run-checks') return null;
  const { host, port, timeoutMs, typedByUser } = raw;
  if (typeof host !== 'string' || host.length < 1 || host.length > 253) return null;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return null;
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isInteger(timeoutMs) ||
    timeoutMs < MIN_TIMEOUT_MS ||
    timeoutMs > MAX_TIMEOUT_MS
  ) {
    return null;
  }
  if (typedByUser !== undefined && typeof typedByUser !== 'boolean') return null;
  return { type: 'run-checks', host, port, timeoutMs, ...(typedByUser === true ? { typedByUser } : {}) };
}

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

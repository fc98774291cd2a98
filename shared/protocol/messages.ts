/**
 * Messages between the extension's background and the native helper (`com.rdpdoctor.host`).
 *
 * Transport: Chrome/Firefox native messaging — each message is UTF-8 JSON preceded by a 32-bit
 * length in native byte order (little-endian on every platform we ship). Helper → browser
 * messages must stay under 1 MB ({@link MAX_HOST_MESSAGE_BYTES}); long results are streamed as
 * several `progress` messages. Browser → helper messages are limited by the helper to
 * {@link MAX_REQUEST_BYTES}.
 *
 * Shapes are discriminated unions on `type`. Every reply to a request echoes the request's `id`.
 * The helper speaks first with {@link HelloMessage}. See PROTOCOL.md beside this file.
 * Pure types and constants: no browser or Node APIs.
 */
import type { ProtocolErrorCode } from './errors.js';
import type { CheckResult } from './results.js';

/** Protocol version spoken by this build, "MAJOR.MINOR". Bump MAJOR only for incompatible changes. */
export const PROTOCOL_VERSION = '1.0';

/** Name of the native-messaging host, as registered with the browsers. */
export const HOST_NAME = 'com.rdpdoctor.host';

export { MAX_CONCURRENT_REQUESTS, MAX_HOST_MESSAGE_BYTES, MAX_REQUEST_BYTES } from './limits.js';

/** Things a helper can do, announced in `hello`. The extension gates features on them. Append-only. */
export const CAPABILITIES = ['ping', 'cancel', 'probe', 'local-checks', 'listen-client'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Request ids: 1–64 characters of `A–Z a–z 0–9 . _ : -`, chosen by the browser side, unique while in flight. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

// ---------------------------------------------------------------------------------------------
// Browser → helper

/** Liveness check; answered with {@link PongMessage}. */
export interface PingRequest {
  type: 'ping';
  /** Request id ({@link REQUEST_ID_PATTERN}), echoed in the reply. */
  id: string;
}

/** Run the network checks against one RDP server; streams `progress`, ends with `result` or `error`. */
export interface ProbeRequest {
  type: 'probe';
  /** Request id ({@link REQUEST_ID_PATTERN}), echoed in every reply. */
  id: string;
  /** Host name or IP literal as the user typed it (no scheme, no port), 1–253 characters. */
  host: string;
  /** TCP port, integer 1–65535 (RDP's default is 3389). */
  port: number;
  /** Time limit for each network step, in milliseconds, integer 50–60000 (MIN_TIMEOUT_MS–MAX_TIMEOUT_MS in target.ts). */
  timeoutMs: number;
  /**
   * Optional; `true` lets the probe reach link-local and cloud-metadata addresses (target.ts
   * `restrictedAddress`), refused otherwise. The background sets it only for a target a person typed
   * into the extension's own check form (run-checks `typedByUser`), never for text from a web page.
   */
  allowRestricted?: boolean;
}

/** Run the checks that look at this machine (client and server side); streams `progress`, ends with `result`. */
export interface LocalChecksRequest {
  type: 'local-checks';
  /** Request id ({@link REQUEST_ID_PATTERN}), echoed in every reply. */
  id: string;
  /** Time limit for each check, in milliseconds, integer 50–60000 (MIN_TIMEOUT_MS–MAX_TIMEOUT_MS in target.ts). */
  timeoutMs: number;
  /** Optional subset of check ids to run; all local checks when absent. */
  checks?: string[];
  /**
   * The server the user connects to (a host name or IP literal, no port), when known: delegation
   * policies are matched against it, and server-side checks are skipped unless it names this machine.
   */
  host?: string;
  /** The server's clock as learned by the probe (ISO 8601, from the NTLM challenge), for the clock check. */
  serverTime?: string;
}

export { MAX_LISTEN_WAIT_MS, MIN_LISTEN_WAIT_MS } from './limits.js';

/**
 * Listen on 127.0.0.1 (a free port the helper picks; never another address) for one RDP client and
 * report what it offers. Streams two `progress` results: `client-listener` as soon as it listens
 * (evidence: address, port, certificateSha256, waitMs), then `client-offer` (evidence: `report`, a
 * ClientOfferReport from client-offer.ts); ends with `result` or `error`. Cancel stops listening.
 */
export interface ListenClientRequest {
  type: 'listen-client';
  /** Request id ({@link REQUEST_ID_PATTERN}), echoed in every reply. */
  id: string;
  /** How long to wait for a client to connect, in milliseconds, integer 1000–600000. */
  waitMs: number;
}

/**
 * Abort a running request. `id` is the id OF THE REQUEST TO CANCEL. No reply of its own: the
 * cancelled request ends with an `error` of code `cancelled`. Cancelling an id that is not running is
 * ignored (it may just have finished).
 */
export interface CancelRequest {
  type: 'cancel';
  /** Id of the running request to abort. */
  id: string;
}

export type HostRequest = PingRequest | ProbeRequest | LocalChecksRequest | ListenClientRequest | CancelRequest;
export type HostRequestType = HostRequest['type'];
export const REQUEST_TYPES: readonly HostRequestType[] = ['ping', 'probe', 'local-checks', 'cancel', 'listen-client'];

// ---------------------------------------------------------------------------------------------
// Helper → browser

/** Sent by the helper first, unprompted, as soon as it starts. Carries no `id`. */
export interface HelloMessage {
  type: 'hello';
  /** Protocol version the helper speaks, "MAJOR.MINOR" (see {@link PROTOCOL_VERSION}). */
  protocolVersion: string;
  /** The helper's own version (SemVer, e.g. "0.1.0"), shown to people. */
  hostVersion: string;
  /** What this helper can do; unknown entries are ignored by older extensions. */
  capabilities: string[];
  /** Operating system the helper runs on (Node's `process.platform`, e.g. "linux", "darwin", "win32"). */
  platform: string;
  /** How many requests may run at once ({@link MAX_CONCURRENT_REQUESTS}). */
  maxConcurrent: number;
}

/** Reply to {@link PingRequest}. */
export interface PongMessage {
  type: 'pong';
  /** Id of the ping. */
  id: string;
  /** The helper's version (SemVer). */
  hostVersion: string;
}

/** One finished check of a running `probe` or `local-checks` request. */
export interface ProgressMessage {
  type: 'progress';
  /** Id of the request this belongs to. */
  id: string;
  /** 0-based position of this result in the run. */
  index: number;
  /** Number of checks the run will report, when known in advance; otherwise absent. */
  total?: number;
  /** The check's result (evidence trimmed if it alone would exceed the 1 MB message limit). */
  result: CheckResult;
}

/** Final message of a successful `probe` or `local-checks` request. Results came as `progress`. */
export interface ResultMessage {
  type: 'result';
  /** Id of the request. */
  id: string;
  /** Which request finished. */
  request: 'probe' | 'local-checks' | 'listen-client';
  /** Number of `progress` messages sent for this request. */
  count: number;
  /** Wall time of the whole request, in milliseconds. */
  durationMs: number;
}

/** A request failed (or could not be read). Terminal for that request. */
export interface ErrorMessage {
  type: 'error';
  /** Id of the failed request, or `null` when the request's id could not be read. */
  id: string | null;
  /** Stable code (errors.ts). */
  code: ProtocolErrorCode;
  /** User-safe sentence; never contains stack traces or raw input. */
  message: string;
}

export type HostMessage = HelloMessage | PongMessage | ProgressMessage | ResultMessage | ErrorMessage;

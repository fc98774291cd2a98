/**
 * The background's single owner of the native port (`connectNative`). Free of UI.
 *
 * - Connects on demand, waits for the helper's `hello` (timeout → guidance), decides compatibility
 *   with `checkCompatibility`, and gates requests on the announced capabilities.
 * - Several requests may be in flight on the one port; replies are routed by `id`, `progress`
 *   streams to the caller, `result`/`error`/`pong` end a request.
 * - When the helper dies, every in-flight request fails with a typed error and guidance; the next
 *   request connects again.
 * - No keep-alive: the port is closed once nothing has been in flight for {@link IDLE_DISCONNECT_MS}.
 *
 * Works in Chromium and Firefox: the port comes from `browser.runtime.connectNative` (Firefox, or
 * the polyfill) or `chrome.runtime.connectNative`, and the disconnect reason is read from
 * `port.error` (Firefox) or `chrome.runtime.lastError` (Chromium).
 */
import { browserFromAgent } from '../../shared/protocol/browsers.js';
import { checkCompatibility } from '../../shared/protocol/compat.js';
import { PROTOCOL_ERROR_MESSAGES, type ProtocolErrorCode } from '../../shared/protocol/errors.js';
import {
  classifyBrowserError,
  type Guidance,
  type GuidanceBrowser,
  type GuidanceContext,
  guidanceFor,
  guidanceForHandshake,
} from '../../shared/protocol/guidance.js';
import { type HelloMessage, HOST_NAME, type HostRequest, PROTOCOL_VERSION } from '../../shared/protocol/messages.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import { validateHostMessage } from '../../shared/protocol/validate.js';
import type { HelperGuidance } from '../lib/messages.js';

/** How long the helper has to say hello, in milliseconds. */
export const HELLO_TIMEOUT_MS = 5000;
/** How long an unused port stays open, in milliseconds. */
export const IDLE_DISCONNECT_MS = 2000;

/** The part of a runtime Port this module uses (so tests can pass a fake). */
export interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(fn: (message: unknown) => void): void };
  onDisconnect: { addListener(fn: (port: unknown) => void): void };
  error?: { message?: string } | null;
}

export class NativeError extends Error {
  readonly code: ProtocolErrorCode;
  readonly guidance: Guidance;
  constructor(guidance: Guidance, message?: string) {
    super(message ?? guidance.explanation);
    this.name = 'NativeError';
    this.code = guidance.code;
    this.guidance = guidance;
  }
}

/** What a page is told about a failure (../lib/messages.ts `ChecksEvent` failed, `HelperStatusView`). */
export interface FailureView {
  code: ProtocolErrorCode;
  message: string;
  guidance: HelperGuidance;
}

/** The guidance as pages show it: every field for people (fix, status command, own-profile steps), without the code. */
export function pageGuidance(g: Guidance): HelperGuidance {
  const { code: _code, ...forPeople } = g;
  return forPeople;
}

/** Any error of a helper request, as pages see it; anything that is not a {@link NativeError} is `internal`. */
export function failureOf(e: unknown, context: () => GuidanceContext = defaultContext): FailureView {
  const err = e instanceof NativeError ? e : new NativeError(guidanceFor('internal', context()));
  return { code: err.code, message: err.message, guidance: pageGuidance(err.guidance) };
}

export type NativeStatus =
  | { connected: true; hostVersion: string; protocolVersion: string; capabilities: string[]; platform: string }
  | { connected: false; code: ProtocolErrorCode; message: string; guidance: Guidance };

export type WorkType = 'probe' | 'local-checks' | 'listen-client';
/** What a request carries besides `type` and `id`: the protocol's own request shape (shared/protocol/messages.ts). */
export type WorkPayload<T extends WorkType> = Omit<Extract<HostRequest, { type: T }>, 'type' | 'id'>;
export type ProgressFn = (result: CheckResult, index: number, total?: number) => void;
export interface WorkOutcome {
  results: CheckResult[];
  count: number;
  durationMs: number;
}

export interface NativeClientOptions {
  connect?: () => PortLike;
  /** Chromium's `chrome.runtime.lastError` text, read when the port disconnects. */
  lastError?: () => string | undefined;
  /** The browser and OS, for guidance commands. */
  context?: () => GuidanceContext;
  helloTimeoutMs?: number;
  idleMs?: number;
  protocolVersion?: string;
  log?: (line: string) => void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: NativeError): void;
  onProgress?: ProgressFn;
  results: CheckResult[];
  kind: 'ping' | WorkType;
}

interface Connection {
  port: PortLike;
  hello: Promise<HelloMessage>;
  helloValue?: HelloMessage;
  closed: boolean;
}

function defaultContext(): GuidanceContext {
  const nav = globalThis.navigator as (Navigator & { userAgentData?: { brands?: { brand: string }[] } }) | undefined;
  const brands = (nav?.userAgentData?.brands ?? []).map((b) => b.brand);
  const ua = nav?.userAgent ?? '';
  const browser: GuidanceBrowser = browserFromAgent(ua, brands);
  const os = /Windows/.test(ua)
    ? 'win'
    : /Mac OS X|Macintosh/.test(ua)
      ? 'mac'
      : /Linux|X11/.test(ua)
        ? 'linux'
        : 'other';
  const runtime = (
    globalThis as { chrome?: { runtime?: { id?: string; getManifest?: () => { version?: string; key?: string } } } }
  ).chrome?.runtime;
  const manifest = runtime?.getManifest?.();
  const ctx: GuidanceContext = { browser, os };
  if (runtime?.id) ctx.extensionId = runtime.id;
  if (manifest?.version) ctx.version = manifest.version;
  // Only a development build carries a `key` (the checkout's own); store builds have none.
  if (manifest?.key) ctx.development = true;
  return ctx;
}

/**
 * `runtime.connectNative` of this browser: Firefox's promise-based `browser` namespace when present,
 * otherwise Chromium's `chrome`. Their Port objects have the same shape for what we use. (No dynamic
 * import here: Chromium refuses `import()` inside a service worker.)
 */
function defaultConnect(): () => PortLike {
  type Api = { runtime?: { connectNative?: (name: string) => unknown } };
  const g = globalThis as { browser?: Api; chrome?: Api };
  const api = g.browser?.runtime?.connectNative ? g.browser : g.chrome;
  const connectNative = api?.runtime?.connectNative;
  if (!connectNative) {
    return () => {
      throw new Error('Specified native messaging host not found. (runtime.connectNative is unavailable)');
    };
  }
  return () => connectNative.call(api!.runtime, HOST_NAME) as PortLike;
}

export class NativeClient {
  private conn: Connection | null = null;
  private readonly pending = new Map<string, Pending>();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private nextId = 1;
  private readonly opts: Required<Omit<NativeClientOptions, 'connect'>> & { connect?: () => PortLike };

  constructor(options: NativeClientOptions = {}) {
    this.opts = {
      connect: options.connect,
      lastError:
        options.lastError ?? (() => (globalThis as { chrome?: typeof chrome }).chrome?.runtime?.lastError?.message),
      context: options.context ?? defaultContext,
      helloTimeoutMs: options.helloTimeoutMs ?? HELLO_TIMEOUT_MS,
      idleMs: options.idleMs ?? IDLE_DISCONNECT_MS,
      protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION,
      log: options.log ?? (() => {}),
    };
  }

  private guidance(code: ProtocolErrorCode, detail?: string): Guidance {
    return guidanceFor(code, this.opts.context(), detail);
  }

  /** Whether a port is open right now (for tests and diagnostics). */
  get connected(): boolean {
    return this.conn !== null && !this.conn.closed;
  }

  /** Number of requests in flight. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Connect (if needed), wait for hello, and report; the port then closes when idle. */
  async status(): Promise<NativeStatus> {
    try {
      const hello = await this.ready();
      this.scheduleIdle();
      return {
        connected: true,
        hostVersion: hello.hostVersion,
        protocolVersion: hello.protocolVersion,
        capabilities: [...hello.capabilities],
        platform: hello.platform,
      };
    } catch (err) {
      const e = err instanceof NativeError ? err : new NativeError(this.guidance('internal'));
      return { connected: false, code: e.code, message: e.message, guidance: e.guidance };
    }
  }

  /** Liveness round trip. */
  request(type: 'ping'): Promise<{ hostVersion: string }>;
  /**
   * Run one piece of work: `probe` (the network checks against one server), `local-checks` (the
   * checks on this machine) or `listen-client` (listen on 127.0.0.1 for one RDP client). Each
   * finished check goes to `onProgress`; aborting `signal` cancels it in the helper.
   */
  request<T extends WorkType>(
    type: T,
    payload: WorkPayload<T>,
    onProgress?: ProgressFn,
    signal?: AbortSignal,
  ): Promise<WorkOutcome>;
  async request(
    type: 'ping' | WorkType,
    payload?: WorkPayload<WorkType>,
    onProgress?: ProgressFn,
    signal?: AbortSignal,
  ): Promise<unknown> {
    if (signal?.aborted) throw new NativeError(this.guidance('cancelled'));
    this.cancelIdle();
    let hello: HelloMessage;
    try {
      // A cancel while the helper is still starting must win: listen for it from the start.
      hello = await untilAborted(this.ready(), signal, () => new NativeError(this.guidance('cancelled')));
    } catch (err) {
      this.scheduleIdle();
      throw err;
    }
    if (signal?.aborted) {
      this.scheduleIdle();
      throw new NativeError(this.guidance('cancelled'));
    }
    if (!hello.capabilities.includes(type)) {
      this.scheduleIdle();
      throw new NativeError(this.guidance('unsupported-capability'));
    }
    const conn = this.conn!;
    const id = `r${(this.nextId++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    return new Promise<unknown>((resolve, reject) => {
      const entry: Pending = { resolve, reject, results: [], kind: type };
      if (onProgress) entry.onProgress = onProgress;
      this.pending.set(id, entry);
      const onAbort = () => {
        if (!this.pending.has(id)) return;
        this.finish(id);
        try {
          conn.port.postMessage({ type: 'cancel', id });
        } catch {
          // the port is already gone
        }
        reject(new NativeError(this.guidance('cancelled')));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = () => signal?.removeEventListener('abort', onAbort);
      entry.resolve = (v) => {
        cleanup();
        resolve(v);
      };
      entry.reject = (e) => {
        cleanup();
        reject(e);
      };
      try {
        conn.port.postMessage({ type, id, ...(payload ?? {}) });
      } catch (err) {
        this.finish(id);
        entry.reject(new NativeError(this.guidance('host-exited', err instanceof Error ? err.message : undefined)));
      }
    });
  }

  /** Close the port now (in-flight requests fail with `cancelled`). */
  disconnect(): void {
    const conn = this.conn;
    if (!conn) return;
    this.teardown(conn, this.guidance('cancelled'));
    try {
      conn.port.disconnect();
    } catch {
      // already closed
    }
  }

  private finish(id: string): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.scheduleIdle();
  }

  private cancelIdle(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private scheduleIdle(): void {
    this.cancelIdle();
    if (this.pending.size > 0 || !this.conn) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.pending.size === 0) this.disconnect();
    }, this.opts.idleMs);
  }

  /** Fail everything on this connection and forget it. */
  private teardown(conn: Connection, guidance: Guidance, message?: string): void {
    if (conn.closed) return;
    conn.closed = true;
    if (this.conn === conn) this.conn = null;
    this.cancelIdle();
    const failed = [...this.pending.entries()];
    this.pending.clear();
    for (const [, p] of failed) p.reject(new NativeError(guidance, message));
  }

  private ready(): Promise<HelloMessage> {
    if (this.conn && !this.conn.closed) return this.conn.hello;
    this.opts.connect ??= defaultConnect();
    const connect = this.opts.connect;
    let port: PortLike;
    try {
      port = connect();
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      return Promise.reject(new NativeError(guidanceFor(classifyBrowserError(msg, true), this.opts.context(), msg)));
    }
    const conn: Connection = { port, closed: false, hello: Promise.resolve(null as never) };
    this.conn = conn;
    conn.hello = new Promise<HelloMessage>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        const g = guidanceForHandshake({ kind: 'no-hello', timeoutMs: this.opts.helloTimeoutMs }, this.opts.context());
        this.teardown(conn, g);
        try {
          port.disconnect();
        } catch {
          // already closed
        }
        reject(new NativeError(g));
      }, this.opts.helloTimeoutMs);
      const failHandshake = (g: Guidance, message?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.teardown(conn, g, message);
        try {
          port.disconnect();
        } catch {
          // already closed
        }
        reject(new NativeError(g, message));
      };
      port.onDisconnect.addListener((p: unknown) => {
        const fromPort = (p as { error?: { message?: string } | null } | undefined)?.error?.message;
        const detail = fromPort ?? port.error?.message ?? this.opts.lastError();
        const beforeHello = !settled;
        const code = classifyBrowserError(detail, beforeHello);
        this.opts.log(`native port closed${detail ? `: ${detail}` : ''}`);
        const g = guidanceFor(code, this.opts.context(), detail);
        if (beforeHello) {
          settled = true;
          clearTimeout(timer);
          this.teardown(conn, g);
          reject(new NativeError(g));
        } else {
          this.teardown(
            conn,
            g,
            `The helper stopped while this request was running (${PROTOCOL_ERROR_MESSAGES[code]}) Try again.`,
          );
        }
      });
      port.onMessage.addListener((raw: unknown) => {
        const v = validateHostMessage(raw);
        if (!settled) {
          if (!v.ok || v.value.type !== 'hello') {
            return failHandshake(guidanceForHandshake({ kind: 'invalid-hello' }, this.opts.context()));
          }
          const compat = checkCompatibility(v.value, this.opts.protocolVersion);
          if (!compat.compatible) {
            return failHandshake(
              guidanceForHandshake(
                { kind: 'incompatible', update: compat.update, message: compat.message },
                this.opts.context(),
              ),
              compat.message,
            );
          }
          settled = true;
          clearTimeout(timer);
          conn.helloValue = v.value;
          resolve(v.value);
          return;
        }
        this.route(v);
      });
    });
    return conn.hello;
  }

  private route(v: ReturnType<typeof validateHostMessage>): void {
    if (!v.ok) {
      this.opts.log(`dropped an invalid message from the helper: ${v.message}`);
      const p = v.id ? this.pending.get(v.id) : undefined;
      if (p && v.id) {
        this.finish(v.id);
        p.reject(new NativeError(this.guidance('invalid-response')));
      }
      return;
    }
    const m = v.value;
    if (m.type === 'hello') return;
    if (m.id === null) {
      this.opts.log(`helper reported ${m.type === 'error' ? m.code : m.type} for an unreadable request`);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return; // finished or cancelled already
    switch (m.type) {
      case 'progress':
        p.results.push(m.result);
        p.onProgress?.(m.result, m.index, m.total);
        return;
      case 'pong':
        this.finish(m.id);
        p.resolve({ hostVersion: m.hostVersion });
        return;
      case 'result':
        this.finish(m.id);
        p.resolve({ results: p.results, count: m.count, durationMs: m.durationMs } satisfies WorkOutcome);
        return;
      case 'error':
        this.finish(m.id);
        p.reject(new NativeError(this.guidance(m.code), m.message));
        return;
    }
  }
}

/** `p`, or a rejection with `reason()` as soon as `signal` aborts (whichever comes first). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal | undefined, reason: () => Error): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(reason());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

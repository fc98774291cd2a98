/**
 * Sockets for the probe: TCP connect with distinct verdicts, framed reads with a timeout, X.224
 * exchange and TLS on the same socket. Every socket opened here is tracked until it is destroyed,
 * so tests can assert that none outlives a check ({@link openSocketCount}).
 */
import net from 'node:net';
import tls from 'node:tls';
import type { ConnectionConfirm } from '../rdp/x224.js';
import { decodeConnectionConfirm, encodeConnectionRequest, tpktFrameLength } from '../rdp/x224.js';
import { awaitFrame } from './frame.js';

const live = new Set<net.Socket>();

/** Sockets opened by the probe and not yet destroyed. */
export function openSocketCount(): number {
  return live.size;
}

function trackSocket<T extends net.Socket>(s: T): T {
  live.add(s);
  s.once('close', () => live.delete(s));
  return s;
}

/** Destroys sockets (idempotent). */
export function destroyAll(...sockets: (net.Socket | undefined)[]): void {
  for (const s of sockets) if (s && !s.destroyed) s.destroy();
}

/**
 * At most this many connections to one host:port at a time. Servers with a small listen backlog
 * (xrdp listens with a backlog of 2, so three fit its accept queue) drop the SYNs of a burst, and the client only retries after
 * the kernel's 1 s SYN timeout; a few connections at a time finish sooner than all at once.
 */
export const MAX_CONNECTIONS_PER_TARGET = 3;
/** How long a connection that has not been answered yet keeps its slot. */
export const ACCEPT_GRACE_MS = 500;

/** Slot release per raw socket (also called when a TLS socket that took the raw socket over closes). */
const releases = new WeakMap<net.Socket, () => void>();
/**
 * Per host:port: connections holding a slot, callers waiting for one, and the grace timers of
 * unanswered connections. A grace timer keeps the process alive only while a caller waits (it is
 * referenced then); with nobody waiting, a run whose work is done exits without sitting out the grace.
 */
const slots = new Map<string, { active: number; waiting: (() => void)[]; graces: Set<NodeJS.Timeout> }>();

function keepAliveWhileWaiting(s: { waiting: unknown[]; graces: Set<NodeJS.Timeout> }): void {
  for (const t of s.graces) {
    if (s.waiting.length > 0) t.ref();
    else t.unref();
  }
}

function acquire(key: string, signal: AbortSignal): Promise<() => void> {
  let slot = slots.get(key);
  if (!slot) {
    slot = { active: 0, waiting: [], graces: new Set() };
    slots.set(key, slot);
  }
  const s = slot;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    s.active -= 1;
    const next = s.waiting.shift();
    keepAliveWhileWaiting(s);
    if (next) next();
    else if (s.active === 0) slots.delete(key);
  };
  if (s.active < MAX_CONNECTIONS_PER_TARGET) {
    s.active += 1;
    return Promise.resolve(release);
  }
  return new Promise((resolve) => {
    const go = () => {
      signal.removeEventListener('abort', onAbort);
      s.active += 1;
      resolve(release);
    };
    const onAbort = () => {
      const i = s.waiting.indexOf(go);
      if (i >= 0) s.waiting.splice(i, 1);
      keepAliveWhileWaiting(s);
      s.active += 1; // balanced by the caller's release
      resolve(release);
    };
    s.waiting.push(go);
    keepAliveWhileWaiting(s);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export type ConnectVerdict = 'refused' | 'reset' | 'timeout' | 'unreachable' | 'aborted' | 'error';

/** Codes with which a peer ends a connection abruptly (RST), before or after it was set up. */
export const RESET_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE']);

export type ConnectResult =
  | { ok: true; socket: net.Socket; ms: number }
  | { ok: false; verdict: ConnectVerdict; code: string; message: string; ms: number };

const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);

/** TCP connect to one address with a timeout; never throws. */
export async function tcpConnect(
  host: string,
  port: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<ConnectResult> {
  const key = `${host}|${port}`;
  const release = await acquire(key, signal);
  const r = await connectOnce(host, port, timeoutMs, signal);
  if (r.ok) {
    // Hold the slot until the server has evidently accepted the connection (first byte back) or a
    // short grace has passed, so a silent server does not turn the parallel steps into waves. A
    // connection closed before any answer may still sit in the server's accept queue: it keeps its
    // slot until the grace ends. The timer is referenced while a caller waits for this slot (that
    // caller has nothing else keeping the process alive, and its work must not be dropped when the
    // loop empties), and only then.
    const slot = slots.get(key);
    const grace = setTimeout(() => {
      slot?.graces.delete(grace);
      release();
    }, ACCEPT_GRACE_MS);
    if (slot) {
      slot.graces.add(grace);
      keepAliveWhileWaiting(slot);
    }
    const answered = () => {
      clearTimeout(grace);
      slot?.graces.delete(grace);
      release();
    };
    releases.set(r.socket, answered);
    r.socket.once('data', answered);
  } else release();
  return r;
}

function connectOnce(host: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<ConnectResult> {
  const t0 = performance.now();
  const ms = () => Math.round(performance.now() - t0);
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve({ ok: false, verdict: 'aborted', code: 'ABORTED', message: 'cancelled', ms: 0 });
      return;
    }
    const socket = trackSocket(new net.Socket());
    let settled = false;
    const finish = (r: ConnectResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners('connect');
      if (!r.ok) socket.destroy();
      resolve(r);
    };
    const onAbort = () => finish({ ok: false, verdict: 'aborted', code: 'ABORTED', message: 'cancelled', ms: ms() });
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          verdict: 'timeout',
          code: 'ETIMEDOUT',
          message: `no answer within ${timeoutMs} ms`,
          ms: ms(),
        }),
      timeoutMs,
    );
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish({ ok: true, socket, ms: ms() }));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? 'ERROR';
      const verdict: ConnectVerdict =
        code === 'ECONNREFUSED'
          ? 'refused'
          : RESET_CODES.has(code)
            ? 'reset'
            : UNREACHABLE.has(code)
              ? 'unreachable'
              : code === 'ETIMEDOUT'
                ? 'timeout'
                : 'error';
      finish({ ok: false, verdict, code, message: e.message, ms: ms() });
    });
    socket.connect({ host, port });
  });
}

export type ReadResult =
  | { ok: true; frame: Uint8Array; ms: number }
  | {
      ok: false;
      reason: 'timeout' | 'closed' | 'reset' | 'not-framed' | 'too-large' | 'aborted' | 'error';
      /** Whatever arrived before the failure (e.g. an HTTP or SSH banner). */
      received: Uint8Array;
      message: string;
      ms: number;
    };

/**
 * Reads one frame from a socket. `frameLength` returns the frame's full length once enough bytes
 * have arrived (or undefined), and throws a `DecodeError` if the bytes cannot start a frame.
 */
export async function readFrame(
  socket: net.Socket,
  frameLength: (buf: Uint8Array) => number | undefined,
  opts: { timeoutMs: number; signal: AbortSignal; maxBytes?: number },
): Promise<ReadResult> {
  const t0 = performance.now();
  const r = await awaitFrame(socket, frameLength, {
    ...opts,
    maxBytes: opts.maxBytes ?? 65_536,
    peer: 'server',
    timeoutMessage: `no answer within ${opts.timeoutMs} ms`,
  });
  const ms = Math.round(performance.now() - t0);
  if (r.ok) return { ok: true, frame: r.frame, ms };
  const reason = r.error && RESET_CODES.has(r.error.code ?? '') ? 'reset' : r.reason;
  return { ok: false, reason, received: r.received, message: r.message, ms };
}

export type X224Result =
  | { ok: true; socket: net.Socket; confirm: ConnectionConfirm; raw: Uint8Array; connectMs: number; replyMs: number }
  | {
      ok: false;
      stage: 'connect' | 'reply' | 'decode';
      /** For `connect`: refused/timeout/…; for `reply`: timeout/closed/not-framed/…; for `decode`: the decode error code. */
      reason: string;
      message: string;
      received: Uint8Array;
    };

/**
 * Opens a connection, sends an X.224 Connection Request with `requestedProtocols` and reads the
 * Connection Confirm. On success the caller owns `socket` and must destroy it; on failure it is destroyed.
 */
export async function x224Exchange(
  host: string,
  port: number,
  requestedProtocols: number,
  opts: { timeoutMs: number; signal: AbortSignal },
): Promise<X224Result> {
  const c = await tcpConnect(host, port, opts.timeoutMs, opts.signal);
  if (!c.ok) return { ok: false, stage: 'connect', reason: c.verdict, message: c.message, received: new Uint8Array(0) };
  const socket = c.socket;
  socket.on('error', () => {}); // reported through readFrame; keeps a late RST from becoming an uncaught error
  socket.write(encodeConnectionRequest({ requestedProtocols }));
  const r = await readFrame(socket, tpktFrameLength, { ...opts, maxBytes: 512 });
  if (!r.ok) {
    socket.destroy();
    return { ok: false, stage: 'reply', reason: r.reason, message: r.message, received: r.received };
  }
  const d = decodeConnectionConfirm(r.frame);
  if (!d.ok) {
    socket.destroy();
    return { ok: false, stage: 'decode', reason: d.code, message: d.message, received: r.frame };
  }
  return { ok: true, socket, confirm: d.value, raw: r.frame, connectMs: c.ms, replyMs: r.ms };
}

export interface TlsInfo {
  socket: tls.TLSSocket;
  /** `TLSv1.3`, `TLSv1`, … */
  version: string;
  cipher: string;
  /** True when the chain verified against Node's CA store (for RDP's usual self-signed certificates: false). */
  authorized: boolean;
  authorizationError: string | undefined;
  ms: number;
}

export type TlsResult = { ok: true; tls: TlsInfo } | { ok: false; code: string; message: string; ms: number };

/**
 * Runs a TLS handshake on an already negotiated socket. `legacy` lets TLS 1.0/1.1 and weak ciphers
 * through (OpenSSL security level 0) so that old servers can still be described.
 */
export function startTls(
  socket: net.Socket,
  opts: { servername?: string; legacy: boolean; timeoutMs: number; signal: AbortSignal },
): Promise<TlsResult> {
  const t0 = performance.now();
  const ms = () => Math.round(performance.now() - t0);
  return new Promise((resolve) => {
    const tlsOpts: tls.ConnectionOptions = { socket, rejectUnauthorized: false };
    if (opts.servername) tlsOpts.servername = opts.servername;
    if (opts.legacy) {
      tlsOpts.minVersion = 'TLSv1';
      tlsOpts.ciphers = 'DEFAULT:@SECLEVEL=0';
    }
    let settled = false;
    const t = trackSocket(tls.connect(tlsOpts));
    // The TLS socket now owns the raw socket's handle; the raw one may never emit 'close' itself.
    t.once('close', () => {
      socket.destroy();
      live.delete(socket);
      releases.get(socket)?.();
    });
    const finish = (r: TlsResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
      if (!r.ok) {
        t.destroy();
        socket.destroy();
      }
      resolve(r);
    };
    const onAbort = () => finish({ ok: false, code: 'ABORTED', message: 'cancelled', ms: ms() });
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          code: 'ETIMEDOUT',
          message: `TLS handshake took longer than ${opts.timeoutMs} ms`,
          ms: ms(),
        }),
      opts.timeoutMs,
    );
    opts.signal.addEventListener('abort', onAbort, { once: true });
    // Node reports a server that closed the connection (FIN) before the handshake finished with the
    // same code as a reset (ECONNRESET); `CLOSED` keeps the two apart for the person reading the result.
    t.on('error', (e: NodeJS.ErrnoException) =>
      finish({
        ok: false,
        code: /disconnected before secure TLS connection/.test(e.message) ? 'CLOSED' : (e.code ?? 'ERROR'),
        message: e.message,
        ms: ms(),
      }),
    );
    t.once('close', () =>
      finish({ ok: false, code: 'CLOSED', message: 'connection closed during the TLS handshake', ms: ms() }),
    );
    t.once('secureConnect', () => {
      const cipher = t.getCipher();
      finish({
        ok: true,
        tls: {
          socket: t,
          version: t.getProtocol() ?? 'unknown',
          cipher: cipher?.standardName ?? cipher?.name ?? 'unknown',
          authorized: t.authorized,
          authorizationError: t.authorizationError ? String(t.authorizationError) : undefined,
          ms: ms(),
        },
      });
    });
  });
}

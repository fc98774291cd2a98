/**
 * Socket plumbing for the listener: one framed read with a timeout that keeps any bytes past the
 * frame (they are handed on, e.g. to TLS), and accepting exactly one connection.
 */
import type net from 'node:net';
import { DecodeError } from '../rdp/bytes.js';

export type FrameRead =
  | { ok: true; frame: Uint8Array; rest: Uint8Array }
  | {
      ok: false;
      reason: 'timeout' | 'closed' | 'not-framed' | 'too-large' | 'aborted' | 'error';
      message: string;
      /** How many bytes arrived before the failure (the bytes themselves are not kept: they are the client's). */
      receivedBytes: number;
    };

/**
 * Reads one frame. `frameLength` returns the frame's full length once known (or undefined) and
 * throws {@link DecodeError} when the bytes cannot start such a frame. The socket is paused after.
 */
export function readFrame(
  socket: net.Socket,
  frameLength: (buf: Uint8Array) => number | undefined,
  opts: { timeoutMs: number; signal: AbortSignal; maxBytes: number; initial?: Uint8Array },
): Promise<FrameRead> {
  return new Promise((resolve) => {
    let buf = opts.initial ?? new Uint8Array(0);
    let settled = false;
    const done = (r: FrameRead) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
      socket.off('data', onData);
      socket.off('end', onClose);
      socket.off('close', onClose);
      socket.off('error', onError);
      socket.pause();
      resolve(r);
    };
    const fail = (reason: Extract<FrameRead, { ok: false }>['reason'], message: string) =>
      done({ ok: false, reason, message, receivedBytes: buf.length });
    const check = () => {
      let need: number | undefined;
      try {
        need = frameLength(buf);
      } catch (e) {
        if (e instanceof DecodeError) return fail('not-framed', e.message);
        throw e;
      }
      if (need !== undefined && need > opts.maxBytes) {
        return fail('too-large', `a frame of ${need} bytes (the limit is ${opts.maxBytes})`);
      }
      if (need !== undefined && buf.length >= need) {
        return done({ ok: true, frame: buf.slice(0, need), rest: buf.slice(need) });
      }
      if (buf.length > opts.maxBytes) fail('too-large', `more than ${opts.maxBytes} bytes without a complete frame`);
    };
    const onData = (chunk: Buffer) => {
      const next = new Uint8Array(buf.length + chunk.length);
      next.set(buf, 0);
      next.set(chunk, buf.length);
      buf = next;
      check();
    };
    const onClose = () => fail('closed', 'the client closed the connection');
    const onError = (e: NodeJS.ErrnoException) => fail('error', e.code ?? e.message);
    const onAbort = () => fail('aborted', 'cancelled');
    const timer = setTimeout(() => fail('timeout', `nothing more within ${opts.timeoutMs} ms`), opts.timeoutMs);
    opts.signal.addEventListener('abort', onAbort, { once: true });
    if (opts.signal.aborted) return onAbort();
    if (buf.length > 0) check();
    if (settled) return;
    socket.on('data', onData);
    socket.once('end', onClose);
    socket.once('close', onClose);
    socket.on('error', onError);
    socket.resume();
  });
}

export type Accepted = { ok: true; socket: net.Socket } | { ok: false; reason: 'timeout' | 'aborted'; message: string };

/** Waits for the first connection on `server`; the server stops listening as soon as it has one. */
export function acceptOne(server: net.Server, opts: { timeoutMs: number; signal: AbortSignal }): Promise<Accepted> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: Accepted) => {
      if (settled) {
        if (r.ok) r.socket.destroy();
        return;
      }
      settled = true;
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
      server.off('connection', onConnection);
      // Refuse any later connection at once; the accepted one stays open.
      server.on('connection', (s: net.Socket) => s.destroy());
      server.close();
      resolve(r);
    };
    const onConnection = (socket: net.Socket) => done({ ok: true, socket });
    const onAbort = () => done({ ok: false, reason: 'aborted', message: 'cancelled' });
    const timer = setTimeout(
      () => done({ ok: false, reason: 'timeout', message: `no client connected within ${opts.timeoutMs} ms` }),
      opts.timeoutMs,
    );
    opts.signal.addEventListener('abort', onAbort, { once: true });
    if (opts.signal.aborted) return onAbort();
    server.on('connection', onConnection);
  });
}

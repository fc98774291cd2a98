/**
 * Socket plumbing for the listener: one framed read with a timeout that keeps any bytes past the
 * frame (they are handed on, e.g. to TLS), and accepting exactly one connection.
 */
import type net from 'node:net';
import { awaitFrame } from '../probe/frame.js';

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
 * throws a `DecodeError` when the bytes cannot start such a frame. The socket is paused after.
 */
export async function readFrame(
  socket: net.Socket,
  frameLength: (buf: Uint8Array) => number | undefined,
  opts: { timeoutMs: number; signal: AbortSignal; maxBytes: number; initial?: Uint8Array },
): Promise<FrameRead> {
  const r = await awaitFrame(socket, frameLength, {
    ...opts,
    peer: 'client',
    timeoutMessage: `nothing more within ${opts.timeoutMs} ms`,
  });
  if (r.ok) return r;
  const message = r.error ? (r.error.code ?? r.error.message) : r.message;
  return { ok: false, reason: r.reason, message, receivedBytes: r.received.length };
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

/**
 * One framed read from a socket, for both ends: the probe reading a server's answer and the listener
 * reading a client's request. Bytes are gathered until `frameLength` knows the frame is complete,
 * within a byte limit, a timeout and a cancel signal; the socket is paused after, whatever the outcome.
 */
import type net from 'node:net';
import { DecodeError } from '../rdp/bytes.js';

export type FrameFailure = 'timeout' | 'closed' | 'not-framed' | 'too-large' | 'aborted' | 'error';

export type FrameOutcome =
  | { ok: true; frame: Uint8Array; rest: Uint8Array }
  | {
      ok: false;
      reason: FrameFailure;
      message: string;
      /** What arrived before the failure. */
      received: Uint8Array;
      /** The socket error, for `error`. */
      error?: NodeJS.ErrnoException;
    };

export interface FrameOptions {
  timeoutMs: number;
  signal: AbortSignal;
  maxBytes: number;
  /** Bytes already read past an earlier frame; they start this one. */
  initial?: Uint8Array;
  /** Who is at the other end, for the messages: `the server closed the connection`. */
  peer: 'client' | 'server';
  /** The message when nothing completes the frame in time, e.g. `no answer within 5000 ms`. */
  timeoutMessage: string;
}

/**
 * Reads one frame. `frameLength` returns the frame's full length once known (or undefined) and
 * throws {@link DecodeError} when the bytes cannot start such a frame.
 */
export function awaitFrame(
  socket: net.Socket,
  frameLength: (buf: Uint8Array) => number | undefined,
  opts: FrameOptions,
): Promise<FrameOutcome> {
  return new Promise((resolve) => {
    let buf = opts.initial ?? new Uint8Array(0);
    let settled = false;
    const done = (r: FrameOutcome) => {
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
    const fail = (reason: FrameFailure, message: string, error?: NodeJS.ErrnoException) =>
      done({ ok: false, reason, message, received: buf, ...(error ? { error } : {}) });
    const check = () => {
      const need = measure(buf, frameLength);
      if (typeof need === 'string') return fail('not-framed', need);
      const max = opts.maxBytes;
      if (need !== undefined && need > max) return fail('too-large', `a frame of ${need} bytes exceeds ${max}`);
      if (need !== undefined && buf.length >= need) {
        return done({ ok: true, frame: buf.slice(0, need), rest: buf.slice(need) });
      }
      if (buf.length > max) fail('too-large', `more than ${max} bytes without a complete frame`);
    };
    const onData = (chunk: Buffer) => {
      buf = concat(buf, chunk);
      check();
    };
    const onClose = () => fail('closed', `the ${opts.peer} closed the connection`);
    const onError = (e: NodeJS.ErrnoException) => fail('error', e.message, e);
    const onAbort = () => fail('aborted', 'cancelled');
    const timer = setTimeout(() => fail('timeout', opts.timeoutMessage), opts.timeoutMs);
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

/** The frame's length so far as `frameLength` tells it, or the decode error's message. */
function measure(buf: Uint8Array, frameLength: (buf: Uint8Array) => number | undefined): number | undefined | string {
  try {
    return frameLength(buf);
  } catch (e) {
    if (e instanceof DecodeError) return e.message;
    throw e;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const next = new Uint8Array(a.length + b.length);
  next.set(a, 0);
  next.set(b, a.length);
  return next;
}

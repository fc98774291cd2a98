/**
 * Native-messaging framing: each message is a 32-bit unsigned length in native byte order followed
 * by that many bytes of UTF-8 JSON (Chrome and Firefox native messaging). Every platform we ship
 * (x64, arm64) is little-endian; the byte order is a parameter so a big-endian build stays honest.
 *
 * {@link FrameDecoder} is a streaming decoder: feed it chunks as they arrive (split anywhere) and it
 * yields complete messages or typed errors. It never buffers more than the frame limit.
 */
import { endianness } from 'node:os';
import { MAX_HOST_MESSAGE_BYTES, MAX_REQUEST_BYTES } from '../../shared/protocol/messages.js';

export type ByteOrder = 'LE' | 'BE';
export const NATIVE_BYTE_ORDER: ByteOrder = endianness();

/**
 * An oversize frame whose declared length is at most this many bytes is skipped (its bytes are
 * read and dropped) so the stream stays in sync; a larger declared length cannot be a real request
 * (it is usually text written where a length was expected) and ends the stream.
 */
export const MAX_SKIPPABLE_FRAME_BYTES = 16 * 1024 * 1024;

export type FrameEvent =
  | { kind: 'message'; value: unknown; bytes: number }
  | {
      kind: 'error';
      code: 'frame-too-large' | 'invalid-json' | 'bad-frame';
      /** True when the stream cannot be resynchronised: the reader must stop. */
      fatal: boolean;
      /** For logs (stderr), not for people. */
      detail: string;
    };

export interface DecoderOptions {
  /** Largest accepted frame body, in bytes. Default {@link MAX_REQUEST_BYTES}. */
  maxFrameBytes?: number;
  byteOrder?: ByteOrder;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class FrameDecoder {
  private readonly maxFrameBytes: number;
  private readonly byteOrder: ByteOrder;
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes of an oversize frame still to drop. */
  private skipping = 0;
  private dead = false;

  constructor(options: DecoderOptions = {}) {
    this.maxFrameBytes = options.maxFrameBytes ?? MAX_REQUEST_BYTES;
    this.byteOrder = options.byteOrder ?? NATIVE_BYTE_ORDER;
  }

  /** Bytes held waiting for the rest of a frame. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /** Feed one chunk; returns the events it completes (possibly none). */
  push(chunk: Uint8Array): FrameEvent[] {
    if (this.dead) return [];
    let data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.skipping > 0) {
      const n = Math.min(this.skipping, data.length);
      this.skipping -= n;
      data = data.subarray(n);
    }
    if (data.length === 0) return [];
    this.chunks.push(data);
    this.buffered += data.length;
    return this.drain();
  }

  /** The input ended; reports a frame cut short. */
  end(): FrameEvent[] {
    if (this.dead) return [];
    this.dead = true;
    if (this.skipping > 0) {
      return [{ kind: 'error', code: 'bad-frame', fatal: true, detail: `input ended inside an oversize frame` }];
    }
    if (this.buffered > 0) {
      const detail =
        this.buffered < 4
          ? `input ended after ${this.buffered} byte(s) of a length prefix`
          : `input ended inside a frame (${this.buffered} byte(s) of header and body received)`;
      this.chunks = [];
      this.buffered = 0;
      return [{ kind: 'error', code: 'bad-frame', fatal: true, detail }];
    }
    return [];
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return head;
  }

  private peekLength(): number {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    this.chunks = [all];
    return this.byteOrder === 'LE' ? all.readUInt32LE(0) : all.readUInt32BE(0);
  }

  private drain(): FrameEvent[] {
    const events: FrameEvent[] = [];
    while (!this.dead && this.buffered >= 4) {
      const length = this.peekLength();
      if (length > this.maxFrameBytes) {
        if (length > MAX_SKIPPABLE_FRAME_BYTES) {
          this.dead = true;
          this.chunks = [];
          this.buffered = 0;
          events.push({
            kind: 'error',
            code: 'frame-too-large',
            fatal: true,
            detail: `declared frame length ${length} bytes cannot be skipped; the stream is out of sync`,
          });
          break;
        }
        this.take(4);
        const drop = Math.min(length, this.buffered);
        this.take(drop);
        this.skipping = length - drop;
        events.push({
          kind: 'error',
          code: 'frame-too-large',
          fatal: false,
          detail: `frame of ${length} bytes exceeds the limit of ${this.maxFrameBytes} bytes; skipped`,
        });
        continue;
      }
      if (this.buffered < 4 + length) break;
      this.take(4);
      const body = this.take(length);
      let text: string;
      try {
        text = utf8.decode(body);
      } catch {
        events.push({
          kind: 'error',
          code: 'invalid-json',
          fatal: false,
          detail: `frame of ${length} bytes is not UTF-8`,
        });
        continue;
      }
      try {
        events.push({ kind: 'message', value: JSON.parse(text) as unknown, bytes: length });
      } catch {
        events.push({
          kind: 'error',
          code: 'invalid-json',
          fatal: false,
          detail: `frame of ${length} bytes is not JSON`,
        });
      }
    }
    return events;
  }
}

/** Thrown by {@link encodeFrame} when a message would exceed the limit. */
export class FrameTooLargeError extends Error {
  readonly bytes: number;
  constructor(bytes: number, limit: number) {
    super(`message of ${bytes} bytes exceeds the limit of ${limit} bytes`);
    this.name = 'FrameTooLargeError';
    this.bytes = bytes;
  }
}

/** Encode one message: length prefix + UTF-8 JSON. Default limit: the browser's 1 MB. */
export function encodeFrame(
  value: unknown,
  maxBytes: number = MAX_HOST_MESSAGE_BYTES,
  byteOrder: ByteOrder = NATIVE_BYTE_ORDER,
): Buffer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  if (body.length > maxBytes) throw new FrameTooLargeError(body.length, maxBytes);
  const frame = Buffer.allocUnsafe(4 + body.length);
  if (byteOrder === 'LE') frame.writeUInt32LE(body.length, 0);
  else frame.writeUInt32BE(body.length, 0);
  body.copy(frame, 4);
  return frame;
}

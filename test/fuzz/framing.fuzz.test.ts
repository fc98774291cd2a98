/**
 * Fuzzing the native-messaging frame decoder: valid frames split anywhere, random and mutated
 * streams, declared lengths across the whole 32-bit range. Invariants: no exception, the same
 * events whatever the chunking, bounded buffering, typed errors, nothing after a fatal error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeFrame,
  FrameDecoder,
  type FrameEvent,
  MAX_SKIPPABLE_FRAME_BYTES,
} from '../../native-host/messaging/framing.js';
import { FUZZ_TEST_TIMEOUT_MS, fuzzParams, guarded } from './config.js';
import { applyMutations, mutationsArb } from './mutate.js';

const CODES = new Set(['frame-too-large', 'invalid-json', 'bad-frame']);

/** Decodes `stream` fed in the given chunk sizes (cycled), checking the invariants after each push. */
function decodeChunked(stream: Uint8Array, sizes: readonly number[], maxFrameBytes?: number): FrameEvent[] {
  const d = new FrameDecoder(maxFrameBytes === undefined ? {} : { maxFrameBytes });
  const limit = maxFrameBytes ?? 64 * 1024;
  const events: FrameEvent[] = [];
  let at = 0;
  let k = 0;
  while (at < stream.length) {
    const n = Math.max(1, sizes.length === 0 ? stream.length : (sizes[k++ % sizes.length] ?? 1));
    events.push(...d.push(stream.subarray(at, at + n)));
    at += n;
    // Bounded memory: never more than one frame (and its length prefix) waits in the decoder.
    if (d.pendingBytes > limit + 3) throw new Error(`decoder holds ${d.pendingBytes} bytes (limit ${limit})`);
  }
  events.push(...d.end());
  return events;
}

function checkEvents(events: FrameEvent[]): void {
  const fatal = events.findIndex((e) => e.kind === 'error' && e.fatal);
  if (fatal >= 0 && fatal !== events.length - 1) throw new Error('events after a fatal error');
  for (const e of events) {
    if (e.kind === 'message') continue;
    if (!CODES.has(e.code) || typeof e.detail !== 'string') throw new Error(`untyped error ${JSON.stringify(e)}`);
  }
}

const le32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0, 0);
  return b;
};

/** Declared lengths: small, around the limit, skippable, beyond the skippable bound, up to 2^32−1. */
const declaredLength = fc.oneof(
  fc.nat({ max: 80 }),
  fc.integer({ min: 60, max: 200 }),
  fc.integer({ min: 200, max: MAX_SKIPPABLE_FRAME_BYTES + 10 }),
  fc.integer({ min: MAX_SKIPPABLE_FRAME_BYTES - 2, max: 0xffffffff }),
  fc.constantFrom(0, 0xffffffff, 0x7fffffff, 0x80000000, MAX_SKIPPABLE_FRAME_BYTES, MAX_SKIPPABLE_FRAME_BYTES + 1),
);

/** A piece of a stream: a whole valid frame, a header with any length, or raw bytes. */
const piece = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => new Uint8Array(encodeFrame(v, 1 << 20, 'LE'))),
  fc
    .tuple(declaredLength, fc.uint8Array({ maxLength: 120 }))
    .map(([n, body]) => new Uint8Array(Buffer.concat([le32(n), body]))),
  fc.uint8Array({ maxLength: 40 }),
  fc.string({ maxLength: 40 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
);
const stream = fc.array(piece, { maxLength: 8 }).map((ps) => new Uint8Array(Buffer.concat(ps)));
const chunkSizes = fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 8 });

describe('fuzz: native-messaging framing', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it('valid frames of any JSON come back unchanged however the stream is split', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 6 }), chunkSizes, (values, sizes) => {
        const frames = Buffer.concat(values.map((v) => encodeFrame(v, 1 << 20, 'LE')));
        const events = guarded('framing', () => decodeChunked(new Uint8Array(frames), sizes, 1 << 20));
        expect(events.map((e) => (e.kind === 'message' ? e.value : e))).toEqual(
          values.map((v) => JSON.parse(JSON.stringify(v)) as unknown),
        );
      }),
      fuzzParams(1),
    );
  });

  it('a stream split in two at every position gives the same events as one read', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 4 }), (ps) => {
        const s = new Uint8Array(Buffer.concat(ps).subarray(0, 300));
        const whole = decodeChunked(s, [], 1024);
        checkEvents(whole);
        for (let i = 1; i < s.length; i++) {
          const split = decodeChunked(s, [i, s.length], 1024);
          expect(split).toEqual(whole);
        }
      }),
      fuzzParams(0.25),
    );
  });

  it('random streams: typed errors only, nothing after a fatal error, same result for any chunking', () => {
    fc.assert(
      fc.property(stream, chunkSizes, fc.constantFrom(undefined, 16, 100, 4096), (s, sizes, max) => {
        guarded('framing', () => {
          const whole = decodeChunked(s, [], max);
          checkEvents(whole);
          expect(decodeChunked(s, sizes, max)).toEqual(whole);
          expect(decodeChunked(s, [1], max)).toEqual(whole);
        });
      }),
      fuzzParams(2),
    );
  });

  it('mutated valid streams (bit flips, oversize lengths, truncation) stay typed and bounded', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 4 }),
        mutationsArb,
        chunkSizes,
        (vs, ms, sizes) => {
          const base = new Uint8Array(Buffer.concat(vs.map((v) => encodeFrame(v, 1 << 20, 'LE'))));
          const s = applyMutations(base, ms);
          guarded('framing', () => {
            const whole = decodeChunked(s, [], 256);
            checkEvents(whole);
            expect(decodeChunked(s, sizes, 256)).toEqual(whole);
          });
        },
      ),
      fuzzParams(1),
    );
  });

  it('any declared length up to 2^32−1: a frame over the limit is skipped or ends the stream, never buffered', () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.uint8Array({ maxLength: 64 }), (n, tail) => {
        const d = new FrameDecoder({ maxFrameBytes: 1024 });
        const ev = d.push(new Uint8Array(Buffer.concat([le32(n), tail])));
        expect(d.pendingBytes).toBeLessThanOrEqual(1024 + 3);
        if (n > MAX_SKIPPABLE_FRAME_BYTES) {
          expect(ev).toMatchObject([{ kind: 'error', code: 'frame-too-large', fatal: true }]);
        } else if (n > 1024) {
          expect(ev).toMatchObject([{ kind: 'error', code: 'frame-too-large', fatal: false }]);
        } else if (n <= tail.length) {
          expect(ev.length).toBeGreaterThanOrEqual(1);
        } else {
          expect(ev).toEqual([]);
          expect(d.end()).toMatchObject([{ kind: 'error', code: 'bad-frame', fatal: true }]);
        }
      }),
      fuzzParams(2),
    );
  });
});

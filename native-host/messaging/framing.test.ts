import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder, FrameTooLargeError, MAX_SKIPPABLE_FRAME_BYTES } from './framing.js';

function rawFrame(body: Buffer | string, declared?: number): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const h = Buffer.alloc(4);
  h.writeUInt32LE(declared ?? b.length, 0);
  return Buffer.concat([h, b]);
}

describe('encodeFrame', () => {
  it('writes a little-endian length and UTF-8 JSON', () => {
    const f = encodeFrame({ a: 'é' }, 100, 'LE');
    expect([...f.subarray(0, 4)]).toEqual([10, 0, 0, 0]);
    expect(f.subarray(4).toString('utf8')).toBe('{"a":"é"}');
    expect(encodeFrame({ a: 1 }, 100, 'BE').readUInt32BE(0)).toBe(7);
  });
  it('refuses messages over the limit', () => {
    expect(() => encodeFrame({ s: 'x'.repeat(100) }, 50)).toThrow(FrameTooLargeError);
  });
});

describe('FrameDecoder', () => {
  it('decodes frames split at every possible boundary', () => {
    const stream = Buffer.concat([encodeFrame({ n: 1 }), encodeFrame({ n: 2, s: 'ünïcödé' }), encodeFrame([])]);
    for (let cut = 0; cut <= stream.length; cut++) {
      const d = new FrameDecoder({ byteOrder: 'LE' });
      const ev = [...d.push(stream.subarray(0, cut)), ...d.push(stream.subarray(cut)), ...d.end()];
      expect(ev.map((e) => (e.kind === 'message' ? e.value : e.code))).toEqual([{ n: 1 }, { n: 2, s: 'ünïcödé' }, []]);
    }
  });

  it('decodes any sequence of messages fed byte-chunked arbitrarily (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 10 }),
        (values, sizes) => {
          const stream = Buffer.concat(values.map((v) => encodeFrame(v, 1 << 20, 'LE')));
          const d = new FrameDecoder({ byteOrder: 'LE', maxFrameBytes: 1 << 20 });
          const out: unknown[] = [];
          let pos = 0;
          let i = 0;
          while (pos < stream.length) {
            const n = sizes[i++ % sizes.length]!;
            for (const e of d.push(stream.subarray(pos, pos + n))) if (e.kind === 'message') out.push(e.value);
            pos += n;
          }
          expect(d.end()).toEqual([]);
          expect(out).toEqual(values.map((v) => JSON.parse(JSON.stringify(v))));
        },
      ),
    );
  });

  it('reports invalid JSON and invalid UTF-8 and keeps going', () => {
    const d = new FrameDecoder({ byteOrder: 'LE' });
    const ev = d.push(
      Buffer.concat([rawFrame('{not json'), rawFrame(Buffer.from([0xff, 0xfe])), rawFrame(''), rawFrame('{"ok":1}')]),
    );
    expect(ev.map((e) => (e.kind === 'message' ? e.value : `${e.code}:${e.fatal}`))).toEqual([
      'invalid-json:false',
      'invalid-json:false',
      'invalid-json:false',
      { ok: 1 },
    ]);
  });

  it('skips an oversize frame that arrives in pieces and stays in sync', () => {
    const d = new FrameDecoder({ byteOrder: 'LE', maxFrameBytes: 10 });
    const big = rawFrame('x'.repeat(25));
    const ev = [...d.push(big.subarray(0, 6)), ...d.push(big.subarray(6, 20)), ...d.push(big.subarray(20))];
    ev.push(...d.push(rawFrame('"after"')));
    expect(ev.map((e) => (e.kind === 'message' ? e.value : `${e.code}:${e.fatal}`))).toEqual([
      'frame-too-large:false',
      'after',
    ]);
  });

  it('gives up on an absurd length (text where a length was expected)', () => {
    const d = new FrameDecoder({ byteOrder: 'LE' });
    const ev = d.push(Buffer.from('hello world, this is not a frame'));
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ kind: 'error', code: 'frame-too-large', fatal: true });
    expect(Buffer.from('hello').readUInt32LE(0)).toBeGreaterThan(MAX_SKIPPABLE_FRAME_BYTES);
    expect(d.push(rawFrame('{}'))).toEqual([]);
  });

  it('reports input that ends inside a length prefix or a body', () => {
    const a = new FrameDecoder({ byteOrder: 'LE' });
    a.push(Buffer.from([5, 0]));
    expect(a.end()).toEqual([expect.objectContaining({ code: 'bad-frame', fatal: true })]);
    const b = new FrameDecoder({ byteOrder: 'LE' });
    b.push(rawFrame('{"a":1}').subarray(0, 7));
    expect(b.pendingBytes).toBe(7);
    expect(b.end()).toEqual([expect.objectContaining({ code: 'bad-frame', fatal: true })]);
  });
});

/**
 * Mutations of recorded bytes for fuzzing: truncation, bit flips, byte overwrites (wrong types),
 * oversize length fields, insertions and deletions. Positions are taken modulo the current length,
 * so every generated mutation applies to any input.
 */
import fc from 'fast-check';

export type Mutation =
  | { op: 'truncate'; at: number }
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'length16'; at: number; value: number }
  | { op: 'length32'; at: number; value: number }
  | { op: 'derLength'; at: number; octets: number; value: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; count: number };

/** Length values that break parsers: zero, one, just past the end, the maxima. */
const lengthValue = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 4, 7, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff),
  fc.constantFrom(0x10000, 0x7fffffff, 0x80000000, 0xffffffff),
  fc.nat({ max: 0xffffffff }),
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.nat({ max: 255 }) }),
  fc.record({ op: fc.constant('length16' as const), at: fc.nat(), value: lengthValue }),
  fc.record({ op: fc.constant('length32' as const), at: fc.nat(), value: lengthValue }),
  fc.record({
    op: fc.constant('derLength' as const),
    at: fc.nat(),
    octets: fc.integer({ min: 0, max: 6 }),
    value: lengthValue,
  }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 16 }) }),
);

/** One to five mutations in a row. */
export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 5 });

export function applyMutation(input: Uint8Array, m: Mutation): Uint8Array {
  const b = new Uint8Array(input);
  const n = b.length;
  const pos = (extra = 0) => (n + extra === 0 ? 0 : m.at % (n + extra));
  switch (m.op) {
    case 'truncate':
      return b.subarray(0, pos(1));
    case 'flip':
      if (n > 0) b[pos()] = (b[pos()] ?? 0) ^ (1 << m.bit);
      return b;
    case 'set':
      if (n > 0) b[pos()] = m.value;
      return b;
    case 'length16': {
      if (n < 2) return b;
      const i = m.at % (n - 1);
      b[i] = (m.value >>> 8) & 0xff;
      b[i + 1] = m.value & 0xff;
      return b;
    }
    case 'length32': {
      if (n < 4) return b;
      const i = m.at % (n - 3);
      new DataView(b.buffer).setUint32(i, m.value >>> 0, (m.at & 1) === 1);
      return b;
    }
    case 'derLength': {
      // Replace the byte at `at` with a DER long-form length of `octets` octets (0 = indefinite).
      if (n === 0) return b;
      const i = pos();
      const bytes = [0x80 | m.octets];
      for (let k = m.octets - 1; k >= 0; k--) bytes.push(k >= 4 ? 0 : (m.value >>> (8 * k)) & 0xff);
      const out = new Uint8Array(n + bytes.length - 1);
      out.set(b.subarray(0, i), 0);
      out.set(bytes, i);
      out.set(b.subarray(i + 1), i + bytes.length);
      return out;
    }
    case 'insert': {
      const i = pos(1);
      const out = new Uint8Array(n + m.bytes.length);
      out.set(b.subarray(0, i), 0);
      out.set(m.bytes, i);
      out.set(b.subarray(i), i + m.bytes.length);
      return out;
    }
    case 'delete': {
      if (n === 0) return b;
      const i = pos();
      const tail = b.subarray(Math.min(n, i + m.count));
      const out = new Uint8Array(i + tail.length);
      out.set(b.subarray(0, i), 0);
      out.set(tail, i);
      return out;
    }
  }
}

export function applyMutations(input: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  return ms.reduce(applyMutation, input);
}

/** Inputs derived from `bases`: a mutated base (most of the time) or plain random bytes. */
export function mutatedFrom(bases: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const mutated = fc.tuple(fc.constantFrom(...bases), mutationsArb).map(([base, ms]) => applyMutations(base, ms));
  return fc.oneof({ arbitrary: mutated, weight: 8 }, { arbitrary: fc.uint8Array({ maxLength: 600 }), weight: 1 });
}

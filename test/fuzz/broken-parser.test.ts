/**
 * The fuzz suite can fail: the same generator, invariant and seed as the X.224 fuzz test, run
 * against a deliberately broken adapter that trusts the TPKT length field (its length check is
 * removed), must produce a counterexample. The report is printed and kept in
 * test/artifacts/fuzz-broken-parser.txt.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeConnectionConfirm } from '../../native-host/rdp/x224.js';
import { FUZZ_TEST_TIMEOUT_MS, fuzzParams } from './config.js';
import { mutatedFrom } from './mutate.js';
import { checkDecoded, x224Seeds } from './parsers.js';

/** Deliberately broken: reads the TPKT length and slices that many bytes without checking it against the input. */
function brokenDecodeConnectionConfirm(bytes: Uint8Array) {
  const declared = ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, declared); // RangeError when declared > bytes.length
  return decodeConnectionConfirm(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
}

describe('fuzz: a deliberately broken parser is caught', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  const property = (decode: typeof decodeConnectionConfirm) =>
    fc.property(mutatedFrom(x224Seeds()), (b) => checkDecoded('X.224', b, decode(b)));

  it('the real decoder keeps the invariant', () => {
    expect(fc.check(property(decodeConnectionConfirm), fuzzParams(1)).failed).toBe(false);
  });

  it('the broken adapter fails it, with a shrunk counterexample', () => {
    const out = fc.check(property(brokenDecodeConnectionConfirm), fuzzParams(1));
    expect(out.failed).toBe(true);
    expect(out.counterexample).not.toBeNull();
    const [input] = out.counterexample as [Uint8Array];
    expect(() => brokenDecodeConnectionConfirm(input)).toThrow(RangeError);
    // The real decoder gives a typed result on the very same bytes.
    checkDecoded('X.224', input, decodeConnectionConfirm(input));
    const report = [
      fc.defaultReportMessage(out) ?? '',
      `counterexample (hex): ${Buffer.from(input).toString('hex')}`,
      `real decoder on it: ${JSON.stringify(decodeConnectionConfirm(input))}`,
    ].join('\n');
    console.log(report);
    const dir = join(import.meta.dirname ?? '.', '../artifacts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'fuzz-broken-parser.txt'), `${report}\n`);
  });
});

/**
 * Fuzzing the detector with random text, adversarial mixes of the tokens its scanners look for
 * (long hex runs, repeated "0x", labels without values, composites, brackets) and megabyte lines.
 * Invariants: no exception, spans point at their own text, at most `maxDetections` results, and
 * each input finishes under a generous hang guard.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detect } from '../../shared/detect/index.js';
import type { Detection } from '../../shared/detect/types.js';
import { FUZZ_TEST_TIMEOUT_MS, fuzzParams, guarded } from './config.js';

function check(text: string, out: Detection[], max = 500): void {
  expect(out.length).toBeLessThanOrEqual(max);
  let prev = -1;
  for (const [i, d] of out.entries()) {
    const [s, e] = d.span;
    expect(Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s < e && e <= text.length).toBe(true);
    expect(text.slice(s, e)).toBe(d.raw);
    expect(Number.isInteger(d.code) && d.code >= 0 && d.code <= 0xffffffff).toBe(true);
    expect(s).toBeGreaterThanOrEqual(prev); // text order
    prev = s;
    if (d.pairedWith !== undefined) expect(out[d.pairedWith]?.pairedWith).toBe(i);
  }
}

function run(text: string, opts: { assumeRdp?: boolean; maxDetections?: number } = {}): Detection[] {
  const out = guarded(`detect on ${text.length} characters`, () => detect(text, opts));
  check(text, out, opts.maxDetections ?? 500);
  return out;
}

/** Tokens the scanners react to; glued together they make the worst cases for regular expressions. */
const token = fc.oneof(
  fc.constantFrom(
    '0x',
    '0X',
    'x',
    'ffffffff',
    '80090302',
    '0x0x',
    '0x800',
    '904',
    '-2147467259',
    '0x00000904',
    '0x3000001',
    '[0x0002000D]',
    'ERRCONNECT_',
    'ERRINFO_',
    'STATUS_',
    'Error code:',
    'Extended error code:',
    'Fehlercode',
    'Code d’erreur',
    '（代码：',
    'Event ID',
    'Event ID:',
    'RDP',
    'Remote Desktop',
    'mstsc',
    'failureCode',
    'CredSSP',
    'HRESULT',
    ':',
    ' ',
    '\n',
    '\t',
    '(',
    ')',
    '"',
    '-',
    '.',
    '\u00a0',
    '\u200b',
    '𝟘𝕩',
    'é',
  ),
  fc.stringMatching(/^[0-9a-fA-F]{1,40}$/),
  fc.string({ maxLength: 12 }),
);
const adversarial = fc
  .array(fc.tuple(token, fc.integer({ min: 1, max: 400 })), { maxLength: 40 })
  .map((parts) => parts.map(([t, n]) => t.repeat(n)).join(''));

describe('fuzz: detector', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it('random text (any UTF-16, lone surrogates included), with and without RDP context', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), fc.boolean(), (text, assumeRdp) => {
        run(text, { assumeRdp });
      }),
      fuzzParams(1),
    );
  });

  it('adversarial mixes of codes, labels and hex runs', () => {
    fc.assert(
      fc.property(adversarial, fc.boolean(), fc.integer({ min: 1, max: 600 }), (text, assumeRdp, maxDetections) => {
        run(text, { assumeRdp, maxDetections });
      }),
      fuzzParams(1),
    );
  });

  it('megabyte lines of the pathological patterns finish and stay capped', () => {
    const lines: Record<string, string> = {
      hexRun: 'f'.repeat(1_000_000),
      zeroX: '0x'.repeat(500_000),
      labelsWithoutValues: 'Error code: '.repeat(80_000),
      extendedLabels: 'Extended error code: 0x'.repeat(40_000),
      digits: '9'.repeat(1_000_000),
      codesEverywhere: 'RDP error 0x904 '.repeat(60_000),
      nestedZeroX: '0x0x0xffff '.repeat(90_000),
      brackets: `${'['.repeat(300_000)}0x0002000D${']'.repeat(300_000)}`,
    };
    for (const [name, text] of Object.entries(lines)) {
      for (const assumeRdp of [false, true]) {
        const out = run(text, { assumeRdp });
        if (name === 'codesEverywhere') expect(out.length).toBe(500);
      }
    }
  });
});

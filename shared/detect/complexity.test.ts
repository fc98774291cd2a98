/**
 * The detector is linear in its input, whatever the input: for each entry point and each hostile shape
 * (long runs of digits, hex letters, capitals, label words, separators, hint words, mixtures), the time on
 * 8n characters stays within ~16× the time on n characters (quadratic work would give 64×). Not a timing
 * test: both sizes are measured in the same process and only their ratio counts. A fuzzed search with a
 * fixed seed looks for other repeating shapes that grow faster than linear.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findActivityFields } from '../avd/dialog-fields.js';
import { explainText } from '../explain/events.js';
import { growth, repeatTo } from './complexity.testkit.js';
import { textFacts } from './facts.js';
import { detect, detectorData } from './index.js';
import { compileMessages } from './messages.js';

/**
 * Linear code gives about 8; on this kind of machine caches and garbage collection add up to ~3× at 8n
 * (measured: 10–22 after the fix); quadratic work gives 64 and more. 32 keeps the two apart.
 */
const MAX_RATIO = 32;
/** Characters at the small size (big enough that caches and timer steps do not decide the ratio). */
const N = 12_000;

const matcher = compileMessages(detectorData().messages);

const ENTRY_POINTS: Record<string, (text: string) => unknown> = {
  detect: (t) => detect(t),
  'detect (assumeRdp)': (t) => detect(t, { assumeRdp: true }),
  explainText: (t) => explainText(t, { assumeRdp: true }),
  'message matcher': (t) => matcher.find(t),
  textFacts: (t) => textFacts(t),
  findActivityFields: (t) => findActivityFields(t),
};

/** Units repeated to the wanted length. */
const SHAPES: Record<string, string> = {
  'capital letters': 'A',
  'capitals and digits': 'AB1',
  'capitals with underscores': 'ERRINFO_',
  'camel case': 'Ab',
  digits: '1234567890',
  'hex letters': 'abcdef',
  'digit then hex letters': '1abcdef',
  'hex after 0x': '0xabcdef0123456789',
  'C000 run': 'C0',
  'label words': 'Extended error code ',
  'label words glued': 'errorcode',
  separators: ': ',
  dashes: '-',
  'dash hex': '-0',
  'dot digit': '.1',
  spaces: ' ',
  'hint words': 'rdp remote desktop ',
  'message prefix': 'the remote ',
  'codes with context': 'RDP Error code: 0x904 ',
  'guid-like hex': '0123abcd-',
  mixed: 'ERRCONNECT_0x1A2b-C000006D Ab9 error code: 80004005_',
};

describe('detector complexity: time on 8n characters vs n (linear ≈ 8, quadratic ≈ 64)', () => {
  for (const [entry, fn] of Object.entries(ENTRY_POINTS)) {
    it(`${entry}: every hostile shape grows linearly`, { timeout: 300_000 }, () => {
      const slow: string[] = [];
      for (const [shape, unit] of Object.entries(SHAPES)) {
        let g = growth(fn, (n) => repeatTo(unit, n), N, { rounds: 3, minMs: 5, limit: MAX_RATIO });
        // Over the line once: measure again, longer (a busy moment on a shared machine is not growth).
        if (g.ratio > MAX_RATIO)
          g = growth(fn, (n) => repeatTo(unit, n), N, { rounds: 7, minMs: 25, limit: MAX_RATIO });
        if (g.ratio > MAX_RATIO)
          slow.push(`${shape}: ×${g.ratio.toFixed(1)} (${g.small.toFixed(2)} ms → ${g.large.toFixed(2)} ms)`);
      }
      expect(slow).toEqual([]);
    });
  }

  it('fuzzed repeating shapes (fixed seed) grow linearly in detect and explainText', { timeout: 300_000 }, () => {
    const fragment = fc.constantFrom(
      'A',
      'Z',
      '_',
      '0',
      '9',
      'x',
      'a',
      'f',
      'C',
      'c',
      '-',
      '−',
      '.',
      ' ',
      ':',
      '(',
      '[',
      ')',
      'b',
      'error ',
      'code',
      'Extended ',
      'rdp ',
      'the ',
      'AADSTS',
      'ERRINFO_',
      '0x',
      'é',
      '错误',
    );
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 1, maxLength: 12 }), (parts) => {
        const unit = parts.join('');
        for (const fn of [ENTRY_POINTS.detect, ENTRY_POINTS.explainText] as const) {
          const g = growth(fn as (t: string) => unknown, (n) => repeatTo(unit, n), 6000, {
            rounds: 3,
            minMs: 5,
            limit: MAX_RATIO,
          });
          if (g.ratio > MAX_RATIO) {
            // A second, longer measurement before calling it super-linear (one busy moment is not growth).
            const again = growth(fn as (t: string) => unknown, (n) => repeatTo(unit, n), 12_000, { limit: MAX_RATIO });
            expect(again.ratio, JSON.stringify(unit)).toBeLessThanOrEqual(MAX_RATIO);
          }
        }
      }),
      { seed: 20261203, numRuns: 25 },
    );
  });
});

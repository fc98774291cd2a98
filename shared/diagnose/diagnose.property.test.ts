import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAUSES } from '../catalog/causes.js';
import { ALL_ENTRIES } from '../catalog/families.js';
import { lookup } from '../catalog/index.js';
import { getFix } from '../fixes/library.js';
import { type CheckResult, FINDING_IDS, type Finding } from '../protocol/results.js';
import { diagnose } from './diagnose.js';
import { toJson, toMarkdown } from './report.js';

const causeIds = CAUSES.map((c) => c.id);
const entries = ALL_ENTRIES.filter((e) => !e.nameOnly);

const finding: fc.Arbitrary<Finding> = fc.record({
  id: fc.constantFrom(...FINDING_IDS),
  severity: fc.constantFrom('info' as const, 'warn' as const, 'fail' as const),
  summary: fc.string({ maxLength: 40 }),
  supports: fc.subarray(causeIds, { maxLength: 3 }),
  rulesOut: fc.subarray(causeIds, { maxLength: 3 }),
});
const result: fc.Arbitrary<CheckResult> = fc.record({
  checkId: fc.constantFrom('reachability', 'negotiation', 'certificate', 'ntlm-info', 'clock', 'credssp-policy', 'x'),
  status: fc.constantFrom('pass' as const, 'warn' as const, 'fail' as const, 'skipped' as const, 'error' as const),
  summary: fc.string({ maxLength: 40 }),
  evidence: fc.constant({}),
  findings: fc.array(finding, { maxLength: 4 }),
  durationMs: fc.nat(),
});
const detection = fc.oneof(
  fc.constantFrom(...entries).map((e) => ({ namespace: e.namespace, code: e.code })),
  fc.record({ namespace: fc.constantFrom(...entries.map((e) => e.namespace)), code: fc.nat() }),
);

describe('diagnose (properties)', () => {
  it('never throws; likelihoods are shares; ruled-out causes have none; fixes exist; output is deterministic', () => {
    fc.assert(
      fc.property(
        fc.array(detection, { maxLength: 4 }),
        fc.array(result, { maxLength: 5 }),
        fc.string({ maxLength: 80 }),
        (detections, checkResults, text) => {
          const input = { detections, checkResults, text, lookup };
          const d = diagnose(input);
          let sum = 0;
          for (const c of d.causes) {
            expect(c.likelihood).toBeGreaterThanOrEqual(0);
            expect(c.likelihood).toBeLessThanOrEqual(1);
            if (c.ruledOut) expect(c.likelihood).toBe(0);
            sum += c.likelihood;
          }
          if (d.causes.some((c) => c.likelihood > 0)) expect(sum).toBeCloseTo(1, 1);
          for (const f of d.fixes) {
            expect(getFix(f.id)).toBeDefined();
            expect(f.why.length).toBeGreaterThan(0);
          }
          expect(new Set(d.fixes.map((f) => f.id)).size).toBe(d.fixes.length);
          expect(JSON.stringify(diagnose(input))).toBe(JSON.stringify(d));
          expect(typeof toMarkdown(d)).toBe('string');
          expect(() => JSON.stringify(toJson(d))).not.toThrow();
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

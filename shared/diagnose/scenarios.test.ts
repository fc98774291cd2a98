/**
 * Scenario table: realistic error texts paired with recorded check results (real probe runs against
 * the loopback RDP servers, and the real local checks replayed on recorded Windows outputs), each with
 * the fix that must come first and the causes that must be ruled out. See test/fixtures/scenarios/README.md.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIX_IDS } from '../fixes/ids.js';
import type { CheckResult } from '../protocol/results.js';
import { FINDING_IDS } from '../protocol/results.js';
import { diagnoseText } from './index.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/scenarios');

interface Scenario {
  id: string;
  title: string;
  text: string;
  probe?: string;
  local?: string[];
  expect: {
    topFix: string;
    topCause?: string;
    ruledOut?: string[];
    notRuledOut?: string[];
    notTopFix?: string[];
    fixBefore?: [string, string][];
    firstNextCheck?: string;
    nextChecks?: string[];
  };
}

const read = <T>(rel: string): T => JSON.parse(readFileSync(join(DIR, rel), 'utf8')) as T;
const SCENARIOS = read<Scenario[]>('scenarios.json');

function checksOf(s: Scenario): CheckResult[] {
  return [
    ...(s.probe ? read<CheckResult[]>(`probes/${s.probe}.json`) : []),
    ...(s.local ?? []).map((l) => read<CheckResult>(`local/${l}.json`)),
  ];
}

describe('diagnosis scenarios', () => {
  it('has at least 25 scenarios with distinct ids', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(25);
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
  });

  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s', (_id, s) => {
    const checks = checksOf(s);
    for (const c of checks) {
      expect(['pass', 'warn', 'fail', 'skipped', 'error']).toContain(c.status);
      for (const f of c.findings) expect(FINDING_IDS as readonly string[]).toContain(f.id);
    }
    expect(FIX_IDS as readonly string[]).toContain(s.expect.topFix);

    const d = diagnoseText(s.text, checks);
    const fixIds = d.fixes.map((f) => f.id);
    const live = d.causes.filter((c) => !c.ruledOut);
    const ruledOut = d.causes.filter((c) => c.ruledOut).map((c) => c.id);

    expect(fixIds[0], `fixes: ${fixIds.join(', ')}`).toBe(s.expect.topFix);
    expect(d.fixes[0]?.why).toMatch(/^First\b/);
    if (s.expect.topCause) expect(live[0]?.id, `causes: ${live.map((c) => c.id).join(', ')}`).toBe(s.expect.topCause);
    for (const c of s.expect.ruledOut ?? []) expect(ruledOut, `${c} should be ruled out`).toContain(c);
    if (s.expect.ruledOut && s.expect.ruledOut.length === 0) expect(ruledOut).toEqual([]);
    for (const c of s.expect.notRuledOut ?? []) expect(ruledOut).not.toContain(c);
    for (const f of s.expect.notTopFix ?? []) expect(fixIds[0]).not.toBe(f);
    for (const [a, b] of s.expect.fixBefore ?? []) {
      expect(fixIds.indexOf(a), `${a} before ${b} in ${fixIds.join(', ')}`).toBeGreaterThanOrEqual(0);
      expect(fixIds.indexOf(a)).toBeLessThan(fixIds.indexOf(b));
    }
    if (s.expect.firstNextCheck) expect(d.nextChecks[0]?.checkId).toBe(s.expect.firstNextCheck);
    if (s.expect.nextChecks) expect(d.nextChecks.map((n) => n.checkId)).toEqual(s.expect.nextChecks);

    // Every fix says why, every ruled-out cause says what ruled it out.
    for (const f of d.fixes) expect(f.why.length).toBeGreaterThan(20);
    for (const c of d.causes.filter((x) => x.ruledOut)) expect(c.evidenceAgainst.length).toBeGreaterThan(0);
    // Deterministic: the same input gives the same output.
    expect(JSON.stringify(diagnoseText(s.text, checks))).toBe(JSON.stringify(d));
  });
});

import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../native-host/checks/registry.js';
import { CAUSES } from '../catalog/causes.js';
import { ALL_ENTRIES } from '../catalog/families.js';
import { FIX_IDS } from '../fixes/ids.js';
import { getFix } from '../fixes/library.js';
import { CAUSE_FIXES, FIX_NEEDS_CAUSE, fixesForCause, PREREQUISITES } from './cause-fixes.js';
import { CAUSE_FAMILIES, FINDING_EFFECTS } from './evidence.js';
import { CHECK_DECIDES, suggestChecks } from './next-checks.js';

const causeIds = new Set<string>(CAUSES.map((c) => c.id));

describe('cause → fix mapping (conventions)', () => {
  it('gives every cause at least one fix (a cause appended to causes.ts without fixes fails here)', () => {
    expect(CAUSES.filter((c) => fixesForCause(c.id).length === 0).map((c) => c.id)).toEqual([]);
  });

  it('references every fix of the library from at least one cause', () => {
    const referenced = new Set(Object.values(CAUSE_FIXES).flat());
    expect(FIX_IDS.filter((f) => !referenced.has(f))).toEqual([]);
  });

  it('names only known causes and existing fixes, without duplicates in a list', () => {
    for (const [cause, fixes] of Object.entries(CAUSE_FIXES)) {
      expect(causeIds.has(cause), cause).toBe(true);
      expect(new Set(fixes).size).toBe(fixes!.length);
      for (const f of fixes!) expect(getFix(f), `${cause} → ${f}`).toBeDefined();
    }
    for (const [fix, cause] of Object.entries(FIX_NEEDS_CAUSE)) {
      expect(getFix(fix)).toBeDefined();
      expect(causeIds.has(cause!)).toBe(true);
    }
    for (const p of PREREQUISITES) {
      expect(getFix(p.fix)).toBeDefined();
      expect(getFix(p.before)).toBeDefined();
      expect(causeIds.has(p.when)).toBe(true);
    }
  });

  it('every fix and cause the catalogue names exists', () => {
    const badFixes: string[] = [];
    const badCauses: string[] = [];
    for (const e of ALL_ENTRIES) {
      for (const f of e.fixes) if (!getFix(f)) badFixes.push(`${e.namespace}:${e.name} → ${f}`);
      for (const c of e.causes) if (!causeIds.has(c)) badCauses.push(`${e.namespace}:${e.name} → ${c}`);
    }
    expect(badFixes).toEqual([]);
    expect(badCauses).toEqual([]);
  });

  it('the evidence tables speak only of known causes', () => {
    for (const effect of Object.values(FINDING_EFFECTS)) {
      for (const c of [
        ...(effect?.confirms ?? []),
        ...(effect?.fits ?? []),
        ...(effect?.rulesOut ?? []),
        ...(effect?.weakens ?? []),
      ]) {
        expect(causeIds.has(c), c).toBe(true);
      }
    }
    for (const fam of CAUSE_FAMILIES) for (const c of fam) expect(causeIds.has(c), c).toBe(true);
    for (const d of CHECK_DECIDES) for (const c of d.decides) expect(causeIds.has(c), c).toBe(true);
  });

  it('suggests only checks the helper registers', () => {
    const registered = new Set(CHECKS.map((c) => c.id));
    expect(CHECK_DECIDES.map((d) => d.checkId).filter((id) => !registered.has(id))).toEqual([]);
  });

  it('every check is reachable from a code: a catalogue entry names it, or it decides a cause an entry lists', () => {
    // A check that decides a listed cause is offered under "Checks that would decide" (suggestChecks)
    // whenever that cause leads; an entry's own `checks` add it to that code's "to confirm" line.
    const named = new Set(ALL_ENTRIES.flatMap((e) => e.checks));
    const listed = new Set(ALL_ENTRIES.flatMap((e) => e.causes));
    const unreachable = CHECK_DECIDES.filter(
      (d) => !named.has(d.checkId) && !(d.decides as readonly string[]).some((c) => listed.has(c)),
    );
    expect(unreachable.map((d) => d.checkId)).toEqual([]);
  });

  it('a check that decides a cause is offered when that cause leads and the check has not run', () => {
    for (const d of CHECK_DECIDES) {
      for (const cause of d.decides) {
        const offered = suggestChecks([{ id: cause, title: cause, likelihood: 1 }], new Set(), CHECK_DECIDES.length);
        expect(
          offered.map((n) => n.checkId),
          `${d.checkId} for ${cause}`,
        ).toContain(d.checkId);
        const afterRun = suggestChecks([{ id: cause, title: cause, likelihood: 1 }], new Set([d.checkId]), 99);
        expect(afterRun.map((n) => n.checkId)).not.toContain(d.checkId);
      }
    }
  });
});

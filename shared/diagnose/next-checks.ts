/**
 * Which check would decide between the leading causes. The checks, what each looks at and which
 * causes it decides come from the one check registry (`shared/protocol/checks.ts`).
 */
import type { CauseId } from '../catalog/causes.js';
import { CHECK_SPECS } from '../protocol/checks.js';
import type { NextCheck } from './types.js';

export interface CheckDecides {
  checkId: string;
  /** What it looks at, in a few words (used in the "why" line). */
  looksAt: string;
  decides: readonly CauseId[];
}

/** In the registry's order of preference: network checks first (no credentials, no admin rights), then this computer. */
export const CHECK_DECIDES: readonly CheckDecides[] = CHECK_SPECS.map((c) => ({
  checkId: c.id,
  looksAt: c.looksAt,
  decides: c.decides as readonly CauseId[],
}));

/** How many leading causes the suggestions look at. */
const LEADING = 4;

/**
 * Up to `max` checks not yet run, best first, that would change the likelihood of the leading causes.
 * `leading` are live causes best first with their likelihood; `ran` are check ids that already gave evidence.
 */
export function suggestChecks(
  leading: readonly { id: string; title: string; likelihood: number }[],
  ran: ReadonlySet<string>,
  max = 3,
): NextCheck[] {
  const top = leading.slice(0, LEADING);
  const scored: { check: CheckDecides; score: number; covered: typeof top; order: number }[] = [];
  CHECK_DECIDES.forEach((check, order) => {
    if (ran.has(check.checkId)) return;
    const covered = top.filter((c) => (check.decides as readonly string[]).includes(c.id));
    if (covered.length === 0) return;
    // A check that separates two leading causes is worth more than one that only speaks to one.
    const score = covered.reduce((s, c) => s + c.likelihood, 0) * (covered.length > 1 ? 1.5 : 1);
    scored.push({ check, score, covered, order });
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, max).map(({ check, covered }) => ({
    checkId: check.checkId,
    decides: covered.map((c) => c.id),
    why:
      covered.length > 1
        ? `Looks at ${check.looksAt}: decides between ${covered.map((c) => `"${c.title}"`).join(' / ')}.`
        : `Looks at ${check.looksAt}: confirms or rules out "${covered[0]!.title}".`,
  }));
}

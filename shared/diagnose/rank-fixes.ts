/**
 * The one ranking of fixes, from the causes' states and likelihoods, with a one-line "why" naming
 * the cause each fix serves and the fact behind it. Fixes that do not fit the case (Azure-only
 * without Azure, NLA changes without an NLA failure) are moved out of the ranking or dropped.
 */
import { NAMESPACE_LABELS } from '../catalog/namespaces.js';
import type { CatalogEntry } from '../catalog/types.js';
import { FIX_IDS } from '../fixes/ids.js';
import { getFix } from '../fixes/library.js';
import { FIX_NEEDS_CAUSE, fixesForCause, PREREQUISITES } from './cause-fixes.js';
import { type CaseContext, fitsCase } from './context.js';
import type { Fact } from './facts.js';
import { union } from './state.js';
import type { CauseStateName, DiagnosedCause, DiagnosedDetection, RankedFix } from './types.js';

/** Each later fix of a cause counts this much less than the one before. */
const FIX_POSITION_DECAY = 0.8;
const MAX_FIXES = 10;
const MAX_OTHER_FIXES = 8;
/** A fix of a confirmed cause outranks any fix of a cause that is only consistent or unchecked. */
const STATE_WEIGHT: Record<CauseStateName, number> = {
  confirmed: 10,
  consistent: 1.5,
  'not-checked': 1,
  'ruled-out': 0,
};
const fixOrder = new Map<string, number>(FIX_IDS.map((f, i) => [f, i]));
const RISK_ORDER = { low: 0, medium: 1, high: 2 } as const;

/** Catalogue fixes of a detected code that no cause of that code lists: offered for the code in general. */
interface GeneralFix {
  fixId: string;
  /** Label of the code, e.g. `Error code 0x904`. */
  code: string;
  causes: readonly string[];
  pos: number;
}

function generalFixes(entries: readonly CatalogEntry[], detections: readonly DiagnosedDetection[]): GeneralFix[] {
  const out: GeneralFix[] = [];
  for (const e of entries) {
    const covered = new Set<string>(e.causes.flatMap((c) => fixesForCause(c)));
    const d = detections.find((x) => x.namespace === e.namespace && x.name === e.name);
    const code = d ? `${NAMESPACE_LABELS[d.namespace]} ${d.hex}` : e.name;
    let pos = 0;
    for (const f of e.fixes) {
      if (covered.has(f) || !getFix(f)) continue;
      out.push({ fixId: f, code, causes: e.causes, pos: pos++ });
    }
  }
  return out;
}

interface Contribution {
  value: number;
  cause?: DiagnosedCause;
  general?: GeneralFix;
}

export interface RankInput {
  live: readonly DiagnosedCause[];
  causes: readonly DiagnosedCause[];
  entries: readonly CatalogEntry[];
  detections: readonly DiagnosedDetection[];
  facts: readonly Fact[];
  ctx: CaseContext;
}

interface Scored {
  fixId: string;
  score: number;
  best: Contribution;
  causes: string[];
  fitReason?: string;
}

export function rankFixes(x: RankInput): { fixes: RankedFix[]; otherFixes: RankedFix[] } {
  const { fitting, other } = sortByFit(scoreFixes(contributions(x)), x);
  const ranked = fitting.slice(0, MAX_FIXES);
  const fixes = explainRanked(ranked, applyPrerequisites(ranked, x.live));
  const otherFixes = other.slice(0, MAX_OTHER_FIXES).map((r) => view(r, r.fitReason!, false));
  return { fixes, otherFixes };
}

/** What each fix earns from the live causes that list it, and from the codes it is a general fix of. */
function contributions(x: RankInput): Map<string, Contribution[]> {
  const acc = new Map<string, Contribution[]>();
  const add = (fixId: string, c: Contribution) => acc.set(fixId, [...(acc.get(fixId) ?? []), c]);
  const ruledOut = new Set(x.causes.filter((c) => c.ruledOut).map((c) => c.id));
  for (const cause of x.live) {
    fixesForCause(cause.id).forEach((fixId, pos) => {
      const needs = FIX_NEEDS_CAUSE[fixId as keyof typeof FIX_NEEDS_CAUSE];
      const penalty = needs && needs !== cause.id && ruledOut.has(needs) ? 0.09 : 1;
      const weight =
        cause.state === 'confirmed' && !cause.related ? STATE_WEIGHT.consistent : STATE_WEIGHT[cause.state];
      add(fixId, { cause, value: cause.likelihood * weight * FIX_POSITION_DECAY ** pos * penalty });
    });
  }
  for (const g of generalFixes(x.entries, x.detections)) {
    const best = Math.max(0, ...x.live.filter((c) => g.causes.includes(c.id)).map((c) => c.likelihood));
    if (best > 0) add(g.fixId, { general: g, value: best * FIX_POSITION_DECAY ** (3 + g.pos) });
  }
  return acc;
}

/** One score a fix (its best contribution plus a little of the rest), best first; ties go to the lower risk. */
function scoreFixes(acc: Map<string, Contribution[]>): Scored[] {
  return [...acc.entries()]
    .filter(([fixId]) => getFix(fixId))
    .map(([fixId, contributions]) => {
      const sorted = [...contributions].sort((a, b) => b.value - a.value);
      const best = sorted[0]!;
      const rest = sorted.slice(1).reduce((t, c) => t + c.value, 0);
      const causes = union(sorted.flatMap((c) => (c.cause ? [c.cause.id] : [])));
      return { fixId, score: best.value + 0.15 * rest, best, causes };
    })
    .sort((a, b) => {
      const fa = getFix(a.fixId)!;
      const fb = getFix(b.fixId)!;
      return (
        b.score - a.score ||
        RISK_ORDER[fa.risk] - RISK_ORDER[fb.risk] ||
        (fixOrder.get(a.fixId) ?? 999) - (fixOrder.get(b.fixId) ?? 999)
      );
    });
}

/** Splits the scored fixes into those that fit the case now and the others, each other one with its reason. */
function sortByFit(scored: readonly Scored[], x: RankInput): { fitting: Scored[]; other: Scored[] } {
  const fitting: Scored[] = [];
  const other: Scored[] = [];
  const byId = new Map(x.live.map((c) => [c.id, c]));
  for (const s of scored) {
    const fit = fitsCase(s.fixId, x.ctx, x.facts);
    const blockedBy = waitsFor(s, x.live, byId);
    if (!fit.ok) {
      if (!fit.forbidden) other.push({ ...s, fitReason: fit.reason });
    } else if (blockedBy !== undefined) other.push({ ...s, fitReason: `Not yet: ${blockedBy}.` });
    else fitting.push(s);
  }
  return { fitting, other };
}

/**
 * A fix only for causes behind a failing step (the name, the listener) waits until that step works:
 * returns that step, or undefined when the fix need not wait.
 */
function waitsFor(
  s: Scored,
  live: readonly DiagnosedCause[],
  byId: ReadonlyMap<string, DiagnosedCause>,
): string | undefined {
  const general = s.best.general;
  const blockedBy = general
    ? live.find((c) => general.causes.includes(c.id) && c.blockedBy)?.blockedBy
    : s.best.cause?.blockedBy;
  const causesOf = general ? general.causes.filter((c) => byId.has(c)) : s.causes;
  const waits = blockedBy !== undefined && causesOf.every((c) => byId.get(c)?.blockedBy !== undefined);
  return waits ? blockedBy : undefined;
}

/** The ranked fixes with their why lines: a moved prerequisite's reason, the cause served, or the code. */
function explainRanked(ranked: readonly Scored[], prerequisiteWhy: ReadonlyMap<string, string>): RankedFix[] {
  const firstFixFor = new Map<string, string>();
  return ranked.map((r, rank) => {
    const pre = prerequisiteWhy.get(r.fixId);
    const { cause, general } = r.best;
    let why: string;
    if (pre) why = pre;
    else if (cause) why = whyLine(rank, cause, firstFixFor.get(cause.id));
    else why = `Also recommended for ${general!.code} when the causes above do not fit.`;
    if (cause && !firstFixFor.has(cause.id)) firstFixFor.set(cause.id, getFix(r.fixId)!.title);
    return view(r, why, true);
  });
}

function view(r: Scored, why: string, applicable: boolean): RankedFix {
  const fix = getFix(r.fixId)!;
  return {
    id: fix.id,
    title: fix.title,
    why,
    causes: r.causes,
    serves: r.best.cause?.id ?? null,
    applicable,
    where: fix.where,
    risk: fix.risk,
    reversible: fix.reversible,
    steps: [...fix.steps],
    commands: fix.commands.map((c) => ({ ...c })),
    source: fix.source,
  };
}

/**
 * Moves a prerequisite fix right before the fix that depends on it when its cause is confirmed;
 * returns the why lines of the moved fixes.
 */
function applyPrerequisites(ranked: Scored[], live: readonly DiagnosedCause[]): Map<string, string> {
  const whys = new Map<string, string>();
  for (const p of PREREQUISITES) {
    const cause = live.find((c) => c.id === p.when);
    if (cause?.state !== 'confirmed') continue;
    const from = ranked.findIndex((r) => r.fixId === p.fix);
    const to = ranked.findIndex((r) => r.fixId === p.before);
    if (from < 0 || to < 0 || from < to) continue;
    const [moved] = ranked.splice(from, 1);
    ranked.splice(to, 0, moved!);
    const evidence = cause.basis[0];
    whys.set(
      p.fix,
      `${to === 0 ? 'First' : 'Before the next fix'} because ${p.why}. Confirmed by ${evidence ?? 'a check'}`,
    );
  }
  return whys;
}

const STATE_WORDS: Record<CauseStateName, string> = {
  confirmed: 'confirmed',
  consistent: 'consistent with the evidence (other causes fit it too)',
  'not-checked': 'not checked yet',
  'ruled-out': 'ruled out',
};

function whyLine(rank: number, cause: DiagnosedCause, earlierFix: string | undefined): string {
  const basis = cause.basis[0] ?? 'the text';
  const facts = cause.state === 'not-checked' ? `Suggested by: ${basis}` : `Evidence: ${basis}`;
  if (earlierFix) return `Next step for the same cause, "${cause.title}", if "${earlierFix}" did not help. ${facts}`;
  const lead = rank === 0 ? 'First because it serves' : 'Serves';
  return `${lead} "${cause.title}": ${STATE_WORDS[cause.state]}. ${facts}`;
}

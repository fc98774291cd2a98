/**
 * Ranking fixes from the causes' likelihoods, with a one-line "why" for each.
 */
import type { CatalogEntry } from '../catalog/types.js';
import { FIX_IDS } from '../fixes/ids.js';
import { getFix } from '../fixes/library.js';
import { FIX_NEEDS_CAUSE, fixesForCause, PREREQUISITES } from './cause-fixes.js';
import { SEVERITY_FACTOR, WEAKEN_FACTOR } from './evidence.js';
import { type CauseState, NS_LABEL, union } from './state.js';
import { lowerFirst, shortTitle } from './text.js';
import type { DiagnosedCause, DiagnosedDetection, RankedFix } from './types.js';

/** Each later fix of a cause counts this much less than the one before. */
const FIX_POSITION_DECAY = 0.8;
const MAX_FIXES = 10;
const fixOrder = new Map<string, number>(FIX_IDS.map((f, i) => [f, i]));
const RISK_ORDER = { low: 0, medium: 1, high: 2 } as const;

/** Catalogue fixes of a detected code that no cause of that code lists: offered for the code in general. */
interface GeneralFix {
  fixId: string;
  /** Label of the code, e.g. `Error code 0x904`. */
  code: string;
  /** The code's causes, to weigh the fix by the best of them still alive. */
  causes: readonly string[];
  /** Position among the code's general fixes. */
  pos: number;
}

function generalFixes(entries: readonly CatalogEntry[], detections: readonly DiagnosedDetection[]): GeneralFix[] {
  const out: GeneralFix[] = [];
  entries.forEach((e) => {
    const covered = new Set(e.causes.flatMap((c) => fixesForCause(c)));
    const d = detections.find((x) => x.namespace === e.namespace && x.name === e.name);
    const code = d ? `${NS_LABEL[d.namespace]} ${d.hex}` : e.name;
    let pos = 0;
    for (const f of e.fixes) {
      if (covered.has(f as never) || !getFix(f)) continue;
      out.push({ fixId: f, code, causes: e.causes, pos: pos++ });
    }
  });
  return out;
}

interface Contribution {
  value: number;
  cause?: DiagnosedCause;
  general?: GeneralFix;
}

export function rankFixes(
  live: readonly DiagnosedCause[],
  causes: readonly DiagnosedCause[],
  entries: readonly CatalogEntry[],
  detections: readonly DiagnosedDetection[],
  states: ReadonlyMap<string, CauseState>,
): RankedFix[] {
  const acc = new Map<string, Contribution[]>();
  const add = (fixId: string, c: Contribution) => acc.set(fixId, [...(acc.get(fixId) ?? []), c]);
  const ruledOut = new Set(causes.filter((c) => c.ruledOut).map((c) => c.id));
  for (const cause of live) {
    fixesForCause(cause.id).forEach((fixId, pos) => {
      const needs = FIX_NEEDS_CAUSE[fixId as keyof typeof FIX_NEEDS_CAUSE];
      const penalty = needs && needs !== cause.id && ruledOut.has(needs) ? WEAKEN_FACTOR * WEAKEN_FACTOR : 1;
      add(fixId, { cause, value: cause.likelihood * FIX_POSITION_DECAY ** pos * penalty });
    });
  }
  for (const g of generalFixes(entries, detections)) {
    const best = Math.max(0, ...live.filter((c) => g.causes.includes(c.id)).map((c) => c.likelihood));
    if (best > 0) add(g.fixId, { general: g, value: best * FIX_POSITION_DECAY ** (3 + g.pos) });
  }
  const ranked = [...acc.entries()]
    .map(([fixId, contributions]) => {
      const sorted = [...contributions].sort((x, y) => y.value - x.value);
      const best = sorted[0]!;
      const rest = sorted.slice(1).reduce((t, c) => t + c.value, 0);
      const causes = union(sorted.flatMap((c) => (c.cause ? [c.cause.id] : [])));
      return { fixId, score: best.value + 0.15 * rest, best, causes };
    })
    .filter((x) => getFix(x.fixId))
    .sort((a, b) => {
      const fa = getFix(a.fixId)!;
      const fb = getFix(b.fixId)!;
      return (
        b.score - a.score ||
        RISK_ORDER[fa.risk] - RISK_ORDER[fb.risk] ||
        (fixOrder.get(a.fixId) ?? 999) - (fixOrder.get(b.fixId) ?? 999)
      );
    })
    .slice(0, MAX_FIXES);
  const prerequisiteWhy = applyPrerequisites(ranked, live);

  const codes = detections.map((d) => d.hex).join('/');
  const firstFixFor = new Map<string, string>();
  return ranked.map((r, rank) => {
    const fix = getFix(r.fixId)!;
    const { cause, general } = r.best;
    let why: string;
    const pre = prerequisiteWhy.get(fix.id);
    if (pre) {
      why = pre;
    } else if (cause) {
      why = whyLine(rank, cause, states.get(cause.id), firstFixFor.get(cause.id), codes);
    } else {
      why = `Also recommended for ${general!.code} when the causes above do not fit.`;
    }
    for (const c of r.causes) if (!firstFixFor.has(c)) firstFixFor.set(c, fix.title);
    return {
      id: fix.id,
      title: fix.title,
      why,
      causes: r.causes,
      where: fix.where,
      risk: fix.risk,
      reversible: fix.reversible,
      steps: [...fix.steps],
      commands: fix.commands.map((c) => ({ ...c })),
      source: fix.source,
    };
  });
}

/**
 * Moves a prerequisite fix right before the fix that depends on it when its cause is confirmed;
 * returns the why lines of the moved fixes.
 */
function applyPrerequisites<T extends { fixId: string }>(
  ranked: T[],
  live: readonly DiagnosedCause[],
): Map<string, string> {
  const whys = new Map<string, string>();
  for (const p of PREREQUISITES) {
    const cause = live.find((c) => c.id === p.when);
    if (cause?.level !== 'confirmed') continue;
    const from = ranked.findIndex((r) => r.fixId === p.fix);
    const to = ranked.findIndex((r) => r.fixId === p.before);
    if (from < 0 || to < 0 || from < to) continue;
    const [moved] = ranked.splice(from, 1);
    ranked.splice(to, 0, moved!);
    const evidence = cause.evidenceFor.find((e) => !e.includes(' lists it '));
    whys.set(
      p.fix,
      `${to === 0 ? 'First' : 'Before the next fix'} because ${p.why}${evidence ? ` — found by ${evidence}` : ''}.`,
    );
  }
  return whys;
}

function whyLine(
  rank: number,
  cause: DiagnosedCause,
  st: CauseState | undefined,
  earlierFix: string | undefined,
  codes: string,
): string {
  const pct = `${Math.round(cause.likelihood * 100)}%`;
  const title = lowerFirst(shortTitle(cause.title));
  const strongest = [...(st?.supports ?? [])].sort((a, b) => b.factor - a.factor)[0];
  const basis = strongest
    ? `${strongest.factor >= SEVERITY_FACTOR.warn ? 'found' : 'suggested'} by ${strongest.line.replace(/\.+$/, '')}`
    : codes
      ? `the usual cause of ${codes}; no check has confirmed it yet`
      : 'suggested by the text; no check has confirmed it yet';
  if (earlierFix) return `Next step for the same cause (${title}) if "${earlierFix}" did not help.`;
  if (rank === 0) return `First because the most likely cause (${pct}) is that ${title} — ${basis}.`;
  return `For another possible cause (${pct}): ${title} — ${basis}.`;
}

/**
 * The diagnosis engine: detections give prior causes, check findings confirm, weaken or rule them out,
 * and fixes are ranked by the causes they address. Deterministic: the same input gives the same output.
 */
import { CAUSES, getCause } from '../catalog/causes.js';
import { displayCode } from '../catalog/compact.js';
import type { CatalogEntry } from '../catalog/types.js';
import type { CheckResult, Finding } from '../protocol/results.js';
import {
  BEHIND_UNREACHABLE_FACTOR,
  CAUSE_FAMILIES,
  DECISIVE_RULE_OUT,
  FINDING_EFFECTS,
  implicitEffect,
  PASSING_CHECK_RULES_OUT,
  REACHABILITY_CAUSES,
  SEVERITY_FACTOR,
  UNREACHABLE,
  usableResults,
  WEAKEN_FACTOR,
} from './evidence.js';
import { suggestChecks } from './next-checks.js';
import { CONFIDENCE_WEIGHT, entryPriors, textPriors } from './priors.js';
import { rankFixes } from './rank-fixes.js';
import { type CauseState, NS_LABEL, type Support, union } from './state.js';
import type {
  DetectionInput,
  DiagnosedCause,
  DiagnosedDetection,
  DiagnoseInput,
  Diagnosis,
  LikelihoodLevel,
} from './types.js';

/** Prior given to a cause that no detection named but a finding supports. */
const EVIDENCE_ONLY_PRIOR = 0.05;
const AUTH_CAUSES = ['wrong-credentials', 'credssp-oracle-policy', 'credential-delegation-policy'];

const causeOrder = new Map<string, number>(CAUSES.map((c, i) => [c.id, i]));

function hexOf(code: number): string {
  return `0x${(code >>> 0).toString(16).toUpperCase()}`;
}

function describe(d: DetectionInput, entry: CatalogEntry | undefined): DiagnosedDetection {
  // Families written in decimal (AADSTS codes, RD Gateway numbers) keep their own form.
  const hex = d.hex ?? displayCode(d.namespace, d.code) ?? hexOf(d.code);
  return {
    namespace: d.namespace,
    code: d.code >>> 0,
    hex,
    name: entry?.name ?? d.name ?? null,
    summary: entry?.summary ?? `${hex} is not in the catalogue of ${NS_LABEL[d.namespace]} values.`,
    confidence: d.confidence ?? 'high',
    known: entry !== undefined,
    causes: entry ? [...entry.causes] : [],
  };
}

function labelOf(d: DiagnosedDetection, entry: CatalogEntry | undefined): string {
  if (entry?.nameOnly) return entry.name;
  return `${NS_LABEL[d.namespace]} ${d.hex}${d.name && d.name !== d.hex ? ` (${d.name})` : ''}`;
}

export function diagnose(input: DiagnoseInput): Diagnosis {
  const states = new Map<string, CauseState>();
  const state = (id: string): CauseState => {
    let s = states.get(id);
    if (!s) {
      s = {
        id,
        prior: 0,
        evidenceFor: [],
        evidenceAgainst: [],
        supports: [],
        ruledOutBy: [],
        decisive: false,
        factor: 1,
      };
      states.set(id, s);
    }
    return s;
  };

  // 1. Priors from detections (each distinct code once) and from the wording of the text.
  const detections: DiagnosedDetection[] = [];
  const entries: CatalogEntry[] = [];
  const seen = new Set<string>();
  for (const d of input.detections) {
    const key = `${d.namespace}:${d.code >>> 0}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = d.entry ?? input.lookup?.(d.namespace, d.code >>> 0);
    const dd = describe(d, entry);
    detections.push(dd);
    if (!entry) continue;
    entries.push(entry);
    for (const p of entryPriors(entry, labelOf(dd, entry), CONFIDENCE_WEIGHT[dd.confidence])) {
      const s = state(p.cause);
      s.prior += p.weight;
      s.evidenceFor.push(p.why);
    }
  }
  const text = textPriors(input.text);
  for (const p of text.priors) {
    const s = state(p.cause);
    s.prior += p.weight;
    s.evidenceFor.push(p.why);
  }

  // 2. Evidence from checks.
  const results = usableResults(input.checkResults ?? []);
  const findings: { result: CheckResult; finding: Finding }[] = [];
  for (const result of results) for (const finding of result.findings ?? []) findings.push({ result, finding });
  for (const { result, finding } of findings) {
    const effect = FINDING_EFFECTS[finding.id] ?? {};
    const supports = union(finding.supports, effect.supports);
    const rulesOut = union(finding.rulesOut, effect.rulesOut, implicitEffect(finding.id).rulesOut).filter(
      (c) => !supports.includes(c),
    );
    const line = `${result.checkId}: ${finding.summary}`;
    const factor = effect.strength ?? SEVERITY_FACTOR[finding.severity];
    for (const c of supports) {
      const s = state(c);
      s.supports.push({ factor, line, severity: finding.severity });
      s.evidenceFor.push(line);
    }
    for (const c of rulesOut) {
      const s = state(c);
      s.ruledOutBy.push(line);
      if (DECISIVE_RULE_OUT.has(finding.id) && !finding.supports.includes(c)) s.decisive = true;
    }
    for (const c of effect.weakens ?? []) {
      if (supports.includes(c) || rulesOut.includes(c)) continue;
      const s = state(c);
      s.factor *= WEAKEN_FACTOR;
      s.evidenceAgainst.push(line);
    }
  }
  for (const result of results) {
    if (result.status !== 'pass') continue;
    const supportedHere = new Set(
      (result.findings ?? []).flatMap((f) => union(f.supports, FINDING_EFFECTS[f.id]?.supports)),
    );
    for (const c of PASSING_CHECK_RULES_OUT[result.checkId] ?? []) {
      if (!supportedHere.has(c)) state(c).ruledOutBy.push(`${result.checkId} check passed: ${result.summary}`);
    }
  }

  // 3. Combined readings. The server cannot be reached now: everything behind the port waits.
  const unreachable = findings.find((x) => UNREACHABLE.has(x.finding.id) && x.finding.severity === 'fail');
  if (unreachable) {
    const line = `${unreachable.result.checkId}: ${unreachable.finding.summary.replace(/\.+$/, '')} — the server must be reachable before anything behind the port can be checked or fixed`;
    for (const s of states.values()) {
      if ((REACHABILITY_CAUSES as readonly string[]).includes(s.id) || s.supports.length > 0) continue;
      s.factor *= BEHIND_UNREACHABLE_FACTOR;
      s.evidenceAgainst.push(line);
    }
  }
  // NLA required + an authentication failure → the failure is inside CredSSP/NLA.
  const nla = findings.find((f) => f.finding.id === 'nla-required');
  const authError = text.authError || entries.some((e) => e.causes.slice(0, 2).some((c) => AUTH_CAUSES.includes(c)));
  if (nla && authError) {
    const line = `${nla.result.checkId}: the server requires NLA and the client reported an authentication failure, so it fails inside CredSSP (credentials or CredSSP policy)`;
    for (const c of AUTH_CAUSES) {
      const s = state(c);
      if (s.prior === 0) s.prior = 0.3;
      s.supports.push({ factor: 3, line, severity: 'info' });
      s.evidenceFor.push(line);
    }
    const s = state('nla-required');
    s.factor *= WEAKEN_FACTOR;
    s.evidenceAgainst.push(`${nla.result.checkId}: the client did attempt NLA (it reported an authentication failure)`);
  }

  // 4. Scores, likelihoods and levels.
  const namedPrior = new Map([...states.values()].map((s) => [s.id, s.prior]));
  const scored = [...states.values()].map((s) => {
    const supported = s.supports.length > 0;
    const ruledOut = s.decisive || (s.ruledOutBy.length > 0 && !supported);
    if (s.ruledOutBy.length > 0) s.evidenceAgainst.push(...s.ruledOutBy);
    const prior = s.prior > 0 ? s.prior : supported ? borrowedPrior(s, namedPrior) : 0;
    const score = ruledOut ? 0 : prior * s.factor * s.supports.reduce((f, x) => f * x.factor, 1);
    return { s, score, ruledOut };
  });
  const total = scored.reduce((t, x) => t + x.score, 0);
  const causes: DiagnosedCause[] = scored
    .filter((x) => x.s.prior > 0 || x.s.supports.length > 0 || x.s.evidenceAgainst.length > 0)
    .sort(
      (a, b) =>
        Number(a.ruledOut) - Number(b.ruledOut) ||
        b.score - a.score ||
        (causeOrder.get(a.s.id) ?? 999) - (causeOrder.get(b.s.id) ?? 999),
    )
    .map(({ s, score, ruledOut }) => {
      const likelihood = total > 0 ? Math.round((score / total) * 1000) / 1000 : 0;
      return {
        id: s.id,
        title: getCause(s.id)?.title ?? s.id,
        likelihood,
        level: levelOf(likelihood, ruledOut, s.supports),
        evidenceFor: union(s.evidenceFor),
        evidenceAgainst: union(s.evidenceAgainst),
        ruledOut,
      };
    });

  const live = causes.filter((c) => !c.ruledOut && c.likelihood > 0);
  const fixes = rankFixes(live, causes, entries, detections, states);
  const ran = new Set(results.map((r) => r.checkId));
  const top = live[0];
  const decided = top !== undefined && top.level === 'confirmed' && top.likelihood >= 0.6;
  return {
    detections,
    causes,
    fixes,
    nextChecks: decided ? [] : suggestChecks(live, ran),
    checks: (input.checkResults ?? []).map((r) => ({ checkId: r.checkId, status: r.status, summary: r.summary })),
    generatedAt: (input.now ?? new Date(0)).toISOString(),
  };
}

/** Prior of a cause only findings name: half its family's strongest named prior after a failing finding, else small. */
function borrowedPrior(s: CauseState, named: ReadonlyMap<string, number>): number {
  if (!s.supports.some((x) => x.severity === 'fail')) return EVIDENCE_ONLY_PRIOR;
  const family = CAUSE_FAMILIES.find((f) => (f as readonly string[]).includes(s.id)) ?? [];
  const best = Math.max(0, ...family.map((c) => named.get(c) ?? 0));
  if (best * 0.5 <= EVIDENCE_ONLY_PRIOR) return EVIDENCE_ONLY_PRIOR;
  const sibling = family.find((c) => named.get(c) === best);
  s.evidenceFor.push(`Related to ${getCause(sibling ?? '')?.title ?? sibling}, which the code points at`);
  return best * 0.5;
}

function levelOf(likelihood: number, ruledOut: boolean, supports: readonly Support[]): LikelihoodLevel {
  if (ruledOut) return 'ruled-out';
  if (supports.some((s) => s.severity !== 'info' && s.factor >= SEVERITY_FACTOR.warn) && likelihood >= 0.25) {
    return 'confirmed';
  }
  if (likelihood >= 0.3) return 'likely';
  if (likelihood >= 0.08) return 'possible';
  return 'unlikely';
}

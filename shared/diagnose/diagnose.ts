/**
 * The diagnosis engine: detections give prior causes, typed facts (from checks and from the text's
 * wording) confirm, fit or rule them out, and fixes are ranked by the causes they serve and whether
 * they fit the case. It reasons over typed facts only, never over prose. Deterministic.
 */
import { CAUSES, EXCLUSIVE_CAUSES, getCause } from '../catalog/causes.js';
import { displayCode, formatHex } from '../catalog/compact.js';
import { codeHeading, unknownCodeSentence } from '../catalog/namespaces.js';
import type { CatalogEntry } from '../catalog/types.js';
import { textFacts } from '../detect/facts.js';
import { wordingOf } from '../detect/wording.js';
import { caseContext } from './context.js';
import {
  BEHIND_UNREACHABLE_FACTOR,
  CAUSE_FAMILIES,
  CONFIRM_FACTOR,
  effectOf,
  REACHABILITY_CAUSES,
  SEVERITY_FACTOR,
  UNREACHABLE,
  WEAKEN_FACTOR,
} from './evidence.js';
import { type Fact, factsOf, findingFacts } from './facts.js';
import { suggestChecks } from './next-checks.js';
import { CONFIDENCE_WEIGHT, entryPriors, WORDING_CAUSES } from './priors.js';
import { rankFixes } from './rank-fixes.js';
import { type CauseState, union } from './state.js';
import type {
  CauseStateName,
  DetectionInput,
  DiagnosedCause,
  DiagnosedDetection,
  DiagnoseInput,
  Diagnosis,
} from './types.js';
import { verdictOf } from './verdict.js';

/** Prior given to a cause that no detection named but a fact supports. */
const EVIDENCE_ONLY_PRIOR = 0.05;
/** Largest odds multiplier of a cause the reported error does not point at. */
const SIDE_FACTOR_CAP = 3;
const AUTH_CAUSES = ['wrong-credentials', 'credssp-oracle-policy', 'credential-delegation-policy'];
/** Confirmed causes the reported error points at come first; a confirmed side finding ranks by its score. */
function orderOf(st: CauseStateName, related: boolean): number {
  if (st === 'ruled-out') return 2;
  return st === 'confirmed' && related ? 0 : 1;
}

const causeOrder = new Map<string, number>(CAUSES.map((c, i) => [c.id, i]));

function describe(d: DetectionInput, entry: CatalogEntry | undefined): DiagnosedDetection {
  // Families written in decimal (AADSTS codes, RD Gateway numbers) keep their own form.
  const hex =
    (d.hex === null ? undefined : displayCode(d.namespace, d.code)) ??
    d.hex ??
    displayCode(d.namespace, d.code) ??
    formatHex(d.code);
  return {
    namespace: d.namespace,
    code: d.code >>> 0,
    hex,
    name: entry?.name ?? d.name ?? null,
    summary: entry?.summary ?? unknownCodeSentence(d.namespace, d.code),
    confidence: d.confidence ?? 'high',
    known: entry !== undefined,
    causes: entry ? [...entry.causes] : [],
  };
}

function labelOf(d: DiagnosedDetection, entry: CatalogEntry | undefined): string {
  return codeHeading(d.namespace, entry?.nameOnly ? null : d.hex, d.name);
}

function newState(id: string): CauseState {
  return {
    id,
    prior: 0,
    priorWhy: [],
    confirmedBy: [],
    fitBy: [],
    ruledOutBy: [],
    against: [],
    decisive: false,
    factor: 1,
  };
}

/** The causes met so far, each created on first mention (in that order). */
class CauseTable {
  private readonly states = new Map<string, CauseState>();
  get(id: string): CauseState {
    const known = this.states.get(id);
    if (known) return known;
    const s = newState(id);
    this.states.set(id, s);
    return s;
  }
  all(): CauseState[] {
    return [...this.states.values()];
  }
}

export function diagnose(input: DiagnoseInput): Diagnosis {
  const table = new CauseTable();
  // 1. Priors from detections (each distinct code once) and from the wording of the text.
  const { detections, entries } = priorsOfDetections(input, table);
  const wording = priorsOfWording(input.text, table);
  const authError =
    wording.some((w) => WORDING_CAUSES[w.id].authError === true) ||
    entries.some((e) => e.causes.slice(0, 2).some((c) => AUTH_CAUSES.includes(c)));
  // 2. Typed facts and what each means for causes; 3. combined readings.
  const facts = factsOf(input.checkResults ?? [], wording, textFacts(input.text ?? ''));
  applyFacts(facts, table);
  applyNlaWithAuthError(facts, authError, table);
  // 4. States; 5. while the server cannot be reached, everything behind the failing step waits.
  const stateOf = statesOf(table);
  const blockedBy = holdBehindUnreachable(facts, stateOf, table);
  // 6. Scores, likelihoods and order; then the fixes.
  const nothingNamed = entries.length === 0 && wording.length === 0;
  const causes = rankCauses(table, stateOf, blockedBy, facts, nothingNamed);
  const live = causes.filter((c) => !c.ruledOut && c.likelihood > 0);
  const ctx = caseContext(
    facts,
    entries,
    detections.map((d) => d.namespace),
    input.clientPlatform,
  );
  const { fixes, otherFixes } = rankFixes({ live, causes, entries, detections, facts, ctx });
  const ran = new Set(
    (input.checkResults ?? []).filter((r) => r.status !== 'skipped' && r.status !== 'error').map((r) => r.checkId),
  );
  const top = live[0];
  return {
    verdict: verdictOf(live, facts, detections, ran.size > 0),
    detections,
    causes,
    fixes,
    otherFixes,
    nextChecks: top?.state === 'confirmed' ? [] : suggestChecks(live, ran),
    checks: (input.checkResults ?? []).map((r) => ({ checkId: r.checkId, status: r.status, summary: r.summary })),
    generatedAt: (input.now ?? new Date(0)).toISOString(),
  };
}

/** Each distinct code once: its description, and its catalogue causes as priors (a superseded code adds none). */
function priorsOfDetections(
  input: DiagnoseInput,
  table: CauseTable,
): { detections: DiagnosedDetection[]; entries: CatalogEntry[] } {
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
    if (!entry || d.superseded) continue;
    entries.push(entry);
    for (const p of entryPriors(entry, labelOf(dd, entry), CONFIDENCE_WEIGHT[dd.confidence])) {
      const s = table.get(p.cause);
      s.prior += p.weight;
      s.priorWhy.push(p.why);
    }
  }
  return { detections, entries };
}

/** The wording of the text ("the credentials did not work") as priors; returns what it found. */
function priorsOfWording(text: string | undefined, table: CauseTable): ReturnType<typeof wordingOf> {
  const wording = wordingOf(text);
  for (const w of wording) {
    for (const [cause, weight] of WORDING_CAUSES[w.id].causes) {
      const s = table.get(cause);
      s.prior += weight;
      s.priorWhy.push(`The text mentions ${w.label}`);
    }
  }
  return wording;
}

/** What each typed fact means for causes: confirms, fits, rules out or weakens. */
function applyFacts(facts: readonly Fact[], table: CauseTable): void {
  for (const fact of facts) {
    if (fact.key === 'text.says') continue;
    const effect = effectOf(fact, facts);
    const severity = fact.key === 'finding' ? fact.severity : fact.key === 'text.finding' ? 'warn' : 'info';
    for (const c of effect.confirms ?? []) {
      const s = table.get(c);
      if (fact.source === 'text') {
        // What the text states is consistent with the cause; only a check confirms it.
        s.fitBy.push(fact.line);
        s.factor *= SEVERITY_FACTOR.fail;
        continue;
      }
      s.confirmedBy.push(fact.line);
      s.factor *= CONFIRM_FACTOR;
    }
    for (const c of effect.fits ?? []) {
      if (effect.confirms?.includes(c)) continue;
      const s = table.get(c);
      s.fitBy.push(fact.line);
      s.factor *= effect.strengthOf?.[c] ?? effect.strength ?? SEVERITY_FACTOR[severity];
    }
    for (const c of effect.rulesOut ?? []) {
      const s = table.get(c);
      s.ruledOutBy.push(fact.line);
      if (effect.decisive && fact.source === 'check') s.decisive = true;
    }
    for (const c of effect.weakens ?? []) {
      const s = table.get(c);
      s.factor *= WEAKEN_FACTOR;
      s.against.push(fact.line);
    }
  }
}

/** NLA required + an authentication failure → the failure is inside CredSSP (credentials or policy). */
function applyNlaWithAuthError(facts: readonly Fact[], authError: boolean, table: CauseTable): void {
  const nla = findingFacts(facts).find((f) => f.value === 'nla-required');
  if (!nla || !authError) return;
  const line = `${nla.line} — and the client reported an authentication failure, so it fails inside CredSSP`;
  for (const c of AUTH_CAUSES) {
    const s = table.get(c);
    if (s.prior === 0) s.prior = 0.3;
    s.fitBy.push(line);
    s.factor *= 3;
  }
  const s = table.get('nla-required');
  s.factor *= WEAKEN_FACTOR;
  s.against.push(`${nla.checkId}: the client did attempt NLA (it reported an authentication failure)`);
}

/** Each cause's state, with mutually exclusive causes never both confirmed. */
function statesOf(table: CauseTable): Map<string, CauseStateName> {
  const stateOf = new Map<string, CauseStateName>();
  for (const s of table.all()) {
    let st: CauseStateName;
    if (s.decisive) st = 'ruled-out';
    else if (s.confirmedBy.length > 0) st = 'confirmed';
    else if (s.ruledOutBy.length > 0 && s.fitBy.length === 0) st = 'ruled-out';
    else if (s.fitBy.length > 0) st = 'consistent';
    else st = 'not-checked';
    stateOf.set(s.id, st);
  }
  for (const group of EXCLUSIVE_CAUSES) {
    const both = group.filter((c) => stateOf.get(c) === 'confirmed');
    if (both.length < 2) continue;
    for (const c of both) {
      stateOf.set(c, 'consistent');
      const s = table.get(c);
      s.fitBy.unshift(...s.confirmedBy);
      const others = both.filter((o) => o !== c).map((o) => getCause(o)?.title ?? o);
      s.against.push(`The facts also point at "${others.join('", "')}", which cannot hold together with it`);
    }
  }
  return stateOf;
}

/** While the server cannot be reached, the causes behind the failing step wait: cause id → why. */
function holdBehindUnreachable(
  facts: readonly Fact[],
  stateOf: ReadonlyMap<string, CauseStateName>,
  table: CauseTable,
): Map<string, string> {
  const blocked = blockedCauses(facts, stateOf);
  const blockedBy = new Map<string, string>();
  if (!blocked) return blockedBy;
  for (const s of table.all()) {
    if (!blocked.behind(s.id) || stateOf.get(s.id) === 'confirmed' || s.fitBy.length > 0) continue;
    s.factor *= BEHIND_UNREACHABLE_FACTOR;
    s.against.push(blocked.line);
    blockedBy.set(s.id, blocked.line);
  }
  return blockedBy;
}

/** Scores, likelihoods and order of the causes, each with its basis and the evidence for and against. */
function rankCauses(
  table: CauseTable,
  stateOf: ReadonlyMap<string, CauseStateName>,
  blockedBy: ReadonlyMap<string, string>,
  facts: readonly Fact[],
  nothingNamed: boolean,
): DiagnosedCause[] {
  const states = table.all();
  const namedPrior = new Map(states.map((s) => [s.id, s.prior]));
  const scored = states.map((s) => {
    const st = stateOf.get(s.id)!;
    const supported = s.confirmedBy.length + s.fitBy.length > 0;
    const borrowed = s.prior > 0 || !supported ? 0 : borrowedPrior(s, namedPrior, facts);
    const prior = s.prior > 0 ? s.prior : borrowed;
    // The reported error points at it (its code, its wording or a sibling cause), or nothing was reported.
    // A confirmed failure on the way to the listener (no name, no route, another service) explains any connection error.
    const onTheWay =
      (st === 'confirmed' || st === 'consistent') && (REACHABILITY_CAUSES as readonly string[]).includes(s.id);
    const related = s.prior > 0 || nothingNamed || borrowed > EVIDENCE_ONLY_PRIOR || onTheWay;
    // A true side finding (a name mismatch behind a wrong password) is shown, but does not crowd out the error's causes.
    const factor = related ? s.factor : Math.min(s.factor, SIDE_FACTOR_CAP);
    const score = st === 'ruled-out' ? 0 : prior * factor;
    return { s, st, score, related };
  });
  const total = scored.reduce((t, x) => t + x.score, 0);
  return scored
    .filter((x) => x.s.prior > 0 || x.s.confirmedBy.length + x.s.fitBy.length + x.s.ruledOutBy.length > 0)
    .sort(
      (a, b) =>
        orderOf(a.st, a.related) - orderOf(b.st, b.related) ||
        b.score - a.score ||
        (causeOrder.get(a.s.id) ?? 999) - (causeOrder.get(b.s.id) ?? 999),
    )
    .map(({ s, st, score, related }) => {
      const basis =
        st === 'confirmed' ? s.confirmedBy : st === 'consistent' ? [...s.fitBy, ...s.confirmedBy] : s.priorWhy;
      return {
        id: s.id,
        title: getCause(s.id)?.title ?? s.id,
        likelihood: total > 0 && st !== 'ruled-out' ? Math.round((score / total) * 1000) / 1000 : 0,
        state: st,
        level: st,
        related,
        ...(blockedBy.has(s.id) ? { blockedBy: blockedBy.get(s.id)! } : {}),
        basis: union(basis),
        evidenceFor: union(s.confirmedBy, s.fitBy, s.priorWhy),
        evidenceAgainst: union(
          st === 'ruled-out' ? s.ruledOutBy : [],
          s.against,
          st === 'ruled-out' ? [] : s.ruledOutBy,
        ),
        ruledOut: st === 'ruled-out',
      };
    });
}

/** The step the connection fails at when it is unreachable, and which causes sit behind it. */
function blockedCauses(
  facts: readonly Fact[],
  stateOf: ReadonlyMap<string, CauseStateName>,
): { behind: (cause: string) => boolean; line: string } | undefined {
  if (stateOf.get('dns-failure') === 'confirmed') {
    return {
      behind: (c) => c !== 'dns-failure',
      line: 'The name does not resolve: nothing behind it can be checked or fixed until it does',
    };
  }
  if (stateOf.get('not-rdp-service') === 'confirmed') {
    return {
      behind: (c) => c !== 'not-rdp-service',
      line: 'Something other than Remote Desktop answers on this port: nothing of RDP can be checked there',
    };
  }
  const answer = facts.find((f) => f.key === 'negotiation.answer');
  if (answer?.key === 'negotiation.answer' && (answer.value === 'silent' || answer.value === 'disconnected')) {
    return {
      behind: (c) => !(REACHABILITY_CAUSES as readonly string[]).includes(c),
      line: `${answer.line}: nothing behind the listener (certificate, TLS, NLA) could be checked`,
    };
  }
  const failing = findingFacts(facts).find((f) => UNREACHABLE.has(f.value) && f.severity === 'fail');
  if (!failing) return undefined;
  return {
    behind: (c) => !(REACHABILITY_CAUSES as readonly string[]).includes(c),
    line: `${failing.line} — the server must be reachable before anything behind the port can be checked or fixed`,
  };
}

/** Prior of a cause only facts name: half its family's strongest named prior after a failing finding, else small. */
function borrowedPrior(s: CauseState, named: ReadonlyMap<string, number>, facts: readonly Fact[]): number {
  const failing = findingFacts(facts).some((f) => f.severity === 'fail');
  if (!failing && s.confirmedBy.length === 0) return EVIDENCE_ONLY_PRIOR;
  const family = CAUSE_FAMILIES.find((f) => (f as readonly string[]).includes(s.id)) ?? [];
  const best = Math.max(0, ...family.map((c) => named.get(c) ?? 0));
  return Math.max(EVIDENCE_ONLY_PRIOR, best * 0.5);
}

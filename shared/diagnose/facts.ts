/**
 * Typed facts: what the checks established and what the text states, as keyed values. The diagnosis
 * reasons over these only; the `line` of a fact is for people and is never read back.
 * A fact from a check carries `source: 'check'` and its check id; one the text states carries
 * `source: 'text'` (message wording today, catalogue-stated facts later).
 */
import type { TextFact as StatedFact } from '../detect/facts.js';
import type { WordingFact, WordingId } from '../detect/wording.js';
import { readEvidence } from '../protocol/evidence.js';
import type { CheckResult, FindingId, Severity } from '../protocol/results.js';

interface FromCheck {
  source: 'check';
  checkId: string;
  /** One line for people (the check's own summary of it). */
  line: string;
}

/** What the server did with the security negotiation. */
export type NegotiationAnswer = 'rdp' | 'silent' | 'not-rdp' | 'disconnected';

export type CheckFact = FromCheck &
  (
    | { key: 'finding'; value: FindingId; severity: Severity }
    | { key: 'check.passed'; value: string }
    | { key: 'negotiation.answer'; value: NegotiationAnswer }
    | { key: 'negotiation.requirement'; value: string }
    | { key: 'cert.seen'; value: true }
    | { key: 'cert.notAfter'; value: string; daysLeft: number | undefined }
    | { key: 'cert.notBefore'; value: string }
    | { key: 'cert.nameMatches'; value: boolean; commonName: string | undefined; typedName: string | undefined }
    | { key: 'cert.trusted'; value: boolean }
    | { key: 'cert.keyBits'; value: number }
    | { key: 'ntlm.skewMs'; value: number }
    | { key: 'target.host'; value: string }
  );

export type TextFact =
  | { source: 'text'; key: 'text.says'; value: WordingId; line: string }
  /** A fact the text states in the checks' vocabulary ("certificate has expired" in a FreeRDP log). */
  | { source: 'text'; key: 'text.finding'; value: FindingId; line: string };

export type Fact = CheckFact | TextFact;

/** Checks whose skipped / errored results say nothing. */
function usable(r: CheckResult): boolean {
  return r.status !== 'skipped' && r.status !== 'error';
}

function answerOf(verdicts: readonly string[]): NegotiationAnswer | undefined {
  if (verdicts.length === 0) return undefined;
  if (verdicts.some((v) => v === 'accepted' || v === 'downgraded' || v === 'refused' || v === 'legacy')) return 'rdp';
  if (verdicts.some((v) => v === 'not-rdp')) return 'not-rdp';
  if (verdicts.every((v) => v === 'no-answer')) return 'silent';
  if (verdicts.every((v) => v === 'disconnected' || v === 'no-answer')) return 'disconnected';
  return undefined;
}

const ANSWER_LINE: Record<NegotiationAnswer, string> = {
  rdp: 'the server answered the RDP security negotiation',
  silent: 'the port accepts TCP connections but never answered the RDP negotiation',
  'not-rdp': 'the port answered with something that is not RDP',
  disconnected: 'the server closed every connection without answering the RDP negotiation',
};

/** Facts a check's typed evidence establishes beyond its findings. */
function evidenceFacts(r: CheckResult): CheckFact[] {
  const t = readEvidence(r);
  if (!t) return [];
  const at = { source: 'check', checkId: r.checkId } as const;
  const out: CheckFact[] = [];
  switch (t.checkId) {
    case 'reachability':
      if (t.evidence.host) out.push({ ...at, key: 'target.host', value: t.evidence.host, line: t.evidence.host });
      break;
    case 'negotiation': {
      const answer = answerOf(t.evidence.matrix.map((m) => m.verdict));
      if (answer)
        out.push({ ...at, key: 'negotiation.answer', value: answer, line: `${r.checkId}: ${ANSWER_LINE[answer]}` });
      if (t.evidence.requirement)
        out.push({
          ...at,
          key: 'negotiation.requirement',
          value: t.evidence.requirement,
          line: `${r.checkId}: ${r.summary}`,
        });
      break;
    }
    case 'certificate': {
      const leaf = t.evidence.leaf;
      if (!leaf) break;
      const line = `${r.checkId}: ${r.summary}`;
      out.push({
        ...at,
        key: 'cert.seen',
        value: true,
        line: `${r.checkId}: the server completed a TLS handshake and presented its certificate${leaf.subject ? ` (${leaf.subject})` : ''}`,
      });
      if (leaf.notAfter) out.push({ ...at, key: 'cert.notAfter', value: leaf.notAfter, daysLeft: leaf.daysLeft, line });
      if (leaf.notBefore) out.push({ ...at, key: 'cert.notBefore', value: leaf.notBefore, line });
      if (leaf.nameMatches !== undefined)
        out.push({
          ...at,
          key: 'cert.nameMatches',
          value: leaf.nameMatches,
          commonName: leaf.commonName,
          typedName: t.evidence.typedName,
          line,
        });
      if (t.evidence.tls?.trusted !== undefined)
        out.push({ ...at, key: 'cert.trusted', value: t.evidence.tls.trusted, line });
      if (leaf.keyBits !== undefined) out.push({ ...at, key: 'cert.keyBits', value: leaf.keyBits, line });
      break;
    }
    case 'ntlm-info':
      if (t.evidence.skewMs !== undefined)
        out.push({ ...at, key: 'ntlm.skewMs', value: t.evidence.skewMs, line: `${r.checkId}: ${r.summary}` });
      break;
  }
  return out;
}

/** Every typed fact of the check results and the text's wording, in result order. */
export function factsOf(
  results: readonly CheckResult[],
  wording: readonly WordingFact[] = [],
  stated: readonly StatedFact[] = [],
): Fact[] {
  const facts: Fact[] = [];
  for (const r of results) {
    if (!usable(r)) continue;
    for (const f of r.findings ?? []) {
      facts.push({
        source: 'check',
        checkId: r.checkId,
        key: 'finding',
        value: f.id,
        severity: f.severity,
        line: `${r.checkId}: ${f.summary}`,
      });
    }
    if (r.status === 'pass')
      facts.push({
        source: 'check',
        checkId: r.checkId,
        key: 'check.passed',
        value: r.checkId,
        line: `${r.checkId} check passed: ${r.summary}`,
      });
    facts.push(...evidenceFacts(r));
  }
  for (const w of wording)
    facts.push({ source: 'text', key: 'text.says', value: w.id, line: `The text mentions ${w.label}` });
  const seen = new Set<string>();
  for (const t of stated) {
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    facts.push({ source: 'text', key: 'text.finding', value: t.id, line: `The text says "${t.quote}"` });
  }
  return facts;
}

/** The findings among the facts. */
export function findingFacts(facts: readonly Fact[]): Extract<Fact, { key: 'finding' }>[] {
  return facts.filter((f): f is Extract<Fact, { key: 'finding' }> => f.key === 'finding');
}

export function hasFinding(facts: readonly Fact[], id: FindingId): boolean {
  return facts.some((f) => f.key === 'finding' && f.value === id);
}

export function factOf<K extends Fact['key']>(facts: readonly Fact[], key: K): Extract<Fact, { key: K }> | undefined {
  return facts.find((f): f is Extract<Fact, { key: K }> => f.key === key);
}

export function textSays(facts: readonly Fact[], id: WordingId): boolean {
  return facts.some((f) => f.key === 'text.says' && f.value === id);
}

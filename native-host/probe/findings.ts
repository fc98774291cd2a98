/** Small helpers shared by the probe checks for building findings and results. */
import type { CauseId } from '../../shared/catalog/causes.js';
import { clientImpact } from '../../shared/catalog/client-impact.js';
import type {
  CheckResult,
  CheckStatus,
  ClientImpact,
  Finding,
  FindingId,
  Severity,
} from '../../shared/protocol/results.js';

/**
 * A probe finding. Certificate and protocol findings carry the clients they affect (from
 * `shared/catalog/client-impact.ts`, or `clients` when the caller picks a variant).
 */
export function finding(
  id: FindingId,
  severity: Severity,
  summary: string,
  supports: CauseId[] = [],
  rulesOut: CauseId[] = [],
  clients: ClientImpact[] | undefined = clientImpact(id),
): Finding {
  return clients
    ? { id, severity, summary, supports, rulesOut, clients }
    : { id, severity, summary, supports, rulesOut };
}

const RANK: Record<Severity, number> = { fail: 0, warn: 1, info: 2 };

/** Orders findings fail → warn → info, keeping the order within a severity. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

/** The status a set of findings implies: any fail → fail, any warn → warn, else pass. */
export function statusOf(findings: Finding[]): CheckStatus {
  if (findings.some((f) => f.severity === 'fail')) return 'fail';
  if (findings.some((f) => f.severity === 'warn')) return 'warn';
  return 'pass';
}

/** A `skipped` result; pass the check's start time (performance.now()) to record how long it took to find out. */
export function skipped(
  checkId: string,
  reason: string,
  evidence: Record<string, unknown> = {},
  t0?: number,
): CheckResult {
  return {
    checkId,
    status: 'skipped',
    summary: reason,
    reason,
    evidence,
    findings: [],
    durationMs: t0 === undefined ? 0 : since(t0),
  };
}

export function since(t0: number): number {
  return Math.round(performance.now() - t0);
}

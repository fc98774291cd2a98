/**
 * The one builder of check results and findings, for network and local checks alike, so every
 * result has the same shape: the status follows from the findings, a skip says why, the duration
 * is measured on one clock (`performance.now()`, taken when the check starts). Local checks are
 * declared with `localCheck()` (`local-check.ts`), which adds the platform guard.
 */
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
 * A finding. Certificate and protocol findings carry the clients they affect (from
 * `shared/catalog/client-impact.ts`, or `clients` when the caller picks a variant).
 */
export function finding(
  id: FindingId,
  severity: Severity,
  summary: string,
  supports: readonly CauseId[] = [],
  rulesOut: readonly CauseId[] = [],
  clients: ClientImpact[] | undefined = clientImpact(id),
): Finding {
  const f = { id, severity, summary, supports: [...supports], rulesOut: [...rulesOut] };
  return clients ? { ...f, clients } : f;
}

const RANK: Record<Severity, number> = { fail: 0, warn: 1, info: 2 };

/** Orders findings fail → warn → info, keeping the order within a severity. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

/** The status that findings imply: any `fail` → fail, any `warn` → warn, else pass. */
export function statusOf(findings: readonly Finding[]): CheckStatus {
  if (findings.some((f) => f.severity === 'fail')) return 'fail';
  if (findings.some((f) => f.severity === 'warn')) return 'warn';
  return 'pass';
}

/** The time a check starts, for {@link since}, {@link result} and {@link skipped}. */
export function startClock(): number {
  return performance.now();
}

/** Whole milliseconds since `started` ({@link startClock}). */
export function since(started: number): number {
  return Math.max(0, Math.round(performance.now() - started));
}

export function result(
  checkId: string,
  started: number,
  parts: { status?: CheckStatus; summary: string; evidence?: Record<string, unknown>; findings?: Finding[] },
): CheckResult {
  const findings = parts.findings ?? [];
  return {
    checkId,
    status: parts.status ?? statusOf(findings),
    summary: parts.summary,
    evidence: parts.evidence ?? {},
    findings,
    durationMs: since(started),
  };
}

/** A `skipped` result: the summary is "Skipped: " and the reason. */
export function skipped(
  checkId: string,
  started: number,
  reason: string,
  evidence: Record<string, unknown> = {},
): CheckResult {
  return { ...result(checkId, started, { status: 'skipped', summary: `Skipped: ${reason}`, evidence }), reason };
}

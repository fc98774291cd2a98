/** Small builders shared by the local checks, so every result has the same shape. */
import type { CauseId } from '../../shared/catalog/causes.js';
import type { CheckResult, CheckStatus, Finding, FindingId, Severity } from '../../shared/protocol/results.js';
import { commandLine, type ExecResult } from '../checks/exec.js';
import type { Check } from '../checks/types.js';
import { platformName, platformsText } from './deps.js';

export function finding(
  id: FindingId,
  severity: Severity,
  summary: string,
  supports: readonly CauseId[] = [],
  rulesOut: readonly CauseId[] = [],
): Finding {
  return { id, severity, summary, supports: [...supports], rulesOut: [...rulesOut] };
}

/** The status that findings imply: any `fail` → fail, any `warn` → warn, else pass. */
export function statusOf(findings: readonly Finding[]): CheckStatus {
  if (findings.some((f) => f.severity === 'fail')) return 'fail';
  if (findings.some((f) => f.severity === 'warn')) return 'warn';
  return 'pass';
}

export function result(
  checkId: string,
  startedAt: number,
  parts: { status?: CheckStatus; summary: string; evidence?: Record<string, unknown>; findings?: Finding[] },
): CheckResult {
  const findings = parts.findings ?? [];
  return {
    checkId,
    status: parts.status ?? statusOf(findings),
    summary: parts.summary,
    evidence: parts.evidence ?? {},
    findings,
    durationMs: Math.max(0, Date.now() - startedAt),
  };
}

export function skipped(
  checkId: string,
  startedAt: number,
  reason: string,
  evidence: Record<string, unknown> = {},
): CheckResult {
  return { ...result(checkId, startedAt, { status: 'skipped', summary: `Skipped: ${reason}`, evidence }), reason };
}

/** `skipped` because the check does not apply to this OS. */
export function wrongPlatform(check: Pick<Check, 'id' | 'platforms'>, platform: string, startedAt: number) {
  return skipped(
    check.id,
    startedAt,
    `this check ${platformsText(check.platforms)}; this machine runs ${platformName(platform)}`,
  );
}

/** Why a command did not give usable output, in one sentence naming the command. */
export function execProblem(r: ExecResult, purpose: string): string {
  const cmd = commandLine(r.command, r.args);
  switch (r.outcome) {
    case 'not-found':
      return `the command "${r.command}" was not found on this machine; it is needed to ${purpose}`;
    case 'timeout':
      return `"${cmd}" ${r.message ?? 'timed out'}; it is needed to ${purpose}`;
    case 'aborted':
      return 'the check was cancelled';
    case 'too-large':
      return `"${cmd}" printed more output than the helper accepts (${r.message ?? 'too large'})`;
    case 'spawn-failed':
      return `"${cmd}" could not be started (${r.message ?? 'unknown error'}); it is needed to ${purpose}`;
    default: {
      const text = firstLine(r.stderr) || firstLine(r.stdout) || 'no output';
      return `"${cmd}" exited with status ${r.exitCode}: ${text}`;
    }
  }
}

export function firstLine(s: string): string {
  return (
    s
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? ''
  );
}

/** Raw command output kept as evidence, trimmed to a readable size. */
export function rawEvidence(r: ExecResult, max = 4000): Record<string, unknown> {
  const cut = (s: string) => (s.length > max ? `${s.slice(0, max)}…` : s);
  return {
    command: commandLine(r.command, r.args),
    outcome: r.outcome,
    exitCode: r.exitCode,
    ...(r.stdout ? { stdout: cut(r.stdout) } : {}),
    ...(r.stderr ? { stderr: cut(r.stderr) } : {}),
  };
}

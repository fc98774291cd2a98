/**
 * The fleet options of `rdp-doctor check`: `--policy`, `--explain-grade`, `--nagios` and its
 * thresholds — parsing, the extra report lines, and the Nagios plugin run (which always ends with
 * one status line and a plugin exit code, whatever happens).
 */
import { safeBlock, safeText } from '../../shared/protocol/safe-text.js';
import type { Target } from '../../shared/protocol/target.js';
import type { ProbeReport } from '../engines/probe.js';
import { runProbe } from '../engines/probe.js';
import { type GradeResult, gradeOf } from '../fleet/grade.js';
import { loadPolicy } from '../fleet/load.js';
import { NAGIOS, nagiosResult, nagiosText } from '../fleet/nagios.js';
import { evaluatePolicy, type Policy, type PolicyResult } from '../fleet/policy.js';
import { type Posture, postureOf } from '../fleet/posture.js';
import type { CommandIO } from './types.js';

export interface FleetCheckOptions {
  policy: string | undefined;
  explainGrade: boolean;
  nagios: boolean;
  warningDays: number;
  criticalDays: number;
}

export function defaultFleetCheckOptions(): FleetCheckOptions {
  return { policy: undefined, explainGrade: false, nagios: false, warningDays: 30, criticalDays: 7 };
}

/** Reads one fleet option at argv[i]: how many arguments it used (0 = not a fleet option), or an error. */
export function parseFleetCheckOption(
  argv: readonly string[],
  i: number,
  o: FleetCheckOptions,
): { used: number; error?: string } {
  const a = argv[i] ?? '';
  const [flag, inline] =
    a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
  const value = inline ?? argv[i + 1];
  const used = inline === undefined ? 2 : 1;
  switch (flag) {
    case '--explain-grade':
      o.explainGrade = true;
      return { used: 1 };
    case '--nagios':
      o.nagios = true;
      return { used: 1 };
    case '--policy':
      if (!value) return { used: 0, error: '--policy needs a file or a built-in name (cis, stig, recommended)' };
      o.policy = value;
      return { used };
    case '--warning-days':
    case '--critical-days': {
      if (value === undefined || !/^\d{1,4}$/.test(value))
        return { used: 0, error: `${flag} takes whole days, 0–9999` };
      if (flag === '--warning-days') o.warningDays = Number(value);
      else o.criticalDays = Number(value);
      return { used };
    }
    default:
      return { used: 0 };
  }
}

/** Loads the policy named by --policy; prints the error and returns null when it cannot. */
export async function loadFleetPolicy(o: FleetCheckOptions, io: CommandIO): Promise<Policy | undefined | null> {
  if (!o.policy) return undefined;
  try {
    return await loadPolicy(o.policy);
  } catch (e) {
    io.stderr.write(`rdp-doctor check: ${(e as Error).message}\n`);
    return null;
  }
}

export interface FleetView {
  posture: Posture;
  grade: GradeResult;
  policy?: PolicyResult;
}

export function fleetView(report: ProbeReport, policy: Policy | undefined): FleetView {
  const posture = postureOf(report);
  return { posture, grade: gradeOf(posture), ...(policy ? { policy: evaluatePolicy(policy, posture) } : {}) };
}

const RULE_MARK = { pass: 'pass', fail: 'FAIL', 'not-checked': 'n/c ' } as const;

export function formatFleetView(v: FleetView, explainGrade: boolean): string {
  const lines = [
    '',
    `Grade            ${v.grade.grade}${v.grade.reasons.length ? `  (${v.grade.reasons.map((r) => r.id).join(', ')})` : ''}`,
  ];
  if (explainGrade)
    for (const r of v.grade.reasons) lines.push(`                   ${r.cap.padEnd(2)} ${r.id}: ${r.text}`);
  if (v.policy) {
    lines.push(
      '',
      `Policy ${v.policy.policy}: ${v.policy.verdict === 'incomplete' ? 'no rule failed; some were not checked' : v.policy.verdict}`,
    );
    for (const r of v.policy.rules) {
      lines.push(`  ${RULE_MARK[r.status]}  ${r.rule.padEnd(22)} ${safeText(r.detail)}`);
      if (r.reference && r.status !== 'pass') lines.push(`        ${''.padEnd(22)} source: ${r.reference}`);
    }
  }
  return safeBlock(`${lines.join('\n')}\n`);
}

/** `check --nagios`: one line and a plugin exit code, also after bad options or an internal error. */
export async function runNagiosCheck(
  target: Target,
  timeoutMs: number,
  o: FleetCheckOptions,
  io: CommandIO,
  signal: AbortSignal,
): Promise<number> {
  try {
    const policy = o.policy ? await loadPolicy(o.policy) : undefined;
    const report = await runProbe(target, { timeoutMs, signal });
    const v = fleetView(report, policy);
    const r = nagiosResult({
      target: target.display,
      posture: v.posture,
      findings: report.findings,
      ...(v.policy ? { policy: v.policy } : {}),
      durationMs: report.durationMs,
      warningDays: o.warningDays,
      criticalDays: o.criticalDays,
    });
    io.stdout.write(`${r.line}\n`);
    return r.code;
  } catch (e) {
    io.stdout.write(`RDP UNKNOWN - ${nagiosText(target.display)}: ${nagiosText((e as Error).message ?? String(e))}\n`);
    return NAGIOS.UNKNOWN;
  }
}

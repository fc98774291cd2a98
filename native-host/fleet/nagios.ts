/**
 * Nagios / Icinga plugin output for `rdp-doctor check --nagios`: one status line with performance
 * data, and the plugin exit codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN), per the Monitoring
 * Plugins development guidelines. Server-controlled text is folded to one safe line.
 */

import { plural } from '../../shared/protocol/duration.js';
import type { Finding } from '../../shared/protocol/results.js';
import { safeText } from '../../shared/protocol/safe-text.js';
import type { PolicyResult } from './policy.js';
import type { Posture } from './posture.js';

export const NAGIOS = { OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 } as const;
export type NagiosState = keyof typeof NAGIOS;

export interface NagiosInput {
  target: string;
  posture: Posture;
  findings: readonly Pick<Finding, 'id' | 'severity' | 'summary'>[];
  policy?: PolicyResult;
  durationMs: number;
  /** Certificate days-left thresholds. */
  warningDays: number;
  criticalDays: number;
}

/** One line, no control characters, no `|` (it starts the performance data). */
export function nagiosText(s: string): string {
  return safeText(s).replace(/\|/g, '/');
}

function perf(label: string, value: number | undefined, uom = '', warn = '', crit = ''): string | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return `${label}=${value}${uom};${warn};${crit};;`;
}

/** The status line and the exit code. */
export function nagiosResult(i: NagiosInput): { line: string; code: number } {
  let state: NagiosState = 'OK';
  const raise = (s: NagiosState) => {
    if (NAGIOS[s] > NAGIOS[state] && s !== 'UNKNOWN') state = s;
  };
  const problems: string[] = [];
  if (!i.posture.rdp) {
    raise('CRITICAL');
    const why = i.findings.find((f) => f.severity === 'fail');
    problems.push(why ? why.summary : 'the server did not answer as an RDP server');
  } else {
    for (const f of i.findings) {
      if (f.severity === 'info') continue;
      raise(f.severity === 'fail' ? 'CRITICAL' : 'WARNING');
      problems.push(f.summary);
    }
  }
  const days = i.posture.certificate?.daysLeft;
  if (days !== undefined) {
    if (days <= i.criticalDays) {
      raise('CRITICAL');
      if (days >= 0) problems.push(`certificate expires in ${days} day${days === 1 ? '' : 's'}`);
    } else if (days <= i.warningDays) {
      raise('WARNING');
      problems.push(`certificate expires in ${plural(days, 'day')}`);
    }
  }
  if (i.policy) {
    const failed = i.policy.rules.filter((r) => r.status === 'fail');
    const unseen = i.policy.rules.filter((r) => r.status === 'not-checked');
    if (failed.length) {
      raise('CRITICAL');
      problems.push(`policy ${i.policy.policy}: ${failed.map((r) => r.rule).join(', ')} failed`);
    } else if (unseen.length) {
      raise('WARNING');
      problems.push(`policy ${i.policy.policy}: ${unseen.map((r) => r.rule).join(', ')} not checked`);
    }
  }
  const summary = problems.length
    ? [...new Set(problems.map((p) => p.replace(/\.$/, '')))].join('; ')
    : `${i.posture.nlaRequired ? 'NLA required' : 'answers'}${days !== undefined ? `, certificate ${plural(days, 'day')} left` : ''}`;
  const tls = i.posture.tlsVersion ? /^TLSv(1(?:\.\d)?)$/.exec(i.posture.tlsVersion)?.[1] : undefined;
  const data = [
    perf('days_left', days, 'd', String(i.warningDays), String(i.criticalDays)),
    perf('duration', Math.round(i.durationMs) / 1000, 's'),
    perf('nla_required', i.posture.nlaRequired === undefined ? undefined : i.posture.nlaRequired ? 1 : 0),
    perf('tls_version', tls === undefined ? undefined : Number(tls.includes('.') ? tls : '1.0')),
    perf('clock_skew', i.posture.clockSkewSeconds, 's', '300', ''),
  ].filter((x): x is string => x !== undefined);
  const line = `RDP ${state} - ${nagiosText(i.target)}: ${nagiosText(summary)} | ${data.join(' ')}`;
  return { line, code: NAGIOS[state] };
}

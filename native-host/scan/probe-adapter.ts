/**
 * Runs the probe engine on one scan target and keeps only what a scan row reports, so the full
 * report (certificate chain, raw evidence) can be garbage-collected at once.
 */
import type { Target } from '../../shared/protocol/target.js';
import { certDisplayName } from '../checks/cert-info.js';
import type { ReachabilityEvidence } from '../checks/reachability.js';
import { type ProbeReport, runProbe } from '../engines/probe.js';
import { gradeOf } from '../fleet/grade.js';
import { postureOf } from '../fleet/posture.js';
import type { ScanRow } from './report.js';

function reachabilityOf(r: ProbeReport): string {
  const e = r.reachability.evidence as Partial<ReachabilityEvidence>;
  if (e.dns && !e.dns.ok) return 'dns-failed';
  if (e.openAddress) return 'open';
  const verdicts = (e.addresses ?? []).map((a) => a.verdict);
  for (const v of ['refused', 'timeout', 'unreachable'] as const) if (verdicts.includes(v)) return v;
  return verdicts[0] ?? 'error';
}

/** Short column labels for the negotiation check's requirement. */
const SECURITY_LABEL: Record<string, string> = {
  nla: 'NLA required',
  tls: 'TLS required, no NLA',
  'tls-or-nla': 'TLS or NLA required',
  'tls-client-cert': 'TLS + client certificate',
  'standard-rdp-only': 'standard RDP only',
  any: 'standard RDP allowed',
  'no-certificate': 'no TLS certificate',
  unknown: 'no answer',
};

export function toScanRow(r: ProbeReport): ScanRow {
  const posture = postureOf(r);
  const leaf = r.certificate.evidence.leaf as
    | {
        subject?: string;
        commonName?: string;
        altNames?: string[];
        notAfter?: string;
        daysLeft?: number;
        selfSigned?: boolean;
        sha1Thumbprint?: string;
      }
    | undefined;
  const requirement = r.negotiation.evidence.requirement;
  const security = typeof requirement === 'string' ? (SECURITY_LABEL[requirement] ?? requirement) : '';
  return {
    target: r.target.input,
    reachability: reachabilityOf(r),
    security,
    ...(leaf
      ? {
          certificate: {
            subject: certDisplayName({
              commonName: leaf.commonName,
              subject: leaf.subject ?? '',
              altNames: leaf.altNames ?? [],
            }),
            notAfter: leaf.notAfter,
            daysLeft: leaf.daysLeft,
            ...(r.findings.some((f) => f.id === 'cert-not-yet-valid') ? { notYetValid: true } : {}),
            selfSigned: leaf.selfSigned,
            sha1: leaf.sha1Thumbprint,
          },
        }
      : {}),
    findings: r.findings.map((f) => ({ id: f.id, severity: f.severity, summary: f.summary })),
    durationMs: Math.round(r.durationMs),
    posture,
    grade: gradeOf(posture).grade,
  };
}

export async function probeForScan(target: Target, timeoutMs: number, signal: AbortSignal): Promise<ScanRow> {
  const report = await runProbe(target, { timeoutMs, signal, allowRestricted: true });
  return { ...toScanRow(report), target: target.display };
}

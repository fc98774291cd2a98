/**
 * Prometheus text exposition (format 0.0.4) of a scan: one gauge family per fact, one sample per
 * target, labelled `target`. Families must be contiguous in the exposition, so samples are grouped
 * per family before printing (numbers only: a few dozen bytes per target).
 *
 * Names follow Prometheus conventions: `rdp_doctor_` prefix, base units (seconds), `_info`-style
 * labels only where the value is categorical (the grade letter).
 */
import { type Grade, gradeScore } from './grade.js';
import type { PolicyResult } from './policy.js';
import type { Posture } from './posture.js';

interface Family {
  help: string;
  samples: string[];
}

const FAMILIES: Record<string, string> = {
  rdp_doctor_up: 'Whether the target answered the RDP security negotiation (1) or not (0).',
  rdp_doctor_nla_required: 'Whether the target requires NLA (1), does not (0); absent when not observed.',
  rdp_doctor_standard_rdp_accepted: 'Whether the target accepts standard RDP security (1) or refuses it (0).',
  rdp_doctor_tls_version: 'Highest TLS version negotiated, as a number (1.0, 1.1, 1.2, 1.3).',
  rdp_doctor_certificate_days_left: 'Whole days until the certificate expires (negative once expired).',
  rdp_doctor_certificate_not_after_timestamp_seconds: 'Certificate expiry as a Unix timestamp in seconds.',
  rdp_doctor_certificate_self_signed: 'Whether the certificate is self-signed (1) or not (0).',
  rdp_doctor_clock_skew_seconds: "The target's clock minus the scanner's, in seconds (from NTLM).",
  rdp_doctor_grade_score: 'Grade as a number: A+ = 6, A = 5, B = 4, C = 3, D = 2, F = 1, no grade = 0.',
  rdp_doctor_grade_info: 'The grade letter as a label; value always 1.',
  rdp_doctor_policy_pass: 'Whether the target passes the policy (1), fails it (0); absent without --policy.',
  rdp_doctor_probe_duration_seconds: 'Time the probe of the target took, in seconds.',
};

/** Escapes a label value per the exposition format: backslash, double quote, line feed. */
export function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function num(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(v);
}

export interface MetricsRow {
  target: string;
  posture?: Posture;
  grade?: Grade | string;
  policy?: PolicyResult;
  durationMs: number;
}

/** Collects rows and prints the exposition at the end. */
export class PrometheusWriter {
  private readonly families = new Map<string, Family>(
    Object.entries(FAMILIES).map(([name, help]) => [name, { help, samples: [] }]),
  );

  private sample(name: string, labels: Record<string, string>, value: number): void {
    const l = Object.entries(labels)
      .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
      .join(',');
    this.families.get(name)?.samples.push(`${name}{${l}} ${num(value)}`);
  }

  add(row: MetricsRow): void {
    const target = { target: row.target };
    const p = row.posture;
    this.sample('rdp_doctor_up', target, p?.rdp ? 1 : 0);
    this.sample('rdp_doctor_probe_duration_seconds', target, Math.round(row.durationMs) / 1000);
    if (row.grade) {
      this.sample('rdp_doctor_grade_score', target, gradeScore(row.grade as Grade));
      this.sample('rdp_doctor_grade_info', { ...target, grade: row.grade }, 1);
    }
    if (row.policy)
      this.sample(
        'rdp_doctor_policy_pass',
        { ...target, policy: row.policy.policy },
        row.policy.verdict === 'fail' ? 0 : 1,
      );
    if (!p) return;
    if (p.nlaRequired !== undefined) this.sample('rdp_doctor_nla_required', target, p.nlaRequired ? 1 : 0);
    if (p.accepts.standardRdp !== undefined)
      this.sample('rdp_doctor_standard_rdp_accepted', target, p.accepts.standardRdp ? 1 : 0);
    const tls = p.tlsVersion ? /^TLSv(1(?:\.\d)?)$/.exec(p.tlsVersion)?.[1] : undefined;
    if (tls) this.sample('rdp_doctor_tls_version', target, Number(tls.includes('.') ? tls : '1.0'));
    const c = p.certificate;
    if (c) {
      if (c.daysLeft !== undefined) this.sample('rdp_doctor_certificate_days_left', target, c.daysLeft);
      const t = Date.parse(c.notAfter);
      if (!Number.isNaN(t))
        this.sample('rdp_doctor_certificate_not_after_timestamp_seconds', target, Math.floor(t / 1000));
      this.sample('rdp_doctor_certificate_self_signed', target, c.selfSigned ? 1 : 0);
    }
    if (p.clockSkewSeconds !== undefined) this.sample('rdp_doctor_clock_skew_seconds', target, p.clockSkewSeconds);
  }

  /** The whole exposition; families without samples are left out. */
  render(summary: Record<string, number> = {}): string {
    const out: string[] = [];
    for (const [name, f] of this.families) {
      if (f.samples.length === 0) continue;
      out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} gauge`, ...f.samples);
    }
    for (const [k, v] of Object.entries(summary)) {
      const name = `rdp_doctor_scan_${k}`;
      out.push(`# HELP ${name} Scan summary: ${k.replace(/_/g, ' ')}.`, `# TYPE ${name} gauge`, `${name} ${num(v)}`);
    }
    return `${out.join('\n')}\n`;
  }
}

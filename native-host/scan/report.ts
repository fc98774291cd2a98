/**
 * What a scan prints per target (table row, CSV row, JSON line) and the summary at the end.
 * Rows are written as each target completes and then forgotten: only counters are kept.
 */
import type { Finding } from '../../shared/protocol/results.js';
import { safeText } from '../../shared/protocol/safe-text.js';
import type { Change } from '../fleet/baseline.js';
import type { PolicyResult } from '../fleet/policy.js';
import type { Posture } from '../fleet/posture.js';

/** The part of a probe result the scan reports (a subset of `rdp-doctor check --json`). */
export interface ScanRow {
  target: string;
  /** `open`, `refused`, `timeout`, `dns-failed`, `unreachable`, or `error` for an invalid line. */
  reachability: string;
  /** Plain words, e.g. "requires NLA", "standard RDP security only"; empty when unknown. */
  security: string;
  certificate?: {
    subject?: string;
    notAfter?: string;
    daysLeft?: number;
    /** Dated in the future (or a clock is wrong): its days left say nothing about its health. */
    notYetValid?: boolean;
    selfSigned?: boolean;
    sha1?: string;
  };
  findings: Pick<Finding, 'id' | 'severity' | 'summary'>[];
  durationMs: number;
  /** Set for list lines that could not be parsed. */
  error?: { code: string; message: string };
  /** Posture facts (docs/policy.md); absent on invalid-line rows and rows of targets gone since a baseline. */
  posture?: Posture;
  /** Letter grade (docs/policy.md): A+ … F, or "-" when the server did not answer as an RDP server. */
  grade?: string;
  /** With --policy: every rule's result. */
  policy?: PolicyResult;
  /** With --baseline: what changed since. */
  change?: Change;
}

export type Format = 'table' | 'json' | 'csv' | 'prometheus';

const CSV_COLUMNS = [
  'target',
  'reachability',
  'security',
  'cert_subject',
  'cert_not_after',
  'cert_days_left',
  'findings',
  'duration_ms',
  'grade',
  'policy',
  'change',
];

/**
 * One CSV cell. Numbers stay numbers (a negative day count is `-2499`, not text); text that a
 * spreadsheet would run as a formula (= + - @ tab CR first) gets a leading apostrophe, and
 * server-controlled text passes the one sanitiser.
 */
export function csvCell(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = v === undefined || v === null ? '' : safeText(v);
  const safe = /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(?:\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const failing = (r: ScanRow) => r.findings.filter((f) => f.severity !== 'info').map((f) => f.id);

export function header(format: Format): string {
  if (format === 'csv') return `${CSV_COLUMNS.join(',')}\n`;
  if (format === 'table')
    return `${'TARGET'.padEnd(24)} ${'REACH'.padEnd(10)} ${'SECURITY'.padEnd(28)} ${'CERT DAYS'.padStart(9)} ${'GRADE'.padEnd(5)}  FINDINGS\n`;
  return '';
}

export function formatRow(row: ScanRow, format: Format): string {
  if (format === 'json') return `${JSON.stringify(row)}\n`;
  const d = row.certificate?.daysLeft;
  const days = typeof d === 'number' && Number.isFinite(d) ? d : undefined;
  if (format === 'csv')
    return `${[
      row.target,
      row.reachability,
      row.security,
      row.certificate?.subject,
      row.certificate?.notAfter,
      days,
      row.findings.map((f) => f.id).join(' '),
      Math.round(row.durationMs),
      row.grade,
      row.policy?.verdict,
      row.change ? [row.change.kind, ...row.change.items.map((i) => i.id)].join(' ') : undefined,
    ]
      .map(csvCell)
      .join(',')}\n`;
  const parts = row.error ? [`invalid line: ${row.error.message}`] : [failing(row).join(', ') || 'ok'];
  if (row.policy)
    parts.push(
      `policy ${row.policy.verdict}${
        row.policy.verdict === 'fail'
          ? `: ${row.policy.rules
              .filter((r) => r.status === 'fail')
              .map((r) => r.rule)
              .join(', ')}`
          : ''
      }`,
    );
  if (row.change && row.change.kind !== 'same')
    parts.push(`${row.change.kind}: ${row.change.items.map((i) => i.text).join('; ')}`);
  return `${safeText(row.target).padEnd(24)} ${row.reachability.padEnd(10)} ${row.security.slice(0, 28).padEnd(28)} ${(row.certificate?.notYetValid ? 'not yet' : days === undefined ? '-' : String(days)).padStart(9)} ${(row.grade ?? '').padEnd(5)}  ${safeText(parts.join(' | '))}\n`;
}

/** Counters for the end-of-scan summary; constant memory whatever the number of targets. */
export class Summary {
  targets = 0;
  invalid = 0;
  unreachable = 0;
  withoutNla = 0;
  standardRdp = 0;
  expiring = { expired: 0, notYetValid: 0, d7: 0, d30: 0, d90: 0 };
  perFinding = new Map<string, number>();

  add(row: ScanRow): void {
    if (row.error) {
      this.invalid += 1;
      return;
    }
    this.targets += 1;
    if (row.reachability !== 'open') this.unreachable += 1;
    for (const f of row.findings) this.perFinding.set(f.id, (this.perFinding.get(f.id) ?? 0) + 1);
    const ids = new Set(row.findings.map((f) => f.id));
    if (ids.has('nla-not-offered') || ids.has('standard-rdp-only')) this.withoutNla += 1;
    if (ids.has('standard-rdp-only') || ids.has('standard-rdp-offered')) this.standardRdp += 1;
    const d = row.certificate?.daysLeft;
    // Dated in the future: its days left measure nothing, so it is counted on its own, never as healthy.
    if (row.certificate?.notYetValid) this.expiring.notYetValid += 1;
    else if (d !== undefined) {
      if (d < 0) this.expiring.expired += 1;
      else if (d <= 7) this.expiring.d7 += 1;
      else if (d <= 30) this.expiring.d30 += 1;
      else if (d <= 90) this.expiring.d90 += 1;
    }
  }

  toJSON() {
    return {
      targets: this.targets,
      invalidLines: this.invalid,
      unreachable: this.unreachable,
      withoutNla: this.withoutNla,
      offeringStandardRdp: this.standardRdp,
      certificates: {
        expired: this.expiring.expired,
        notYetValid: this.expiring.notYetValid,
        within7Days: this.expiring.d7,
        within30Days: this.expiring.d30,
        within90Days: this.expiring.d90,
      },
      findings: Object.fromEntries([...this.perFinding].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
    };
  }

  render(): string {
    const j = this.toJSON();
    const lines = [
      '',
      `Scanned ${j.targets} target(s)${j.invalidLines ? ` (${j.invalidLines} invalid line(s))` : ''}.`,
      `  unreachable:                 ${j.unreachable}`,
      `  without NLA:                 ${j.withoutNla}`,
      `  offering standard RDP:       ${j.offeringStandardRdp}`,
      `  certificates expired:        ${j.certificates.expired}`,
      `  certificates not yet valid:  ${j.certificates.notYetValid}`,
      `  expiring within 7 days:      ${j.certificates.within7Days}`,
      `  expiring within 8–30 days:   ${j.certificates.within30Days}`,
      `  expiring within 31–90 days:  ${j.certificates.within90Days}`,
    ];
    const per = Object.entries(j.findings);
    if (per.length) lines.push('  findings:', ...per.map(([id, n]) => `    ${id.padEnd(26)} ${n}`));
    return `${lines.join('\n')}\n`;
  }
}

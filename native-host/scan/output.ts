/**
 * What scan and merge share on the way out: --fail-on matching, a writer with backpressure, the
 * policy note of the summary and the scan-wide Prometheus gauges.
 */
import { safeText } from '../../shared/protocol/safe-text.js';
import type { ScanFleet } from '../fleet/scan-fleet.js';
import type { ScanRow, Summary } from './report.js';

/** The first targets that failed are named in the summary; the rest are counted. */
const MAX_NAMED = 20;

export function tripsFailOn(f: ScanRow['findings'][number], failOn: string[]): boolean {
  return (
    failOn.includes(f.id) ||
    (failOn.includes('severity:fail') && f.severity === 'fail') ||
    (failOn.includes('severity:warn') && f.severity !== 'info')
  );
}

export function matchesFailOn(row: ScanRow, failOn: string[]): boolean {
  return row.findings.some((f) => tripsFailOn(f, failOn));
}

/** The finding ids of a row that tripped --fail-on, for naming the target in the summary. */
export function failOnIds(row: ScanRow, failOn: string[]): string[] {
  return [...new Set(row.findings.filter((f) => tripsFailOn(f, failOn)).map((f) => f.id))];
}

/**
 * A writer with backpressure: resolves once the stream can take more, so a slow consumer (a pipe)
 * holds the scan back instead of rows piling up in memory. One shared wait, however many callers.
 */
export function writer(stream: NodeJS.WritableStream): (text: string) => Promise<void> {
  let drained: Promise<void> | undefined;
  return (text) => {
    if (stream.write(text) && !drained) return Promise.resolve();
    drained ??= new Promise((resolve) =>
      stream.once('drain', () => {
        drained = undefined;
        resolve();
      }),
    );
    return drained;
  };
}

/** The summary line naming the targets that failed the policy. */
export function policyNote(fleet: ScanFleet): string {
  const f = fleet.policyFailures;
  const named = f.slice(0, MAX_NAMED).map((t) => safeText(t));
  return `--policy: ${f.length} target(s) failed it: ${named.join(', ')}${f.length > named.length ? `, and ${f.length - named.length} more` : ''}.`;
}

/** Scan-wide gauges for the Prometheus exposition. */
export function summaryMetrics(summary: Summary): Record<string, number> {
  const j = summary.toJSON();
  return {
    targets: j.targets,
    unreachable: j.unreachable,
    without_nla: j.withoutNla,
    certificates_expired: j.certificates.expired,
  };
}

/**
 * `scan --merge FILE…`: combines the JSON Lines of earlier runs (the shards of one scan) into one
 * result — one row per target, the summary, `--fail-on`, and `--policy` / `--baseline` applied again
 * from each row's posture. Files are streamed; only the set of targets seen is kept.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { safeText } from '../../shared/protocol/safe-text.js';
import { PrometheusWriter } from '../fleet/prometheus.js';
import type { ScanFleet } from '../fleet/scan-fleet.js';
import { failOnIds, matchesFailOn, policyNote, summaryMetrics, writer } from '../scan/output.js';
import { type Format, formatRow, header, type ScanRow, Summary } from '../scan/report.js';
import { splitLines } from '../scan/targets.js';
import type { CommandIO } from './types.js';

/** Longest JSON line read (a row with a policy result is a few KB). */
const MAX_ROW_CHARS = 1024 * 1024;

export interface MergeOptions {
  format: Format;
  failOn: string[];
}

function isRow(v: unknown): v is ScanRow {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<ScanRow>;
  return typeof r.target === 'string' && typeof r.reachability === 'string' && Array.isArray(r.findings);
}

export async function runMerge(o: MergeOptions, fleet: ScanFleet, io: CommandIO, signal: AbortSignal): Promise<number> {
  const files = fleet.options.merge;
  for (const f of files) {
    try {
      if ((await stat(f)).isDirectory()) throw Object.assign(new Error('a directory'), { code: 'EISDIR' });
    } catch (e) {
      io.stderr.write(`rdp-doctor scan: cannot read ${f} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})\n`);
      return 2;
    }
  }
  const out = writer(io.stdout);
  const metrics = o.format === 'prometheus' ? new PrometheusWriter() : undefined;
  const summary = new Summary();
  const seen = new Set<string>();
  let duplicates = 0;
  const notRows: string[] = [];
  const hits: string[] = [];
  if (!metrics) await out(header(o.format));

  for (const file of files) {
    let lineNo = 0;
    const input = createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 });
    try {
      for await (const line of splitLines(input as AsyncIterable<string>, MAX_ROW_CHARS)) {
        if (signal.aborted) break;
        lineNo += 1;
        if (!line.trim()) continue;
        let v: unknown;
        try {
          v = JSON.parse(line);
        } catch {
          v = undefined;
        }
        if (!isRow(v)) {
          if (notRows.length < 10) notRows.push(`${file}:${lineNo}`);
          else notRows.push('');
          continue;
        }
        // Invalid-line rows are per list line, not per target; every other target once.
        const key = v.error ? `${v.target}\u0000${v.error.message}` : v.target;
        if (seen.has(key)) {
          duplicates += 1;
          continue;
        }
        seen.add(key);
        const row = fleet.enrich(v);
        summary.add(row);
        if (o.failOn.length && !row.error && matchesFailOn(row, o.failOn))
          hits.push(`${safeText(row.target)} (${failOnIds(row, o.failOn).join(', ')})`);
        if (metrics) {
          if (!row.error) metrics.add(row);
        } else if (fleet.shouldPrint(row)) await out(formatRow(row, o.format));
      }
    } catch (e) {
      io.stderr.write(
        `rdp-doctor scan: reading ${file} stopped at line ${lineNo + 1}: ${safeText((e as Error).message)}\n`,
      );
      return 2;
    } finally {
      input.destroy();
    }
  }
  if (!signal.aborted)
    for (const gone of fleet.goneRows()) if (!metrics) await out(formatRow(gone as ScanRow, o.format));

  const notes = [`Merged ${files.length} file(s).`];
  if (duplicates) notes.push(`${duplicates} row(s) for a target already merged were left out (overlapping files).`);
  if (notRows.length)
    notes.push(
      `${notRows.length} line(s) were not scan rows and were skipped: ${notRows.filter(Boolean).join(', ')}${notRows.length > 10 ? ', …' : ''}.`,
    );
  notes.push(...fleet.summaryLines());
  if (fleet.policyFailures.length) notes.push(policyNote(fleet));
  if (hits.length)
    notes.push(
      `--fail-on ${o.failOn.join(',')}: ${hits.length} target(s) tripped it: ${hits.slice(0, 20).join('; ')}.`,
    );
  const text = summary.render() + notes.map((n) => `${n}\n`).join('');
  if (metrics) await out(metrics.render(summaryMetrics(summary)));
  if (o.format === 'table') await out(text);
  else io.stderr.write(text);
  if (signal.aborted) return 130;
  if (seen.size === 0) {
    io.stderr.write('rdp-doctor scan: the files hold no scan rows.\n');
    return 2;
  }
  return hits.length || fleet.policyFailures.length ? 3 : 0;
}

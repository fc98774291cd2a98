/**
 * `rdp-doctor scan`: the probe across many servers, with bounded concurrency, streaming output
 * and a summary — certificate expiry and RDP security posture for a fleet.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { FINDING_IDS } from '../../shared/protocol/results.js';
import { safeText } from '../../shared/protocol/safe-text.js';
import { DEFAULT_TIMEOUT_MS, parseTimeout, type Target } from '../../shared/protocol/target.js';
import { PrometheusWriter } from '../fleet/prometheus.js';
import {
  defaultScanFleetOptions,
  parseScanFleetOption,
  ScanFleet,
  type ScanFleetOptions,
} from '../fleet/scan-fleet.js';
import { failOnIds, matchesFailOn, policyNote, summaryMetrics, writer } from '../scan/output.js';
import { runPool } from '../scan/pool.js';
import { probeForScan } from '../scan/probe-adapter.js';
import { type Format, formatRow, header, type ScanRow, Summary } from '../scan/report.js';
import { newListStats, readTargets, splitLines, type TargetItem } from '../scan/targets.js';
import { runMerge } from './scan-merge.js';
import type { Command, CommandIO } from './types.js';

const USAGE = `Usage: rdp-doctor scan --hosts FILE|- [options]

Probes every target (reachability, security negotiation, certificate) and streams one result per
target as it completes, then prints a summary.

Target list: one host[:port] per line; IPv4/IPv6 ranges (10.0.0.0/24, 10.0.0.0/24:3390,
[fd00::/120]:3389); blank lines and # comments are ignored. "-" reads the list from standard input.

Options:
  --hosts FILE|-        the target list (required)
  --concurrency N       targets probed at once, 1–1000 (default 64)
  --timeout MS          per-step timeout in milliseconds (default ${DEFAULT_TIMEOUT_MS})
  --format F            table (default on a terminal), json (JSON Lines), csv, prometheus (text
                        exposition of every target at the end; docs/policy.md)
  --fail-on LIST        comma-separated finding ids (e.g. cert-expired,nla-not-offered), or
                        severity:fail / severity:warn; exit status 3 when any target has one
  --no-progress         no progress line on the terminal
  --policy P            judge each target against a policy file or a built-in (cis, stig,
                        recommended); exit 3 when any target fails it (docs/policy.md)
  --baseline FILE       compare with an earlier scan's JSON Lines: new, gone, changed targets
  --only-changes        with --baseline: print only new, gone and changed targets
  --shard K/N           scan only slice K of N (stable by target; for job runners)
  --merge FILE…         instead of scanning, combine the JSON Lines of earlier runs (shards): one
                        row per target, with the summary; --policy and --baseline apply too

Every row carries the target's posture and letter grade ("rdp-doctor policy grades" explains them).
Each distinct target is scanned once and gets one row: repeated lines and overlapping ranges are
folded (the summary counts them). Invalid lines get a row "line N" with the reason.

Exit status: 0 done, 3 a --fail-on finding was seen or a target failed --policy (the summary names
the targets), 2 usage error
or a list with no valid target or that could not be read to the end, 130 interrupted (results
written so far are complete lines; the summary says how many targets were not scanned).`;

export interface ScanOptions {
  hosts: string;
  concurrency: number;
  timeoutMs: number;
  format: Format;
  failOn: string[];
  progress: boolean;
  /** Fleet options (policy, baseline, shard, merge); none when absent. */
  fleet?: ScanFleetOptions;
}

function usageError(io: CommandIO, message: string): number {
  io.stderr.write(`rdp-doctor scan: ${message}\nRun "rdp-doctor scan --help" for usage.\n`);
  return 2;
}

export function parseScanArgs(argv: string[], stdoutIsTTY: boolean): ScanOptions | string {
  const o: ScanOptions = {
    hosts: '',
    concurrency: 64,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    format: stdoutIsTTY ? 'table' : 'json',
    failOn: [],
    progress: true,
    fleet: defaultScanFleetOptions(),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const f = parseScanFleetOption(argv, i, o.fleet ?? defaultScanFleetOptions());
    if (f.error) return `${f.error}.`;
    if (f.used > 0) {
      i += f.used - 1;
      continue;
    }
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const value = () => inline ?? argv[++i];
    const problem = setScanOption(o, flag, value);
    if (problem === UNKNOWN) return `unknown option "${a}".`;
    if (problem) return problem;
  }
  if (o.fleet && o.fleet.merge.length > 0) {
    if (o.hosts) return '--merge combines earlier results: give --hosts or --merge, not both.';
    if (o.fleet.shard) return '--merge combines shards: --shard does not apply.';
    return o;
  }
  if (!o.hosts) return 'missing --hosts FILE|-.';
  return o;
}

const UNKNOWN = Symbol('unknown option');

/** Sets one `scan` option from its value; returns what is wrong with it, or UNKNOWN for an option `scan` has not. */
function setScanOption(
  o: ScanOptions,
  flag: string,
  value: () => string | undefined,
): string | typeof UNKNOWN | undefined {
  switch (flag) {
    case '--hosts': {
      const v = value();
      if (v === undefined) return '--hosts needs a file name or "-".';
      o.hosts = v;
      break;
    }
    case '--concurrency': {
      const v = value();
      if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 1000)
        return '--concurrency must be a whole number from 1 to 1000.';
      o.concurrency = Number(v);
      break;
    }
    case '--timeout': {
      const t = parseTimeout(value());
      if (!t.ok) return `--timeout: ${t.message}`;
      o.timeoutMs = t.timeoutMs;
      break;
    }
    case '--format': {
      const v = value();
      if (v !== 'table' && v !== 'json' && v !== 'csv' && v !== 'prometheus')
        return '--format must be table, json, csv or prometheus.';
      o.format = v;
      break;
    }
    case '--fail-on': {
      const v = value();
      if (!v) return '--fail-on needs a comma-separated list of finding ids.';
      for (const id of v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        if (id !== 'severity:fail' && id !== 'severity:warn' && !(FINDING_IDS as readonly string[]).includes(id))
          return `--fail-on: unknown finding "${id}". Known: ${FINDING_IDS.join(', ')}, severity:fail, severity:warn.`;
        o.failOn.push(id);
      }
      break;
    }
    case '--no-progress':
      o.progress = false;
      break;
    default:
      return UNKNOWN;
  }
}

export type ScanProbe = (target: Target, timeoutMs: number, signal: AbortSignal) => Promise<ScanRow>;

/** Opens the list: a precise usage error for a missing file, a directory or anything not readable. */
async function openList(o: ScanOptions, io: CommandIO): Promise<NodeJS.ReadableStream | string> {
  if (o.hosts === '-') return io.stdin;
  try {
    const st = await stat(o.hosts);
    if (st.isDirectory())
      return `cannot read ${o.hosts}: it is a directory (EISDIR); give a file with one target per line`;
  } catch (e) {
    return `cannot read ${o.hosts}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`;
  }
  const input = createReadStream(o.hosts, { encoding: 'utf8', highWaterMark: 16 * 1024 });
  const openError = await new Promise<Error | undefined>((resolve) => {
    input.once('ready', () => resolve(undefined));
    input.once('error', (e: Error) => resolve(e));
  });
  if (openError) return `cannot read ${o.hosts}: ${(openError as NodeJS.ErrnoException).code ?? openError.message}`;
  return input;
}

/** The first targets that tripped --fail-on are named in the summary; the rest are counted. */
const MAX_NAMED_HITS = 20;

export async function runScan(
  o: ScanOptions,
  io: CommandIO,
  signal: AbortSignal,
  probe: ScanProbe = probeForScan,
): Promise<number> {
  const opened = await ScanFleet.open(o.fleet ?? defaultScanFleetOptions());
  if (typeof opened === 'string') return usageError(io, opened);
  const fleet: ScanFleet = opened;
  if (fleet.options.merge.length > 0) return runMerge(o, fleet, io, signal);
  const input = await openList(o, io);
  if (typeof input === 'string') return usageError(io, input);
  if (o.hosts === '-') input.setEncoding('utf8');
  const list = newListStats();
  const items = readTargets(splitLines(input as AsyncIterable<string>), undefined, list);

  const summary = new Summary();
  const started = Date.now();
  const showProgress = o.progress && Boolean((io.stderr as { isTTY?: boolean }).isTTY);
  let inFlight = 0;
  let lastDraw = 0;
  const draw = (force = false) => {
    if (!showProgress) return;
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const secs = (now - started) / 1000;
    const rate = secs > 0 ? summary.targets / secs : 0;
    io.stderr.write(
      `\r\x1b[2Kscanning: ${summary.targets} done, ${inFlight} in flight, ${rate.toFixed(1)}/s, ${secs.toFixed(0)} s`,
    );
  };

  const out = writer(io.stdout);
  const metrics = o.format === 'prometheus' ? new PrometheusWriter() : undefined;
  const hits: string[] = [];
  let hitCount = 0;
  let fatal: { line: number; message: string } | undefined;
  const emit = (probed: ScanRow, item: TargetItem): Promise<void> => {
    const row = fleet.enrich(probed);
    summary.add(row);
    if ('fatal' in item && item.fatal) fatal = { line: item.line, message: item.error.message };
    if (o.failOn.length && !row.error && matchesFailOn(row, o.failOn)) {
      hitCount += 1;
      if (hits.length < MAX_NAMED_HITS) hits.push(`${safeText(row.target)} (${failOnIds(row, o.failOn).join(', ')})`);
    }
    draw();
    if (metrics) {
      if (!row.error) metrics.add(row);
      return Promise.resolve();
    }
    return fleet.shouldPrint(row) ? out(formatRow(row, o.format)) : Promise.resolve();
  };

  if (!metrics) await out(header(o.format));
  // The pool must not close the list when interrupted: what is left of it is counted afterwards.
  const source: AsyncIterable<TargetItem> = {
    [Symbol.asyncIterator]: () => ({ next: () => nextInShard(items, fleet) }),
  };
  try {
    const pool = await runPool<TargetItem, ScanRow>(
      source,
      o.concurrency,
      async (item, sig) => {
        if ('error' in item)
          return {
            target: `line ${item.line}`,
            reachability: 'error',
            security: '',
            findings: [],
            durationMs: 0,
            error: item.error,
          };
        inFlight += 1;
        try {
          return await probe(item.target, o.timeoutMs, sig);
        } catch (e) {
          return {
            target: item.target.display,
            reachability: 'error',
            security: '',
            findings: [],
            durationMs: 0,
            error: { code: 'internal', message: e instanceof Error ? e.message : String(e) },
          };
        } finally {
          inFlight -= 1;
        }
      },
      emit,
      signal,
    );
    return await finish(pool);
  } finally {
    if (o.hosts !== '-') (input as ReturnType<typeof createReadStream>).destroy();
  }

  async function finish(pool: Awaited<ReturnType<typeof runPool>>): Promise<number> {
    if (showProgress) io.stderr.write('\r\x1b[2K');

    const notes: string[] = [];
    if (list.duplicates > 0)
      notes.push(
        `${list.duplicates} repeated entr${list.duplicates === 1 ? 'y' : 'ies'} folded into the targets above (each target scanned once).`,
      );
    if (list.invalid > 0) {
      const more = list.invalid > list.invalidLines.length ? ', …' : '';
      notes.push(`Invalid line(s): ${list.invalidLines.join(', ')}${more} (see the rows "line N").`);
    }
    if (fatal) notes.push(`Reading the list stopped at line ${fatal.line}: ${safeText(fatal.message)}.`);
    if (!signal.aborted)
      for (const gone of fleet.goneRows()) if (!metrics) await out(formatRow(gone as ScanRow, o.format));
    notes.push(...fleet.summaryLines());
    if (fleet.policyFailures.length > 0) notes.push(policyNote(fleet));
    if (signal.aborted) {
      const notScanned = (pool.discarded ?? 0) + (o.hosts === '-' ? 0 : await countRest(items, fleet));
      notes.push(
        o.hosts === '-'
          ? `Interrupted: the results above are complete; ${pool.discarded ?? 0} target(s) in progress and the rest of standard input were not scanned.`
          : `Interrupted: the results above are complete; ${notScanned} target(s) were not scanned.`,
      );
    }
    const validTargets = list.distinct;
    if (validTargets === 0 && !signal.aborted)
      notes.push(
        list.invalid > 0
          ? 'No valid target in the list: nothing was scanned.'
          : 'The list names no target: nothing was scanned.',
      );
    if (hitCount > 0)
      notes.push(
        `--fail-on ${o.failOn.join(',')}: ${hitCount} target(s) tripped it: ${hits.join('; ')}${hitCount > hits.length ? `; and ${hitCount - hits.length} more` : ''}.`,
      );
    const summaryText = summary.render() + notes.map((n) => `${n}\n`).join('');
    if (metrics) await out(metrics.render(summaryMetrics(summary)));
    if (o.format === 'table') await out(summaryText);
    else io.stderr.write(summaryText);
    if (signal.aborted) return 130;
    if (fatal || validTargets === 0) return 2;
    return hitCount > 0 || fleet.policyFailures.length > 0 ? 3 : 0;
  }
}

/** The next list item this run scans: targets of other shards are skipped; invalid lines go to shard 1 only. */
async function nextInShard(items: AsyncGenerator<TargetItem>, fleet: ScanFleet): Promise<IteratorResult<TargetItem>> {
  const shard = fleet.options.shard;
  for (;;) {
    const r = await items.next();
    if (r.done || !shard) return r;
    const item = r.value;
    if ('target' in item ? fleet.accepts(item.target.display) : shard.index === 1 || ('fatal' in item && item.fatal))
      return r;
  }
}

/** After an interruption: how many distinct targets the rest of a list file names (nothing is probed). */
async function countRest(items: AsyncGenerator<TargetItem>, fleet: ScanFleet): Promise<number> {
  let n = 0;
  try {
    for await (const item of items) if ('target' in item && fleet.accepts(item.target.display)) n += 1;
  } catch {
    // the list became unreadable: count what was read
  }
  return n;
}

export const scanCommand: Command = {
  name: 'scan',
  usage: USAGE,
  async run(argv, io, signal) {
    const o = parseScanArgs(argv, Boolean(io.stdout.isTTY));
    if (typeof o === 'string') return usageError(io, o);
    return runScan(o, io, signal);
  },
};

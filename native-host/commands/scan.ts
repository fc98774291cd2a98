/**
 * `rdp-doctor scan`: the probe across many servers, with bounded concurrency, streaming output
 * and a summary — certificate expiry and RDP security posture for a fleet.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { FINDING_IDS } from '../../shared/protocol/results.js';
import { DEFAULT_TIMEOUT_MS, parseTimeout, type Target } from '../../shared/protocol/target.js';
import { runPool } from '../scan/pool.js';
import { probeForScan } from '../scan/probe-adapter.js';
import { type Format, formatRow, header, type ScanRow, Summary } from '../scan/report.js';
import { readTargets, type TargetItem } from '../scan/targets.js';
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
  --format F            table (default on a terminal), json (JSON Lines), csv
  --fail-on LIST        comma-separated finding ids (e.g. cert-expired,nla-not-offered), or
                        severity:fail / severity:warn; exit status 3 when any target has one
  --no-progress         no progress line on the terminal

Exit status: 0 done, 3 a --fail-on finding was seen, 2 usage error, 130 interrupted (results
written so far are complete lines).`;

export interface ScanOptions {
  hosts: string;
  concurrency: number;
  timeoutMs: number;
  format: Format;
  failOn: string[];
  progress: boolean;
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
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const value = () => inline ?? argv[++i];
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
        if (v !== 'table' && v !== 'json' && v !== 'csv') return '--format must be table, json or csv.';
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
        return `unknown option "${a}".`;
    }
  }
  if (!o.hosts) return 'missing --hosts FILE|-.';
  return o;
}

function matchesFailOn(row: ScanRow, failOn: string[]): boolean {
  return row.findings.some(
    (f) =>
      failOn.includes(f.id) ||
      (failOn.includes('severity:fail') && f.severity === 'fail') ||
      (failOn.includes('severity:warn') && f.severity !== 'info'),
  );
}

/** Writes with backpressure, so a slow consumer (a pipe) keeps memory flat. */
function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return stream.write(text) ? Promise.resolve() : new Promise((r) => stream.once('drain', () => r()));
}

export type ScanProbe = (target: Target, timeoutMs: number, signal: AbortSignal) => Promise<ScanRow>;

export async function runScan(
  o: ScanOptions,
  io: CommandIO,
  signal: AbortSignal,
  probe: ScanProbe = probeForScan,
): Promise<number> {
  const input: NodeJS.ReadableStream = o.hosts === '-' ? io.stdin : createReadStream(o.hosts, { encoding: 'utf8' });
  const openError = await new Promise<Error | undefined>((resolve) => {
    if (o.hosts === '-') return resolve(undefined);
    (input as ReturnType<typeof createReadStream>).once('ready', () => resolve(undefined));
    input.once('error', (e: Error) => resolve(e));
  });
  if (openError)
    return usageError(io, `cannot read ${o.hosts}: ${(openError as NodeJS.ErrnoException).code ?? openError.message}`);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });

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

  let failed = false;
  let pending = Promise.resolve();
  const emit = (row: ScanRow) => {
    summary.add(row);
    if (o.failOn.length && matchesFailOn(row, o.failOn)) failed = true;
    const text = formatRow(row, o.format);
    pending = pending.then(() => write(io.stdout, text));
    draw();
  };

  await write(io.stdout, header(o.format));
  try {
    await runPool<TargetItem, ScanRow>(
      readTargets(lines),
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
      (row) => emit(row),
      signal,
    );
  } finally {
    lines.close();
    if (o.hosts !== '-') (input as ReturnType<typeof createReadStream>).destroy();
  }
  await pending;
  if (showProgress) io.stderr.write('\r\x1b[2K');
  const summaryText =
    summary.render() +
    (signal.aborted ? 'Interrupted: the results above are complete; the rest were not scanned.\n' : '');
  if (o.format === 'table') await write(io.stdout, summaryText);
  else io.stderr.write(summaryText);
  if (signal.aborted) return 130;
  return failed ? 3 : 0;
}

export const scanCommand: Command = {
  name: 'scan',
  summary: 'probe many servers: certificate expiry and RDP security posture',
  usage: USAGE,
  async run(argv, io, signal) {
    const o = parseScanArgs(argv, Boolean(io.stdout.isTTY));
    if (typeof o === 'string') return usageError(io, o);
    return runScan(o, io, signal);
  },
};

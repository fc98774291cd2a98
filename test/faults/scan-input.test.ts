/**
 * `rdp-doctor scan` with awkward input and a slow reader: the built CLI for lists that are a
 * directory, endless (`/dev/zero`), only invalid lines, or full of repeats and overlapping ranges;
 * CSV cells; Ctrl-C with targets still waiting; and, in-process, a consumer that reads slowly —
 * the bytes of finished rows that the consumer has not taken yet must stay under a fixed bound.
 * Loopback only: refused ports and silent listeners on 127.0.0.92–127.0.0.95.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScan, type ScanOptions } from '../../native-host/commands/scan.js';
import { probeForScan } from '../../native-host/scan/probe-adapter.js';
import { formatRow } from '../../native-host/scan/report.js';
import { CLI_BUNDLE, jsonRows, runCli, scanJson, startCli } from '../harness/cli.js';
import { type HoldingListener, listenHolding } from '../harness/listener.js';

/** Nothing listens on these ports of this address: every connection is refused at once. */
const REFUSED = '127.0.0.93';

const cli = (args: string[], input?: string) => runCli(args, { input });

let dir = '';
const silent: HoldingListener[] = [];

describe.skipIf(!existsSync(CLI_BUNDLE))('scan input, interruption and a slow consumer', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-scan-input-'));
  });
  afterAll(async () => {
    await Promise.all(silent.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a directory as the list is a usage error, not an internal one', async () => {
    const r = await cli(['scan', '--hosts', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a directory (EISDIR)');
    expect(r.stderr).not.toContain('internal error');
  });

  it('an endless line (/dev/zero) stops with a row naming line 1 and exit 2', async () => {
    const r = await cli(['scan', '--hosts', '/dev/zero', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ target: 'line 1', error: { code: 'line-too-long' } });
    expect(r.stderr).toContain('Reading the list stopped at line 1');
    expect(r.stderr).not.toContain('RangeError');
  });

  it('a list of only invalid lines: each reported with its number, summary, exit 2', async () => {
    const r = await cli(['scan', '--hosts', '-', '--format', 'json'], 'not a host\n# comment\n-x\nhttp://a/\n');
    expect(r.code).toBe(2);
    const rows = jsonRows(r.stdout);
    expect(rows.map((x) => x.target)).toEqual(['line 1', 'line 3', 'line 4']);
    expect(r.stderr).toContain('Invalid line(s): 1, 3, 4');
    expect(r.stderr).toContain('No valid target in the list: nothing was scanned.');
  });

  it('repeats and an overlapping range are scanned once each and counted; CSV days stay numbers', async () => {
    const list = [`${REFUSED}:7001`, `${REFUSED}:7001`, `${REFUSED}/31:7001`, `${REFUSED}:7001`, ''].join('\n');
    const r = await cli(['scan', '--hosts', '-', '--format', 'json', '--fail-on', 'port-refused'], list);
    expect(r.code).toBe(3);
    const rows = jsonRows(r.stdout);
    expect(rows.map((x) => x.target).sort()).toEqual(['127.0.0.92:7001', '127.0.0.93:7001']);
    expect(r.stderr).toContain('Scanned 2 target(s).');
    expect(r.stderr).toContain('3 repeated entries folded');
    expect(r.stderr).toMatch(
      /--fail-on port-refused: 2 target\(s\) tripped it: 127\.0\.0\.9[23]:7001 \(port-refused\); /,
    );
  });

  it('CSV: negative day counts stay numeric, formulas are neutralised', async () => {
    const { csvCell } = await import('../../native-host/scan/report.js');
    expect(csvCell(-2499)).toBe('-2499');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell('-2499')).toBe('-2499');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-1+cmd|calc')).toBe('"\'-1+cmd|calc"');
    expect(csvCell('@SUM(A1)')).toBe('"\'@SUM(A1)"');
  });

  it('Ctrl-C: complete rows so far, then the summary with the number of targets not scanned', async () => {
    const addrs: string[] = [];
    for (let i = 0; i < 4; i++) {
      const s = await listenHolding('127.0.0.94');
      silent.push(s);
      addrs.push(`127.0.0.94:${s.port}`);
    }
    const file = join(dir, 'ctrl-c.txt');
    // One refused target first (its row comes at once), then 4 silent ones and a /30 of refused ports.
    writeFileSync(file, `${REFUSED}:7002\n${addrs.join('\n')}\n127.0.0.92/30:7003\n`);
    const run = startCli(scanJson(file, '--concurrency', '2', '--timeout', '20000'));
    await run.waitFor('\n');
    // The first row is out; the two lanes now wait on silent listeners.
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    const rows = jsonRows(run.out());
    const err = run.err();
    expect(rows.map((r) => r.target)).toEqual([`${REFUSED}:7002`]);
    // 1 + 4 + 4 distinct targets; 1 scanned.
    expect(err).toContain('Interrupted: the results above are complete; 8 target(s) were not scanned.');
    expect(err).toContain('Scanned 1 target(s).');
  });

  it('a slow consumer holds the scan back: unread finished rows stay under a fixed number of bytes', async () => {
    const TARGETS = 600;
    const CONCURRENCY = 20;
    const HWM = 1024;
    let produced = 0;
    let consumed = 0;
    let maxHeld = 0;
    let maxRow = 0;
    const slow = new Writable({
      highWaterMark: HWM,
      write(chunk: Buffer, _enc, done) {
        setTimeout(() => {
          consumed += chunk.length;
          done();
        }, 2);
      },
    });
    const stdin = new PassThrough();
    stdin.end(`${Array.from({ length: TARGETS }, (_, i) => `${REFUSED}:${10_000 + i}`).join('\n')}\n`);
    const o: ScanOptions = {
      hosts: '-',
      concurrency: CONCURRENCY,
      timeoutMs: 2000,
      format: 'json',
      failOn: [],
      progress: false,
    };
    const code = await runScan(
      o,
      { stdout: slow, stderr: new PassThrough(), stdin, env: {} },
      new AbortController().signal,
      async (t, ms, signal) => {
        const row = await probeForScan(t, ms, signal);
        const bytes = Buffer.byteLength(formatRow(row, 'json'));
        produced += bytes;
        maxRow = Math.max(maxRow, bytes);
        maxHeld = Math.max(maxHeld, produced - consumed);
        return row;
      },
    );
    expect(code).toBe(0);
    await new Promise((r) => slow.end(r));
    expect(consumed).toBe(produced);
    expect(produced).toBeGreaterThan(50 * 1024);
    // At most one row per lane waiting, plus what the stream itself buffers.
    const bound = (CONCURRENCY + 2) * maxRow + HWM;
    expect(bound).toBeLessThan(16 * 1024);
    expect(maxHeld).toBeLessThanOrEqual(bound);
  });
});

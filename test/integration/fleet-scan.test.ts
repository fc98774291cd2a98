/**
 * Fleet scans end to end with the built CLI: a baseline and a second scan after a live server was
 * replaced by one with another configuration (certificate replaced, NLA turned off), Prometheus
 * output read by a real exposition-format parser, `--policy` naming the failing targets, and shards
 * of a 1,024-target list that union to the whole list and merge back into one result.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parsePrometheus from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRows, runCli, scanJson } from '../harness/cli.js';
import { missingBinaries, type ServerSet, startRdpServers } from '../harness/rdp-servers.js';

/** The address whose server is replaced between the two scans. */
const SWAPPED = '127.0.7.1';
const STEADY = '127.0.7.2';
const CLOSED = '127.0.7.3:1';
const missing = missingBinaries(['replay-windows', 'xrdp-negotiate-valid', 'xrdp-tls-expired']);

const cli = (args: string[]) => runCli(args, { timeoutMs: 120_000, maxBuffer: 64 * 2 ** 20 });
const rows = jsonRows;

describe.skipIf(missing.length > 0 && !process.env.CI)('fleet scans against live servers', () => {
  let dir = '';
  let steady: ServerSet | undefined;
  let swapped: ServerSet | undefined;
  let list = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-fleet-scan-'));
    list = join(dir, 'hosts.txt');
    writeFileSync(list, `${SWAPPED}\n${STEADY}\n${CLOSED}\n`);
    // One after the other, so a set that started is always stopped even when the next one fails.
    steady = await startRdpServers(['xrdp-tls-expired'], { addressOf: () => STEADY });
    // A Windows-shaped server that requires NLA (no X display needed).
    swapped = await startRdpServers(['replay-windows'], { addressOf: () => SWAPPED });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([steady?.stop(), swapped?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a second scan against a baseline names the replaced certificate and NLA turned off; --only-changes keeps only those', async () => {
    const first = await cli(scanJson(list, '--timeout', '4000'));
    expect(first.code).toBe(0);
    const baseline = join(dir, 'monday.jsonl');
    writeFileSync(baseline, first.stdout);
    expect(rows(first.stdout).find((r) => r.target === `${SWAPPED}:3389`)?.grade).toBeDefined();

    // The NLA server is replaced, at the same address, by an xrdp that also accepts standard RDP.
    await swapped?.stop();
    swapped = undefined;
    swapped = await startRdpServers(['xrdp-negotiate-valid'], { addressOf: () => SWAPPED });

    const second = await cli(scanJson(list, '--timeout', '4000', '--baseline', baseline));
    expect(second.code).toBe(0);
    const byTarget = new Map(rows(second.stdout).map((r) => [r.target, r]));
    const change = (t: string) => byTarget.get(t)?.change as { kind: string; items: { id: string }[] };
    expect(change(`${SWAPPED}:3389`).kind).toBe('changed');
    expect(change(`${SWAPPED}:3389`).items.map((i) => i.id)).toEqual(
      expect.arrayContaining(['cert-replaced', 'nla-turned-off', 'protocol-offered', 'grade']),
    );
    expect(change(`${STEADY}:3389`).kind).toBe('same');
    expect(second.stderr).toMatch(/since the baseline: 0 new, 0 gone, 1 changed, 2 unchanged/);

    const only = await cli(scanJson(list, '--timeout', '4000', '--baseline', baseline, '--only-changes'));
    expect(rows(only.stdout).map((r) => r.target)).toEqual([`${SWAPPED}:3389`]);

    // A target dropped from the list is reported gone.
    const shorter = join(dir, 'shorter.txt');
    writeFileSync(shorter, `${STEADY}\n${CLOSED}\n`);
    const gone = await cli(scanJson(shorter, '--timeout', '4000', '--baseline', baseline));
    expect(rows(gone.stdout).find((r) => r.target === `${SWAPPED}:3389`)?.change).toMatchObject({ kind: 'gone' });
  });

  it('--format prometheus parses with a real exposition parser and carries the live facts', async () => {
    const r = await cli(['scan', '--hosts', list, '--format', 'prometheus', '--timeout', '4000']);
    expect(r.code).toBe(0);
    const families = new Map(parsePrometheus(r.stdout).map((f) => [f.name, f]));
    const value = (name: string, target: string) =>
      families.get(name)?.metrics.find((m) => m.labels?.target === target)?.value;
    expect(value('rdp_doctor_up', `${STEADY}:3389`)).toBe('1');
    expect(value('rdp_doctor_up', CLOSED)).toBe('0');
    expect(Number(value('rdp_doctor_certificate_days_left', `${STEADY}:3389`))).toBeLessThan(0);
    expect(value('rdp_doctor_nla_required', `${STEADY}:3389`)).toBe('0');
    expect(families.get('rdp_doctor_scan_targets')?.metrics[0]?.value).toBe('3');
    // Not observed is not zero: the closed port has no certificate sample at all.
    expect(value('rdp_doctor_certificate_days_left', CLOSED)).toBeUndefined();
  });

  it('--policy fails the scan with exit 3 and names the failing targets', async () => {
    const r = await cli(scanJson(list, '--timeout', '4000', '--policy', 'recommended'));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--policy: 3 target\(s\) failed it: .*127\.0\.7\.2:3389/);
    for (const row of rows(r.stdout)) expect((row.policy as { verdict: string }).verdict).toBe('fail');
  });

  it('shards 1..4 of a 1,024-target list cover it exactly once, and --merge combines them with one summary', async () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, ['127.0.8.0/24:1', '127.0.9.0/24:1', '127.0.10.0/24:1', '127.0.11.0/24:1'].join('\n'));
    const files: string[] = [];
    const seen = new Map<string, number>();
    for (let k = 1; k <= 4; k++) {
      const r = await cli(scanJson(big, '--timeout', '2000', '--concurrency', '200', '--shard', `${k}/4`));
      expect(r.code).toBe(0);
      const f = join(dir, `shard-${k}.jsonl`);
      writeFileSync(f, r.stdout);
      files.push(f);
      for (const row of rows(r.stdout)) seen.set(row.target, (seen.get(row.target) ?? 0) + 1);
    }
    expect(seen.size).toBe(1024);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);

    const merged = await cli(['scan', '--merge', ...files, '--format', 'json']);
    expect(merged.code).toBe(0);
    expect(rows(merged.stdout)).toHaveLength(1024);
    expect(merged.stderr).toMatch(/Scanned 1024 target/);
    // The same shard twice: its rows are counted as overlap, not twice.
    const twice = await cli(['scan', '--merge', files[0] ?? '', files[0] ?? '', '--format', 'json']);
    expect(twice.stderr).toMatch(/left out \(overlapping files\)/);
    expect(
      readFileSync(files[0] ?? '', 'utf8')
        .split('\n')
        .filter(Boolean),
    ).toHaveLength(rows(twice.stdout).length);
  });
});

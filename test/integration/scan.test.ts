/**
 * `rdp-doctor scan` end to end: the built CLI, a list of 200+ loopback targets mixing live xrdp and
 * FreeRDP servers, closed ports and silent listeners, streamed as JSON Lines. Every target must get
 * exactly the findings its known configuration implies.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRows, runCli, scanJson, startCli } from '../harness/cli.js';
import { type HoldingListener, listenHolding } from '../harness/listener.js';
import { missingBinaries, type ServerName, type ServerSet, startRdpServersAt } from '../harness/rdp-servers.js';

/** Live servers on 127.0.3.x and the warn/fail findings each must produce (info ones such as `tls-required` are not listed). */
const LIVE: Record<string, { name: ServerName; expect: string[] }> = {
  '127.0.3.1': {
    name: 'xrdp-negotiate-valid',
    expect: ['standard-rdp-offered', 'nla-not-offered', 'cert-self-signed'],
  },
  '127.0.3.2': {
    name: 'xrdp-tls-expired',
    expect: ['nla-not-offered', 'cert-expired', 'cert-self-signed'],
  },
  '127.0.3.3': { name: 'xrdp-rdp-valid', expect: ['standard-rdp-only', 'nla-not-offered'] },
  '127.0.3.4': { name: 'shadow-nla', expect: ['cert-self-signed', 'cert-name-mismatch'] },
  '127.0.3.5': { name: 'silent', expect: ['not-rdp'] },
  '127.0.3.6': { name: 'closed', expect: ['port-refused'] },
};
const SILENT = Array.from({ length: 40 }, (_, i) => `127.0.5.${i + 1}`);
const CLOSED_RANGE = '127.0.4.0/24';
const CLOSED_COUNT = 256;
/** Each live server appears this many times in the list; the scan folds the repeats into one row. */
const COPIES = 3;
/** Generous per-step timeout: only the silent listeners wait for it, and xrdp answers some parallel connections after ~1 s. */
const TIMEOUT = '4000';

type ScanRow = {
  target: string;
  error?: { code: string };
  findings: { id: string; severity: string }[];
};

const missing = missingBinaries(Object.values(LIVE).map((l) => l.name));

/** The built command, with room for the 300-target scan's output and time. */
const scan = (args: string[], input?: string) => runCli(args, { input, timeoutMs: 170_000, maxBuffer: 32 * 2 ** 20 });

describe.skipIf(missing.length > 0 && !process.env.CI)('rdp-doctor scan against 200+ loopback targets', () => {
  let servers: ServerSet | undefined;
  let listeners: HoldingListener[] = [];
  let list = '';

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`missing binaries: ${missing.join(', ')} (bash .ci/run installs them)`);
    servers = await startRdpServersAt(LIVE);
    listeners = await Promise.all(SILENT.map((addr) => listenHolding(addr, 3389)));
    const lines = ['# fleet list for the scan test', ''];
    for (let copy = 0; copy < COPIES; copy++)
      for (const addr of Object.keys(LIVE)) lines.push(`${addr}:3389   # copy ${copy}`);
    lines.push(CLOSED_RANGE, ...SILENT, 'not a host name', '[::1]:99999');
    list = `${lines.join('\n')}\n`;
  });

  afterAll(async () => {
    await Promise.all(listeners.map((s) => s.close()));
    await servers?.stop();
  });

  it('gives each target exactly its expected findings, streamed as JSON Lines', async () => {
    const file = join(servers!.dir, 'targets.txt');
    writeFileSync(file, list);
    const r = await scan(scanJson(file, '--concurrency', '100', '--timeout', TIMEOUT));
    expect(r.code, r.stderr).toBe(0);
    const rows = jsonRows<ScanRow>(r.stdout);
    const targets = rows.filter((row) => !row.error);
    expect(targets.length).toBe(Object.keys(LIVE).length + CLOSED_COUNT + SILENT.length);
    expect(new Set(targets.map((t) => t.target)).size).toBe(targets.length);
    expect(rows.flatMap((row) => (row.error ? [row.error.code] : [])).sort()).toEqual(
      ['target-bad-port', 'target-whitespace'].sort(),
    );
    const expected = (addr: string): string[] =>
      LIVE[addr]?.expect ?? (SILENT.includes(addr) ? ['not-rdp'] : ['port-refused']);
    const wrong: string[] = [];
    for (const row of targets) {
      const addr = row.target.replace(/:3389$/, '');
      const got = row.findings
        .filter((f: { severity: string }) => f.severity !== 'info')
        .map((f: { id: string }) => f.id)
        .sort();
      const want = [...expected(addr)].sort();
      if (JSON.stringify(got) !== JSON.stringify(want))
        wrong.push(`${row.target}: got ${got.join(',')} want ${want.join(',')}`);
    }
    expect(wrong).toEqual([]);
    expect(r.stderr).toContain(`Scanned ${targets.length} target(s) (2 invalid line(s))`);
    expect(r.stderr).toMatch(/certificates expired:\s+1\n/);
    expect(r.stderr).toContain(`${(COPIES - 1) * Object.keys(LIVE).length} repeated entries folded`);
  });

  it('exits 3 with --fail-on when a listed finding is present, and reads the list from stdin', async () => {
    const r = await scan(
      ['scan', '--hosts', '-', '--fail-on', 'cert-expired', '--format', 'csv'],
      '127.0.3.2\n127.0.3.6\n',
    );
    expect(r.code).toBe(3);
    const [header, ...rows] = r.stdout.trim().split('\n');
    expect(header).toMatch(/^target,reachability,security/);
    expect(rows).toHaveLength(2);
    const ok = await scan(
      ['scan', '--hosts', '-', '--fail-on', 'cert-expired', '--format', 'csv', '--timeout', TIMEOUT],
      '127.0.3.1\n',
    );
    expect(ok.code).toBe(0);
  });

  it('refuses bad options with exit 2 and a precise message', async () => {
    const r = await scan(['scan', '--hosts', '-', '--fail-on', 'cert-expird']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown finding "cert-expird"');
    const c = await scan(['scan', '--hosts', '/nonexistent/list.txt']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('ENOENT');
  });

  it('stops cleanly on Ctrl-C: complete lines so far, exit 130', async () => {
    const file = join(servers!.dir, 'slow.txt');
    writeFileSync(file, `127.0.3.6\n${SILENT.join('\n')}\n`);
    const run = startCli(scanJson(file, '--concurrency', '2', '--timeout', '20000'));
    await new Promise((r) => setTimeout(r, 1500));
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    const out = run.out();
    for (const line of out.trim().split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    expect(out).toContain('127.0.3.6:3389');
  });
});

/**
 * `rdp-doctor scan` under load: the built CLI over a fleet list that names 7 real servers (xrdp and
 * the FreeRDP shadow server, on 127.0.0.85–127.0.0.91) 20 times each, mixed with 300 refused ports,
 * at concurrency 200. Every distinct target gets exactly one row with its server's findings, and
 * the summary is there.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRows, runCli, scanJson } from '../harness/cli.js';
import { missingBinaries, type ServerName, type ServerSet, startRdpServersAt } from '../harness/rdp-servers.js';

/** Each live server, its address here and a finding only its configuration gives. */
const LIVE: Record<string, { name: ServerName; finding: string }> = {
  '127.0.0.85': { name: 'xrdp-negotiate-valid', finding: 'standard-rdp-offered' },
  '127.0.0.86': { name: 'xrdp-tls-expired', finding: 'cert-expired' },
  '127.0.0.87': { name: 'xrdp-rdp-valid', finding: 'standard-rdp-only' },
  '127.0.0.88': { name: 'xrdp-negotiate-weak', finding: 'cert-weak-key' },
  '127.0.0.89': { name: 'xrdp-tls-wrongname', finding: 'cert-name-mismatch' },
  '127.0.0.90': { name: 'shadow-nla', finding: 'nla-required' },
  '127.0.0.91': { name: 'shadow-nla-expired', finding: 'cert-expired' },
};
const REPEATS = 20;
const REFUSED = Array.from({ length: 300 }, (_, i) => `127.0.0.95:${1000 + i}`);

const missing = missingBinaries(Object.values(LIVE).map((l) => l.name));

describe.skipIf(missing.length > 0 && !process.env.CI)('scan: a repeated real-server list at concurrency 200', () => {
  let servers: ServerSet | undefined;

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`missing binaries: ${missing.join(', ')} (bash .ci/run installs them)`);
    servers = await startRdpServersAt(LIVE);
  });
  afterAll(async () => {
    await servers?.stop();
  });

  it('one row per distinct target with its findings, and the summary', async () => {
    const lines: string[] = [];
    for (let r = 0; r < REPEATS; r++) {
      for (const addr of Object.keys(LIVE)) lines.push(`${addr}:3389`);
      lines.push(...REFUSED.slice(r * 15, r * 15 + 15));
    }
    const file = join(servers!.dir, 'fleet.txt');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = await runCli(scanJson(file, '--concurrency', '200', '--timeout', '4000'), {
      timeoutMs: 170_000,
      maxBuffer: 32 * 2 ** 20,
    });
    expect(r.code, r.stderr).toBe(0);
    const rows = jsonRows<{ target: string; reachability: string; findings: { id: string }[] }>(r.stdout);
    const targets = rows.map((row) => row.target).sort();
    expect(targets).toEqual([...Object.keys(LIVE).map((a) => `${a}:3389`), ...REFUSED].sort());
    const wrong: string[] = [];
    for (const [addr, l] of Object.entries(LIVE)) {
      const row = rows.find((x) => x.target === `${addr}:3389`);
      if (!row) {
        wrong.push(`${l.name}: no row`);
        continue;
      }
      const ids = row.findings.map((f) => f.id);
      if (row.reachability !== 'open') wrong.push(`${l.name}: reachability ${row.reachability}`);
      if (!ids.includes(l.finding)) wrong.push(`${l.name}: ${ids.join(',')} lacks ${l.finding}`);
      for (const bad of ['not-rdp', 'check-incomplete', 'connection-closed', 'connection-reset'])
        if (ids.includes(bad)) wrong.push(`${l.name}: ${bad}`);
    }
    for (const row of rows.filter((x) => x.target.startsWith('127.0.0.95:')))
      if (row.reachability !== 'refused') wrong.push(`${row.target}: ${row.reachability}`);
    expect(wrong).toEqual([]);
    expect(r.stderr).toContain(`Scanned ${REFUSED.length + 7} target(s).`);
    expect(r.stderr).toMatch(/certificates expired:\s+2\n/);
    expect(r.stderr).toContain(`${(REPEATS - 1) * 7} repeated entries folded`);
  });
});

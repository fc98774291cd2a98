/**
 * The live subset of the scenario matrix: real servers on loopback (127.0.12.x, away from the other
 * suites), the built command line `rdp-doctor explain TEXT --host ADDR --json`, and the rows of
 * test/fixtures/scenarios/matrix.md for those servers: the first fix, the confirmed causes (exactly)
 * and the ruled-out causes (at least) must match. Servers are stopped by PID.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/browser.js';
import { missingBinaries, type ServerName, type ServerSet, startRdpServers } from '../harness/rdp-servers.js';

const SERVERS: Record<string, ServerName> = {
  expired: 'xrdp-negotiate-expired',
  'wrong-name': 'xrdp-negotiate-wrongname',
  'standard-rdp-only': 'xrdp-rdp-valid',
  nla: 'shadow-nla',
  silent: 'silent',
  closed: 'closed',
};
const NAMES = Object.values(SERVERS);
const addressOf = (name: ServerName) => `127.0.12.${10 + NAMES.indexOf(name)}`;
const TEXT_KEY = '0x904+0x7';
const TEXT = 'Your Remote Desktop session has ended. Error code: 0x904 Extended error code: 0x7';

const list = (cell: string) =>
  cell
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '' && x !== '—');

function row(server: string) {
  const line = readFileSync(join(ROOT, 'test/fixtures/scenarios/matrix.md'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`| ${server} | ${TEXT_KEY} |`));
  if (!line) throw new Error(`no matrix row for ${server}`);
  const c = line.split('|').map((x) => x.trim());
  return { firstFix: c[3]!, confirmed: list(c[4]!), ruledOut: list(c[5]!) };
}

function explain(target: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin/rdp-doctor.mjs'), 'explain', TEXT, '--host', target, '--json'],
      { timeout: 60_000 },
      (e, out, err) => resolve({ code: e ? ((e as { code?: number }).code ?? -1) : 0, out, err }),
    );
  });
}

const missing = missingBinaries(NAMES);
describe.skipIf(missing.length > 0)('scenario matrix, live: explain --host against real servers', () => {
  let set: ServerSet;
  beforeAll(async () => {
    set = await startRdpServers(NAMES, { addressOf });
  }, 120_000);
  afterAll(async () => {
    await set?.stop();
  });

  for (const [server, name] of Object.entries(SERVERS)) {
    it(`${server}: first fix, confirmed and ruled-out causes match the matrix`, async () => {
      const s = set.servers[name];
      const r = await explain(`${s.host}:${s.port}`);
      // A failing check makes explain --host exit 3; a clean one exits 0.
      expect([0, 3]).toContain(r.code);
      const j = JSON.parse(r.out) as { causes: { id: string; state: string }[]; fixes: { id: string }[] };
      const want = row(server);
      expect(j.fixes[0]?.id).toBe(want.firstFix);
      expect(j.causes.filter((c) => c.state === 'confirmed').map((c) => c.id)).toEqual(want.confirmed);
      expect(j.causes.filter((c) => c.state === 'ruled-out').map((c) => c.id)).toEqual(
        expect.arrayContaining(want.ruledOut),
      );
    }, 90_000);
  }
});

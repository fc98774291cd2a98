/**
 * The process-level invariant against hostile servers (test/faults/hostile.ts, 127.0.0.70–127.0.0.84):
 * every `check`, `explain --host`, `scan` run of the built CLI and every `probe` request to the built
 * helper over stdio ends with a complete report whose exit status (or final message) matches it —
 * 0 healthy, 3 a failing finding — never a silent 0, never an internal error; each hostile state has
 * its own finding; and nothing a server sends reaches a person's output raw (JSON keeps it exactly).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_BUNDLE, runCli as cli, jsonRows, scanJson } from '../harness/cli.js';
import { BUILT_HOST, spawnHost } from '../host/harness.js';
import {
  EVIL,
  type Hostile,
  type HostileServer,
  makeHostileCerts,
  type NtlmSpec,
  startHostile,
  UNSAFE_FOR_PEOPLE,
} from './hostile.js';

const TIMEOUT = '1000';

interface Case {
  name: string;
  address: string;
  behaviour: Hostile;
  opts?: { delayMs?: number; ntlm?: NtlmSpec };
  cert?: 'emptySubject' | 'emptySubjectExpired' | 'evilSubject' | 'badDates';
  /** The finding that must name this state. */
  finding: string;
  /** Expected exit status of `check`. */
  exit: 0 | 3;
  /** Findings that must not appear. */
  not?: string[];
}

const ok = { dnsComputerName: 'only-san.test', nbComputerName: 'ONLYSAN' };
const CASES: Case[] = [
  { name: 'accepts then closes', address: '127.0.0.70', behaviour: 'close', finding: 'connection-closed', exit: 3 },
  {
    name: 'accepts then closes after 300 ms',
    address: '127.0.0.71',
    behaviour: 'close',
    opts: { delayMs: 300 },
    finding: 'connection-closed',
    exit: 3,
  },
  { name: 'resets every connection', address: '127.0.0.72', behaviour: 'reset', finding: 'connection-reset', exit: 3 },
  {
    name: 'resets after the request',
    address: '127.0.0.73',
    behaviour: 'reset-after-request',
    finding: 'connection-reset',
    exit: 3,
  },
  {
    name: 'unknown failure code',
    address: '127.0.0.74',
    behaviour: 'unknown-failure',
    finding: 'unknown-failure-code',
    exit: 3,
  },
  {
    name: 'unknown selected protocol',
    address: '127.0.0.75',
    behaviour: 'unknown-protocol',
    finding: 'unknown-protocol-selected',
    exit: 3,
  },
  { name: 'dribbles', address: '127.0.0.76', behaviour: 'dribble', finding: 'not-rdp', exit: 3 },
  { name: 'endless data', address: '127.0.0.77', behaviour: 'endless', finding: 'not-rdp', exit: 3 },
  {
    name: 'escapes, bidi override, C1 and NUL in names and certificate',
    address: '127.0.0.78',
    behaviour: 'nla',
    cert: 'evilSubject',
    opts: {
      ntlm: { dnsComputerName: EVIL, nbComputerName: `NB\u0000${EVIL}`, dnsDomainName: EVIL, nbDomainName: EVIL },
    },
    finding: 'cert-self-signed',
    exit: 0,
  },
  {
    name: 'empty subject, names in SAN',
    address: '127.0.0.79',
    behaviour: 'nla',
    cert: 'emptySubject',
    opts: { ntlm: ok },
    finding: 'cert-valid',
    exit: 0,
    not: ['check-incomplete'],
  },
  {
    name: 'empty subject, expired',
    address: '127.0.0.80',
    behaviour: 'nla',
    cert: 'emptySubjectExpired',
    opts: { ntlm: ok },
    finding: 'cert-expired',
    exit: 3,
  },
  {
    name: 'unreadable certificate dates',
    address: '127.0.0.81',
    behaviour: 'nla',
    cert: 'badDates',
    opts: { ntlm: ok },
    finding: 'cert-dates-unreadable',
    exit: 3,
    not: ['cert-valid'],
  },
  {
    name: 'NTLM time of 1601 (FILETIME 0)',
    address: '127.0.0.82',
    behaviour: 'nla',
    cert: 'emptySubject',
    opts: { ntlm: { ...ok, filetime: 0n } },
    finding: 'ntlm-time-invalid',
    exit: 0,
    not: ['clock-skew', 'server-clock-in-sync'],
  },
  {
    name: 'NTLM time in the year 60056',
    address: '127.0.0.83',
    behaviour: 'nla',
    cert: 'emptySubject',
    opts: { ntlm: { ...ok, filetime: 0xffff_ffff_ffff_ffffn } },
    finding: 'ntlm-time-invalid',
    exit: 0,
    not: ['clock-skew', 'server-clock-in-sync'],
  },
  {
    name: 'NUL in the NTLM computer name, expired certificate',
    address: '127.0.0.84',
    behaviour: 'nla',
    cert: 'emptySubjectExpired',
    opts: { ntlm: { dnsComputerName: 'only-san.test\u0000.evil', nbComputerName: 'A\u0000B' } },
    finding: 'cert-expired',
    exit: 3,
  },
];

/** Runs `f` over `items`, `n` at a time (the machine has two cores). */
async function inGroups<T, R>(items: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += n) out.push(...(await Promise.all(items.slice(i, i + n).map(f))));
  return out;
}

const servers = new Map<string, HostileServer>();
const target = (c: Case) => `${c.address}:${servers.get(c.address)?.port}`;
let dir = '';

describe.skipIf(!existsSync(CLI_BUNDLE) || !existsSync(BUILT_HOST))(
  'hostile servers: never silent, never fooled',
  () => {
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-hostile-'));
      const certs = await makeHostileCerts(dir, ['127.0.0.79']);
      for (const c of CASES) {
        servers.set(
          c.address,
          await startHostile(c.address, c.behaviour, { ...c.opts, ...(c.cert ? { cert: certs[c.cert] } : {}) }),
        );
      }
    });
    afterAll(async () => {
      await Promise.all([...servers.values()].map((s) => s.close()));
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('check: a complete report, its own finding and the matching exit status for every hostile server', async () => {
      const runs = await inGroups(CASES, 5, async (c) => ({
        c,
        r: await cli(['check', target(c), '--timeout', TIMEOUT]),
      }));
      const wrong: string[] = [];
      for (const { c, r } of runs) {
        const problems: string[] = [];
        if (r.code !== c.exit) problems.push(`exit ${r.code}, want ${c.exit}`);
        if (!r.stdout.startsWith(`RDP Doctor check of ${target(c)}: `)) problems.push('no headline');
        if (!/\nIdentity, clock +\S/.test(r.stdout)) problems.push('report incomplete');
        if (c.exit === 3 && /: healthy \(/.test(r.stdout)) problems.push('called healthy');
        if (!new RegExp(`^  (FAIL|WARN|ok  )  ${c.finding} `, 'm').test(r.stdout)) problems.push(`no ${c.finding}`);
        for (const n of c.not ?? []) if (r.stdout.includes(`  ${n} `)) problems.push(`has ${n}`);
        if (UNSAFE_FOR_PEOPLE.test(r.stdout)) problems.push('raw control/bidi characters in the output');
        if (r.stderr !== '') problems.push(`stderr: ${r.stderr.slice(0, 200)}`);
        if (problems.length) wrong.push(`${c.name}: ${problems.join('; ')}`);
      }
      expect(wrong).toEqual([]);
    });

    it('check --json keeps what the server sent exactly; the text shows it escaped', async () => {
      const evil = CASES.find((c) => c.address === '127.0.0.78')!;
      const j = await cli(['check', target(evil), '--timeout', TIMEOUT, '--json']);
      const report = JSON.parse(j.stdout);
      expect(report.ntlm.evidence.dnsComputerName).toBe(EVIL);
      expect(report.ntlm.evidence.nbComputerName).toBe(`NB\u0000${EVIL}`);
      const t = await cli(['check', target(evil), '--timeout', TIMEOUT]);
      expect(t.stdout).toContain('evil\\x1B[2J\\x1B[H\\u202Ecod.exe\\x9B31m\\x07');
      expect(t.stdout).toContain('NB\\x00evil');
    });

    it('explain --host (text and Markdown): complete, exit 3 on a failing finding, nothing raw', async () => {
      const picks = ['127.0.0.70', '127.0.0.72', '127.0.0.74', '127.0.0.78', '127.0.0.84'].map(
        (a) => CASES.find((c) => c.address === a)!,
      );
      const runs = await inGroups(picks, 3, async (c) => ({
        c,
        text: await cli(['explain', '0x904', '--host', target(c), '--timeout', TIMEOUT]),
        md: await cli(['explain', '0x904', '--host', target(c), '--timeout', TIMEOUT, '--markdown']),
      }));
      const wrong: string[] = [];
      for (const { c, text, md } of runs) {
        const want = c.exit === 3 ? 3 : 0;
        if (text.code !== want) wrong.push(`${c.name}: text exit ${text.code}, want ${want}`);
        if (md.code !== want) wrong.push(`${c.name}: markdown exit ${md.code}, want ${want}`);
        if (!text.stdout.includes(`Diagnosis with the checks of ${target(c)}:`)) wrong.push(`${c.name}: no diagnosis`);
        if (!text.stdout.includes('Fixes, most likely first:')) wrong.push(`${c.name}: text report incomplete`);
        if (!md.stdout.startsWith('#')) wrong.push(`${c.name}: no Markdown report`);
        if (UNSAFE_FOR_PEOPLE.test(text.stdout)) wrong.push(`${c.name}: raw characters in text`);
        if (UNSAFE_FOR_PEOPLE.test(md.stdout)) wrong.push(`${c.name}: raw characters in Markdown`);
        if (/internal error/.test(text.stderr + md.stderr)) wrong.push(`${c.name}: internal error`);
      }
      expect(wrong).toEqual([]);
    });

    it('scan: one row per hostile target with its finding, the summary, and --fail-on exits 3', async () => {
      const list = join(dir, 'hostile.txt');
      writeFileSync(list, `${CASES.map(target).join('\n')}\n`);
      const r = await cli(scanJson(list, '--timeout', TIMEOUT, '--fail-on', 'severity:fail'));
      expect(r.code, r.stderr).toBe(3);
      const rows = jsonRows<{ target: string; findings: { id: string }[]; error?: { message: string } }>(r.stdout);
      expect(rows.map((row) => row.target).sort()).toEqual(CASES.map(target).sort());
      const wrong: string[] = [];
      for (const c of CASES) {
        const row = rows.find((x) => x.target === target(c));
        if (!row?.findings.some((f: { id: string }) => f.id === c.finding)) wrong.push(`${c.name}: no ${c.finding}`);
        if (row?.error) wrong.push(`${c.name}: row is an error: ${row.error.message}`);
      }
      expect(wrong).toEqual([]);
      expect(r.stderr).toContain(`Scanned ${CASES.length} target(s)`);
      expect(r.stderr).toMatch(/certificates expired:\s+2\n/);
      for (const format of ['table', 'csv']) {
        const h = await cli(['scan', '--hosts', list, '--format', format, '--timeout', TIMEOUT]);
        expect(h.code, h.stderr).toBe(0);
        expect(UNSAFE_FOR_PEOPLE.test(h.stdout), `${format} output`).toBe(false);
        expect(h.stdout + h.stderr).toContain(`Scanned ${CASES.length} target(s)`);
      }
    });

    it('helper over stdio: every probe ends with a result carrying the hostile state, never an internal error', async () => {
      const host = spawnHost(BUILT_HOST);
      try {
        await host.until((m) => m.type === 'hello');
        const picks = CASES.filter((c) =>
          ['127.0.0.70', '127.0.0.72', '127.0.0.75', '127.0.0.81', '127.0.0.84'].includes(c.address),
        );
        for (const [i, c] of picks.entries()) {
          const port = servers.get(c.address)!.port;
          host.send({ type: 'probe', id: `h${i}`, host: c.address, port, timeoutMs: Number(TIMEOUT) });
        }
        const endOf = (i: number) =>
          host.received.find((m) => m.id === `h${i}` && (m.type === 'result' || m.type === 'error'));
        await vi.waitFor(() => expect(picks.every((_, i) => endOf(i))).toBe(true), { timeout: 30_000, interval: 100 });
        const wrong: string[] = [];
        for (const [i, c] of picks.entries()) {
          const end = endOf(i)!;
          if (end.type !== 'result') wrong.push(`${c.name}: ended with ${JSON.stringify(end)}`);
          const ids = host.received
            .filter((m) => m.id === `h${i}` && m.type === 'progress')
            .flatMap((m) => (m.result as { findings: { id: string }[] }).findings.map((f) => f.id));
          if (!ids.includes(c.finding)) wrong.push(`${c.name}: findings ${ids.join(',')} lack ${c.finding}`);
        }
        expect(wrong).toEqual([]);
      } finally {
        host.closeStdin();
        await host.exit();
      }
    });

    it('helper over stdio: link-local, metadata and hex-IPv4 targets are refused unless typed by a person', async () => {
      const host = spawnHost(BUILT_HOST);
      try {
        await host.until((m) => m.type === 'hello');
        const targets = ['169.254.169.254', 'fe80::1', '100.100.100.200', 'metadata.google.internal', '0x7f000001'];
        for (const [i, t] of targets.entries())
          host.send({ type: 'probe', id: `x${i}`, host: t, port: 80, timeoutMs: 1000 });
        for (const [i, t] of targets.entries()) {
          const m = await host.until((x) => x.id === `x${i}`);
          expect(m, t).toMatchObject({ type: 'error', code: 'invalid-target' });
        }
      } finally {
        host.closeStdin();
        await host.exit();
      }
    });
  },
);

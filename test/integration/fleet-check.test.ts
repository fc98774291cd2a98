/**
 * Fleet posture against the live servers: every policy rule both ways (a server that passes it and
 * one that fails it), `policy --from` writing a policy its server passes, Nagios plugin lines and
 * exit codes. The built CLI runs as a person would run it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as cli } from '../harness/cli.js';
import { missingBinaries, type ServerName, type ServerSet, startRdpServers } from '../harness/rdp-servers.js';

/** Servers used here, moved to 127.0.6.x so this file never collides with another suite's addresses. */
const NAMES: ServerName[] = [
  'xrdp-negotiate-valid',
  'xrdp-tls-valid',
  'xrdp-tls-expired',
  'xrdp-tls-weak',
  'xrdp-tls10',
  'xrdp-tls-ca',
  'xrdp-windows',
  'xrdp-windows-2008r2',
  'shadow-nla',
  'shadow-nla-skewed',
  'closed',
];
const ADDRESS = Object.fromEntries(NAMES.map((n, i) => [n, `127.0.6.${i + 1}`])) as Record<ServerName, string>;
const missing = missingBinaries(NAMES);

type Rule = { rule: string; status: string };
async function rules(server: ServerName, policy: string): Promise<Record<string, string>> {
  const r = await cli(['check', ADDRESS[server], '--json', '--timeout', '4000', '--policy', policy]);
  const j = JSON.parse(r.stdout) as { policy: { rules: Rule[] } };
  return Object.fromEntries(j.policy.rules.map((x) => [x.rule, x.status]));
}

describe.skipIf(missing.length > 0 && !process.env.CI)('fleet policies, grades and Nagios against live servers', () => {
  let servers: ServerSet | undefined;
  let dir = '';
  const policyFile = (name: string, yaml: string) => {
    const f = join(dir, `${name}.yaml`);
    writeFileSync(f, `name: ${name}\n${yaml}`);
    return f;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-fleet-'));
    servers = await startRdpServers(NAMES, { addressOf: (n) => ADDRESS[n] });
  }, 120_000);
  afterAll(async () => {
    await servers?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One policy holding every rule; each server is checked once with it (in parallel), then judged per rule. */
  const ALL_RULES = [
    'security:\n  require: [nla]\n  forbid: [standard-rdp, tls]\n',
    'tls:\n  minVersion: "1.2"\n',
    'certificate:\n  minDaysLeft: 30\n  allowSelfSigned: false\n  minRsaBits: 2048\n  forbidSignatureHashes: [sha1]\n',
    'clock:\n  maxSkewSeconds: 300\n',
  ].join('');
  let results: Partial<Record<ServerName, Record<string, string>>> = {};
  beforeAll(async () => {
    const f = policyFile('all', ALL_RULES);
    const entries = await Promise.all(NAMES.map(async (n) => [n, await rules(n, f)] as const));
    results = Object.fromEntries(entries);
  }, 120_000);

  it.each<[string, ServerName, ServerName]>([
    ['require-nla', 'shadow-nla', 'xrdp-tls-valid'],
    ['forbid-standard-rdp', 'xrdp-tls-valid', 'xrdp-negotiate-valid'],
    ['forbid-tls', 'shadow-nla', 'xrdp-tls-valid'],
    ['tls-min-version', 'xrdp-tls-valid', 'xrdp-tls10'],
    ['cert-min-days-left', 'xrdp-tls-valid', 'xrdp-tls-expired'],
    ['cert-self-signed', 'xrdp-tls-ca', 'xrdp-tls-valid'],
    ['cert-key-size', 'xrdp-tls-valid', 'xrdp-tls-weak'],
    ['cert-signature', 'xrdp-windows', 'xrdp-windows-2008r2'],
    ['clock-max-skew', 'shadow-nla', 'shadow-nla-skewed'],
  ])('rule %s: passes on %s, fails on %s', (rule, passing, failing) => {
    expect(results[passing]?.[rule]).toBe('pass');
    expect(results[failing]?.[rule]).toBe('fail');
  });

  it('what a server never showed is not checked: the clock of a server without NLA, rules behind a closed port', async () => {
    const f = policyFile('unseen', 'clock:\n  maxSkewSeconds: 300\ncertificate:\n  minDaysLeft: 1\n');
    expect((await rules('xrdp-tls-valid', f))['clock-max-skew']).toBe('not-checked');
    const closed = await rules('closed', f);
    expect(closed).toEqual({ reachable: 'fail', 'clock-max-skew': 'not-checked', 'cert-min-days-left': 'not-checked' });
  });

  it('a policy failure makes check exit 3 and says which rule and its source', async () => {
    const r = await cli(['check', ADDRESS['xrdp-negotiate-valid'], '--timeout', '4000', '--policy', 'cis']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/Policy cis: fail/);
    expect(r.stdout).toMatch(/FAIL {2}forbid-standard-rdp/);
    expect(r.stdout).toMatch(/source: CIS Microsoft Windows benchmarks/);
  });

  it('policy --from a known-good server writes a policy that server passes, and a weaker server fails', async () => {
    const from = await cli(['policy', '--from', ADDRESS['shadow-nla'], '--timeout', '4000']);
    expect(from.code).toBe(0);
    expect(from.stdout).toMatch(/require:\s*\n\s*- nla/);
    const f = join(dir, 'from.yaml');
    writeFileSync(f, from.stdout);
    const good = await cli(['check', ADDRESS['shadow-nla'], '--json', '--timeout', '4000', '--policy', f]);
    expect(JSON.parse(good.stdout).policy.verdict).toBe('pass');
    const weak = await cli(['check', ADDRESS['xrdp-negotiate-valid'], '--json', '--timeout', '4000', '--policy', f]);
    expect(JSON.parse(weak.stdout).policy.verdict).toBe('fail');
  });

  it.each<[ServerName, string, number]>([
    ['xrdp-tls-expired', 'CRITICAL', 2],
    ['closed', 'CRITICAL', 2],
    ['xrdp-tls-valid', 'WARNING', 1],
  ])('check --nagios on %s: RDP %s, exit %i, one line with performance data', async (server, state, code) => {
    const r = await cli(['check', ADDRESS[server], '--nagios', '--timeout', '4000']);
    expect(r.code).toBe(code);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^RDP ${state} - ${ADDRESS[server]}:3389: [^|]+ \\| (?:\\S+ )*duration=[\\d.]+s;;;;`),
    );
  });

  it('grades: CA-issued NLA-less TLS server vs standard RDP allowed vs expired', async () => {
    const grade = async (s: ServerName) =>
      JSON.parse((await cli(['check', ADDRESS[s], '--json', '--timeout', '4000'])).stdout).grade.grade as string;
    expect(await grade('xrdp-negotiate-valid')).toBe('C');
    expect(await grade('xrdp-tls-expired')).toBe('D');
    expect(await grade('closed')).toBe('-');
  });
});

import { describe, expect, it } from 'vitest';
import { fakeCtx, REG_NOT_FOUND, reg } from '../../test/fixtures/local/fixtures.js';
import { FIPS_KEY, RDP_TCP_KEY, rdpListenerCheck, TS_KEY, TS_POLICY_KEY } from './rdp-listener.js';

const D = 'windows/rdp-listener/';
type Answer = Parameters<typeof reg>[2];

function recs(opts: { deny: Answer; tcp: Answer; policy?: Answer; fips?: Answer }) {
  return [
    reg(TS_KEY, { value: 'fDenyTSConnections' }, opts.deny),
    reg(RDP_TCP_KEY, {}, opts.tcp),
    reg(TS_POLICY_KEY, {}, opts.policy ?? REG_NOT_FOUND),
    reg(FIPS_KEY, { value: 'Enabled' }, opts.fips ?? `${D}fips-0.stdout.txt`),
  ];
}

async function run(opts: Parameters<typeof recs>[0]) {
  const ctx = fakeCtx('win32', recs(opts));
  const r = await rdpListenerCheck.run({ timeoutMs: 5000 }, ctx);
  expect(ctx.exec.unmatched).toEqual([]);
  return r;
}

describe('rdp-listener', () => {
  it('reads the documented keys', () => {
    expect(RDP_TCP_KEY).toBe('HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp');
    expect(TS_POLICY_KEY).toBe('HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services');
  });

  it('default secure listener: TLS, NLA, client compatible, 3389', async () => {
    const r = await run({ deny: `${D}fdeny-0.stdout.txt`, tcp: `${D}rdp-tcp-default.stdout.txt` });
    expect(r.status).toBe('pass');
    expect(r.summary).toBe(
      'RDP is allowed, security layer SSL (TLS), NLA required, encryption Client Compatible, port 3389.',
    );
    expect(r.findings.map((f) => f.id)).toEqual(['rdp-enabled', 'security-layer-tls', 'nla-required-on-server']);
  });

  it('RDP turned off locally', async () => {
    const r = await run({ deny: `${D}fdeny-1.stdout.txt`, tcp: `${D}rdp-tcp-default.stdout.txt` });
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatchObject({ id: 'rdp-disabled', supports: ['rdp-disabled'] });
    expect(r.findings[0]?.summary).not.toContain('Group Policy');
  });

  it('RDP turned off by Group Policy even though the local value allows it', async () => {
    const r = await run({
      deny: `${D}fdeny-0.stdout.txt`,
      tcp: `${D}rdp-tcp-default.stdout.txt`,
      policy: `${D}policy-rdp-denied.stdout.txt`,
    });
    expect(r.status).toBe('fail');
    expect(r.findings[0]?.summary).toContain('(set by Group Policy)');
  });

  it('NLA off on the listener', async () => {
    const r = await run({ deny: `${D}fdeny-0.stdout.txt`, tcp: `${D}rdp-tcp-nla-off.stdout.txt` });
    expect(r.status).toBe('warn');
    expect(r.findings.find((f) => f.id === 'nla-disabled-on-server')).toMatchObject({ rulesOut: ['nla-required'] });
    expect(r.summary).toContain('security layer Negotiate, NLA not required');
  });

  it('RDP security layer on a non-default port', async () => {
    const r = await run({ deny: `${D}fdeny-0.stdout.txt`, tcp: `${D}rdp-tcp-rdp-layer-port-3390.stdout.txt` });
    expect(r.findings.find((f) => f.id === 'security-layer-rdp')?.supports).toEqual(['security-layer-mismatch']);
    expect(r.summary).toContain('port 3390 (not the default 3389)');
    expect(r.evidence.portNumber).toBe(3390);
  });

  it('Group Policy turns NLA off and requires FIPS, overriding the local values', async () => {
    const r = await run({
      deny: `${D}fdeny-0.stdout.txt`,
      tcp: `${D}rdp-tcp-default.stdout.txt`,
      policy: `${D}policy-nla-off-fips.stdout.txt`,
    });
    expect(r.evidence.userAuthentication).toEqual({ value: 0, byPolicy: true });
    expect(r.findings.find((f) => f.id === 'nla-disabled-on-server')?.summary).toContain('Group Policy');
    expect(r.findings.find((f) => f.id === 'fips-encryption-required')?.supports).toEqual([
      'encryption-level-mismatch',
    ]);
  });

  it('system FIPS policy', async () => {
    const r = await run({
      deny: `${D}fdeny-0.stdout.txt`,
      tcp: `${D}rdp-tcp-default.stdout.txt`,
      fips: `${D}fips-1.stdout.txt`,
    });
    expect(r.findings.find((f) => f.id === 'fips-encryption-required')?.summary).toContain('system FIPS policy');
  });

  it('no RDP-Tcp key: skipped with the reason', async () => {
    const r = await run({ deny: `${D}fdeny-0.stdout.txt`, tcp: REG_NOT_FOUND });
    expect(r.status).toBe('skipped');
    expect(r.reason).toContain('RDP-Tcp listener key');
  });
});

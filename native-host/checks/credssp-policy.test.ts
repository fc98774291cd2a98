import { describe, expect, it } from 'vitest';
import { fakeCtx, REG_NOT_FOUND, reg } from '../../test/fixtures/local/fixtures.js';
import { credsspPolicyCheck, DELEGATION_KEY, ORACLE_KEY, spnMatches } from './credssp-policy.js';

const oracle = (a: Parameters<typeof reg>[2]) => reg(ORACLE_KEY, { value: 'AllowEncryptionOracle' }, a);
const delegation = (a: Parameters<typeof reg>[2]) => reg(DELEGATION_KEY, { recursive: true }, a);
const D = 'windows/credssp-policy/';

describe('credssp-policy', () => {
  it('reads the exact registry paths', () => {
    expect(ORACLE_KEY).toBe(
      'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters',
    );
    expect(DELEGATION_KEY).toBe('HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation');
  });

  it.each([
    ['oracle-0', 'credssp-force-updated', 'info', 'pass', /Force Updated Clients/, ['credssp-oracle-policy'], []],
    ['oracle-1', 'credssp-mitigated', 'info', 'pass', /Mitigated/, ['credssp-oracle-policy'], []],
    ['oracle-2', 'credssp-vulnerable-allowed', 'warn', 'warn', /Vulnerable/, [], ['credssp-oracle-policy']],
  ])('%s', async (file, id, severity, status, summary, supports, rulesOut) => {
    const ctx = fakeCtx('win32', [oracle(`${D}${file}.stdout.txt`), delegation(REG_NOT_FOUND)]);
    const r = await credsspPolicyCheck.run({ timeoutMs: 5000 }, ctx);
    expect(ctx.exec.unmatched).toEqual([]);
    expect(r.status).toBe(status);
    expect(r.summary).toMatch(summary);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ id, severity, supports, rulesOut });
  });

  it('explains the value when the policy is not configured', async () => {
    const ctx = fakeCtx('win32', [oracle(REG_NOT_FOUND), delegation(REG_NOT_FOUND)]);
    const r = await credsspPolicyCheck.run({ timeoutMs: 5000 }, ctx);
    expect(r.status).toBe('pass');
    expect(r.evidence.allowEncryptionOracle).toBeNull();
    expect(r.findings[0]?.summary).toMatch(/Not configured.*Mitigated/);
  });

  it('flags a disabled "Allow delegating fresh credentials" policy', async () => {
    const ctx = fakeCtx('win32', [
      oracle(`${D}oracle-1.stdout.txt`),
      delegation(`${D}delegation-fresh-disabled.stdout.txt`),
    ]);
    const r = await credsspPolicyCheck.run({ timeoutMs: 5000 }, ctx);
    expect(r.status).toBe('warn');
    const f = r.findings.find((x) => x.id === 'credential-delegation-restricted');
    expect(f).toMatchObject({ severity: 'warn', supports: ['credential-delegation-policy'] });
    expect(f?.summary).toMatch(/AllowFreshCredentials.*disabled/);
  });

  it('matches the server against the delegation list', async () => {
    const recs = [oracle(`${D}oracle-1.stdout.txt`), delegation(`${D}delegation-fresh-other-servers.stdout.txt`)];
    const inList = await credsspPolicyCheck.run(
      { timeoutMs: 5000, host: 'rdsh01.corp.example.com' },
      fakeCtx('win32', recs),
    );
    expect(inList.findings.map((f) => f.id)).not.toContain('credential-delegation-restricted');
    const outside = await credsspPolicyCheck.run(
      { timeoutMs: 5000, host: 'vm7.cloud.example.net' },
      fakeCtx('win32', recs),
    );
    const f = outside.findings.find((x) => x.id === 'credential-delegation-restricted');
    expect(f?.summary).toContain('TERMSRV/*.corp.example.com');
    expect(f?.summary).toContain('not TERMSRV/vm7.cloud.example.net');
  });

  it('a server list concatenated with the OS defaults still allows TERMSRV/*', async () => {
    const ctx = fakeCtx('win32', [
      oracle(`${D}oracle-1.stdout.txt`),
      delegation(`${D}delegation-fresh-with-defaults.stdout.txt`),
    ]);
    const r = await credsspPolicyCheck.run({ timeoutMs: 5000, host: 'vm7.cloud.example.net' }, ctx);
    expect(r.status).toBe('pass');
    expect(r.evidence.delegation).toEqual([
      { name: 'AllowFreshCredentials', enabled: 1, servers: ['TERMSRV/jump01.corp.example.com'], withDefaults: true },
    ]);
  });

  it('flags a policy that requires Restricted Admin mode', async () => {
    const ctx = fakeCtx('win32', [
      oracle(`${D}oracle-1.stdout.txt`),
      delegation(`${D}delegation-restricted-admin.stdout.txt`),
    ]);
    const r = await credsspPolicyCheck.run({ timeoutMs: 5000 }, ctx);
    expect(r.evidence.restrictedRemoteAdministration).toBe('Restricted Admin mode');
    expect(r.status).toBe('warn');
  });

  it('says which command is missing', async () => {
    const r = await credsspPolicyCheck.run({ timeoutMs: 5000 }, fakeCtx('win32', []));
    expect(r.status).toBe('skipped');
    expect(r.reason).toMatch(/"reg\.exe" was not found/);
  });

  it('is skipped off Windows, with the reason', async () => {
    const r = await credsspPolicyCheck.run({ timeoutMs: 5000 }, fakeCtx('linux', []));
    expect(r).toMatchObject({ status: 'skipped', reason: 'this check runs on Windows only; this machine runs Linux' });
  });

  it.each([
    ['TERMSRV/*', 'a.b', true],
    ['TERMSRV/*.corp.example.com', 'x.corp.example.com', true],
    ['TERMSRV/*.corp.example.com', 'corp.example.com.evil', false],
    ['TERMSRV/jump01', 'JUMP01', true],
    ['WSMAN/*', 'a', false],
  ])('spnMatches(%s, %s) = %s', (entry, host, want) => {
    expect(spnMatches(entry, host)).toBe(want);
  });
});

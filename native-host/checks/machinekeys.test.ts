import { describe, expect, it } from 'vitest';
import { fakeCtx, fx, reg } from '../../test/fixtures/local/fixtures.js';
import type { Recording } from './exec.js';
import { aclProblems, CRYPTOGRAPHY_KEY, machinekeysCheck, parseAce, parseIcacls } from './machinekeys.js';

const D = 'windows/machinekeys/';
const ICACLS_ARGS = ['C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\f686aace6942fb7f7ceb231212eef4a4_*'];
const icacls = (file: string, exitCode = 0): Recording => ({
  command: 'icacls.exe',
  args: ICACLS_ARGS,
  stdout: fx(file),
  exitCode,
});

async function run(rec: Recording) {
  const ctx = fakeCtx('win32', [rec, reg(CRYPTOGRAPHY_KEY, { value: 'MachineGuid' }, `${D}machineguid.stdout.txt`)]);
  const r = await machinekeysCheck.run({ timeoutMs: 5000 }, ctx);
  expect(ctx.exec.unmatched).toEqual([]);
  return r;
}

describe('machinekeys', () => {
  it('healthy ACL', async () => {
    const r = await run(icacls(`${D}icacls-ok.stdout.txt`));
    expect(r.status).toBe('pass');
    expect(r.findings).toEqual([expect.objectContaining({ id: 'machinekeys-ok', rulesOut: ['machinekeys-broken'] })]);
    expect(r.evidence.machineGuid).toBe('3c1b5e2a-7d4f-4b8e-9a61-2f0c8d7e5b94');
  });

  it('broken ACL: no SYSTEM, no NETWORK SERVICE', async () => {
    const r = await run(icacls(`${D}icacls-broken.stdout.txt`));
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatchObject({ id: 'machinekeys-acl-broken', supports: ['machinekeys-broken'] });
    expect(r.findings[0]?.summary).toContain('SYSTEM does not have Full control');
    expect(r.findings[0]?.summary).toContain('NETWORK SERVICE cannot read the key');
  });

  it('an explicit deny for Everyone breaks it too', async () => {
    const r = await run(icacls(`${D}icacls-deny-everyone.stdout.txt`));
    expect(r.findings[0]?.summary).toContain('Everyone is explicitly denied (R)');
  });

  it('no key file', async () => {
    const r = await run(icacls(`${D}icacls-none.stdout.txt`));
    expect(r.status).toBe('warn');
    expect(r.findings[0]?.id).toBe('machinekeys-key-missing');
  });

  it('access denied: skipped, saying to run elevated', async () => {
    const r = await run(icacls(`${D}icacls-access-denied.stdout.txt`, 5));
    expect(r.status).toBe('skipped');
    expect(r.reason).toMatch(/as administrator/);
  });

  it('parses icacls lines', () => {
    expect(parseAce('BUILTIN\\Administrators:(I)(F)')).toEqual({
      principal: 'BUILTIN\\Administrators',
      deny: false,
      inherited: true,
      rights: ['F'],
    });
    expect(parseAce('Everyone:(OI)(CI)(DENY)(R,W)')?.rights).toEqual(['R', 'W']);
    const files = parseIcacls(fx(`${D}icacls-ok.stdout.txt`), 'f686aace6942fb7f7ceb231212eef4a4');
    expect(files).toHaveLength(1);
    expect(files[0]?.aces.map((a) => a.principal)).toEqual([
      'NT AUTHORITY\\SYSTEM',
      'BUILTIN\\Administrators',
      'NT AUTHORITY\\NETWORK SERVICE',
    ]);
    expect(aclProblems(files[0]!.aces)).toEqual([]);
  });
});

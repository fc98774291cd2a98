import { describe, expect, it } from 'vitest';
import { fakeCtx, fx, ps, reg } from '../../test/fixtures/local/fixtures.js';
import type { Recording } from '../exec/exec.js';
import { aclProblems, CRYPTOGRAPHY_KEY, MACHINEKEYS_SCRIPT, machinekeysCheck, parseAclJson } from './machinekeys.js';

const D = 'windows/machinekeys/';
const getAcl = (file: string): Recording => ps(MACHINEKEYS_SCRIPT, `${D}${file}`);

async function run(rec: Recording) {
  const ctx = fakeCtx('win32', [rec, reg(CRYPTOGRAPHY_KEY, { value: 'MachineGuid' }, `${D}machineguid.stdout.txt`)]);
  const r = await machinekeysCheck.run({ timeoutMs: 5000 }, ctx);
  expect(ctx.exec.unmatched).toEqual([]);
  return r;
}

describe('machinekeys', () => {
  it.each(['getacl-ok.stdout.json', 'getacl-ok-de.stdout.json', 'getacl-orphan-sid.stdout.json'])(
    'healthy ACL, whatever the account names say (%s)',
    async (file) => {
      const r = await run(getAcl(file));
      expect(r.status).toBe('pass');
      expect(r.findings).toEqual([expect.objectContaining({ id: 'machinekeys-ok', rulesOut: ['machinekeys-broken'] })]);
      expect(r.evidence.machineGuid).toBe('3c1b5e2a-7d4f-4b8e-9a61-2f0c8d7e5b94');
    },
  );

  it.each(['getacl-broken.stdout.json', 'getacl-broken-de.stdout.json'])(
    'broken ACL: no SYSTEM, no NETWORK SERVICE (%s)',
    async (file) => {
      const r = await run(getAcl(file));
      expect(r.status).toBe('fail');
      expect(r.findings[0]).toMatchObject({ id: 'machinekeys-acl-broken', supports: ['machinekeys-broken'] });
      expect(r.findings[0]?.summary).toContain('SYSTEM does not have Full control');
      expect(r.findings[0]?.summary).toContain('NETWORK SERVICE cannot read the key');
    },
  );

  it('an explicit deny for Everyone breaks it too', async () => {
    const r = await run(getAcl('getacl-deny-everyone.stdout.json'));
    expect(r.findings[0]?.summary).toContain('Everyone (S-1-1-0) is explicitly denied access');
  });

  it('no key file', async () => {
    const r = await run(getAcl('getacl-none.stdout.json'));
    expect(r.status).toBe('warn');
    expect(r.findings[0]?.id).toBe('machinekeys-key-missing');
  });

  it('access denied is read from the exception type: skipped, saying to run elevated', async () => {
    const r = await run(getAcl('getacl-access-denied.stdout.json'));
    expect(r.status).toBe('skipped');
    expect(r.reason).toMatch(/as administrator/);
  });

  it('JSON of another shape is not read as an ACL', async () => {
    expect(parseAclJson([1, 2])).toBeUndefined();
    expect(parseAclJson(null)).toBeUndefined();
    const r = await run(ps(MACHINEKEYS_SCRIPT, { stdout: '{"something": 1}' }));
    expect(r.status).toBe('skipped');
  });

  it('matches accounts by SID and rights by number', () => {
    const read = parseAclJson(JSON.parse(fx(`${D}getacl-ok-de.stdout.json`)));
    expect(read?.kind).toBe('files');
    if (read?.kind !== 'files') return;
    expect(read.files[0]?.aces.map((a) => a.sid)).toEqual(['S-1-5-18', 'S-1-5-32-544', 'S-1-5-20']);
    expect(aclProblems(read.files[0]!.aces)).toEqual([]);
    // GENERIC_ALL counts as Full control; a deny of write only does not take away reading.
    expect(
      aclProblems([
        { sid: 'S-1-5-18', name: undefined, deny: false, inherited: true, rights: 0x10000000 },
        { sid: 'S-1-5-32-544', name: undefined, deny: false, inherited: true, rights: 2032127 },
        { sid: 'S-1-5-20', name: undefined, deny: false, inherited: false, rights: 131209 },
        { sid: 'S-1-1-0', name: undefined, deny: true, inherited: false, rights: 0x2 },
      ]),
    ).toEqual([]);
  });

  it('the script passes no double quotes through the command line and reads SIDs, not names', () => {
    expect(MACHINEKEYS_SCRIPT).not.toContain('"');
    expect(MACHINEKEYS_SCRIPT).toContain('[Security.Principal.SecurityIdentifier]');
    expect(MACHINEKEYS_SCRIPT).toContain("-Filter 'f686aace6942fb7f7ceb231212eef4a4_*'");
  });
});

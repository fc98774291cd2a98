import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../harness/cli.js';
import { missingBinaries, type ServerName, type ServerSet, startRdpServers } from '../harness/rdp-servers.js';

const ADDR: Partial<Record<ServerName, string>> = {
  'xrdp-negotiate-expired': '127.0.7.1',
  'xrdp-negotiate-valid': '127.0.7.2',
};
const TEXT = 'Error code: 0x904 Extended error code: 0x7';
const missing = missingBinaries(Object.keys(ADDR) as ServerName[]);

const explain = (args: string[]) => runCli(['explain', ...args]);

describe.skipIf(missing.length > 0 && !process.env.CI)('rdp-doctor explain --host against live xrdp', () => {
  let servers: ServerSet | undefined;
  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`missing binaries: ${missing.join(', ')} (bash .ci/run installs them)`);
    servers = await startRdpServers(Object.keys(ADDR) as ServerName[], { addressOf: (n) => ADDR[n]! });
  });
  afterAll(async () => {
    await servers?.stop();
  });

  it('expired certificate: the certificate fix comes first, the cause is confirmed by the check', async () => {
    const r = await explain([TEXT, '--host', ADDR['xrdp-negotiate-expired']!, '--json', '--timeout', '5000']);
    expect(r.code, r.stderr).toBe(3);
    const j = JSON.parse(r.stdout);
    expect(j.target).toBe('127.0.7.1:3389');
    expect(j.fixes[0].id).toBe('regenerate-rdp-certificate');
    expect(j.fixes[0].why).toMatch(/expired/);
    expect(j.causes[0]).toMatchObject({ id: 'cert-expired', level: 'confirmed' });
    expect(j.checks.find((c: { checkId: string }) => c.checkId === 'certificate').status).toBe('fail');
  });

  it('valid certificate: the certificate fix is not first and the expired-certificate cause is ruled out', async () => {
    const r = await explain([TEXT, '--host', ADDR['xrdp-negotiate-valid']!, '--json', '--timeout', '5000']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.fixes[0].id).not.toBe('regenerate-rdp-certificate');
    expect(j.causes.find((c: { id: string }) => c.id === 'cert-expired')).toMatchObject({ ruledOut: true });
  });

  it('prints the ranked diagnosis for people, and a Markdown report on request', async () => {
    const text = await explain([TEXT, '--host', ADDR['xrdp-negotiate-expired']!, '--timeout', '5000']);
    expect(text.stdout).toContain('Diagnosis with the checks of 127.0.7.1:3389');
    expect(text.stdout).toMatch(/1\. Regenerate the server's self-signed RDP certificate/);
    const md = await explain([TEXT, '--host', ADDR['xrdp-negotiate-expired']!, '--markdown', '--timeout', '5000']);
    expect(md.stdout).toMatch(/^# RDP Doctor diagnosis/);
    expect(md.stdout).toContain('ResetRDPCert');
  });

  it('refuses an option-like host before connecting anywhere', async () => {
    const r = await explain([TEXT, '--host', '-oProxyCommand=x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('target-option-like');
  });
});

import { describe, expect, it } from 'vitest';
import { fakeCtx, ps, REG_NOT_FOUND, reg } from '../../test/fixtures/local/fixtures.js';
import { CERT_SCRIPT, rdpCertStoreCheck } from './rdp-cert-store.js';
import { RDP_TCP_KEY } from './rdp-listener.js';

const D = 'windows/rdp-cert-store/';
async function run(certs: string, hash: Parameters<typeof reg>[2] = REG_NOT_FOUND) {
  const ctx = fakeCtx('win32', [ps(CERT_SCRIPT, certs), reg(RDP_TCP_KEY, { value: 'SSLCertificateSHA1Hash' }, hash)]);
  const r = await rdpCertStoreCheck.run({ timeoutMs: 5000 }, ctx);
  expect(ctx.exec.unmatched).toEqual([]);
  return r;
}

describe('rdp-cert-store', () => {
  it('valid self-signed certificate', async () => {
    const r = await run(`${D}self-signed-valid.stdout.json`);
    expect(r.status).toBe('pass');
    expect(r.findings).toEqual([
      expect.objectContaining({ id: 'rdp-cert-store-valid', rulesOut: ['cert-expired', 'cert-unusable'] }),
    ]);
    expect(r.summary).toBe(
      'RDP uses the self-signed certificate 9F2C44A1B7E03D5C6A18F0B2E4D7C9A1035B8E6D, valid until 2027-02-08.',
    );
  });

  it('expired self-signed certificate that failed to renew', async () => {
    const r = await run(`${D}self-signed-expired.stdout.json`);
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatchObject({ id: 'rdp-cert-store-expired', supports: ['cert-expired'] });
    expect(r.findings[0]?.summary).toMatch(/^The RDP certificate expired 69 days ago/);
  });

  it('certificate without its private key', async () => {
    const r = await run(`${D}self-signed-no-private-key.stdout.json`);
    expect(r.findings.map((f) => f.id)).toEqual(['rdp-cert-no-private-key']);
    expect(r.status).toBe('fail');
  });

  it('custom certificate configured and installed, expiring soon', async () => {
    const r = await run(`${D}custom-installed.stdout.json`, `windows/rdp-listener/rdp-tcp-hash.stdout.txt`);
    expect(r.evidence.sslCertificateSHA1Hash).toBe('3B7E1F9A0C5D2E4F6A8B9C0D1E2F3A4B5C6D7E8F');
    expect(r.findings[0]).toMatchObject({ id: 'rdp-cert-store-expiring-soon', severity: 'warn' });
    expect(r.summary).toMatch(/^RDP uses a custom certificate 3B7E1F9A/);
  });

  it('configured thumbprint matches no installed certificate', async () => {
    const r = await run(`${D}other-certs-only.stdout.json`, `windows/rdp-listener/rdp-tcp-hash.stdout.txt`);
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      expect.objectContaining({ id: 'rdp-cert-hash-mismatch', supports: ['cert-unusable'] }),
    ]);
  });

  it('empty store and no custom certificate', async () => {
    const r = await run(`${D}empty.stdout.json`);
    expect(r.status).toBe('warn');
    expect(r.findings[0]?.supports).toEqual(['cert-unusable', 'machinekeys-broken']);
  });
});

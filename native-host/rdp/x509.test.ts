/** Names and usage extensions of recorded certificates, and edge cases derived from them. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCertificateUsage, sameBytes, serverAuthProblem } from './x509.js';

const load = (file: string): Record<string, { derBase64: string }> =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/rdp/${file}`, import.meta.url), 'utf8'));
const windows = load('windows/certificates.json');
const linux = load('certificates.json');
const der = (set: Record<string, { derBase64: string }>, n: string) =>
  new Uint8Array(Buffer.from(set[n]!.derBase64, 'base64'));

describe('decodeCertificateUsage', () => {
  it("reads Windows' own Remote Desktop certificate: no keyCertSign, serverAuth, subject = issuer", () => {
    const r = decodeCertificateUsage(der(windows, 'windows'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.keyUsage).toEqual(['keyEncipherment', 'dataEncipherment']);
    expect(r.value.extendedKeyUsage).toEqual(['serverAuth']);
    expect(r.value.ca).toBeUndefined();
    expect(sameBytes(r.value.subjectDer, r.value.issuerDer)).toBe(true);
    expect(serverAuthProblem(r.value)).toBeUndefined();
  });
  it('reads an OpenSSL test certificate: no keyUsage, basicConstraints CA', () => {
    const r = decodeCertificateUsage(der(linux, 'xrdp-negotiate-valid'));
    expect(r.ok && r.value.keyUsage).toBeUndefined();
    expect(r.ok && r.value.ca).toBe(true);
    expect(r.ok && serverAuthProblem(r.value)).toBeUndefined();
  });
  it('says why a client-authentication certificate cannot authenticate a server', () => {
    const r = decodeCertificateUsage(der(windows, 'client-auth-only'));
    expect(r.ok && r.value.extendedKeyUsage).toEqual(['clientAuth']);
    expect(r.ok && serverAuthProblem(r.value)).toContain('does not include server authentication');
  });
  it('a key usage without encipherment or signatures rules out server authentication', () => {
    expect(serverAuthProblem({ keyUsage: ['keyCertSign', 'cRLSign'], extendedKeyUsageOids: undefined })).toContain(
      'neither key encipherment nor digital signatures',
    );
    expect(serverAuthProblem({ keyUsage: undefined, extendedKeyUsageOids: ['2.5.29.37.0'] })).toBeUndefined();
    expect(
      serverAuthProblem({ keyUsage: undefined, extendedKeyUsageOids: ['1.3.6.1.4.1.311.54.1.2'] }),
    ).toBeUndefined();
  });
  it('a truncated certificate is a typed failure, never a throw', () => {
    const full = der(windows, 'windows');
    for (const n of [0, 1, 4, 30, 200, full.length - 1]) {
      const r = decodeCertificateUsage(full.subarray(0, n));
      expect(r.ok).toBe(false);
    }
  });
});

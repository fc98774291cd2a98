/** Certificate description and findings on the recorded certificates, at chosen moments in time. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { certificateFindings, certMatchesName, describeCertificate } from './cert-info.js';
import { certificateCheck } from './certificate.js';

const certs: Record<string, { derBase64: string; commonName: string; keyBits: number }> = JSON.parse(
  readFileSync(new URL('../../test/fixtures/rdp/certificates.json', import.meta.url), 'utf8'),
);
const der = (n: string) => new Uint8Array(Buffer.from(certs[n]!.derBase64, 'base64'));
const DAY = 86_400_000;
const ids = (fs: { id: string; severity: string }[]) => fs.map((f) => `${f.severity}:${f.id}`).sort();

describe('describeCertificate', () => {
  it('reads names, dates, key, signature and thumbprints', () => {
    const now = Date.now();
    const c = describeCertificate(der('xrdp-negotiate-valid'), now);
    expect(c.commonName).toBe('rdp-doctor.test');
    expect(c.altNames).toContain('rdp-doctor.test');
    expect(c.altNames).toContain('127.0.0.11');
    expect(c.selfSigned).toBe(true);
    expect(c.keyType).toBe('RSA');
    expect(c.keyBits).toBe(2048);
    expect(c.signatureAlgorithm).toBe('sha256WithRSAEncryption');
    expect(c.sha1Thumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(c.sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(c.daysLeft).toBe(Math.floor((Date.parse(c.notAfter) - now) / DAY));
  });
  it('matches names and IP addresses', () => {
    const b64 = certs['xrdp-negotiate-valid']!.derBase64;
    expect(certMatchesName(b64, 'rdp-doctor.test')).toBe(true);
    expect(certMatchesName(b64, '127.0.0.11')).toBe(true);
    expect(certMatchesName(b64, '127.0.0.99')).toBe(false);
    expect(certMatchesName(b64, 'other.test')).toBe(false);
  });
});

describe('certificateFindings', () => {
  const valid = describeCertificate(der('xrdp-negotiate-valid'), Date.now());
  const nb = Date.parse(valid.notBefore);
  const na = Date.parse(valid.notAfter);
  const judge = { typedName: 'rdp-doctor.test', nameMatches: true, trusted: false };
  it.each([
    ['inside the validity period', nb + DAY, ['info:cert-valid', 'warn:cert-self-signed']],
    ['after notAfter', na + 3 * DAY, ['fail:cert-expired', 'warn:cert-self-signed']],
    ['before notBefore', nb - DAY, ['fail:cert-not-yet-valid', 'warn:cert-self-signed']],
    ['10 days before expiry', na - 10 * DAY, ['info:cert-valid', 'warn:cert-expiring-soon', 'warn:cert-self-signed']],
  ])('%s', (_w, now, expected) => {
    const c = describeCertificate(der('xrdp-negotiate-valid'), now);
    expect(ids(certificateFindings(c, judge, now))).toEqual([...expected].sort());
  });
  it('expired names the days and the thumbprint', () => {
    const now = na + 3 * DAY;
    const c = describeCertificate(der('xrdp-negotiate-valid'), now);
    const f = certificateFindings(c, judge, now).find((x) => x.id === 'cert-expired');
    expect(f?.summary).toContain('3 days ago');
    expect(f?.summary).toContain(c.sha1Thumbprint);
    expect(f?.supports).toEqual(['cert-expired']);
  });
  it('a valid certificate rules out expiry; a name match and trust rule out more', () => {
    const now = nb + DAY;
    const c = describeCertificate(der('xrdp-negotiate-valid'), now);
    const ok = certificateFindings(c, { ...judge, trusted: true }, now).find((x) => x.id === 'cert-valid');
    expect(ok?.rulesOut).toEqual(
      expect.arrayContaining([
        'cert-expired',
        'cert-not-yet-valid',
        'cert-weak',
        'cert-name-mismatch',
        'cert-untrusted',
      ]),
    );
  });
  it('weak key and SHA-1 signature; name mismatch', () => {
    const now = Date.now();
    const c = describeCertificate(der('xrdp-negotiate-weak'), now);
    const fs = certificateFindings(c, { typedName: 'elsewhere.test', nameMatches: false, trusted: false }, now);
    expect(ids(fs)).toEqual(
      [
        'warn:cert-weak-key',
        'warn:cert-weak-signature',
        'warn:cert-self-signed',
        'warn:cert-name-mismatch',
        'info:cert-valid',
      ].sort(),
    );
    expect(fs.find((f) => f.id === 'cert-name-mismatch')?.summary).toContain('"elsewhere.test"');
  });
  it('is registered as a network check', () => {
    expect(certificateCheck.kind).toBe('network');
  });
});

describe("Windows' own Remote Desktop certificate", () => {
  const win: Record<string, { derBase64: string }> = JSON.parse(
    readFileSync(new URL('../../test/fixtures/rdp/windows/certificates.json', import.meta.url), 'utf8'),
  );
  const wder = (n: string) => new Uint8Array(Buffer.from(win[n]!.derBase64, 'base64'));
  const judge = { typedName: 'WIN-RDPD0CT0R19', nameMatches: true, trusted: false };
  it('is self-signed although it has no keyCertSign (OpenSSL issuer check would say no)', () => {
    const c = describeCertificate(wder('windows'), Date.now());
    expect(c.selfSigned).toBe(true);
    expect(c.selfSignedBasis).toEqual({ subjectEqualsIssuer: true, signatureVerifiesWithOwnKey: true });
    expect(c.keyUsage).toEqual(['keyEncipherment', 'dataEncipherment']);
    expect(c.extendedKeyUsage).toEqual(['serverAuth']);
    expect(c.notForServerAuth).toBeUndefined();
    expect(ids(certificateFindings(c, judge, Date.now()))).toEqual(['info:cert-valid', 'warn:cert-self-signed']);
  });
  it('the Windows Server 2008 R2 shape (SHA-1) is self-signed, so its SHA-1 signature is a warning', () => {
    const now = Date.now();
    const c = describeCertificate(wder('windows-2008r2'), now);
    expect(c.selfSigned).toBe(true);
    expect(c.signatureHash).toBe('SHA-1');
    const fs = certificateFindings(c, { ...judge, typedName: 'WIN-RDPD0CT2K8R' }, now);
    expect(ids(fs)).toEqual(['info:cert-valid', 'warn:cert-self-signed', 'warn:cert-weak-signature'].sort());
    // Trust comes from pinning: no client refuses it for the signature.
    const sig = fs.find((f) => f.id === 'cert-weak-signature');
    expect(sig?.clients?.some((x) => x.effect === 'refuses')).toBe(false);
    expect(sig?.summary).toContain('pinning');
    for (const f of fs.filter((x) => x.severity !== 'info')) expect(f.clients?.length, f.id).toBeGreaterThan(0);
  });
  it('a certificate for client authentication only is not valid for server authentication', () => {
    const now = Date.now();
    const c = describeCertificate(wder('client-auth-only'), now);
    expect(c.notForServerAuth).toContain('clientAuth');
    const f = certificateFindings(c, judge, now).find((x) => x.id === 'cert-not-for-server-auth');
    expect(f?.severity).toBe('warn');
    expect(f?.summary).toContain('not valid for server authentication');
    expect(f?.clients?.map((x) => x.client)).toContain('mstsc');
  });
  it('equal names alone do not make a certificate self-signed: its own key must verify the signature', () => {
    const mutated = wder('windows');
    // Flip one byte of the signature: names still match, but the own-key signature no longer verifies.
    const at = mutated.length - 5;
    mutated[at] = (mutated[at] ?? 0) ^ 0xff;
    const m = describeCertificate(mutated, Date.now());
    expect(m.selfSignedBasis).toEqual({ subjectEqualsIssuer: true, signatureVerifiesWithOwnKey: false });
    expect(m.selfSigned).toBe(false);
  });
});

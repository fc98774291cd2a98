import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex } from './bytes.js';
import { decodeCertificateAlgorithms, decodeOid, derFrameLength, encodeSmallInteger, readTlv } from './der.js';

const certs: Record<string, { derBase64: string; keyBits: number; hash: string }> = JSON.parse(
  readFileSync(new URL('../../test/fixtures/rdp/certificates.json', import.meta.url), 'utf8'),
);
const der = (name: string) => new Uint8Array(Buffer.from(certs[name]!.derBase64, 'base64'));

describe('decodeCertificateAlgorithms on recorded certificates', () => {
  it.each(Object.keys(certs))('%s: key size and signature hash as generated', (name) => {
    const d = decodeCertificateAlgorithms(der(name));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value.keyType).toBe('RSA');
    expect(d.value.keyBits).toBe(certs[name]!.keyBits);
    expect(d.value.signatureHash).toBe(certs[name]!.hash);
    expect(d.value.weakSignature).toBe(certs[name]!.hash === 'SHA-1');
  });
  it('names the algorithms', () => {
    const weak = decodeCertificateAlgorithms(der('xrdp-negotiate-weak'));
    expect(weak).toMatchObject({
      ok: true,
      value: { signatureAlgorithm: 'sha1WithRSAEncryption', signatureAlgorithmOid: '1.2.840.113549.1.1.5' },
    });
    expect(decodeCertificateAlgorithms(der('xrdp-negotiate-valid'))).toMatchObject({
      ok: true,
      value: { signatureAlgorithm: 'sha256WithRSAEncryption', keyAlgorithmOid: '1.2.840.113549.1.1.1' },
    });
  });
  it('every truncation is a typed error', () => {
    const b = der('xrdp-negotiate-valid');
    for (let n = 0; n < b.length; n += 7) {
      const d = decodeCertificateAlgorithms(b.subarray(0, n));
      expect(d.ok, `length ${n}`).toBe(false);
    }
  });
  it('an oversize outer length is truncated, a wrong outer tag is bad-type', () => {
    const b = der('xrdp-negotiate-valid').slice();
    b[2] = 0xff; // 0x30 0x82 LL LL → claims more bytes than present
    expect(decodeCertificateAlgorithms(b)).toMatchObject({ ok: false, code: 'truncated' });
    const c = der('xrdp-negotiate-valid').slice();
    c[0] = 0x31;
    expect(decodeCertificateAlgorithms(c)).toMatchObject({ ok: false, code: 'bad-type' });
  });
  it('never throws on random or bit-flipped input', () => {
    const base = der('shadow-nla');
    fc.assert(
      fc.property(fc.nat(base.length - 1), fc.nat(255), (i, v) => {
        const b = base.slice();
        b[i] = v;
        expect(typeof decodeCertificateAlgorithms(b).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => typeof decodeCertificateAlgorithms(b).ok === 'boolean'),
    );
  });
});

describe('DER primitives', () => {
  it('decodes OIDs', () => {
    expect(decodeOid(fromHex('2a864886f70d01010b'))).toBe('1.2.840.113549.1.1.11');
    expect(decodeOid(fromHex('2b0e03021a'))).toBe('1.3.14.3.2.26');
  });
  it('frames short and long lengths, rejects indefinite ones', () => {
    expect(derFrameLength(fromHex('30'))).toBeUndefined();
    expect(derFrameLength(fromHex('3005'))).toBe(7);
    expect(derFrameLength(fromHex('30820100'))).toBe(260);
    expect(derFrameLength(fromHex('3082'))).toBeUndefined();
    expect(() => derFrameLength(fromHex('3080'))).toThrow(/indefinite/);
    expect(() => derFrameLength(fromHex('3085'))).toThrow(/too large/);
  });
  it('readTlv checks the value against the buffer', () => {
    expect(() => readTlv(fromHex('0405aabb'), 0)).toThrow(/needs 7 bytes/);
    expect(readTlv(fromHex('0402aabb'), 0).value).toEqual(fromHex('aabb'));
  });
  it('encodes small integers with a sign byte when needed', () => {
    expect(encodeSmallInteger(6)).toEqual(fromHex('020106'));
    expect(encodeSmallInteger(0x80)).toEqual(fromHex('02020080'));
  });
});

/**
 * A throwaway TLS certificate for the listener, made in-process with node:crypto: a fresh RSA key
 * and a self-signed X.509 v1 certificate (RFC 5280 §4.1) valid for one day. Nothing is written to
 * disk and no external tool runs. RSA (not EC) so that clients limited to RSA key exchange suites
 * can still complete the handshake.
 */
import { createHash, generateKeyPair, type KeyObject, randomBytes, sign } from 'node:crypto';
import { promisify } from 'node:util';
import { concatBytes } from '../rdp/bytes.js';
import { encodeTlv, TAG_BIT_STRING, TAG_INTEGER, TAG_NULL, TAG_SEQUENCE } from '../rdp/der.js';

const TAG_SET = 0x31;
const TAG_UTF8_STRING = 0x0c;
const TAG_UTC_TIME = 0x17;
/** 1.2.840.113549.1.1.11 sha256WithRSAEncryption (RFC 4055 §5). */
const OID_SHA256_WITH_RSA = Uint8Array.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]);
/** 2.5.4.3 id-at-commonName (RFC 5280 Appendix A). */
const OID_COMMON_NAME = Uint8Array.from([0x06, 0x03, 0x55, 0x04, 0x03]);

export interface ThrowawayCertificate {
  /** PEM of the private key (PKCS#8) and the certificate, for `tls.createSecureContext`. */
  keyPem: string;
  certPem: string;
  /** SHA-256 fingerprint of the certificate, colon-separated hex (what a client shows when it asks to trust it). */
  sha256: string;
}

function utcTime(d: Date): Uint8Array {
  const p = (n: number) => String(n).padStart(2, '0');
  const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return encodeTlv(TAG_UTC_TIME, new TextEncoder().encode(s));
}

function name(cn: string): Uint8Array {
  const atv = encodeTlv(
    TAG_SEQUENCE,
    concatBytes([OID_COMMON_NAME, encodeTlv(TAG_UTF8_STRING, new TextEncoder().encode(cn))]),
  );
  return encodeTlv(TAG_SEQUENCE, encodeTlv(TAG_SET, atv));
}

function pem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}

/** Builds and signs the certificate for `publicKey` (exported for tests). */
export function selfSignedCertificate(
  publicKey: KeyObject,
  privateKey: KeyObject,
  commonName: string,
  now: Date,
): Uint8Array {
  const serial = randomBytes(12);
  serial[0] = (serial[0] ?? 0) & 0x7f; // a positive INTEGER
  const algorithm = encodeTlv(TAG_SEQUENCE, concatBytes([OID_SHA256_WITH_RSA, encodeTlv(TAG_NULL, new Uint8Array(0))]));
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  const notAfter = new Date(now.getTime() + 24 * 60 * 60 * 1000);
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  const tbs = encodeTlv(
    TAG_SEQUENCE,
    concatBytes([
      encodeTlv(TAG_INTEGER, serial),
      algorithm,
      name(commonName),
      encodeTlv(TAG_SEQUENCE, concatBytes([utcTime(notBefore), utcTime(notAfter)])),
      name(commonName),
      spki,
    ]),
  );
  const signature = sign('sha256', tbs, privateKey);
  const bits = concatBytes([Uint8Array.of(0), new Uint8Array(signature)]);
  return encodeTlv(TAG_SEQUENCE, concatBytes([tbs, algorithm, encodeTlv(TAG_BIT_STRING, bits)]));
}

/** Generates a key and a certificate issued to `commonName` (default `rdp-doctor-listen`). */
export async function makeThrowawayCertificate(commonName = 'rdp-doctor-listen'): Promise<ThrowawayCertificate> {
  const { publicKey, privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const der = selfSignedCertificate(publicKey, privateKey, commonName, new Date());
  const sha256 = (createHash('sha256').update(der).digest('hex').match(/../g) ?? []).join(':').toUpperCase();
  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certPem: pem('CERTIFICATE', der),
    sha256,
  };
}

/**
 * Reads the parts of an X.509 certificate (RFC 5280 §4.1) that decide whether it is self-signed and
 * what it may be used for: the issuer and subject Names as DER bytes (§4.1.2.4, §4.1.2.6), and the
 * key usage (§4.2.1.3), extended key usage (§4.2.1.12) and basic constraints (§4.2.1.9) extensions.
 *
 * Self-signed is decided on these bytes, not through OpenSSL's issuer check: that check refuses an
 * issuer without `keyCertSign`, and Windows' own Remote Desktop certificate has no `keyCertSign`.
 */
import { type Decoded, DecodeError, decodeWith } from './bytes.js';
import { children, decodeOid, expectTlv, TAG_BIT_STRING, TAG_OCTET_STRING, TAG_OID, TAG_SEQUENCE } from './der.js';

/** KeyUsage bit names in bit order (RFC 5280 §4.2.1.3). */
export const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsage = (typeof KEY_USAGE_BITS)[number];

export const OID_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
export const OID_ANY_EKU = '2.5.29.37.0';
/** Microsoft's "Remote Desktop Authentication" purpose, used by RDP certificate templates. */
export const OID_REMOTE_DESKTOP_AUTH = '1.3.6.1.4.1.311.54.1.2';

const EKU_NAMES: Readonly<Record<string, string>> = {
  [OID_SERVER_AUTH]: 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  [OID_ANY_EKU]: 'anyExtendedKeyUsage',
  [OID_REMOTE_DESKTOP_AUTH]: 'remoteDesktopAuthentication',
};

const OID_KEY_USAGE = '2.5.29.15';
const OID_EXT_KEY_USAGE = '2.5.29.37';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const TAG_BOOLEAN = 0x01;
const TAG_EXTENSIONS = 0xa3;

export interface CertificateUsage {
  /** The issuer Name exactly as encoded. */
  issuerDer: Uint8Array;
  /** The subject Name exactly as encoded. */
  subjectDer: Uint8Array;
  /** Key usages set, or undefined when the certificate has no keyUsage extension (any use allowed). */
  keyUsage: KeyUsage[] | undefined;
  /** Purposes by name (`serverAuth`, …; unknown ones as their OID), or undefined without the extension. */
  extendedKeyUsage: string[] | undefined;
  /** The extended key usage OIDs as encoded. */
  extendedKeyUsageOids: string[] | undefined;
  /** basicConstraints cA, or undefined without the extension. */
  ca: boolean | undefined;
}

function decodeKeyUsage(extnValue: Uint8Array): KeyUsage[] {
  const bits = expectTlv(extnValue, 0, TAG_BIT_STRING, 'keyUsage');
  if (bits.value.length < 1) throw new DecodeError('bad-der', 'DER: empty keyUsage BIT STRING');
  const out: KeyUsage[] = [];
  KEY_USAGE_BITS.forEach((name, i) => {
    const byte = bits.value[1 + (i >> 3)];
    if (byte !== undefined && byte & (0x80 >> (i & 7))) out.push(name);
  });
  return out;
}

function decodeEku(extnValue: Uint8Array): string[] {
  const seq = expectTlv(extnValue, 0, TAG_SEQUENCE, 'extKeyUsage');
  return children(seq.value).map((t) => {
    if (t.tag !== TAG_OID) throw new DecodeError('bad-type', 'DER: extKeyUsage holds a non-OID');
    return decodeOid(t.value);
  });
}

function decodeBasicConstraints(extnValue: Uint8Array): boolean {
  const seq = expectTlv(extnValue, 0, TAG_SEQUENCE, 'basicConstraints');
  const first = children(seq.value)[0];
  return first?.tag === TAG_BOOLEAN && (first.value[0] ?? 0) !== 0;
}

/** Reads names and usage extensions from a DER certificate. Never throws. */
export function decodeCertificateUsage(der: Uint8Array): Decoded<CertificateUsage> {
  return decodeWith(() => {
    const cert = expectTlv(der, 0, TAG_SEQUENCE, 'Certificate');
    const tbs = children(cert.value)[0];
    if (!tbs || tbs.tag !== TAG_SEQUENCE) throw new DecodeError('bad-type', 'DER: tbsCertificate is missing');
    const fields = children(tbs.value);
    // [0] version (optional), serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, …
    const base = fields[0]?.tag === 0xa0 ? 1 : 0;
    const issuer = fields[base + 2];
    const subject = fields[base + 4];
    if (!issuer || issuer.tag !== TAG_SEQUENCE) throw new DecodeError('bad-type', 'DER: issuer is missing');
    if (!subject || subject.tag !== TAG_SEQUENCE) throw new DecodeError('bad-type', 'DER: subject is missing');
    const out: CertificateUsage = {
      issuerDer: tbs.value.subarray(issuer.start, issuer.end),
      subjectDer: tbs.value.subarray(subject.start, subject.end),
      keyUsage: undefined,
      extendedKeyUsage: undefined,
      extendedKeyUsageOids: undefined,
      ca: undefined,
    };
    const exts = fields.slice(base + 6).find((f) => f.tag === TAG_EXTENSIONS);
    if (!exts) return out;
    const list = expectTlv(exts.value, 0, TAG_SEQUENCE, 'Extensions');
    for (const ext of children(list.value)) {
      if (ext.tag !== TAG_SEQUENCE) throw new DecodeError('bad-type', 'DER: Extension is not a SEQUENCE');
      const parts = children(ext.value);
      const oid = parts[0];
      const value = parts[parts.length - 1];
      if (!oid || oid.tag !== TAG_OID || !value || value.tag !== TAG_OCTET_STRING) {
        throw new DecodeError('bad-type', 'DER: Extension is malformed');
      }
      const id = decodeOid(oid.value);
      if (id === OID_KEY_USAGE) out.keyUsage = decodeKeyUsage(value.value);
      else if (id === OID_EXT_KEY_USAGE) {
        out.extendedKeyUsageOids = decodeEku(value.value);
        out.extendedKeyUsage = out.extendedKeyUsageOids.map((o) => EKU_NAMES[o] ?? o);
      } else if (id === OID_BASIC_CONSTRAINTS) out.ca = decodeBasicConstraints(value.value);
    }
    return out;
  });
}

/** Byte-for-byte equality of two encodings. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * Why a certificate cannot authenticate a TLS server, or undefined when nothing in its extensions
 * forbids it. An extended key usage list must name server authentication (or any purpose, or
 * Microsoft's Remote Desktop Authentication purpose); a key usage list must allow the key to be used
 * in the handshake (keyEncipherment for RSA key transport, digitalSignature for (EC)DHE).
 */
export function serverAuthProblem(u: Pick<CertificateUsage, 'keyUsage' | 'extendedKeyUsageOids'>): string | undefined {
  const eku = u.extendedKeyUsageOids;
  if (eku && !eku.some((o) => o === OID_SERVER_AUTH || o === OID_ANY_EKU || o === OID_REMOTE_DESKTOP_AUTH)) {
    return `its extended key usage (${eku.map((o) => EKU_NAMES[o] ?? o).join(', ') || 'empty'}) does not include server authentication`;
  }
  const ku = u.keyUsage;
  if (ku && !ku.includes('keyEncipherment') && !ku.includes('digitalSignature') && !ku.includes('keyAgreement')) {
    return `its key usage (${ku.join(', ') || 'empty'}) allows neither key encipherment nor digital signatures`;
  }
  return undefined;
}

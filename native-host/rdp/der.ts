/**
 * A minimal DER reader (ITU-T X.690 §8, §10) for the two places the probe needs ASN.1: the X.509
 * certificate's signature algorithm and public key (RFC 5280 §4.1), and CredSSP TSRequest
 * (MS-CSSP 2.2.1). Definite lengths only; every length is checked against the bytes present.
 */
import { type Decoded, DecodeError, decodeWith } from './bytes.js';

export const TAG_INTEGER = 0x02;
export const TAG_BIT_STRING = 0x03;
export const TAG_OCTET_STRING = 0x04;
export const TAG_NULL = 0x05;
export const TAG_OID = 0x06;
export const TAG_SEQUENCE = 0x30;

export interface Tlv {
  /** The identifier octet as sent (class, constructed bit and tag number; low-tag-number form only). */
  tag: number;
  /** Offset of the identifier octet in the buffer given to {@link readTlv}. */
  start: number;
  /** Offset just past the value. */
  end: number;
  value: Uint8Array;
}

/**
 * Reads the header of a TLV at `offset` and returns the full length it needs (header + value), or
 * `undefined` when the header itself has not fully arrived. Used to frame TSRequests on a stream.
 */
export function derFrameLength(buf: Uint8Array, offset = 0): number | undefined {
  if (buf.length < offset + 2) return undefined;
  const first = buf[offset + 1] ?? 0;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0) throw new DecodeError('bad-der', 'indefinite length is not allowed in DER');
  if (n > 4) throw new DecodeError('unsupported', `length of ${n} octets is too large`);
  if (buf.length < offset + 2 + n) return undefined;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + (buf[offset + 2 + i] ?? 0);
  return 2 + n + len;
}

/** Reads one TLV at `offset`, checking that the value lies within `buf` (and within `limit` if given). */
export function readTlv(buf: Uint8Array, offset: number, limit = buf.length): Tlv {
  if (offset + 2 > limit) throw new DecodeError('truncated', `DER: header at offset ${offset} runs past the end`);
  const tag = buf[offset] ?? 0;
  if ((tag & 0x1f) === 0x1f) throw new DecodeError('unsupported', 'DER: high-tag-number form is not supported');
  const total = derFrameLength(buf.subarray(0, limit), offset);
  if (total === undefined) throw new DecodeError('truncated', `DER: length at offset ${offset} runs past the end`);
  const end = offset + total;
  if (end > limit) {
    throw new DecodeError(
      'truncated',
      `DER: value at offset ${offset} needs ${total} bytes, ${limit - offset} present`,
    );
  }
  const lenByte = buf[offset + 1] ?? 0;
  const valueStart = offset + 2 + (lenByte >= 0x80 ? lenByte & 0x7f : 0);
  return { tag, start: offset, end, value: buf.subarray(valueStart, end) };
}

/** Reads a TLV and checks its tag. */
export function expectTlv(buf: Uint8Array, offset: number, tag: number, what: string, limit = buf.length): Tlv {
  const t = readTlv(buf, offset, limit);
  if (t.tag !== tag) {
    throw new DecodeError('bad-type', `DER: ${what} has tag 0x${t.tag.toString(16)}, expected 0x${tag.toString(16)}`);
  }
  return t;
}

/** Splits a constructed value into its child TLVs. */
export function children(value: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let o = 0;
  while (o < value.length) {
    const t = readTlv(value, o);
    out.push(t);
    o = t.end;
  }
  return out;
}

/** Decodes an OBJECT IDENTIFIER value (X.690 §8.19) to dotted form. */
export function decodeOid(value: Uint8Array): string {
  if (value.length === 0) throw new DecodeError('bad-der', 'DER: empty OID');
  const parts: number[] = [];
  let acc = 0;
  for (let i = 0; i < value.length; i++) {
    const b = value[i] ?? 0;
    if (acc > 0x1fffffff) throw new DecodeError('unsupported', 'DER: OID arc too large');
    acc = acc * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      parts.push(acc);
      acc = 0;
    } else if (i === value.length - 1) {
      throw new DecodeError('truncated', 'DER: OID ends inside an arc');
    }
  }
  const first = parts[0] ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts.slice(1)].join('.');
}

/** Decodes a non-negative INTEGER of up to 6 bytes (enough for versions and error codes). */
export function decodeSmallInteger(value: Uint8Array): number {
  if (value.length === 0 || value.length > 6) throw new DecodeError('unsupported', 'DER: INTEGER too large or empty');
  let n = (value[0] ?? 0) & 0x80 ? -1 : 0;
  for (const b of value) n = n * 256 + b;
  return n;
}

/** Encodes a TLV with a definite length. */
export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  const n = value.length;
  let header: number[];
  if (n < 0x80) header = [tag, n];
  else if (n < 0x100) header = [tag, 0x81, n];
  else if (n < 0x10000) header = [tag, 0x82, n >> 8, n & 0xff];
  else header = [tag, 0x83, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  const out = new Uint8Array(header.length + n);
  out.set(header, 0);
  out.set(value, header.length);
  return out;
}

/** Encodes a small non-negative INTEGER. */
export function encodeSmallInteger(n: number): Uint8Array {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return encodeTlv(TAG_INTEGER, Uint8Array.from(bytes));
}

const SIGNATURE_ALGORITHMS: Record<string, { name: string; hash: string }> = {
  '1.2.840.113549.1.1.2': { name: 'md2WithRSAEncryption', hash: 'MD2' },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', hash: 'MD5' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', hash: 'SHA-1' },
  '1.2.840.113549.1.1.10': { name: 'RSASSA-PSS', hash: 'see parameters' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', hash: 'SHA-256' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', hash: 'SHA-384' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', hash: 'SHA-512' },
  '1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption', hash: 'SHA-224' },
  '1.2.840.10040.4.3': { name: 'dsa-with-sha1', hash: 'SHA-1' },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', hash: 'SHA-1' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', hash: 'SHA-256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', hash: 'SHA-384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', hash: 'SHA-512' },
  '1.3.101.112': { name: 'Ed25519', hash: 'none' },
  '1.3.101.113': { name: 'Ed448', hash: 'none' },
};

const KEY_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.113549.1.1.10': 'RSA-PSS',
  '1.2.840.10040.4.1': 'DSA',
  '1.2.840.10045.2.1': 'EC',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

const CURVES: Record<string, { name: string; bits: number }> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', bits: 256 },
  '1.3.132.0.34': { name: 'P-384', bits: 384 },
  '1.3.132.0.35': { name: 'P-521', bits: 521 },
  '1.3.132.0.10': { name: 'secp256k1', bits: 256 },
};

export interface CertificateAlgorithms {
  signatureAlgorithmOid: string;
  /** e.g. `sha256WithRSAEncryption`, or the OID when unknown. */
  signatureAlgorithm: string;
  /** Hash inside the signature algorithm (`SHA-1`, `SHA-256`, …), or `unknown`. */
  signatureHash: string;
  /** True for MD2, MD5 and SHA-1 signatures. */
  weakSignature: boolean;
  keyAlgorithmOid: string;
  /** `RSA`, `EC`, `DSA`, `Ed25519`, … or the OID. */
  keyType: string;
  /** RSA modulus length, curve size, or undefined when not derivable. */
  keyBits: number | undefined;
  /** Named curve for EC keys. */
  curve: string | undefined;
}

function bitLength(integerValue: Uint8Array): number {
  let i = 0;
  while (i < integerValue.length && integerValue[i] === 0) i++;
  if (i === integerValue.length) return 0;
  const top = integerValue[i] ?? 0;
  return (integerValue.length - i - 1) * 8 + (32 - Math.clz32(top));
}

/**
 * Reads the signature algorithm (Certificate.signatureAlgorithm, RFC 5280 §4.1.1.2) and the
 * subjectPublicKeyInfo (§4.1.2.7) from a DER certificate. Never throws.
 */
export function decodeCertificateAlgorithms(der: Uint8Array): Decoded<CertificateAlgorithms> {
  return decodeWith(() => {
    const cert = expectTlv(der, 0, TAG_SEQUENCE, 'Certificate');
    const [tbs, sigAlg] = children(cert.value);
    if (!tbs || tbs.tag !== TAG_SEQUENCE) throw new DecodeError('bad-type', 'DER: tbsCertificate is missing');
    if (!sigAlg || sigAlg.tag !== TAG_SEQUENCE) throw new DecodeError('bad-type', 'DER: signatureAlgorithm is missing');
    const sigOidTlv = expectTlv(sigAlg.value, 0, TAG_OID, 'signature algorithm OID');
    const signatureAlgorithmOid = decodeOid(sigOidTlv.value);
    const sig = SIGNATURE_ALGORITHMS[signatureAlgorithmOid];

    const fields = children(tbs.value);
    // tbsCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, …
    const base = fields[0]?.tag === 0xa0 ? 1 : 0;
    const spki = fields[base + 5];
    if (!spki || spki.tag !== TAG_SEQUENCE) throw new DecodeError('bad-type', 'DER: subjectPublicKeyInfo is missing');
    const [alg, key] = children(spki.value);
    if (!alg || alg.tag !== TAG_SEQUENCE || !key || key.tag !== TAG_BIT_STRING) {
      throw new DecodeError('bad-type', 'DER: subjectPublicKeyInfo is malformed');
    }
    const algParts = children(alg.value);
    const keyOidTlv = algParts[0];
    if (!keyOidTlv || keyOidTlv.tag !== TAG_OID) throw new DecodeError('bad-type', 'DER: key algorithm OID is missing');
    const keyAlgorithmOid = decodeOid(keyOidTlv.value);
    const keyType = KEY_ALGORITHMS[keyAlgorithmOid] ?? keyAlgorithmOid;
    let keyBits: number | undefined;
    let curve: string | undefined;
    if (keyType === 'RSA' || keyType === 'RSA-PSS') {
      if (key.value.length < 1 || key.value[0] !== 0) throw new DecodeError('bad-der', 'DER: RSA key BIT STRING');
      const rsa = expectTlv(key.value.subarray(1), 0, TAG_SEQUENCE, 'RSAPublicKey');
      const modulus = expectTlv(rsa.value, 0, TAG_INTEGER, 'RSA modulus');
      keyBits = bitLength(modulus.value);
    } else if (keyType === 'EC') {
      const param = algParts[1];
      if (param && param.tag === TAG_OID) {
        const c = CURVES[decodeOid(param.value)];
        curve = c?.name ?? decodeOid(param.value);
        keyBits = c?.bits;
      }
    } else if (keyType === 'Ed25519') {
      keyBits = 256;
    } else if (keyType === 'Ed448') {
      keyBits = 456;
    }
    const hash = sig?.hash ?? 'unknown';
    return {
      signatureAlgorithmOid,
      signatureAlgorithm: sig?.name ?? signatureAlgorithmOid,
      signatureHash: hash,
      weakSignature: hash === 'MD2' || hash === 'MD5' || hash === 'SHA-1',
      keyAlgorithmOid,
      keyType,
      keyBits,
      curve,
    };
  });
}

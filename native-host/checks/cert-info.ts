/**
 * Describes a server certificate (leaf + chain) and turns it into findings. Node's X509Certificate
 * gives names, dates and fingerprints; the signature algorithm and key size come from the DER
 * (RFC 5280 §4.1) through `rdp/der.ts`, because Node 20 does not expose the signature algorithm.
 */
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import type { CauseId } from '../../shared/catalog/causes.js';
import { clientImpact } from '../../shared/catalog/client-impact.js';
import { plural } from '../../shared/protocol/duration.js';
import type { Finding } from '../../shared/protocol/results.js';
import { decodeCertificateAlgorithms } from '../rdp/der.js';
import { decodeCertificateUsage, sameBytes, serverAuthProblem } from '../rdp/x509.js';
import { finding } from './result.js';

const DAY_MS = 86_400_000;
/** A certificate that expires within this many days gets `cert-expiring-soon`. */
export const EXPIRING_SOON_DAYS = 30;
/** Smallest RSA/DSA modulus current clients accept (NIST SP 800-131A; OpenSSL security level 2). */
export const MIN_RSA_BITS = 2048;
export const MIN_EC_BITS = 224;

export interface CertSummary {
  subject: string;
  commonName: string | undefined;
  altNames: string[];
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** Whole days until notAfter (negative when expired; NaN when the certificate's date cannot be read). */
  daysLeft: number;
  /** Subject equals issuer (by DER) and the signature verifies with the certificate's own key. */
  selfSigned: boolean;
  /** The two facts behind {@link selfSigned}; undefined when the certificate could not be read that far. */
  selfSignedBasis: { subjectEqualsIssuer: boolean | undefined; signatureVerifiesWithOwnKey: boolean | undefined };
  /** keyUsage bits set (RFC 5280 §4.2.1.3), or undefined when the extension is absent (any use allowed). */
  keyUsage: string[] | undefined;
  /** extendedKeyUsage purposes (`serverAuth`, …; unknown ones as OIDs), or undefined when absent. */
  extendedKeyUsage: string[] | undefined;
  /** Why the certificate cannot authenticate a TLS server, or undefined when its extensions allow it. */
  notForServerAuth: string | undefined;
  keyType: string;
  keyBits: number | undefined;
  curve: string | undefined;
  signatureAlgorithm: string;
  signatureHash: string;
  /** SHA-1 thumbprint as Windows shows it (PowerShell `Thumbprint`, registry `SSLCertificateSHA1Hash`): upper-case hex, no separators. */
  sha1Thumbprint: string;
  /** SHA-256 fingerprint, upper-case hex with colons. */
  sha256: string;
  derBase64: string;
}

/** A distinguished name on one line; '' for an empty name (Node gives `undefined` for it). */
function oneLine(dn: string | undefined): string {
  return (dn ?? '').split('\n').filter(Boolean).join(', ');
}

function commonNameOf(dn: string | undefined): string | undefined {
  return (dn ?? '')
    .split('\n')
    .find((l) => l.startsWith('CN='))
    ?.slice(3);
}

function altNamesOf(x: X509Certificate): string[] {
  if (!x.subjectAltName) return [];
  return x.subjectAltName
    .split(', ')
    .map((s) => s.replace(/^DNS:/, '').replace(/^IP Address:/, ''))
    .map(shortIp)
    .filter((s, i, all) => s !== '' && all.indexOf(s) === i);
}

/** An IPv6 address as people write it (`::1`, not `0:0:0:0:0:0:0:1`); anything else unchanged. */
function shortIp(s: string): string {
  if (!net.isIPv6(s)) return s;
  return new URL(`http://[${s}]/`).hostname.slice(1, -1);
}

/** ISO form of an X509 date, or the text as the certificate gives it when it is not a readable date. */
function isoOrRaw(text: string): string {
  const t = Date.parse(text);
  return Number.isNaN(t) ? text : new Date(t).toISOString();
}

export function describeCertificate(der: Uint8Array, now: number): CertSummary {
  const x = new X509Certificate(der);
  const algs = decodeCertificateAlgorithms(der);
  const pk = x.publicKey;
  const details = pk.asymmetricKeyDetails;
  const notAfter = new Date(x.validTo);
  // Not X509Certificate.checkIssued: OpenSSL's issuer check also demands keyCertSign, which Windows'
  // own Remote Desktop certificate (keyEncipherment + dataEncipherment only) does not have.
  const usage = decodeCertificateUsage(der);
  const subjectEqualsIssuer = usage.ok ? sameBytes(usage.value.subjectDer, usage.value.issuerDer) : undefined;
  let signatureVerifiesWithOwnKey: boolean | undefined;
  try {
    signatureVerifiesWithOwnKey = x.verify(pk);
  } catch {
    signatureVerifiesWithOwnKey = undefined;
  }
  const selfSigned = subjectEqualsIssuer === true && signatureVerifiesWithOwnKey === true;
  const notAfterMs = notAfter.getTime();
  return {
    subject: oneLine(x.subject),
    commonName: commonNameOf(x.subject),
    altNames: altNamesOf(x),
    issuer: oneLine(x.issuer),
    serialNumber: x.serialNumber,
    notBefore: isoOrRaw(x.validFrom),
    notAfter: isoOrRaw(x.validTo),
    daysLeft: Number.isNaN(notAfterMs) ? Number.NaN : Math.floor((notAfterMs - now) / DAY_MS),
    selfSigned,
    selfSignedBasis: { subjectEqualsIssuer, signatureVerifiesWithOwnKey },
    keyUsage: usage.ok ? usage.value.keyUsage : undefined,
    extendedKeyUsage: usage.ok ? usage.value.extendedKeyUsage : undefined,
    notForServerAuth: usage.ok ? serverAuthProblem(usage.value) : undefined,
    keyType: algs.ok ? algs.value.keyType : (pk.asymmetricKeyType ?? 'unknown').toUpperCase(),
    keyBits: algs.ok ? algs.value.keyBits : details?.modulusLength,
    curve: algs.ok ? algs.value.curve : details?.namedCurve,
    signatureAlgorithm: algs.ok ? algs.value.signatureAlgorithm : 'unknown',
    signatureHash: algs.ok ? algs.value.signatureHash : 'unknown',
    sha1Thumbprint: x.fingerprint.replace(/:/g, ''),
    sha256: x.fingerprint256,
    derBase64: Buffer.from(der).toString('base64'),
  };
}

/**
 * How to name a certificate to a person: its CN, else its whole subject, else (an empty subject is
 * valid when the names are in subjectAltName, RFC 5280 §4.2.1.6) its alternative names.
 */
export function certDisplayName(c: Pick<CertSummary, 'commonName' | 'subject' | 'altNames'>): string {
  if (c.commonName) return `CN=${c.commonName}`;
  if (c.subject) return c.subject;
  return c.altNames.length > 0 ? `empty subject, names ${c.altNames.join(', ')}` : 'empty subject, no names';
}

/**
 * Whether the certificate is valid for `name` (a DNS name or an IP literal). A name no certificate
 * can hold (a server-sent name with NUL or other bytes OpenSSL refuses) matches nothing.
 */
export function certMatchesName(derBase64: string, name: string): boolean {
  const x = new X509Certificate(Buffer.from(derBase64, 'base64'));
  try {
    return net.isIP(name) ? x.checkIP(name) !== undefined : x.checkHost(name) !== undefined;
  } catch {
    return false;
  }
}

export interface CertJudgement {
  /** Name the user typed (host name or IP). */
  typedName: string;
  nameMatches: boolean;
  /** Chain verified against the system's trusted roots. */
  trusted: boolean;
}

/** Findings about the leaf certificate. Pure given `now`. */
export function certificateFindings(leaf: CertSummary, j: CertJudgement, now: number): Finding[] {
  const id = `${certDisplayName(leaf)}, thumbprint ${leaf.sha1Thumbprint}`;
  const dates = dateFindings(leaf, now, id);
  const strength = strengthFindings(leaf);
  const out = [...dates.findings, ...trustFindings(leaf, j, id), ...strength.findings];
  if (dates.inForce) {
    const rulesOut: CauseId[] = ['cert-expired', 'cert-not-yet-valid', 'cert-unusable', 'machinekeys-broken'];
    if (!strength.weak) rulesOut.push('cert-weak');
    if (j.nameMatches) rulesOut.push('cert-name-mismatch');
    if (j.trusted) rulesOut.push('cert-untrusted');
    out.push(
      finding(
        'cert-valid',
        'info',
        `The certificate is within its validity period until ${day(leaf.notAfter)} (${plural(leaf.daysLeft, 'day')} left; ${id}).`,
        [],
        rulesOut,
      ),
    );
  }
  return out;
}

const day = (iso: string) => iso.slice(0, 10);

/** What the validity dates say; `inForce` when they can be read and now lies between them. */
function dateFindings(leaf: CertSummary, now: number, id: string): { findings: Finding[]; inForce: boolean } {
  const out: Finding[] = [];
  const notBefore = Date.parse(leaf.notBefore);
  const notAfter = Date.parse(leaf.notAfter);
  // A certificate whose dates cannot be read (a malformed time field) gets no validity verdict at all.
  const readable = !Number.isNaN(notBefore) && !Number.isNaN(notAfter);
  const expired = notAfter < now;
  const notYet = notBefore > now;
  if (!readable) {
    out.push(
      finding(
        'cert-dates-unreadable',
        'fail',
        `The certificate's validity dates cannot be read (from "${Number.isNaN(notBefore) ? leaf.notBefore : leaf.notAfter}"; ${id}): clients cannot tell whether it is in force and refuse it.`,
        ['cert-unusable'],
      ),
    );
  }
  if (expired) {
    const ago = Math.max(0, Math.floor((now - notAfter) / DAY_MS));
    out.push(
      finding(
        'cert-expired',
        'fail',
        `The certificate expired ${plural(ago, 'day')} ago, on ${day(leaf.notAfter)} (${id}).`,
        ['cert-expired'],
      ),
    );
  }
  if (notYet) {
    out.push(
      finding(
        'cert-not-yet-valid',
        'fail',
        `The certificate is not valid until ${day(leaf.notBefore)} (${id}): it is dated in the future, or a clock is wrong.`,
        ['cert-not-yet-valid', 'clock-skew'],
      ),
    );
  }
  const inForce = readable && !expired && !notYet;
  if (inForce && leaf.daysLeft <= EXPIRING_SOON_DAYS) {
    out.push(
      finding(
        'cert-expiring-soon',
        'warn',
        `The certificate expires in ${plural(leaf.daysLeft, 'day')}, on ${day(leaf.notAfter)} (${id}).`,
        [],
        ['cert-expired', 'cert-not-yet-valid'],
      ),
    );
  }
  return { findings: out, inForce };
}

/** Whether a client can trust the certificate for this server: self-signed, its purpose, its names. */
function trustFindings(leaf: CertSummary, j: CertJudgement, id: string): Finding[] {
  const out: Finding[] = [];
  if (leaf.selfSigned) {
    out.push(
      finding(
        'cert-self-signed',
        'warn',
        `The certificate is self-signed (${id}): clients cannot verify it and warn unless it is trusted or pinned.`,
        ['cert-untrusted'],
      ),
    );
  }
  if (leaf.notForServerAuth) {
    out.push(
      finding(
        'cert-not-for-server-auth',
        'warn',
        `The certificate is not valid for server authentication: ${leaf.notForServerAuth} (${id}).`,
        ['cert-untrusted'],
      ),
    );
  }
  if (!j.nameMatches) {
    const names = [...new Set([leaf.commonName, ...leaf.altNames].filter(Boolean))].join(', ') || leaf.subject;
    out.push(
      finding('cert-name-mismatch', 'warn', `The certificate is issued to ${names}, not to "${j.typedName}".`, [
        'cert-name-mismatch',
      ]),
    );
  }
  return out;
}

/** A key or signature weaker than current clients accept; `weak` when either is. */
function strengthFindings(leaf: CertSummary): { findings: Finding[]; weak: boolean } {
  const out: Finding[] = [];
  const weakKey =
    leaf.keyBits !== undefined &&
    (((leaf.keyType === 'RSA' || leaf.keyType === 'RSA-PSS' || leaf.keyType === 'DSA') &&
      leaf.keyBits < MIN_RSA_BITS) ||
      (leaf.keyType === 'EC' && leaf.keyBits < MIN_EC_BITS));
  if (weakKey) {
    out.push(
      finding(
        'cert-weak-key',
        'warn',
        `The certificate has a ${leaf.keyBits}-bit ${leaf.keyType} key, below the ${leaf.keyType === 'EC' ? MIN_EC_BITS : MIN_RSA_BITS} bits Apple platforms and OpenSSL's security level 2 require; mstsc and FreeRDP 2 at its default level still connect.`,
        ['cert-weak'],
      ),
    );
  }
  const weakSig = ['MD2', 'MD5', 'SHA-1'].includes(leaf.signatureHash);
  if (weakSig) {
    out.push(
      finding(
        'cert-weak-signature',
        leaf.selfSigned ? 'warn' : 'fail',
        leaf.selfSigned
          ? `The self-signed certificate is signed with ${leaf.signatureAlgorithm} (${leaf.signatureHash}); clients trust a self-signed certificate by accepting (pinning) it, not by its signature, so this adds no failure beyond the self-signed warning.`
          : `The certificate is signed with ${leaf.signatureAlgorithm} (${leaf.signatureHash}); Apple platforms and FreeRDP (OpenSSL security level 1 and up) refuse such an issued certificate.`,
        ['cert-weak'],
        [],
        clientImpact('cert-weak-signature', { selfSigned: leaf.selfSigned }),
      ),
    );
  }
  return { findings: out, weak: weakKey || weakSig };
}

/**
 * Built-in policies for common baselines, and a policy written from a known-good server.
 *
 * The benchmark rules cited are the ones a network probe can verify from outside: CIS's
 * recommendations are matched by title (their section numbers move between benchmark versions; the
 * numbers given are those of the versions named). What a probe cannot see (the encryption level
 * inside standard RDP security, settings on the server) is not claimed.
 */
import type { Policy, Protocol } from './policy.js';
import { compareTls, type Posture } from './posture.js';

const CIS_NLA =
  "CIS Microsoft Windows benchmarks, 'Require user authentication for remote connections by using Network Level Authentication' = Enabled (18.9.59.3.9.4 in CIS Microsoft Windows 7 v3.2.0 and Windows 8.1 v2.4.1)";
const CIS_SECURITY_LAYER =
  "CIS Microsoft Windows benchmarks, 'Require use of specific security layer for remote (RDP) connections' = SSL (18.9.59.3.9.3 in CIS Microsoft Windows Server 2008 R2 v3.2.0): native RDP encryption is weak; TLS authenticates the server";
const STIG_ENCRYPTION =
  'DISA Windows 11 STIG WN11-CC-000290 (V-253406): Remote Desktop Services client connection encryption at High Level (MinEncryptionLevel = 3). Its setting governs native RDP encryption, which a server that refuses standard RDP security never uses; the level itself cannot be read from the network';
const NIST_TLS =
  'NIST SP 800-52 Rev. 2, section 3.1: servers support TLS 1.2 and should support TLS 1.3; TLS 1.0 and 1.1 not used';

export const BUILTIN_POLICIES: Readonly<Record<string, Policy>> = {
  cis: {
    name: 'cis',
    description:
      'The CIS Microsoft Windows benchmark rules about the RDP security layer that a network probe can verify.',
    security: { require: ['nla'], forbid: ['standard-rdp'] },
    references: { 'require-nla': CIS_NLA, 'forbid-standard-rdp': CIS_SECURITY_LAYER },
  },
  stig: {
    name: 'stig',
    description:
      'The network-verifiable part of DISA STIG practice for RDP: no native RDP encryption, TLS 1.2 or later, a certificate that chains to a trusted root.',
    security: { require: ['nla'], forbid: ['standard-rdp'] },
    tls: { minVersion: 'TLSv1.2' },
    certificate: { requireTrusted: true, allowSelfSigned: false },
    references: {
      'forbid-standard-rdp': STIG_ENCRYPTION,
      'tls-min-version': NIST_TLS,
      'cert-trusted':
        'DISA Windows Server STIGs require PKI certificates issued by the DoD PKI or an approved External Certificate Authority; verified here as: chains to a root the scanning machine trusts (add certificate.trustedIssuers for your CAs)',
    },
  },
  recommended: {
    name: 'recommended',
    description:
      "RDP Doctor's recommended baseline: NLA required, no standard RDP or TLS-only logons, TLS 1.2+, a certificate with 30 days left, RSA 2048+, no SHA-1, clocks within 5 minutes (Kerberos' default tolerance).",
    security: { require: ['nla'], forbid: ['standard-rdp', 'tls'] },
    tls: { minVersion: 'TLSv1.2' },
    certificate: { minDaysLeft: 30, minRsaBits: 2048, minEcBits: 256, forbidSignatureHashes: ['md5', 'sha1'] },
    clock: { maxSkewSeconds: 300 },
    references: { 'require-nla': CIS_NLA, 'forbid-standard-rdp': CIS_SECURITY_LAYER, 'tls-min-version': NIST_TLS },
  },
};

/** A policy that the given (known-good) server passes, tightened where it already does better. */
export function policyFromPosture(p: Posture, host: string): { policy: Policy; notes: string[] } {
  const notes: string[] = [];
  const require: Protocol[] = [];
  const forbid: Protocol[] = [];
  if (p.accepts.nla === true) require.push('nla');
  if (p.accepts.standardRdp === false) forbid.push('standard-rdp');
  if (p.accepts.tls === false) forbid.push('tls');
  const policy: Policy = {
    name: `from-${host}`,
    description: `Written from ${host} on ${new Date().toISOString().slice(0, 10)}.`,
  };
  if (require.length || forbid.length)
    policy.security = { ...(require.length ? { require } : {}), ...(forbid.length ? { forbid } : {}) };
  if (p.tlsVersion) policy.tls = { minVersion: compareTls(p.tlsVersion, 'TLSv1.2') >= 0 ? 'TLSv1.2' : p.tlsVersion };
  const c = p.certificate;
  if (c) {
    const cert: NonNullable<Policy['certificate']> = {};
    if (c.daysLeft !== undefined) cert.minDaysLeft = Math.max(0, Math.min(30, c.daysLeft));
    if (c.selfSigned) {
      cert.allowSelfSigned = true;
      notes.push(
        'The server uses a self-signed certificate: no issuer rule was written (pin thumbprints per server with certificate.pinnedSha256 if you need one).',
      );
    } else {
      cert.allowSelfSigned = false;
      cert.trustedIssuers = [c.issuer.split('\n').join(', ')];
      if (c.trusted) cert.requireTrusted = true;
    }
    if (c.keyBits !== undefined) {
      if (c.keyType.toLowerCase() === 'rsa') cert.minRsaBits = Math.min(c.keyBits, 4096);
      else cert.minEcBits = c.keyBits;
    }
    const forbidden = ['md5', 'sha1'].filter((h) => h !== c.signatureHash);
    if (forbidden.length) cert.forbidSignatureHashes = forbidden;
    policy.certificate = cert;
  } else notes.push('No certificate was seen: no certificate rules were written.');
  if (p.clockSkewSeconds !== undefined) policy.clock = { maxSkewSeconds: 300 };
  else notes.push('The server did not reveal its clock (it needs NLA): no clock rule was written.');
  if (!p.rdp) notes.push('The server did not answer as an RDP server: the policy is nearly empty.');
  return { policy, notes };
}

/**
 * Test certificates, generated at test time with the system `openssl` (and `faketime` for dates in
 * the past or future). Nothing here is checked in: every run makes fresh keys in a temp dir.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type CertName = 'valid' | 'expired' | 'notyet' | 'wrongname' | 'weak' | 'shadow' | 'ca-issued' | WindowsCertName;

/**
 * Certificates shaped like the one Windows makes for Remote Desktop on its own: subject = issuer =
 * CN=<computer name>, RSA 2048, six months' validity, keyUsage keyEncipherment + dataEncipherment,
 * extendedKeyUsage serverAuth, no keyCertSign, no basicConstraints and no subjectAltName. Current
 * Windows signs it with SHA-256; Windows Server 2008 R2 (before its SHA-2 update) with SHA-1.
 */
export type WindowsCertName = 'windows' | 'windows-expired' | 'windows-2008r2' | 'windows-2008r2-expired';
export const WINDOWS_CERT_NAMES: readonly WindowsCertName[] = [
  'windows',
  'windows-expired',
  'windows-2008r2',
  'windows-2008r2-expired',
];
/** Computer names in the form Windows Setup gives a machine (`WIN-` and eleven characters). */
export const WINDOWS_COMPUTER_NAME = 'WIN-RDPD0CT0R19';
export const WINDOWS_2008R2_COMPUTER_NAME = 'WIN-RDPD0CT2K8R';
/** Six months, as Windows issues its Remote Desktop certificate. */
export const WINDOWS_CERT_DAYS = 183;

export interface TestCert {
  name: CertName;
  certPath: string;
  keyPath: string;
  /** Common name the certificate was issued to. */
  commonName: string;
  /** Names in subjectAltName (DNS and IP). */
  altNames: string[];
  notBefore: Date;
  notAfter: Date;
  keyBits: number;
  signatureHash: 'SHA-256' | 'SHA-1';
  /** SHA-1 thumbprint, upper-case hex without separators. */
  sha1: string;
  /** Subject CN of the issuing CA, for CA-issued certificates (the cert file then holds leaf + CA). */
  issuerCommonName?: string;
}

/** The DNS name the test certificates are issued to. */
export const TEST_DNS_NAME = 'rdp-doctor.test';
const DAY = 86_400_000;

function stamp(d: Date): string {
  return d.toISOString().replace('T', ' ').slice(0, 19);
}

/** OpenSSL configuration that lets a server load 1024-bit/SHA-1 keys and speak TLS 1.0 (test servers only). */
export function writeLegacyOpensslConf(dir: string): string {
  const path = join(dir, 'openssl-legacy.cnf');
  writeFileSync(
    path,
    [
      'openssl_conf = openssl_init',
      '[openssl_init]',
      'ssl_conf = ssl_sect',
      '[ssl_sect]',
      'system_default = system_default_sect',
      '[system_default_sect]',
      'MinProtocol = TLSv1',
      'CipherString = DEFAULT:@SECLEVEL=0',
      '',
    ].join('\n'),
  );
  return path;
}

/**
 * Generates one certificate. `ips` go into subjectAltName so that a probe by IP matches the valid,
 * expired and not-yet-valid certificates on name (only the property under test is wrong).
 */
export async function makeCert(dir: string, name: CertName, ips: string[]): Promise<TestCert> {
  if (name === 'ca-issued') return makeCaIssued(dir, ips);
  if ((WINDOWS_CERT_NAMES as readonly string[]).includes(name)) return makeWindowsCert(dir, name as WindowsCertName);
  const certPath = join(dir, `${name}.crt`);
  const keyPath = join(dir, `${name}.key`);
  const now = Date.now();
  const sans = [`DNS:${TEST_DNS_NAME}`, ...ips.map((ip) => `IP:${ip}`)].join(',');
  let cn = TEST_DNS_NAME;
  let bits = 2048;
  let digest = '-sha256';
  let days = 365;
  let fakeAt: Date | undefined;
  let withSan = true;
  switch (name) {
    case 'expired':
      fakeAt = new Date(now - 400 * DAY);
      days = 30;
      break;
    case 'notyet':
      fakeAt = new Date(now + 400 * DAY);
      break;
    case 'wrongname':
      cn = 'wrong-host.example';
      withSan = false;
      break;
    case 'weak':
      bits = 1024;
      digest = '-sha1';
      break;
    case 'shadow':
      cn = hostname();
      withSan = false;
      break;
    default:
      break;
  }
  const extra = [
    '-subj',
    `/CN=${cn}/O=RDP Doctor Test ${name}`,
    ...(withSan ? ['-addext', `subjectAltName=${sans}`] : []),
  ];
  const altNames = withSan ? [TEST_DNS_NAME, ...ips] : [];
  return selfSign({ name, commonName: cn, altNames, keyPath, certPath, bits, digest, days, extra, at: fakeAt });
}

/**
 * A leaf signed by a throw-away test CA. `certPath` holds the leaf followed by the CA certificate
 * (the chain a server sends); the CA is not trusted by anything, so the chain does not verify.
 */
async function makeCaIssued(dir: string, ips: string[]): Promise<TestCert> {
  const caKey = join(dir, 'test-ca.key');
  const caCrt = join(dir, 'test-ca.crt');
  const caName = 'RDP Doctor Test CA';
  await run(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-sha256',
      '-nodes',
      '-keyout',
      caKey,
      '-out',
      caCrt,
      '-days',
      '730',
      '-subj',
      `/CN=${caName}`,
    ],
    { timeout: 30_000 },
  );
  const keyPath = join(dir, 'ca-issued.key');
  const csr = join(dir, 'ca-issued.csr');
  const leaf = join(dir, 'ca-issued.leaf.crt');
  await run(
    'openssl',
    [
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      csr,
      '-subj',
      `/CN=${TEST_DNS_NAME}/O=RDP Doctor Test ca-issued`,
    ],
    { timeout: 30_000 },
  );
  const ext = join(dir, 'ca-issued.ext');
  writeFileSync(
    ext,
    `subjectAltName=${[`DNS:${TEST_DNS_NAME}`, ...ips.map((ip) => `IP:${ip}`)].join(',')}\nextendedKeyUsage=serverAuth\n`,
  );
  await run(
    'openssl',
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      caCrt,
      '-CAkey',
      caKey,
      '-CAcreateserial',
      '-days',
      '365',
      '-sha256',
      '-extfile',
      ext,
      '-out',
      leaf,
    ],
    { timeout: 30_000 },
  );
  const certPath = join(dir, 'ca-issued.crt');
  writeFileSync(certPath, `${readFileSync(leaf, 'utf8')}${readFileSync(caCrt, 'utf8')}`);
  const x = new X509Certificate(readFileSync(leaf));
  return {
    name: 'ca-issued',
    certPath,
    keyPath,
    commonName: TEST_DNS_NAME,
    altNames: [TEST_DNS_NAME, ...ips],
    notBefore: new Date(x.validFrom),
    notAfter: new Date(x.validTo),
    keyBits: 2048,
    signatureHash: 'SHA-256',
    sha1: x.fingerprint.replace(/:/g, ''),
    issuerCommonName: caName,
  };
}

/** A certificate shaped like Windows' own Remote Desktop certificate (see {@link WindowsCertName}). */
export async function makeWindowsCert(dir: string, name: WindowsCertName): Promise<TestCert> {
  const certPath = join(dir, `${name}.crt`);
  const keyPath = join(dir, `${name}.key`);
  const old = name.startsWith('windows-2008r2');
  const cn = old ? WINDOWS_2008R2_COMPUTER_NAME : WINDOWS_COMPUTER_NAME;
  // An explicit configuration, so that OpenSSL adds none of its default v3_ca extensions
  // (basicConstraints CA:TRUE, key identifiers) that Windows' certificate does not carry.
  const conf = join(dir, `${name}.cnf`);
  writeFileSync(
    conf,
    [
      '[req]',
      'distinguished_name = dn',
      'x509_extensions = ext',
      'prompt = no',
      '[dn]',
      `CN = ${cn}`,
      '[ext]',
      'keyUsage = keyEncipherment, dataEncipherment',
      'extendedKeyUsage = serverAuth',
      'subjectKeyIdentifier = none',
      'authorityKeyIdentifier = none',
      '',
    ].join('\n'),
  );
  return selfSign({
    name,
    commonName: cn,
    altNames: [],
    keyPath,
    certPath,
    bits: 2048,
    digest: old ? '-sha1' : '-sha256',
    days: WINDOWS_CERT_DAYS,
    extra: ['-config', conf],
    at: name.endsWith('-expired') ? new Date(Date.now() - 400 * DAY) : undefined,
  });
}

/**
 * A self-signed certificate and its new RSA key from `openssl req -x509`, made as if at `at` (with
 * faketime) when given, and what it holds.
 */
async function selfSign(o: {
  name: CertName;
  commonName: string;
  altNames: string[];
  keyPath: string;
  certPath: string;
  bits: number;
  digest: string;
  days: number;
  extra: string[];
  at?: Date | undefined;
}): Promise<TestCert> {
  const args = ['req', '-x509', ...o.extra, '-newkey', `rsa:${o.bits}`, o.digest, '-nodes'];
  args.push('-keyout', o.keyPath, '-out', o.certPath, '-days', String(o.days));
  if (o.at) await run('faketime', [stamp(o.at), 'openssl', ...args], { timeout: 30_000 });
  else await run('openssl', args, { timeout: 30_000 });
  const x = new X509Certificate(readFileSync(o.certPath));
  return {
    name: o.name,
    certPath: o.certPath,
    keyPath: o.keyPath,
    commonName: o.commonName,
    altNames: o.altNames,
    notBefore: new Date(x.validFrom),
    notAfter: new Date(x.validTo),
    keyBits: o.bits,
    signatureHash: o.digest === '-sha1' ? 'SHA-1' : 'SHA-256',
    sha1: x.fingerprint.replace(/:/g, ''),
  };
}

/**
 * Fleet policies: a small, documented file (YAML or JSON) that states a baseline — which security
 * protocols must be required or refused, the lowest TLS version, certificate rules, the largest clock
 * skew — and its evaluation against one server's {@link Posture}. Reading and writing the file's
 * text (YAML) is in policy-yaml.ts, so a run that judges no policy file never loads the YAML parser.
 *
 * Each rule ends as `pass`, `fail` or `not-checked`: a rule about something the probe did not see
 * (a certificate behind a server that never got that far, the clock of a server without NLA) is
 * "not checked", never passed. The format is documented in docs/policy.md.
 */
import { compareTls, normaliseTls, type Posture } from './posture.js';

export type Protocol = 'standard-rdp' | 'tls' | 'nla';
export const PROTOCOL_NAMES: readonly Protocol[] = ['standard-rdp', 'tls', 'nla'];

export interface Policy {
  name: string;
  description?: string;
  security?: { require?: Protocol[]; forbid?: Protocol[] };
  tls?: { minVersion?: string };
  certificate?: {
    minDaysLeft?: number;
    /** Issuer names accepted: the issuer's full name ("CN=Corp CA, O=Corp") or its common name. */
    trustedIssuers?: string[];
    /** SHA-256 thumbprints accepted (hex, colons optional). */
    pinnedSha256?: string[];
    /** The certificate must chain to a root the scanning machine trusts. */
    requireTrusted?: boolean;
    allowSelfSigned?: boolean;
    minRsaBits?: number;
    minEcBits?: number;
    forbidSignatureHashes?: string[];
    requireNameMatch?: boolean;
  };
  clock?: { maxSkewSeconds?: number };
  /** Where each rule comes from (benchmark rule ids), by rule id. */
  references?: Record<string, string>;
}

export type RuleStatus = 'pass' | 'fail' | 'not-checked';

export interface RuleResult {
  rule: string;
  status: RuleStatus;
  /** What was required and what was seen, in plain words. */
  detail: string;
  reference?: string;
}

export interface PolicyResult {
  policy: string;
  /** `fail` when any rule fails; `incomplete` when none fails but some were not checked. */
  verdict: 'pass' | 'fail' | 'incomplete';
  rules: RuleResult[];
}

export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing and validation

const SECTIONS: Record<string, readonly string[]> = {
  security: ['require', 'forbid'],
  tls: ['minVersion'],
  certificate: [
    'minDaysLeft',
    'trustedIssuers',
    'pinnedSha256',
    'requireTrusted',
    'allowSelfSigned',
    'minRsaBits',
    'minEcBits',
    'forbidSignatureHashes',
    'requireNameMatch',
  ],
  clock: ['maxSkewSeconds'],
};
const TOP = ['name', 'description', 'references', ...Object.keys(SECTIONS)];
const HASHES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: unknown, path: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === ''))
    throw new PolicyError(`${path} must be a list of text values`);
  return v.map((x) => (x as string).trim());
}

function whole(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw new PolicyError(`${path} must be a whole number from ${min} to ${max}`);
  return v;
}

function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') throw new PolicyError(`${path} must be true or false`);
  return v;
}

function protocols(v: unknown, path: string): Protocol[] {
  const list = strings(v, path);
  for (const p of list)
    if (!(PROTOCOL_NAMES as readonly string[]).includes(p))
      throw new PolicyError(`${path}: "${p}" is not a protocol; use ${PROTOCOL_NAMES.join(', ')}`);
  return list as Protocol[];
}

/** Validates parsed data into a {@link Policy}; throws {@link PolicyError} naming the offending field. */
export function validatePolicy(data: unknown): Policy {
  if (!isObject(data)) throw new PolicyError('a policy is a mapping with at least a "name"');
  for (const k of Object.keys(data))
    if (!TOP.includes(k)) throw new PolicyError(`unknown field "${k}"; known: ${TOP.join(', ')}`);
  for (const [section, keys] of Object.entries(SECTIONS)) {
    const s = data[section];
    if (s === undefined) continue;
    if (!isObject(s)) throw new PolicyError(`${section} must be a mapping`);
    for (const k of Object.keys(s))
      if (!keys.includes(k)) throw new PolicyError(`unknown field "${section}.${k}"; known: ${keys.join(', ')}`);
  }
  if (typeof data.name !== 'string' || !data.name.trim()) throw new PolicyError('"name" must be a non-empty text');
  const p: Policy = { name: data.name.trim() };
  if (data.description !== undefined) {
    if (typeof data.description !== 'string') throw new PolicyError('"description" must be text');
    p.description = data.description;
  }
  const sec = data.security as Record<string, unknown> | undefined;
  if (sec) {
    p.security = {};
    if (sec.require !== undefined) p.security.require = protocols(sec.require, 'security.require');
    if (sec.forbid !== undefined) p.security.forbid = protocols(sec.forbid, 'security.forbid');
    const both = (p.security.require ?? []).filter((x) => p.security?.forbid?.includes(x));
    if (both.length) throw new PolicyError(`security: "${both[0]}" is both required and forbidden`);
  }
  const tls = data.tls as Record<string, unknown> | undefined;
  if (tls?.minVersion !== undefined) {
    const v = typeof tls.minVersion === 'number' ? tls.minVersion.toFixed(1) : tls.minVersion;
    const n = typeof v === 'string' ? normaliseTls(v) : undefined;
    if (!n) throw new PolicyError('tls.minVersion must be one of 1.0, 1.1, 1.2, 1.3');
    p.tls = { minVersion: n };
  }
  const c = data.certificate as Record<string, unknown> | undefined;
  if (c) p.certificate = certificateSection(c);
  const clock = data.clock as Record<string, unknown> | undefined;
  if (clock?.maxSkewSeconds !== undefined)
    p.clock = { maxSkewSeconds: whole(clock.maxSkewSeconds, 'clock.maxSkewSeconds', 0, 86_400) };
  if (data.references !== undefined) {
    if (!isObject(data.references) || Object.values(data.references).some((v) => typeof v !== 'string'))
      throw new PolicyError('references must map rule ids to text');
    p.references = data.references as Record<string, string>;
  }
  return p;
}

function certificateSection(c: Record<string, unknown>): NonNullable<Policy['certificate']> {
  const pc: NonNullable<Policy['certificate']> = {};
  if (c.minDaysLeft !== undefined) pc.minDaysLeft = whole(c.minDaysLeft, 'certificate.minDaysLeft', 0, 3650);
  if (c.trustedIssuers !== undefined) pc.trustedIssuers = strings(c.trustedIssuers, 'certificate.trustedIssuers');
  if (c.pinnedSha256 !== undefined) {
    pc.pinnedSha256 = strings(c.pinnedSha256, 'certificate.pinnedSha256').map(hexOf);
    for (const h of pc.pinnedSha256)
      if (!/^[0-9A-F]{64}$/.test(h))
        throw new PolicyError(`certificate.pinnedSha256: "${h}" is not a SHA-256 thumbprint`);
  }
  if (c.requireTrusted !== undefined) pc.requireTrusted = bool(c.requireTrusted, 'certificate.requireTrusted');
  if (c.allowSelfSigned !== undefined) pc.allowSelfSigned = bool(c.allowSelfSigned, 'certificate.allowSelfSigned');
  if (c.minRsaBits !== undefined) pc.minRsaBits = whole(c.minRsaBits, 'certificate.minRsaBits', 512, 16384);
  if (c.minEcBits !== undefined) pc.minEcBits = whole(c.minEcBits, 'certificate.minEcBits', 160, 521);
  if (c.forbidSignatureHashes !== undefined) {
    pc.forbidSignatureHashes = strings(c.forbidSignatureHashes, 'certificate.forbidSignatureHashes').map((h) =>
      h.toLowerCase().replace(/-/g, ''),
    );
    for (const h of pc.forbidSignatureHashes)
      if (!HASHES.includes(h))
        throw new PolicyError(`certificate.forbidSignatureHashes: "${h}" is not one of ${HASHES.join(', ')}`);
  }
  if (c.requireNameMatch !== undefined) pc.requireNameMatch = bool(c.requireNameMatch, 'certificate.requireNameMatch');
  return pc;
}

function hexOf(s: string): string {
  return s.replace(/[\s:]/g, '').toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Evaluation

const LABEL: Record<Protocol, string> = {
  'standard-rdp': 'standard RDP security',
  tls: 'TLS without NLA',
  nla: 'NLA (CredSSP)',
};

function acceptsOf(p: Posture, proto: Protocol): boolean | undefined {
  return proto === 'standard-rdp' ? p.accepts.standardRdp : proto === 'tls' ? p.accepts.tls : p.accepts.nla;
}

/** Issuer lines ("CN=x\nO=y") as one comparable string. */
function issuerKey(s: string): string {
  return s
    .split(/\n|,(?=\s*[A-Za-z]+=)/)
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean)
    .join(', ');
}

function issuerMatches(issuer: string, wanted: string): boolean {
  const key = issuerKey(issuer);
  const w = issuerKey(wanted);
  if (key === w) return true;
  const cn = /(?:^|, )cn=([^,]*)/.exec(key)?.[1];
  return cn !== undefined && cn === wanted.trim().toLowerCase();
}

/** Evaluates every rule the policy states against one server's posture. */
export function evaluatePolicy(policy: Policy, p: Posture): PolicyResult {
  const rules: RuleResult[] = [];
  const add = (rule: string, status: RuleStatus, detail: string) =>
    rules.push({ rule, status, detail, ...(policy.references?.[rule] ? { reference: policy.references[rule] } : {}) });
  const notSeen = (rule: string, what: string) => add(rule, 'not-checked', `not checked: ${what}`);

  add(
    'reachable',
    p.rdp ? 'pass' : 'fail',
    p.rdp ? 'the server answered the RDP negotiation' : 'the server did not answer as an RDP server',
  );
  for (const proto of policy.security?.require ?? []) {
    const a = p.rdp ? acceptsOf(p, proto) : undefined;
    const rule = `require-${proto}`;
    if (a === undefined) notSeen(rule, `the server's answer to ${LABEL[proto]} was not seen`);
    else add(rule, a ? 'pass' : 'fail', `${LABEL[proto]} must be accepted: it is ${a ? 'accepted' : 'refused'}`);
  }
  for (const proto of policy.security?.forbid ?? []) {
    const a = p.rdp ? acceptsOf(p, proto) : undefined;
    const rule = `forbid-${proto}`;
    if (a === undefined) notSeen(rule, `the server's answer to ${LABEL[proto]} was not seen`);
    else add(rule, a ? 'fail' : 'pass', `${LABEL[proto]} must be refused: it is ${a ? 'accepted' : 'refused'}`);
  }
  const minTls = policy.tls?.minVersion;
  if (minTls) {
    if (!p.tlsVersion) notSeen('tls-min-version', 'no TLS handshake completed');
    else
      add(
        'tls-min-version',
        compareTls(p.tlsVersion, minTls) >= 0 ? 'pass' : 'fail',
        `at least ${minTls} required: the server's highest is ${p.tlsVersion}`,
      );
  }
  certificateRules(policy, p, add, notSeen);
  const maxSkew = policy.clock?.maxSkewSeconds;
  if (maxSkew !== undefined) {
    if (p.clockSkewSeconds === undefined)
      notSeen('clock-max-skew', 'the server did not reveal its clock (NTLM over NLA)');
    else
      add(
        'clock-max-skew',
        Math.abs(p.clockSkewSeconds) <= maxSkew ? 'pass' : 'fail',
        `at most ${maxSkew} s of skew allowed: the server's clock is ${Math.abs(p.clockSkewSeconds)} s ${p.clockSkewSeconds < 0 ? 'behind' : 'ahead'}`,
      );
  }
  const verdict = rules.some((r) => r.status === 'fail')
    ? 'fail'
    : rules.some((r) => r.status === 'not-checked')
      ? 'incomplete'
      : 'pass';
  return { policy: policy.name, verdict, rules };
}

type Add = (rule: string, status: RuleStatus, detail: string) => void;

function certificateRules(policy: Policy, p: Posture, add: Add, notSeen: (rule: string, what: string) => void): void {
  const c = policy.certificate;
  if (!c) return;
  const cert = p.certificate;
  const wanted: [string, boolean][] = [
    ['cert-min-days-left', c.minDaysLeft !== undefined],
    ['cert-issuer', c.trustedIssuers !== undefined],
    ['cert-pinned', c.pinnedSha256 !== undefined],
    ['cert-trusted', c.requireTrusted === true],
    ['cert-self-signed', c.allowSelfSigned === false],
    ['cert-key-size', c.minRsaBits !== undefined || c.minEcBits !== undefined],
    ['cert-signature', c.forbidSignatureHashes !== undefined],
    ['cert-name', c.requireNameMatch === true],
  ];
  if (!cert) {
    for (const [rule, on] of wanted) if (on) notSeen(rule, 'no certificate was seen (no TLS handshake)');
    return;
  }
  if (c.minDaysLeft !== undefined) daysLeftRule(c.minDaysLeft, cert.daysLeft, add);
  if (c.trustedIssuers) {
    const ok = c.trustedIssuers.some((w) => issuerMatches(cert.issuer, w));
    add(
      'cert-issuer',
      ok ? 'pass' : 'fail',
      `issuer must be one of the trusted issuers: it is ${issuerKey(cert.issuer) || 'empty'}`,
    );
  }
  if (c.pinnedSha256) {
    const ok = c.pinnedSha256.includes(hexOf(cert.sha256));
    add('cert-pinned', ok ? 'pass' : 'fail', `thumbprint must be pinned: SHA-256 ${hexOf(cert.sha256)}`);
  }
  if (c.requireTrusted)
    add(
      'cert-trusted',
      cert.trusted ? 'pass' : 'fail',
      `must chain to a root this machine trusts: it ${cert.trusted ? 'does' : 'does not'}`,
    );
  if (c.allowSelfSigned === false)
    add(
      'cert-self-signed',
      cert.selfSigned ? 'fail' : 'pass',
      `must not be self-signed: it ${cert.selfSigned ? 'is' : 'is not'}`,
    );
  if (c.minRsaBits !== undefined || c.minEcBits !== undefined) keySizeRule(c, cert, add);
  if (c.forbidSignatureHashes) {
    const bad = c.forbidSignatureHashes.includes(cert.signatureHash);
    add(
      'cert-signature',
      bad ? 'fail' : 'pass',
      `signature hash must not be ${c.forbidSignatureHashes.join(' or ')}: it is ${cert.signatureHash || 'unknown'}`,
    );
  }
  if (c.requireNameMatch)
    add(
      'cert-name',
      cert.nameMatches ? 'pass' : 'fail',
      `must be issued to the name scanned: it ${cert.nameMatches ? 'is' : 'is not'}`,
    );
}

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

function daysLeftRule(minDaysLeft: number, daysLeft: number | undefined, add: Add): void {
  if (daysLeft === undefined) {
    add('cert-min-days-left', 'fail', 'the validity dates cannot be read');
    return;
  }
  const now = daysLeft < 0 ? `expired ${days(-daysLeft)} ago` : `${days(daysLeft)} left`;
  add(
    'cert-min-days-left',
    daysLeft >= minDaysLeft ? 'pass' : 'fail',
    `at least ${days(minDaysLeft)} left required: ${now}`,
  );
}

function keySizeRule(c: NonNullable<Policy['certificate']>, cert: NonNullable<Posture['certificate']>, add: Add): void {
  const min = cert.keyType.toLowerCase() === 'rsa' ? c.minRsaBits : c.minEcBits;
  if (min === undefined || cert.keyBits === undefined) {
    add(
      'cert-key-size',
      'not-checked',
      `not checked: no limit stated for ${cert.keyType || 'this'} keys, or the size is unknown`,
    );
    return;
  }
  add(
    'cert-key-size',
    cert.keyBits >= min ? 'pass' : 'fail',
    `${cert.keyType.toUpperCase()} key of at least ${min} bits required: ${cert.keyBits} bits`,
  );
}

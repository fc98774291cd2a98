/**
 * A letter grade per server, from documented rules: every rule that applies caps the grade, and the
 * grade is the lowest cap (as TLS graders do). The table below is the whole method; it is printed by
 * `--explain-grade` and changes only with {@link GRADE_VERSION} and a line in CHANGELOG.md.
 *
 * A server that did not answer as an RDP server gets no grade ("-"): nothing was seen to grade.
 */
import { compareTls, type Posture } from './posture.js';

/** Bumped whenever a rule or a cap changes, so grades stay comparable across versions. */
export const GRADE_VERSION = 1;

export type Grade = 'A+' | 'A' | 'B' | 'C' | 'D' | 'F' | '-';
const ORDER: readonly Grade[] = ['A+', 'A', 'B', 'C', 'D', 'F'];

export interface GradeRule {
  id: string;
  cap: Exclude<Grade, '-' | 'A+'>;
  /** What it costs and why, in plain words. */
  text: string;
  applies(p: Posture): boolean;
}

const cert = (p: Posture) => p.certificate;

/** The grading rules, most severe first. */
export const GRADE_RULES: readonly GradeRule[] = [
  {
    id: 'standard-rdp-only',
    cap: 'F',
    text: 'Only standard RDP security: no server authentication, credentials protected by RC4 only.',
    applies: (p) => p.accepts.standardRdp === true && p.accepts.tls === false && p.accepts.nla === false,
  },
  {
    id: 'cert-expired',
    cap: 'D',
    text: 'The certificate has expired or is not yet valid: every client warns, and policies that refuse warnings block the logon.',
    applies: (p) => {
      const c = cert(p);
      if (!c) return false;
      const notBefore = Date.parse(c.notBefore);
      return (c.daysLeft !== undefined && c.daysLeft < 0) || (!Number.isNaN(notBefore) && notBefore > Date.now());
    },
  },
  {
    id: 'cert-unreadable',
    cap: 'D',
    text: 'The certificate validity dates cannot be read.',
    applies: (p) => cert(p) !== undefined && cert(p)?.daysLeft === undefined,
  },
  {
    id: 'standard-rdp-accepted',
    cap: 'C',
    text: 'Standard RDP security is accepted: a client can be downgraded to it, with no server authentication.',
    applies: (p) => p.accepts.standardRdp === true,
  },
  {
    id: 'old-tls',
    cap: 'C',
    text: 'The highest TLS version is below 1.2: current clients and hardened policies refuse it.',
    applies: (p) => p.tlsVersion !== undefined && compareTls(p.tlsVersion, 'TLSv1.2') < 0,
  },
  {
    id: 'weak-key',
    cap: 'C',
    text: 'An RSA key below 2048 bits (or an EC key below 256).',
    applies: (p) => {
      const c = cert(p);
      if (!c || c.keyBits === undefined) return false;
      return c.keyType.toLowerCase() === 'rsa' ? c.keyBits < 2048 : c.keyBits < 256;
    },
  },
  {
    id: 'clock-skew',
    cap: 'C',
    text: "The server's clock is more than 5 minutes off: Kerberos logons fail.",
    applies: (p) => p.clockSkewSeconds !== undefined && Math.abs(p.clockSkewSeconds) > 300,
  },
  {
    id: 'nla-not-required',
    cap: 'B',
    text: 'NLA is not required: the logon screen is reachable before authentication.',
    applies: (p) => p.nlaRequired === false,
  },
  {
    id: 'untrusted-cert',
    cap: 'B',
    text: 'The certificate does not chain to a trusted root (self-signed or private CA unknown here): clients prompt or must pin it.',
    applies: (p) => cert(p) !== undefined && cert(p)?.trusted !== true,
  },
  {
    id: 'sha1-signature',
    cap: 'B',
    text: 'A SHA-1 (or MD5) signature on a certificate issued by a CA.',
    applies: (p) => {
      const c = cert(p);
      return c !== undefined && !c.selfSigned && ['sha1', 'md5'].includes(c.signatureHash);
    },
  },
  {
    id: 'expiring-soon',
    cap: 'B',
    text: 'The certificate expires within 30 days.',
    applies: (p) => {
      const d = cert(p)?.daysLeft;
      return d !== undefined && d >= 0 && d <= 30;
    },
  },
  {
    id: 'no-tls-1.3',
    cap: 'A',
    text: 'TLS 1.3 is not offered (A+ needs it, plus none of the above).',
    applies: (p) => p.tlsVersion !== undefined && compareTls(p.tlsVersion, 'TLSv1.3') < 0,
  },
  {
    id: 'not-seen',
    cap: 'A',
    text: 'Part of the posture was not observed (no certificate, or the NLA answer was not seen): A+ needs all of it.',
    applies: (p) => p.certificate === undefined || p.nlaRequired === undefined,
  },
];

export interface GradeResult {
  grade: Grade;
  version: number;
  /** The rules that capped the grade. */
  reasons: { id: string; cap: Grade; text: string }[];
}

/** The grade of one server's posture. */
export function gradeOf(p: Posture): GradeResult {
  if (!p.rdp)
    return {
      grade: '-',
      version: GRADE_VERSION,
      reasons: [{ id: 'not-rdp', cap: '-', text: 'The server did not answer as an RDP server: nothing to grade.' }],
    };
  let grade: Grade = 'A+';
  const reasons: GradeResult['reasons'] = [];
  for (const r of GRADE_RULES) {
    if (!r.applies(p)) continue;
    reasons.push({ id: r.id, cap: r.cap, text: r.text });
    if (ORDER.indexOf(r.cap) > ORDER.indexOf(grade)) grade = r.cap;
  }
  return { grade, version: GRADE_VERSION, reasons };
}

/** A number for metrics: A+ = 6 … F = 1, no grade = 0. */
export function gradeScore(g: Grade): number {
  return g === '-' ? 0 : ORDER.length - ORDER.indexOf(g);
}

/** The grading method as text, for `--explain-grade`. */
export function explainGradeTable(): string {
  const lines = [
    `Grading rules (version ${GRADE_VERSION}). Every rule that applies caps the grade; the grade is the lowest cap.`,
    'A+ = none of these apply. "-" = the server did not answer as an RDP server.',
    '',
    ...GRADE_RULES.map((r) => `  ${r.cap.padEnd(2)}  ${r.id.padEnd(22)} ${r.text}`),
  ];
  return `${lines.join('\n')}\n`;
}

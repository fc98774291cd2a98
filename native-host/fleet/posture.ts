/**
 * A server's security posture as facts a fleet owner compares: which security protocols it accepts,
 * the TLS version it speaks, its certificate and its clock. Derived from one probe report and kept
 * in every scan row (JSON Lines), so policies, grades, baselines and metrics all read the same facts
 * — and a baseline written by one run can be compared with the next.
 *
 * `undefined` always means "not observed" (the server did not answer that far), never "no".
 */
import type { CheckResult } from '../../shared/protocol/results.js';
import type { ProbeReport } from '../engines/probe.js';

export interface Posture {
  /** The server answered the RDP security negotiation. */
  rdp: boolean;
  /** Security protocols the server accepts, by the negotiation matrix; undefined = not observed. */
  accepts: {
    /** Standard RDP security (RC4, no server authentication). */
    standardRdp: boolean | undefined;
    /** TLS without NLA. */
    tls: boolean | undefined;
    /** CredSSP (NLA). */
    nla: boolean | undefined;
  };
  /** True when the server refuses every protocol but CredSSP (NLA is required). */
  nlaRequired: boolean | undefined;
  /** TLS version of the handshake, e.g. "TLSv1.3". */
  tlsVersion: string | undefined;
  certificate:
    | {
        subject: string;
        issuer: string;
        notBefore: string;
        notAfter: string;
        /** Whole days left; negative once expired; undefined when the dates cannot be read. */
        daysLeft: number | undefined;
        selfSigned: boolean;
        /** Chains to a root this machine trusts. */
        trusted: boolean;
        nameMatches: boolean;
        keyType: string;
        keyBits: number | undefined;
        /** Hash of the signature algorithm, lower case: sha256, sha1, md5. */
        signatureHash: string;
        sha1: string;
        sha256: string;
      }
    | undefined;
  /** Server clock minus this machine's clock, in seconds (from NTLM); undefined when not observed. */
  clockSkewSeconds: number | undefined;
}

type Outcome = { protocol: string; verdict: string };

function accepted(matrix: readonly Outcome[], protocols: readonly string[]): boolean | undefined {
  const rows = matrix.filter((m) => protocols.includes(m.protocol));
  // A server that answers without RDP_NEG data speaks only standard RDP security.
  const yes = (m: Outcome) => m.verdict === 'accepted' || (m.verdict === 'legacy' && m.protocol === 'RDP');
  if (rows.some(yes)) return true;
  // A refusal (or another protocol chosen) is an observation; silence or a dropped connection is not.
  const no = (m: Outcome) => m.verdict === 'refused' || m.verdict === 'downgraded' || m.verdict === 'legacy';
  if (rows.length > 0 && rows.every(no)) return false;
  return undefined;
}

function nlaRequiredOf(a: Posture['accepts']): boolean | undefined {
  // Accepting anything else (or not offering NLA at all) means NLA is not required.
  if (a.nla === false || a.standardRdp === true || a.tls === true) return false;
  if (a.nla === true && a.standardRdp === false && a.tls === false) return true;
  return undefined;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function certificateOf(c: CheckResult): Posture['certificate'] {
  const leaf = c.evidence.leaf as Record<string, unknown> | undefined;
  const tls = c.evidence.tls as Record<string, unknown> | undefined;
  if (!leaf || typeof leaf !== 'object') return undefined;
  const days = leaf.daysLeft;
  return {
    subject: str(leaf.subject),
    issuer: str(leaf.issuer),
    notBefore: str(leaf.notBefore),
    notAfter: str(leaf.notAfter),
    daysLeft: typeof days === 'number' && Number.isFinite(days) ? days : undefined,
    selfSigned: leaf.selfSigned === true,
    trusted: tls?.trusted === true,
    nameMatches: leaf.nameMatches === true,
    keyType: str(leaf.keyType),
    keyBits: typeof leaf.keyBits === 'number' ? leaf.keyBits : undefined,
    signatureHash: str(leaf.signatureHash).toLowerCase().replace(/-/g, ''),
    sha1: str(leaf.sha1Thumbprint),
    sha256: str(leaf.sha256),
  };
}

/** The posture facts of one probe report. */
export function postureOf(r: ProbeReport): Posture {
  const matrix = (Array.isArray(r.negotiation.evidence.matrix) ? r.negotiation.evidence.matrix : []) as Outcome[];
  const rdp = r.negotiation.evidence.isRdp === true;
  const standardRdp = rdp ? accepted(matrix, ['RDP']) : undefined;
  const tls = rdp ? accepted(matrix, ['SSL']) : undefined;
  const nla = rdp ? accepted(matrix, ['HYBRID', 'HYBRID_EX']) : undefined;
  const tlsEvidence = r.certificate.evidence.tls as Record<string, unknown> | undefined;
  const skew = r.ntlm.evidence.skewMs;
  return {
    rdp,
    accepts: { standardRdp, tls, nla },
    nlaRequired: nlaRequiredOf({ standardRdp, tls, nla }),
    tlsVersion: typeof tlsEvidence?.version === 'string' && tlsEvidence.version ? tlsEvidence.version : undefined,
    certificate: r.certificate.status === 'skipped' ? undefined : certificateOf(r.certificate),
    clockSkewSeconds: typeof skew === 'number' && Number.isFinite(skew) ? Math.round(skew / 100) / 10 : undefined,
  };
}

const TLS_ORDER = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** Orders TLS versions: negative when a < b. Unknown versions sort lowest. */
export function compareTls(a: string, b: string): number {
  return TLS_ORDER.indexOf(a) - TLS_ORDER.indexOf(b);
}

/** Normalises "1.2", "TLS1.2", "tlsv1.2" to Node's "TLSv1.2"; undefined when not a TLS version. */
export function normaliseTls(v: string): string | undefined {
  const m = /^(?:tls\s*v?)?\s*(1(?:\.[0-3])?)$/i.exec(v.trim());
  if (!m) return undefined;
  const n = m[1] === '1' || m[1] === '1.0' ? 'TLSv1' : `TLSv${m[1]}`;
  return TLS_ORDER.includes(n) ? n : undefined;
}

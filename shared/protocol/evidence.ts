/**
 * Reads a check result's evidence into its check's type ({@link TypedEvidence}). Evidence crosses a
 * process boundary as JSON, so every field is checked; a field of the wrong type is left out, never
 * cast. Pure: no browser or Node APIs.
 */
import type {
  AddressVerdictEvidence,
  CertificateEvidence,
  CertificateLeafEvidence,
  CheckResult,
  NegotiationAttemptEvidence,
  NegotiationEvidence,
  NegotiationVerdict,
  NtlmInfoEvidence,
  ReachabilityEvidence,
  TypedEvidence,
} from './results.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/** Copies the defined values only (exactOptionalPropertyTypes). */
function defined<T extends object>(o: { [K in keyof T]: T[K] | undefined }): T {
  const out: Partial<T> = {};
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k] as T[keyof T];
  return out as T;
}

const ADDRESS_VERDICTS = ['open', 'refused', 'reset', 'timeout', 'unreachable', 'aborted', 'error'] as const;
const NEGOTIATION_VERDICTS: readonly NegotiationVerdict[] = [
  'accepted',
  'downgraded',
  'refused',
  'legacy',
  'disconnected',
  'no-answer',
  'not-rdp',
  'connect-failed',
];

function reachability(e: Obj): ReachabilityEvidence {
  const dns = isObj(e.dns) ? e.dns : {};
  const addresses: AddressVerdictEvidence[] = (Array.isArray(e.addresses) ? e.addresses : []).flatMap((a) => {
    if (!isObj(a)) return [];
    const verdict = ADDRESS_VERDICTS.find((v) => v === a.verdict);
    const address = str(a.address);
    if (!verdict || address === undefined) return [];
    return [
      defined<AddressVerdictEvidence>({
        address,
        family: a.family === 6 ? 6 : 4,
        verdict,
        code: str(a.code),
        ms: num(a.ms) ?? 0,
      }),
    ];
  });
  return defined<ReachabilityEvidence>({
    host: str(e.host) ?? '',
    port: num(e.port) ?? 0,
    dns: defined({ ok: bool(dns.ok) ?? false, ms: num(dns.ms) ?? 0, code: str(dns.code), message: str(dns.message) }),
    addresses,
    openAddress: str(e.openAddress),
  });
}

function negotiation(e: Obj): NegotiationEvidence {
  const matrix: NegotiationAttemptEvidence[] = (Array.isArray(e.matrix) ? e.matrix : []).flatMap((a) => {
    if (!isObj(a)) return [];
    const verdict = NEGOTIATION_VERDICTS.find((v) => v === a.verdict);
    const protocol = str(a.protocol);
    if (!verdict || protocol === undefined) return [];
    return [
      defined<NegotiationAttemptEvidence>({ protocol, verdict, codeName: str(a.codeName), selected: str(a.selected) }),
    ];
  });
  return defined<NegotiationEvidence>({
    host: str(e.host) ?? '',
    port: num(e.port) ?? 0,
    matrix,
    requirement: str(e.requirement),
    isRdp: bool(e.isRdp),
  });
}

function leaf(v: unknown): CertificateLeafEvidence | undefined {
  if (!isObj(v)) return undefined;
  return defined<CertificateLeafEvidence>({
    subject: str(v.subject),
    commonName: str(v.commonName),
    issuer: str(v.issuer),
    notBefore: str(v.notBefore),
    notAfter: str(v.notAfter),
    daysLeft: num(v.daysLeft),
    selfSigned: bool(v.selfSigned),
    nameMatches: bool(v.nameMatches),
    keyType: str(v.keyType),
    keyBits: num(v.keyBits),
    signatureHash: str(v.signatureHash),
    sha1Thumbprint: str(v.sha1Thumbprint),
  });
}

function certificate(e: Obj): CertificateEvidence {
  const tls = isObj(e.tls)
    ? defined({
        version: str(e.tls.version),
        trusted: bool(e.tls.trusted),
        authorizationError: str(e.tls.authorizationError),
      })
    : undefined;
  return defined<CertificateEvidence>({
    host: str(e.host) ?? '',
    port: num(e.port) ?? 0,
    typedName: str(e.typedName),
    selectedProtocol: str(e.selectedProtocol),
    tls,
    leaf: leaf(e.leaf),
  });
}

function ntlmInfo(e: Obj): NtlmInfoEvidence {
  return defined<NtlmInfoEvidence>({
    host: str(e.host) ?? '',
    port: num(e.port) ?? 0,
    dnsComputerName: str(e.dnsComputerName),
    nbComputerName: str(e.nbComputerName),
    productVersion: str(e.productVersion),
    serverTime: str(e.serverTime),
    skewMs: num(e.skewMs),
  });
}

/**
 * The typed evidence of a result from a check that declares one, or undefined (a local check, or a
 * skipped / errored result, whose evidence says nothing to reason on).
 */
export function readEvidence(r: Pick<CheckResult, 'checkId' | 'status' | 'evidence'>): TypedEvidence | undefined {
  if (r.status === 'skipped' || r.status === 'error' || !isObj(r.evidence)) return undefined;
  switch (r.checkId) {
    case 'reachability':
      return { checkId: 'reachability', evidence: reachability(r.evidence) };
    case 'negotiation':
      return { checkId: 'negotiation', evidence: negotiation(r.evidence) };
    case 'certificate':
      return { checkId: 'certificate', evidence: certificate(r.evidence) };
    case 'ntlm-info':
      return { checkId: 'ntlm-info', evidence: ntlmInfo(r.evidence) };
    default:
      return undefined;
  }
}

/** The server's clock as the `ntlm-info` check read it (ISO), if that check ran. */
export function serverTimeOf(r: Pick<CheckResult, 'checkId' | 'status' | 'evidence'>): string | undefined {
  const t = readEvidence(r);
  return t?.checkId === 'ntlm-info' ? t.evidence.serverTime : undefined;
}

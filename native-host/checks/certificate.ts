/**
 * `certificate`: negotiates TLS the way a client does (X.224 with TLS/CredSSP requested, then a TLS
 * handshake on the same socket, MS-RDPBCGR 5.4.5.1), reports the TLS version and cipher (also for
 * servers that speak only TLS 1.0/1.1) and describes the leaf certificate and its chain.
 */
import net from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { CheckResult, Finding } from '../../shared/protocol/results.js';
import { destroyAll } from '../probe/net.js';
import { openTlsSession, type TlsSession } from '../probe/session.js';
import { toHex } from '../rdp/bytes.js';
import {
  HYBRID_REQUIRED_BY_SERVER,
  PROTOCOL_HYBRID,
  PROTOCOL_HYBRID_EX,
  PROTOCOL_SSL,
  protocolName,
  SSL_CERT_NOT_ON_SERVER,
  SSL_REQUIRED_BY_SERVER,
} from '../rdp/constants.js';
import {
  type CertSummary,
  certDisplayName,
  certificateFindings,
  certMatchesName,
  describeCertificate,
} from './cert-info.js';
import { finding, result, skipped, sortFindings, startClock } from './result.js';
import { type Check, type CheckContext, type CheckInput, targetOf } from './types.js';

export interface CertificateEvidence {
  host: string;
  port: number;
  /** Name checked against the certificate (what the user typed). */
  typedName: string;
  requestedProtocols: string;
  selectedProtocol: string;
  tls: {
    version: string;
    cipher: string;
    /** Handshake error of a current client's default settings, when only the legacy handshake worked. */
    modernError: string | undefined;
    trusted: boolean;
    authorizationError: string | undefined;
    /** The TLS layer's own verdict (DEPTH_ZERO_SELF_SIGNED_CERT), kept as corroboration of `leaf.selfSigned`. */
    saysSelfSigned: boolean;
    ms: number;
  };
  leaf: CertSummary & { nameMatches: boolean };
  chain: Pick<CertSummary, 'subject' | 'issuer' | 'notAfter' | 'sha1Thumbprint'>[];
}

const OLD_TLS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);

/** Plain words for the usual ways a handshake ends early (codes from probe/net.ts `startTls`). */
const TLS_FAILURE_WORDS: Readonly<Record<string, string>> = {
  CLOSED: 'the server closed the connection',
  ECONNRESET: 'the server reset the connection',
  ETIMEDOUT: 'the server did not answer in time',
};

function chainOf(t: TLSSocket, now: number): CertSummary[] {
  const out: CertSummary[] = [];
  let c = t.getPeerCertificate(true);
  const seen = new Set<string>();
  while (c?.raw && !seen.has(c.fingerprint256)) {
    seen.add(c.fingerprint256);
    out.push(describeCertificate(new Uint8Array(c.raw), now));
    c = c.issuerCertificate;
  }
  return out;
}

/** Where the certificate check connects, and the name the certificate should carry. */
interface Target {
  host: string;
  port: number;
  typedName: string;
}

export async function runCertificate(input: CheckInput, ctx: CheckContext): Promise<CheckResult> {
  const t0 = startClock();
  const { host, port } = targetOf(input);
  const typedName = typeof input.facts?.serverName === 'string' ? input.facts.serverName : host;
  const servername = net.isIP(typedName) ? undefined : typedName;
  const { s, requested } = await negotiateTls(host, port, {
    servername,
    timeoutMs: input.timeoutMs,
    signal: ctx.signal,
  });
  const requestedProtocols = `0x${requested.toString(16)}`;
  if (!s.ok) return noTlsResult(s, { host, port, typedName }, requestedProtocols, t0);
  const now = Date.now();
  const tlsInfo = s.tls;
  let chain: CertSummary[];
  try {
    chain = chainOf(tlsInfo.socket, now);
  } catch (e) {
    // Node could not parse what the server sent as its certificate: a result, not a crash.
    const reason = e instanceof Error ? e.message : String(e);
    const evidence = { host, port, requestedProtocols, tlsVersion: tlsInfo.version };
    const summary = 'The server sent a certificate that cannot be read';
    return { ...result('certificate', t0, { status: 'error', summary, evidence }), reason };
  } finally {
    destroyAll(tlsInfo.socket);
  }
  if (!chain[0]) {
    return skipped('certificate', t0, 'The server completed TLS without presenting a certificate.', { host, port });
  }
  return certificateResult(s, chain, { host, port, typedName }, requestedProtocols, now, t0);
}

/**
 * TLS as a client asks for it (TLS or CredSSP); a server that requires one of them is asked again
 * for what it requires.
 */
async function negotiateTls(
  host: string,
  port: number,
  opts: { servername: string | undefined; timeoutMs: number; signal: AbortSignal },
): Promise<{ s: TlsSession; requested: number }> {
  let requested = PROTOCOL_SSL | PROTOCOL_HYBRID | PROTOCOL_HYBRID_EX;
  let s: TlsSession = await openTlsSession(host, port, requested, opts);
  if (!s.ok && s.stage === 'no-tls' && s.confirm.kind === 'failure') {
    const code = s.confirm.failureCode;
    if (code === SSL_REQUIRED_BY_SERVER || code === HYBRID_REQUIRED_BY_SERVER) {
      requested = code === SSL_REQUIRED_BY_SERVER ? PROTOCOL_SSL : PROTOCOL_SSL | PROTOCOL_HYBRID;
      s = await openTlsSession(host, port, requested, opts);
    }
  }
  return { s, requested };
}

/** The result when no TLS session came about: no RDP answer, no TLS offered, no certificate, or a failed handshake. */
function noTlsResult(
  s: Extract<TlsSession, { ok: false }>,
  { host, port }: Target,
  requestedProtocols: string,
  t0: number,
): CheckResult {
  if (s.stage === 'x224') {
    return skipped('certificate', t0, `No RDP security negotiation on ${host}:${port} (${s.message}).`, {
      host,
      port,
      received: toHex(s.received.subarray(0, 32)),
    });
  }
  if (s.stage === 'no-tls') {
    const c = s.confirm;
    if (c.kind === 'failure' && c.failureCode === SSL_CERT_NOT_ON_SERVER) {
      const f = finding(
        'ssl-cert-not-on-server',
        'fail',
        'The server has no usable TLS certificate (SSL_CERT_NOT_ON_SERVER).',
        ['cert-unusable', 'machinekeys-broken'],
      );
      return result('certificate', t0, {
        summary: 'The server has no usable TLS certificate',
        evidence: { host, port, requestedProtocols, failure: c.failureName },
        findings: [f],
      });
    }
    const what =
      c.kind === 'failure'
        ? `it refused TLS (${c.failureName ?? c.failureCode})`
        : c.kind === 'legacy'
          ? 'it sent no negotiation data (standard RDP security)'
          : `it selected ${protocolName(c.selectedProtocol)}`;
    return skipped('certificate', t0, `The server does not use TLS: ${what}.`, { host, port, requestedProtocols });
  }
  const f = finding(
    'tls-handshake-failed',
    'fail',
    `The server agreed to TLS, but the handshake failed even with TLS 1.0 and weak ciphers allowed (${s.code}; a current client got ${s.modernCode}): the server usually cannot use its certificate (missing or unreadable private key, or a key its TLS policy rejects), or something in the path breaks TLS.`,
    ['tls-protocol-mismatch', 'cert-unusable', 'security-software-interference'],
  );
  return result('certificate', t0, {
    summary: `TLS handshake failed: ${TLS_FAILURE_WORDS[s.code] ?? s.message} (${s.code})`,
    evidence: { host, port, requestedProtocols, error: s.message, code: s.code, modernCode: s.modernCode },
    findings: [f],
  });
}

/** The certificate's findings, the TLS version's, and the evidence, from the chain the server presented. */
function certificateResult(
  s: Extract<TlsSession, { ok: true }>,
  chain: CertSummary[],
  { host, port, typedName }: Target,
  requestedProtocols: string,
  now: number,
  t0: number,
): CheckResult {
  const tlsInfo = s.tls;
  const described = chain[0]!;
  const tlsSaysSelfSigned = tlsInfo.authorizationError === 'DEPTH_ZERO_SELF_SIGNED_CERT';
  // Our own reading decides; the TLS layer's verdict fills in only when the names could not be compared.
  const leafSummary: CertSummary =
    described.selfSignedBasis.subjectEqualsIssuer === undefined && tlsSaysSelfSigned
      ? { ...described, selfSigned: true }
      : described;
  const nameMatches = certMatchesName(leafSummary.derBase64, typedName);
  const findings = certificateFindings(leafSummary, { typedName, nameMatches, trusted: tlsInfo.authorized }, now);
  if (OLD_TLS.has(tlsInfo.version)) findings.push(oldTlsFinding(s));
  const evidence: CertificateEvidence = {
    host,
    port,
    typedName,
    requestedProtocols,
    selectedProtocol: s.confirm.selectedProtocolName,
    tls: {
      version: tlsInfo.version,
      cipher: tlsInfo.cipher,
      modernError: s.modernFailure?.code,
      trusted: tlsInfo.authorized,
      authorizationError: tlsInfo.authorizationError,
      saysSelfSigned: tlsSaysSelfSigned,
      ms: tlsInfo.ms,
    },
    leaf: { ...leafSummary, nameMatches },
    chain: chain.slice(1).map((c) => ({
      subject: c.subject,
      issuer: c.issuer,
      notAfter: c.notAfter,
      sha1Thumbprint: c.sha1Thumbprint,
    })),
  };
  const sorted = sortFindings(findings);
  const worst = sorted[0];
  const summary =
    worst && worst.severity !== 'info'
      ? worst.summary
      : `${certDisplayName(leafSummary)}, valid until ${leafSummary.notAfter.slice(0, 10)}`;
  return result('certificate', t0, { summary, evidence: { ...evidence }, findings: sorted });
}

function oldTlsFinding(s: Extract<TlsSession, { ok: true }>): Finding {
  const modern = s.modernFailure
    ? ' FreeRDP on current Linux distributions (OpenSSL 3, TLS 1.2 minimum) cannot connect; mstsc connects while TLS 1.0 stays enabled for the Windows client.'
    : '';
  return finding(
    'tls-old-version',
    'warn',
    `The server negotiates ${s.tls.version} (${s.tls.cipher}); current clients expect TLS 1.2 or newer.${modern}`,
    ['tls-protocol-mismatch'],
  );
}

export const certificateCheck: Check = {
  id: 'certificate',
  title: 'TLS certificate',
  kind: 'network',
  platforms: ['linux', 'darwin', 'win32'],
  description:
    "Opens TLS on the negotiated RDP connection and reads the server's certificate: names, validity, self-signed, key and signature strength, thumbprints, TLS version and cipher.",
  run: runCertificate,
};

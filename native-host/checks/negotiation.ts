/**
 * `negotiation`: the security negotiation matrix. One X.224 Connection Request per protocol
 * (standard RDP, TLS, CredSSP, CredSSP with early user authorization, RDSTLS, RDS AAD), each on its
 * own connection, all in parallel; decodes RDP_NEG_RSP / RDP_NEG_FAILURE (MS-RDPBCGR 2.2.1.2.1–2)
 * and states the server's requirement in plain words.
 */
import type { CheckResult, Finding } from '../../shared/protocol/results.js';
import { destroyAll, x224Exchange } from '../probe/net.js';
import { toHex } from '../rdp/bytes.js';
import {
  FAILURE_CODES,
  HYBRID_REQUIRED_BY_SERVER,
  PROTOCOLS,
  type ProtocolName,
  protocolName,
  SSL_CERT_NOT_ON_SERVER,
  SSL_NOT_ALLOWED_BY_SERVER,
  SSL_REQUIRED_BY_SERVER,
  SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER,
} from '../rdp/constants.js';
import { isX224Data } from '../rdp/x224.js';
import { finding, result, since, sortFindings, startClock, statusOf } from './result.js';
import { type Check, type CheckContext, type CheckInput, targetOf } from './types.js';

export type ProtocolOutcome =
  | { protocol: ProtocolName; verdict: 'accepted'; flags: string[]; ms: number; reply: string }
  | { protocol: ProtocolName; verdict: 'downgraded'; selected: string; flags: string[]; ms: number; reply: string }
  | {
      protocol: ProtocolName;
      verdict: 'refused';
      code: number;
      codeName: string;
      meaning: string;
      ms: number;
      reply: string;
    }
  | { protocol: ProtocolName; verdict: 'legacy'; ms: number; reply: string }
  | { protocol: ProtocolName; verdict: 'disconnected'; ms: number; reply: string }
  | { protocol: ProtocolName; verdict: 'no-answer'; reason: string; ms: number }
  | { protocol: ProtocolName; verdict: 'not-rdp'; reason: string; received: string; ms: number }
  | { protocol: ProtocolName; verdict: 'connect-failed'; reason: string; ms: number };

export type Requirement =
  | 'nla'
  | 'tls'
  | 'tls-or-nla'
  | 'tls-client-cert'
  | 'standard-rdp-only'
  | 'any'
  | 'no-certificate'
  | 'unknown';

export interface NegotiationEvidence {
  host: string;
  port: number;
  matrix: ProtocolOutcome[];
  requirement: Requirement;
  /** The requirement in plain words, e.g. "requires NLA (CredSSP)". */
  requirementText: string;
  /** True when the server answered the X.224 request at all. */
  isRdp: boolean;
}

async function probeOne(
  host: string,
  port: number,
  name: ProtocolName,
  flag: number,
  input: CheckInput,
  ctx: CheckContext,
): Promise<ProtocolOutcome> {
  const t0 = performance.now();
  const x = await x224Exchange(host, port, flag, { timeoutMs: input.timeoutMs, signal: ctx.signal });
  const ms = since(t0);
  if (!x.ok) {
    if (x.stage === 'connect') return { protocol: name, verdict: 'connect-failed', reason: x.reason, ms };
    if (x.stage === 'reply' && (x.reason === 'timeout' || x.reason === 'aborted' || x.received.length === 0)) {
      return { protocol: name, verdict: 'no-answer', reason: x.reason, ms };
    }
    if (x.stage === 'decode' && isX224Data(x.received)) {
      return { protocol: name, verdict: 'disconnected', ms, reply: toHex(x.received) };
    }
    return { protocol: name, verdict: 'not-rdp', reason: x.message, received: toHex(x.received.subarray(0, 64)), ms };
  }
  destroyAll(x.socket);
  const c = x.confirm;
  const reply = toHex(x.raw);
  if (c.kind === 'legacy') return { protocol: name, verdict: 'legacy', ms, reply };
  if (c.kind === 'failure') {
    return {
      protocol: name,
      verdict: 'refused',
      code: c.failureCode,
      codeName: c.failureName ?? `0x${c.failureCode.toString(16)}`,
      meaning: c.meaning,
      ms,
      reply,
    };
  }
  if (c.selectedProtocol === flag) return { protocol: name, verdict: 'accepted', flags: c.flagNames, ms, reply };
  return {
    protocol: name,
    verdict: 'downgraded',
    selected: protocolName(c.selectedProtocol),
    flags: c.flagNames,
    ms,
    reply,
  };
}

const KNOWN_NAMES: ReadonlySet<string> = new Set(PROTOCOLS.map((p) => p.name));

/**
 * How the server ended connections that got no answer: every one closed (FIN) without a byte,
 * or reset (at least one RST, the rest closed or reset). Undefined when any of them waited
 * (silence), answered or was cancelled.
 */
function hungUp(matrix: ProtocolOutcome[]): 'closed' | 'reset' | undefined {
  const how = matrix.map((m) =>
    m.verdict === 'no-answer' && (m.reason === 'closed' || m.reason === 'reset')
      ? m.reason
      : m.verdict === 'connect-failed' && m.reason === 'reset'
        ? 'reset'
        : undefined,
  );
  if (how.length === 0 || how.some((h) => h === undefined)) return undefined;
  return how.includes('reset') ? 'reset' : 'closed';
}

/** Verdicts that show an RDP server answered (any TPKT/X.224 reply). */
const ANSWERED = new Set<ProtocolOutcome['verdict']>(['accepted', 'downgraded', 'refused', 'legacy', 'disconnected']);

const REQUIREMENT_TEXT: Record<Requirement, string> = {
  nla: 'requires NLA (CredSSP)',
  tls: 'requires TLS; NLA is not offered',
  'tls-or-nla': 'requires TLS or NLA; standard RDP security is refused',
  'tls-client-cert': 'requires TLS with a client certificate',
  'standard-rdp-only': 'offers standard RDP security only (no TLS, no NLA)',
  any: 'accepts standard RDP security as well as TLS and NLA',
  'no-certificate': 'cannot start TLS: it has no usable certificate',
  unknown: 'gave no usable answer to the security negotiation',
};

/** The requirement in words, naming only the protocols the matrix saw accepted. Pure; exported for unit tests. */
export function requirementText(requirement: Requirement, matrix: ProtocolOutcome[]): string {
  if (requirement !== 'any') return REQUIREMENT_TEXT[requirement];
  const ok = (p: ProtocolName) => matrix.some((m) => m.protocol === p && m.verdict === 'accepted');
  const tls = ok('SSL');
  const nla = ok('HYBRID') || ok('HYBRID_EX');
  if (tls && nla) return REQUIREMENT_TEXT.any;
  if (tls) return 'accepts standard RDP security as well as TLS; NLA is not offered';
  if (nla) return 'accepts standard RDP security as well as NLA';
  return 'accepts standard RDP security';
}

/** Causes that any answer on the port rules out: the name resolved, the host and the port were reached. */
const REACHED = ['dns-failure', 'host-unreachable', 'port-closed'] as const;

/** How the port ended connections it never answered, as findings. */
const HUNG_UP: Record<'closed' | 'reset', () => Finding> = {
  closed: () =>
    finding(
      'connection-closed',
      'fail',
      'The port accepts connections and closes them without a word: no RDP server answers behind it. A port proxy, tunnel or load balancer with nothing working behind it behaves this way, as does a listener that is shutting down.',
      ['rds-service-down', 'not-rdp-service', 'security-software-interference'],
      REACHED,
    ),
  reset: () =>
    finding(
      'connection-reset',
      'fail',
      'The port accepts connections and then resets every one before any RDP answer: no client can connect. A port proxy or load balancer with no working server behind it, or a filter that kills the connection, behaves this way.',
      ['rds-service-down', 'security-software-interference', 'not-rdp-service'],
      REACHED,
    ),
};

/** Derives the requirement and findings from the matrix. Pure; exported for unit tests. */
export function assessMatrix(matrix: ProtocolOutcome[]): { requirement: Requirement; findings: Finding[] } {
  const answered = matrix.filter((m) => ANSWERED.has(m.verdict));
  if (answered.length === 0) return { requirement: 'unknown', findings: noAnswerFindings(matrix) };
  if (answered.every((m) => m.verdict === 'disconnected')) {
    // An RDP listener that hangs up on every request (X.224 Data with an MCS disconnect instead of a
    // Connection Confirm) accepts no client at all: that is a failure, not a pass with no findings.
    const text =
      'The RDP listener hangs up on every connection request (it answers with a disconnect instead of a Connection Confirm): no client can connect. The listener may be refusing new connections, or a device in the path ends them.';
    const hangsUp = finding('not-rdp', 'fail', text, ['rds-service-down', 'security-software-interference'], REACHED);
    return { requirement: 'unknown', findings: [hangsUp] };
  }
  const requirement = requirementOf(matrix);
  const nlaOk = accepted(matrix, 'HYBRID') || accepted(matrix, 'HYBRID_EX');
  const findings = [...unknownAnswerFindings(matrix), ...requirementFindings(requirement, matrix)];
  if (!nlaOk && requirement !== 'unknown') {
    findings.push(
      finding(
        'nla-not-offered',
        'warn',
        'The server does not offer NLA (CredSSP): clients that require NLA cannot connect, and the logon screen is reached before authentication.',
        ['security-layer-mismatch'],
        ['nla-required', 'credssp-oracle-policy', 'nla-blocks-password-change'],
      ),
    );
  }
  return { requirement, findings };
}

/** No request got an RDP answer: the connections were closed, reset, answered by something else, or held. */
function noAnswerFindings(matrix: ProtocolOutcome[]): Finding[] {
  const ended = hungUp(matrix);
  if (ended) return [HUNG_UP[ended]()];
  const notRdp = matrix.find((m) => m.verdict === 'not-rdp');
  if (notRdp && notRdp.verdict === 'not-rdp') {
    const text = `Something other than Remote Desktop answers on this port (reply starts ${printable(notRdp.received)}).`;
    return [finding('not-rdp', 'fail', text, ['not-rdp-service'], REACHED)];
  }
  if (matrix.every((m) => m.verdict === 'no-answer' && m.reason !== 'aborted')) {
    const text =
      'The port accepts connections but nothing answers the RDP connection request: another service, a stuck RDP listener, or a device in the path that holds the connection.';
    return [
      finding(
        'not-rdp',
        'fail',
        text,
        ['not-rdp-service', 'rds-service-down', 'security-software-interference'],
        REACHED,
      ),
    ];
  }
  return [];
}

/** Failure codes and selected protocols the RDP specification does not define: unknown, never harmless. */
function unknownAnswerFindings(matrix: ProtocolOutcome[]): Finding[] {
  const unknownCodes = [
    ...new Set(matrix.flatMap((m) => (m.verdict === 'refused' && !FAILURE_CODES[m.code] ? [m.codeName] : []))),
  ];
  const unknownSelected = [
    ...new Set(matrix.flatMap((m) => (m.verdict === 'downgraded' && !KNOWN_NAMES.has(m.selected) ? [m.selected] : []))),
  ];
  const usable = matrix.some(
    (m) =>
      m.verdict === 'accepted' || m.verdict === 'legacy' || (m.verdict === 'downgraded' && KNOWN_NAMES.has(m.selected)),
  );
  const findings: Finding[] = [];
  if (unknownCodes.length > 0) {
    findings.push(
      finding(
        'unknown-failure-code',
        usable ? 'warn' : 'fail',
        `The server refused the connection request with failure code ${unknownCodes.join(', ')}, which the RDP specification does not define: its meaning is unknown${usable ? '' : ', and it accepted no security protocol, so no client can connect'}.`,
        ['protocol-error', 'security-layer-mismatch', 'security-software-interference'],
        REACHED,
      ),
    );
  }
  if (unknownSelected.length > 0) {
    findings.push(
      finding(
        'unknown-protocol-selected',
        usable ? 'warn' : 'fail',
        `The server selected security protocol ${unknownSelected.join(', ')}, which no request asked for and the RDP specification does not define${usable ? '' : ': no client can continue the connection'}.`,
        ['protocol-error', 'security-software-interference'],
        REACHED,
      ),
    );
  }
  return findings;
}

function accepted(matrix: ProtocolOutcome[], p: ProtocolName): boolean {
  return matrix.find((m) => m.protocol === p)?.verdict === 'accepted';
}

function refusedWith(matrix: ProtocolOutcome[], p: ProtocolName, code: number): boolean {
  const m = matrix.find((x) => x.protocol === p);
  return m?.verdict === 'refused' && m.code === code;
}

/** What the server requires, from which requests it accepted and the failure codes it refused the others with. */
function requirementOf(matrix: ProtocolOutcome[]): Requirement {
  const rdpOk = accepted(matrix, 'RDP') || matrix.some((m) => m.verdict === 'legacy');
  const sslOk = accepted(matrix, 'SSL');
  const nlaOk = accepted(matrix, 'HYBRID') || accepted(matrix, 'HYBRID_EX');
  const codes = new Set(matrix.flatMap((m) => (m.verdict === 'refused' ? [m.code] : [])));
  if (codes.has(SSL_CERT_NOT_ON_SERVER)) return 'no-certificate';
  if (!rdpOk && (refusedWith(matrix, 'RDP', HYBRID_REQUIRED_BY_SERVER) || (nlaOk && !sslOk))) return 'nla';
  if (refusedWith(matrix, 'RDP', SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER)) return 'tls-client-cert';
  if (!rdpOk && (sslOk || refusedWith(matrix, 'RDP', SSL_REQUIRED_BY_SERVER))) return nlaOk ? 'tls-or-nla' : 'tls';
  if (rdpOk && !sslOk && !nlaOk) return 'standard-rdp-only';
  if (rdpOk) return 'any';
  return 'unknown';
}

/** Causes an RDP answer with a known requirement rules out. */
const RULED = ['not-rdp-service', 'port-closed', 'dns-failure', 'host-unreachable', 'firewall-blocks-port'] as const;

/** The finding that states the requirement (none for `tls-client-cert` and `unknown`). */
function requirementFindings(requirement: Requirement, matrix: ProtocolOutcome[]): Finding[] {
  const nlaOk = accepted(matrix, 'HYBRID') || accepted(matrix, 'HYBRID_EX');
  switch (requirement) {
    case 'nla':
      return [
        finding(
          'nla-required',
          'info',
          'The server requires Network Level Authentication (CredSSP): clients that do not use NLA are refused with HYBRID_REQUIRED_BY_SERVER.',
          ['nla-required'],
          RULED,
        ),
      ];
    case 'tls':
    case 'tls-or-nla':
      return [
        finding(
          'tls-required',
          'info',
          `The server refuses standard RDP security (SSL_REQUIRED_BY_SERVER) and ${nlaOk ? 'accepts TLS and NLA' : 'accepts TLS'}.`,
          ['security-layer-mismatch'],
          RULED,
        ),
      ];
    case 'standard-rdp-only':
      return [standardRdpOnly(matrix)];
    case 'any':
      return [
        finding(
          'standard-rdp-offered',
          'warn',
          'The server still accepts standard RDP security, which does not authenticate the server.',
          [],
          [...RULED, 'nla-required', 'security-layer-mismatch'],
        ),
      ];
    case 'no-certificate':
      return [
        finding(
          'ssl-cert-not-on-server',
          'fail',
          'The server answered SSL_CERT_NOT_ON_SERVER: it has no usable certificate, so TLS and NLA connections fail.',
          ['cert-unusable', 'machinekeys-broken'],
          RULED,
        ),
      ];
    default:
      return [];
  }
}

function standardRdpOnly(matrix: ProtocolOutcome[]): Finding {
  const how = refusedWith(matrix, 'SSL', SSL_NOT_ALLOWED_BY_SERVER)
    ? 'refuses TLS (SSL_NOT_ALLOWED_BY_SERVER)'
    : matrix.some((m) => m.verdict === 'legacy')
      ? 'sends no negotiation data (a legacy server)'
      : 'answers every TLS/NLA request with standard RDP security';
  return finding(
    'standard-rdp-only',
    'warn',
    `The server uses only standard RDP security: it ${how}. The server is not authenticated and clients that require TLS or NLA cannot connect.`,
    ['security-layer-mismatch'],
    [...RULED, 'cert-expired', 'cert-not-yet-valid', 'cert-name-mismatch', 'cert-untrusted', 'cert-weak'],
  );
}

function printable(hex: string): string {
  const text = hex.replace(/../g, (h) => {
    const c = Number.parseInt(h, 16);
    return c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
  });
  return `"${text.slice(0, 40)}" (hex ${hex.slice(0, 16)}…)`;
}

export async function runNegotiation(input: CheckInput, ctx: CheckContext): Promise<CheckResult> {
  const t0 = startClock();
  const { host, port } = targetOf(input);
  const matrix = await Promise.all(PROTOCOLS.map((p) => probeOne(host, port, p.name, p.flag, input, ctx)));
  const { requirement, findings } = assessMatrix(matrix);
  const isRdp = matrix.some((m) => ANSWERED.has(m.verdict));
  const evidence: NegotiationEvidence = {
    host,
    port,
    matrix,
    requirement,
    requirementText: requirementText(requirement, matrix),
    isRdp,
  };
  const allConnectFailed = matrix.every((m) => m.verdict === 'connect-failed');
  return result('negotiation', t0, {
    status: allConnectFailed ? 'fail' : statusOf(findings),
    summary: allConnectFailed
      ? 'No connection for the security negotiation'
      : `The server ${requirementText(requirement, matrix)}`,
    evidence: { ...evidence },
    findings: sortFindings(findings),
  });
}

export const negotiationCheck: Check = {
  id: 'negotiation',
  title: 'Security negotiation',
  kind: 'network',
  platforms: ['linux', 'darwin', 'win32'],
  description:
    'Asks the server for each security protocol (standard RDP, TLS, NLA, NLA with early authorization, RDSTLS, Entra ID) on separate connections and states what it requires.',
  run: runNegotiation,
};

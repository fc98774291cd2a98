/**
 * `ntlm-info`: where the server offers CredSSP (NLA), starts CredSSP with an NTLM NEGOTIATE and
 * reads the CHALLENGE's target info (MS-CSSP 3.1.5, MS-NLMP 2.2.1.2): the server's NetBIOS/DNS
 * computer and domain names, OS version and clock. No credentials are sent; the exchange stops there.
 */
import type { TLSSocket } from 'node:tls';
import { humanSkew, plural } from '../../shared/protocol/duration.js';
import type { CheckResult, Finding } from '../../shared/protocol/results.js';
import { destroyAll, readFrame } from '../probe/net.js';
import { openTlsSession, type TlsSession } from '../probe/session.js';
import { toHex } from '../rdp/bytes.js';
import { PROTOCOL_HYBRID, PROTOCOL_SSL, protocolName } from '../rdp/constants.js';
import { decodeTsRequest, encodeTsRequest } from '../rdp/credssp.js';
import { derFrameLength } from '../rdp/der.js';
import { decodeChallengeMessage, encodeNegotiateMessage, type NtlmChallenge } from '../rdp/ntlm.js';
import { finding, result, skipped, startClock } from './result.js';
import { type Check, type CheckContext, type CheckInput, targetOf } from './types.js';

/** Kerberos' default tolerance (MaxClockSkew, 5 minutes): beyond it NLA logons with Kerberos fail. */
export const CLOCK_SKEW_FAIL_MS = 5 * 60_000;
/** Beyond one minute the clocks are worth a warning. */
export const CLOCK_SKEW_WARN_MS = 60_000;

export interface NtlmEvidence {
  host: string;
  port: number;
  selectedProtocol: string;
  credsspVersion: number;
  targetName: string;
  nbComputerName: string | undefined;
  nbDomainName: string | undefined;
  dnsComputerName: string | undefined;
  dnsDomainName: string | undefined;
  dnsTreeName: string | undefined;
  /** Windows version as `major.minor.build` (e.g. 10.0.20348). */
  productVersion: string | undefined;
  serverTime: string | undefined;
  localTime: string;
  /** Server clock minus local clock, in milliseconds (positive: the server is ahead). */
  skewMs: number | undefined;
  /** The server's timestamp when it is no reading of a clock (before 1980 or after 2200), as ISO 8601; then serverTime and skewMs are absent. */
  impossibleTime?: string;
}

/** Server timestamps outside these bounds (ms since 1970) are no clock reading: FILETIME 0 is 1601, all-ones is the year 60056. */
export const PLAUSIBLE_TIME_MS = { from: Date.UTC(1980, 0, 1), to: Date.UTC(2200, 0, 1) } as const;

function isoOrText(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? `${ms} ms since 1970` : d.toISOString();
}

const NTLMSSP = [0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00];

function findNtlm(token: Uint8Array): Uint8Array | undefined {
  for (let i = 0; i + NTLMSSP.length <= token.length; i++) {
    if (NTLMSSP.every((b, k) => token[i + k] === b)) return token.subarray(i);
  }
  return undefined;
}

function describeSkew(ms: number): string {
  return humanSkew(ms, 'ahead of this computer', 'behind this computer');
}

/**
 * The identity line. The NTLM version block is whatever the server writes there (FreeRDP on Linux sends a
 * Windows version too), so it is reported as the server's claim, never as the system it runs.
 */
export function identitySummary(
  name: string | undefined,
  domain: string | undefined,
  version: string | undefined,
  skewMs: number | undefined,
): string {
  return `Server ${name}${domain ? ` in ${domain}` : ''}${
    version ? `, claims Windows version ${version} (unverified: any server can send it)` : ''
  }${skewMs === undefined ? '' : `, clock ${describeSkew(skewMs)}`}`;
}

/** Clock findings from a measured skew. Pure; exported for unit tests. */
export function clockFindings(skewMs: number | undefined): Finding[] {
  if (skewMs === undefined) return [];
  const abs = Math.abs(skewMs);
  if (abs > CLOCK_SKEW_WARN_MS) {
    const fail = abs > CLOCK_SKEW_FAIL_MS;
    return [
      finding(
        'clock-skew',
        fail ? 'fail' : 'warn',
        `The server's clock is ${describeSkew(skewMs)}${fail ? ', more than the 5 minutes Kerberos tolerates' : ''}.`,
        ['clock-skew'],
      ),
    ];
  }
  return [
    finding(
      'server-clock-in-sync',
      'info',
      `The server's clock is within ${plural(Math.max(1, Math.round(abs / 1000)), 'second')} of this computer's.`,
      [],
      ['clock-skew'],
    ),
  ];
}

/** Why the check stopped before it read an identity, and what it saw that far. */
interface Stop {
  stop: string;
  evidence?: Record<string, unknown>;
}

/** What the server's NTLM challenge told, and when this computer received it. */
interface Heard {
  challenge: NtlmChallenge;
  credsspVersion: number;
  localMs: number;
}

export async function runNtlmInfo(input: CheckInput, ctx: CheckContext): Promise<CheckResult> {
  const t0 = startClock();
  const { host, port } = targetOf(input);
  const s = await openTlsSession(host, port, PROTOCOL_SSL | PROTOCOL_HYBRID, {
    servername: undefined,
    timeoutMs: input.timeoutMs,
    signal: ctx.signal,
  });
  if (!s.ok) return skipped('ntlm-info', t0, noCredsspReason(s), { host, port });
  if (s.confirm.selectedProtocol === PROTOCOL_SSL) {
    destroyAll(s.tls.socket);
    const reason = 'The server does not offer CredSSP (NLA): offered TLS and CredSSP, it selected TLS.';
    return skipped('ntlm-info', t0, reason, { host, port });
  }
  let heard: Heard | Stop;
  try {
    heard = await readChallenge(s.tls.socket, input, ctx);
  } finally {
    destroyAll(s.tls.socket);
  }
  if ('stop' in heard) return skipped('ntlm-info', t0, heard.stop, { host, port, ...heard.evidence });
  return identityResult(heard, { host, port, selectedProtocol: s.confirm.selectedProtocolName }, t0);
}

function noCredsspReason(s: Extract<TlsSession, { ok: false }>): string {
  if (s.stage === 'no-tls') {
    const c = s.confirm;
    const what =
      c.kind === 'response'
        ? `offered TLS and CredSSP, it selected ${protocolName(c.selectedProtocol)}`
        : c.kind === 'failure'
          ? `it answered ${c.failureName ?? c.failureCode}`
          : 'it sent no negotiation data';
    return `The server does not offer CredSSP (NLA): ${what}; it reveals no identity without it.`;
  }
  const why = s.stage === 'tls' ? `TLS failed (${s.code})` : s.message;
  return `No CredSSP session could be started: ${why}.`;
}

/** Sends the NTLM NEGOTIATE inside CredSSP and reads the server's CHALLENGE (no credentials are sent). */
async function readChallenge(sock: TLSSocket, input: CheckInput, ctx: CheckContext): Promise<Heard | Stop> {
  sock.write(encodeTsRequest([encodeNegotiateMessage()]));
  const r = await readFrame(sock, (b) => derFrameLength(b), {
    timeoutMs: input.timeoutMs,
    signal: ctx.signal,
    maxBytes: 16_384,
  });
  const localMs = Date.now();
  if (!r.ok) {
    return {
      stop: `The server did not answer the CredSSP negotiation (${r.message}).`,
      evidence: { received: toHex(r.received.subarray(0, 32)) },
    };
  }
  const ts = decodeTsRequest(r.frame);
  if (!ts.ok) return { stop: `The CredSSP answer could not be read (${ts.code}: ${ts.message}).` };
  if (ts.value.errorCode !== undefined) {
    const code = `0x${ts.value.errorCode.toString(16).padStart(8, '0')}`;
    return { stop: `The server ended CredSSP with status ${code}.`, evidence: { errorCode: code } };
  }
  const token = ts.value.negoTokens[0];
  const ntlm = token ? findNtlm(token) : undefined;
  if (!ntlm) return { stop: 'The server answered CredSSP without an NTLM challenge.' };
  const c = decodeChallengeMessage(ntlm);
  if (!c.ok) return { stop: `The NTLM challenge could not be read (${c.code}: ${c.message}).` };
  return { challenge: c.value, credsspVersion: ts.value.version, localMs };
}

/** The server's names, version and clock as evidence, and what the clock says as findings. */
function identityResult(
  { challenge, credsspVersion, localMs }: Heard,
  where: { host: string; port: number; selectedProtocol: string },
  t0: number,
): CheckResult {
  const ts = challenge.timestampMs;
  const impossible = ts !== undefined && (ts < PLAUSIBLE_TIME_MS.from || ts >= PLAUSIBLE_TIME_MS.to);
  const skewMs = ts === undefined || impossible ? undefined : ts - localMs;
  const evidence: NtlmEvidence = {
    ...where,
    credsspVersion,
    targetName: challenge.targetName,
    nbComputerName: challenge.nbComputerName,
    nbDomainName: challenge.nbDomainName,
    dnsComputerName: challenge.dnsComputerName,
    dnsDomainName: challenge.dnsDomainName,
    dnsTreeName: challenge.dnsTreeName,
    productVersion: challenge.productVersion,
    serverTime: ts === undefined || impossible ? undefined : new Date(ts).toISOString(),
    localTime: new Date(localMs).toISOString(),
    skewMs,
    ...(impossible ? { impossibleTime: isoOrText(ts) } : {}),
  };
  const findings = impossible
    ? [
        finding(
          'ntlm-time-invalid',
          'warn',
          `The server's NTLM challenge carries the time ${isoOrText(ts)}, which is no reading of a clock (a zero or corrupt timestamp): the server's clock could not be compared with this computer's.`,
          ['protocol-error'],
        ),
      ]
    : clockFindings(skewMs);
  const name = challenge.dnsComputerName ?? challenge.nbComputerName ?? challenge.targetName;
  return result('ntlm-info', t0, {
    summary: identitySummary(name, challenge.dnsDomainName, challenge.productVersion, skewMs),
    evidence: { ...evidence },
    findings,
  });
}

export const ntlmInfoCheck: Check = {
  id: 'ntlm-info',
  title: 'Server identity and clock',
  kind: 'network',
  platforms: ['linux', 'darwin', 'win32'],
  description:
    "Where the server offers NLA, reads its NTLM challenge without credentials: computer and domain names, OS version and the server's clock (clock skew).",
  run: runNtlmInfo,
};

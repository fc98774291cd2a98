/**
 * `rdp-doctor listen --against HOST`: what the client offered (the listener's report) set against
 * what the server accepts (the probe), item by item, saying which side must change. Only what both
 * sides established is compared: a server fact no check saw is "not checked", never "fine".
 * Pure: no sockets.
 */

import type { FixId } from '../../shared/fixes/ids.js';
import type { ClientOfferReport } from '../../shared/protocol/client-offer.js';
import type { CheckResult } from '../../shared/protocol/results.js';

export type ComparisonStatus = 'ok' | 'fail' | 'warn' | 'not-checked';
/** Who must change for the two to agree. */
export type ChangeSide = 'client' | 'server' | 'none' | 'unknown';

export interface ComparisonItem {
  id: 'security-protocol' | 'tls-version' | 'credssp-version';
  status: ComparisonStatus;
  change: ChangeSide;
  summary: string;
  /** Fixes in order, each with why it applies here. */
  fixes: { id: FixId; why: string }[];
}

export interface ServerFacts {
  negotiation: CheckResult;
  certificate: CheckResult;
  ntlm: CheckResult;
}

const LABEL: Record<string, string> = {
  RDP: 'standard RDP security',
  SSL: 'TLS',
  HYBRID: 'NLA (CredSSP)',
  HYBRID_EX: 'NLA with early user authorization',
  RDSTLS: 'RDSTLS',
  RDSAAD: 'Entra ID authentication',
};
const PREFERENCE = ['HYBRID_EX', 'HYBRID', 'SSL', 'RDSTLS', 'RDSAAD', 'RDP'];
const TLS_RANK: Record<string, number> = { 'SSL 3.0': 0, 'TLS 1.0': 1, 'TLS 1.1': 2, 'TLS 1.2': 3, 'TLS 1.3': 4 };
const NODE_TLS: Record<string, string> = {
  SSLv3: 'SSL 3.0',
  TLSv1: 'TLS 1.0',
  'TLSv1.1': 'TLS 1.1',
  'TLSv1.2': 'TLS 1.2',
  'TLSv1.3': 'TLS 1.3',
};

const words = (names: string[]) => names.map((n) => LABEL[n] ?? n).join(' and ');

type Outcome = { protocol: string; verdict: string; selected?: string };

/** Protocol names the server accepted in the negotiation matrix, or undefined when the matrix was not run. */
export function serverAccepts(negotiation: CheckResult): Set<string> | undefined {
  const matrix = negotiation.evidence.matrix as Outcome[] | undefined;
  if (negotiation.status === 'skipped' || !Array.isArray(matrix)) return undefined;
  const out = new Set<string>();
  for (const m of matrix) {
    if (m.verdict === 'accepted') out.add(m.protocol);
    if (m.verdict === 'legacy') out.add('RDP');
    if (m.verdict === 'downgraded' && typeof m.selected === 'string') out.add(m.selected);
  }
  return out;
}

function compareSecurity(client: NonNullable<ClientOfferReport['x224']>, accepts: Set<string>): ComparisonItem {
  const offered = client.protocols;
  const common = PREFERENCE.filter((p) => offered.includes(p) && accepts.has(p));
  const serverList = PREFERENCE.filter((p) => accepts.has(p));
  if (common.length > 0) {
    return {
      id: 'security-protocol',
      status: 'ok',
      change: 'none',
      summary: `Both sides can use ${LABEL[common[0]!]} (the client offers ${words(offered)}; the server accepts ${words(serverList)}).`,
      fixes: [],
    };
  }
  const base = { id: 'security-protocol' as const, status: 'fail' as const };
  if (serverList.length === 0) {
    return {
      ...base,
      status: 'not-checked',
      change: 'unknown',
      summary: 'The server accepted none of the security protocols it was asked about, so there is nothing to match.',
      fixes: [],
    };
  }
  const serverNla = accepts.has('HYBRID') || accepts.has('HYBRID_EX');
  const clientNla = offered.includes('HYBRID') || offered.includes('HYBRID_EX');
  if (serverNla && !clientNla && !accepts.has('SSL') && !accepts.has('RDP')) {
    return {
      ...base,
      change: 'client',
      summary: `The client offers only ${words(offered)}; the server requires NLA (CredSSP). Change the client: turn on NLA in it, or update it.`,
      fixes: [
        {
          id: 'enable-nla-on-client',
          why: `the client asked for ${words(offered)} only, and the server accepts only NLA`,
        },
        { id: 'update-rdp-client', why: 'a client too old for CredSSP has to be updated' },
        {
          id: 'adjust-nla-setting',
          why: 'only to recover access: lowering the server to no NLA weakens every connection',
        },
      ],
    };
  }
  if (offered.length === 1 && offered[0] === 'RDP') {
    return {
      ...base,
      change: 'client',
      summary: `The client offers only standard RDP security; the server requires ${words(serverList)}. Change the client: let it use TLS or NLA (in FreeRDP /sec:tls or /sec:nla; in an .rdp file drop "negotiate security layer:i:0"), or update it.`,
      fixes: [
        { id: 'update-rdp-client', why: 'the client did not even send a security negotiation request' },
        { id: 'enable-nla-on-client', why: `the server accepts ${words(serverList)}` },
        {
          id: 'force-rdp-security-layer',
          why: 'only as a stopgap: letting the server negotiate standard RDP security leaves it unauthenticated',
        },
      ],
    };
  }
  if (serverList.length === 1 && serverList[0] === 'RDP') {
    return {
      ...base,
      change: 'server',
      summary: `The server allows only standard RDP security; the client asks for ${words(offered)}. Change the server: give it TLS (security layer "Negotiate" or "SSL" with a certificate). The client may fall back to standard RDP on its own, but that leaves the server unauthenticated.`,
      fixes: [
        {
          id: 'force-rdp-security-layer',
          why: 'the server answers TLS and NLA requests with standard RDP security only',
        },
        { id: 'regenerate-rdp-certificate', why: 'a server without a usable certificate cannot offer TLS' },
      ],
    };
  }
  return {
    ...base,
    change: 'unknown',
    summary: `No security protocol in common: the client offers ${words(offered)}; the server accepts ${words(serverList)}.`,
    fixes: [
      { id: 'enable-nla-on-client', why: `the server accepts ${words(serverList)}` },
      { id: 'force-rdp-security-layer', why: 'the server side decides which security layers it accepts' },
    ],
  };
}

/** Handshake errors that mean the client refused the TLS version it was offered (OpenSSL alert names via Node). */
const VERSION_REFUSED = /PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS_AVAILABLE|WRONG_VERSION/i;

function compareTls(tlsReport: NonNullable<ClientOfferReport['tls']>, cert: CheckResult): ComparisonItem {
  const hello = tlsReport.clientHello;
  const tls = cert.evidence.tls as { version?: string; modernError?: string } | undefined;
  const server = tls?.version ? (NODE_TLS[tls.version] ?? tls.version) : undefined;
  const base = { id: 'tls-version' as const };
  if (!server || !hello) {
    return {
      ...base,
      status: 'not-checked',
      change: 'unknown',
      summary: server
        ? "The client's TLS offer could not be read."
        : "The server's TLS version was not established (no TLS handshake with it).",
      fixes: [],
    };
  }
  const offered = hello.versions;
  const onlyOld = tls?.modernError !== undefined;
  const serverWords = onlyOld
    ? `offers only ${server} (a current client's handshake with it fails)`
    : `speaks ${server}`;
  const refuse = (why: string): ComparisonItem => ({
    ...base,
    status: 'fail',
    change: 'server',
    summary: `The client refuses ${server} (${why}); the server ${serverWords}. Change the server: enable TLS 1.2 on it. Allowing ${server} in the client instead would weaken every connection it makes.`,
    fixes: [
      { id: 'align-tls-and-cipher-suites', why: `the server speaks ${server}, which the client refuses` },
      {
        id: 'update-rdp-client',
        why: 'only if the server cannot be changed: an older client build may still speak old TLS',
      },
    ],
  });
  // The listener played the server's version: the handshake itself shows whether the client accepts it.
  const hs = tlsReport.handshake;
  if (tlsReport.listenerVersion === server && hs) {
    if (hs.ok) {
      return {
        ...base,
        status: 'ok',
        change: 'none',
        summary: `The client completed a ${server} handshake, the version the server speaks.`,
        fixes: [],
      };
    }
    if (VERSION_REFUSED.test(hs.error)) {
      return refuse(
        `it offers ${hello.versionsFrom === 'supported_versions' ? `only ${offered.join(', ')}` : `up to ${hello.legacyVersion}`} and refused a ${server} handshake with the listener`,
      );
    }
    if (!/cancelled|^no handshake within/.test(hs.error)) {
      // Listed on the wire, yet the handshake at that version fails: typically a client whose
      // security level forbids the SHA-1 signatures that TLS 1.0/1.1 need (OpenSSL: internal error).
      return {
        ...refuse(`it lists ${server}, but its ${server} handshake with the listener failed: ${hs.error}`),
        fixes: [
          {
            id: 'align-tls-and-cipher-suites',
            why: `the client cannot complete a ${server} handshake although it lists ${server}`,
          },
          {
            id: 'update-rdp-client',
            why: `only if the server cannot be changed: lowering the client's TLS security level (FreeRDP /tls-seclevel:0) lets it speak ${server} again, for every server`,
          },
        ],
      };
    }
  }
  if (offered.includes(server) && hello.versionsFrom === 'supported_versions') {
    return {
      ...base,
      status: 'ok',
      change: 'none',
      summary: `The server speaks ${server}, which the client offers (${offered.join(', ')}).`,
      fixes: [],
    };
  }
  const ranks = offered.map((v) => TLS_RANK[v]).filter((n): n is number => n !== undefined);
  const serverRank = TLS_RANK[server] ?? -1;
  if (ranks.length > 0 && serverRank < Math.min(...ranks) && hello.versionsFrom === 'supported_versions') {
    return refuse(`it offers only ${offered.join(', ')}`);
  }
  return {
    ...base,
    status: 'not-checked',
    change: 'unknown',
    summary:
      serverRank > Math.max(...ranks, -1)
        ? `The server's highest version is ${server}; the client offers ${offered.join(', ')}. Whether the server also accepts those was not checked.`
        : `The server speaks ${server}; the client announced only its highest version (${hello.legacyVersion}), and no ${server} handshake was tried with it.`,
    fixes: [],
  };
}

function compareCredssp(clientVersion: number, ntlm: CheckResult): ComparisonItem | undefined {
  const server = ntlm.evidence.credsspVersion;
  if (typeof server !== 'number') return undefined;
  const base = { id: 'credssp-version' as const };
  if (clientVersion < 5 && server >= 5) {
    return {
      ...base,
      status: 'warn',
      change: 'client',
      summary: `The client's CredSSP version ${clientVersion} predates the 2018 CredSSP update; the server speaks version ${server}. A server set to "Force Updated Clients" refuses this client. Change the client: install the CredSSP update.`,
      fixes: [{ id: 'update-credssp-patches', why: `client CredSSP ${clientVersion} < 5` }],
    };
  }
  if (clientVersion >= 5 && server < 5) {
    return {
      ...base,
      status: 'warn',
      change: 'server',
      summary: `The server's CredSSP version ${server} predates the 2018 CredSSP update; the client speaks ${clientVersion}. A client set to "Force Updated Clients" refuses this server. Change the server: install the CredSSP update.`,
      fixes: [{ id: 'update-credssp-patches', why: `server CredSSP ${server} < 5` }],
    };
  }
  return {
    ...base,
    status: 'ok',
    change: 'none',
    summary: `CredSSP versions: client ${clientVersion}, server ${server}; both ${clientVersion >= 5 ? 'have' : 'lack'} the 2018 update.`,
    fixes: [],
  };
}

/** Compares the client's offer with the server's probe results. */
export function compareWithServer(client: ClientOfferReport, server: ServerFacts): ComparisonItem[] {
  const items: ComparisonItem[] = [];
  const accepts = serverAccepts(server.negotiation);
  if (!client.x224) return items;
  if (!accepts) {
    items.push({
      id: 'security-protocol',
      status: 'not-checked',
      change: 'unknown',
      summary: `The server's security negotiation was not checked: ${server.negotiation.summary}`,
      fixes: [],
    });
    return items;
  }
  const security = compareSecurity(client.x224, accepts);
  items.push(security);
  const tlsInCommon = ['SSL', 'HYBRID', 'HYBRID_EX'].some((p) => client.x224?.protocols.includes(p) && accepts.has(p));
  if (client.tls && tlsInCommon) items.push(compareTls(client.tls, server.certificate));
  if (client.credssp?.version !== undefined) {
    const c = compareCredssp(client.credssp.version, server.ntlm);
    if (c) items.push(c);
  }
  return items;
}

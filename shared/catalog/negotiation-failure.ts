/**
 * RDP security negotiation failures: the failureCode of the server's RDP_NEG_FAILURE reply to the
 * X.224 Connection Request (MS-RDPBCGR 2.2.1.2.2), as FreeRDP logs them ("Error: HYBRID_REQUIRED_BY_SERVER").
 * Also the negotiation protocol flags (MS-RDPBCGR 2.2.1.1.1), which are not errors but appear in logs.
 */
import { type EntrySpec, family } from './define.js';
import type { CatalogEntry } from './types.js';

const NEGFAIL =
  'MS-RDPBCGR 2.2.1.2.2 RDP Negotiation Failure (https://learn.microsoft.com/openspecs/windows_protocols/ms-rdpbcgr/1b3920e7-0116-4345-bc45-f2c4ad012761)';
const entry = family('negotiation-failure', { source: NEGFAIL, confidence: 'documented' });

/**
 * The failureCode values as the wire names them, each with the short phrase the negotiation probe writes
 * into its evidence. The one list: the RDP codecs (`native-host/rdp/constants.ts`) read it from here.
 */
export const NEGOTIATION_FAILURE_CODES = {
  SSL_REQUIRED_BY_SERVER: { code: 0x1, meaning: 'the server requires TLS (Enhanced RDP Security)' },
  SSL_NOT_ALLOWED_BY_SERVER: { code: 0x2, meaning: 'the server allows only Standard RDP Security' },
  SSL_CERT_NOT_ON_SERVER: { code: 0x3, meaning: 'the server has no usable certificate for TLS' },
  INCONSISTENT_FLAGS: {
    code: 0x4,
    meaning: 'the requested protocols are inconsistent with what the server has in effect',
  },
  HYBRID_REQUIRED_BY_SERVER: { code: 0x5, meaning: 'the server requires CredSSP (Network Level Authentication)' },
  SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER: {
    code: 0x6,
    meaning: 'the server requires TLS with client certificate authentication',
  },
} as const;
export type NegotiationFailureName = keyof typeof NEGOTIATION_FAILURE_CODES;

const n = (name: NegotiationFailureName, summary: string, spec: EntrySpec) =>
  entry(NEGOTIATION_FAILURE_CODES[name].code, name, summary, spec);

export const NEGOTIATION_FAILURES: readonly CatalogEntry[] = [
  n(
    'SSL_REQUIRED_BY_SERVER',
    'The server requires TLS (or CredSSP) security and the client offered only standard RDP security.',
    {
      actor: 'client',
      causes: ['security-layer-mismatch'],
      fixes: ['force-rdp-security-layer', 'enable-nla-on-client'],
      checks: ['negotiation'],
    },
  ),
  n(
    'SSL_NOT_ALLOWED_BY_SERVER',
    'The server is set to standard RDP security only, and the client insisted on TLS or NLA.',
    {
      actor: 'admin',
      causes: ['security-layer-mismatch'],
      fixes: ['force-rdp-security-layer', 'adjust-nla-setting'],
      checks: ['negotiation'],
    },
  ),
  n('SSL_CERT_NOT_ON_SERVER', 'The server has no usable certificate, so it cannot start TLS.', {
    actor: 'server',
    causes: ['cert-unusable', 'machinekeys-broken'],
    fixes: ['regenerate-rdp-certificate', 'clear-stale-certificate-hash', 'repair-machinekeys-permissions'],
    checks: ['negotiation', 'rdp-cert-store', 'machinekeys', 'rdp-events'],
  }),
  n(
    'INCONSISTENT_FLAGS',
    'The security protocols the client asked for are inconsistent with what the server has in effect.',
    {
      actor: 'client',
      causes: ['security-layer-mismatch', 'client-config-error'],
      fixes: ['fix-client-options', 'update-rdp-client'],
      checks: ['negotiation'],
    },
  ),
  n(
    'HYBRID_REQUIRED_BY_SERVER',
    'The server requires Network Level Authentication (CredSSP) and the client did not offer it.',
    {
      actor: 'client',
      causes: ['nla-required'],
      fixes: ['enable-nla-on-client', 'adjust-nla-setting', 'update-rdp-client'],
      checks: ['negotiation'],
    },
  ),
  n(
    'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER',
    'The server requires TLS with a client certificate, which the client did not provide.',
    {
      actor: 'client',
      causes: ['security-layer-mismatch'],
      fixes: ['fix-client-options'],
      checks: ['negotiation'],
    },
  ),
];

const NEG_REQ =
  'MS-RDPBCGR 2.2.1.1.1 RDP Negotiation Request (https://learn.microsoft.com/openspecs/windows_protocols/ms-rdpbcgr/902b090b-9cb3-4efc-92bf-ee13373371e3)';

/**
 * The security protocols of requestedProtocols / selectedProtocol (MS-RDPBCGR 2.2.1.1.1), in the order the
 * negotiation probe asks about them: the wire name, the flag, a short label and the plain meaning. The one
 * list: the RDP codecs (`native-host/rdp/constants.ts`) read it from here.
 */
export const SECURITY_PROTOCOLS = [
  {
    name: 'RDP',
    flag: 0x0,
    label: 'Standard RDP security',
    meaning: 'Standard RDP security (RC4; the server is not authenticated).',
  },
  { name: 'SSL', flag: 0x1, label: 'TLS', meaning: 'TLS security.' },
  {
    name: 'HYBRID',
    flag: 0x2,
    label: 'CredSSP (NLA)',
    meaning: 'CredSSP, i.e. Network Level Authentication, over TLS.',
  },
  {
    name: 'HYBRID_EX',
    flag: 0x8,
    label: 'CredSSP with Early User Authorization (NLA)',
    meaning: 'CredSSP with the Early User Authorization Result PDU.',
  },
  { name: 'RDSTLS', flag: 0x4, label: 'RDSTLS', meaning: 'RDSTLS, used for redirection and auto-reconnect.' },
  {
    name: 'RDSAAD',
    flag: 0x10,
    label: 'RDS Azure AD (Entra ID) authentication',
    meaning: 'Remote Desktop with Entra ID (Azure AD) authentication.',
  },
] as const;
export type SecurityProtocolName = (typeof SECURITY_PROTOCOLS)[number]['name'];

/** Security protocol flags of the RDP Negotiation Request/Response, by value (not errors; for explaining logs such as `RequestedProtocols: 3`). */
export const PROTOCOL_FLAGS: readonly { value: number; name: string; meaning: string; source: string }[] = [
  ...SECURITY_PROTOCOLS.map((p) => ({
    value: p.flag,
    name: `PROTOCOL_${p.name}`,
    meaning: p.meaning,
    source: NEG_REQ,
  })),
  {
    value: 0x80000000,
    name: 'PROTOCOL_FAILED_NEGO',
    meaning: 'FreeRDP-internal marker for a failed negotiation (never on the wire).',
    source: 'FreeRDP libfreerdp/core/nego.h',
  },
].sort((a, b) => a.value - b.value);

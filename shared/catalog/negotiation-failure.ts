/**
 * RDP security negotiation failures: the failureCode of the server's RDP_NEG_FAILURE reply to the
 * X.224 Connection Request (MS-RDPBCGR 2.2.1.2.2), as FreeRDP logs them ("Error: HYBRID_REQUIRED_BY_SERVER").
 * Also the negotiation protocol flags (MS-RDPBCGR 2.2.1.1.1), which are not errors but appear in logs.
 */
import { family } from './define.js';
import type { CatalogEntry } from './types.js';

const NEGFAIL =
  'MS-RDPBCGR 2.2.1.2.2 RDP Negotiation Failure (https://learn.microsoft.com/openspecs/windows_protocols/ms-rdpbcgr/1b3920e7-0116-4345-bc45-f2c4ad012761)';
const n = family('negotiation-failure', { source: NEGFAIL, confidence: 'documented' });

export const NEGOTIATION_FAILURES: readonly CatalogEntry[] = [
  n(
    0x1,
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
    0x2,
    'SSL_NOT_ALLOWED_BY_SERVER',
    'The server is set to standard RDP security only, and the client insisted on TLS or NLA.',
    {
      actor: 'admin',
      causes: ['security-layer-mismatch'],
      fixes: ['force-rdp-security-layer', 'adjust-nla-setting'],
      checks: ['negotiation'],
    },
  ),
  n(0x3, 'SSL_CERT_NOT_ON_SERVER', 'The server has no usable certificate, so it cannot start TLS.', {
    actor: 'server',
    causes: ['cert-unusable', 'machinekeys-broken'],
    fixes: ['regenerate-rdp-certificate', 'clear-stale-certificate-hash', 'repair-machinekeys-permissions'],
    checks: ['negotiation', 'rdp-cert-store', 'machinekeys', 'rdp-events'],
  }),
  n(
    0x4,
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
    0x5,
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
    0x6,
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

/** Security protocol flags of the RDP Negotiation Request/Response (not errors; for explaining logs such as `RequestedProtocols: 3`). */
export const PROTOCOL_FLAGS: readonly { value: number; name: string; meaning: string; source: string }[] = [
  [0x0, 'PROTOCOL_RDP', 'Standard RDP security (RC4; the server is not authenticated).'],
  [0x1, 'PROTOCOL_SSL', 'TLS security.'],
  [0x2, 'PROTOCOL_HYBRID', 'CredSSP, i.e. Network Level Authentication, over TLS.'],
  [0x4, 'PROTOCOL_RDSTLS', 'RDSTLS, used for redirection and auto-reconnect.'],
  [0x8, 'PROTOCOL_HYBRID_EX', 'CredSSP with the Early User Authorization Result PDU.'],
  [0x10, 'PROTOCOL_RDSAAD', 'Remote Desktop with Entra ID (Azure AD) authentication.'],
  [0x80000000, 'PROTOCOL_FAILED_NEGO', 'FreeRDP-internal marker for a failed negotiation (never on the wire).'],
].map(([value, name, meaning]) => ({
  value: value as number,
  name: name as string,
  meaning: meaning as string,
  source:
    name === 'PROTOCOL_FAILED_NEGO'
      ? 'FreeRDP libfreerdp/core/nego.h'
      : 'MS-RDPBCGR 2.2.1.1.1 RDP Negotiation Request (https://learn.microsoft.com/openspecs/windows_protocols/ms-rdpbcgr/902b090b-9cb3-4efc-92bf-ee13373371e3)',
}));

/** Names of the flags set in a requestedProtocols/selectedProtocol value, e.g. 3 → PROTOCOL_SSL, PROTOCOL_HYBRID. */
export function protocolFlagNames(value: number): string[] {
  const v = value >>> 0;
  if (v === 0) return ['PROTOCOL_RDP'];
  return PROTOCOL_FLAGS.filter((f) => f.value !== 0 && (v & f.value) === f.value).map((f) => f.name);
}

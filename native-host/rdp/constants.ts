/**
 * RDP security-negotiation constants, named as in MS-RDPBCGR.
 * Sources: MS-RDPBCGR 2.2.1.1.1 (RDP_NEG_REQ), 2.2.1.2.1 (RDP_NEG_RSP), 2.2.1.2.2 (RDP_NEG_FAILURE),
 * https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/
 */

/** RDP_NEG_REQ / RDP_NEG_RSP / RDP_NEG_FAILURE `type` field (MS-RDPBCGR 2.2.1.1.1, 2.2.1.2.1, 2.2.1.2.2). */
export const TYPE_RDP_NEG_REQ = 0x01;
export const TYPE_RDP_NEG_RSP = 0x02;
export const TYPE_RDP_NEG_FAILURE = 0x03;

/** requestedProtocols / selectedProtocol flags (MS-RDPBCGR 2.2.1.1.1). */
export const PROTOCOL_RDP = 0x00000000;
export const PROTOCOL_SSL = 0x00000001;
export const PROTOCOL_HYBRID = 0x00000002;
export const PROTOCOL_RDSTLS = 0x00000004;
export const PROTOCOL_HYBRID_EX = 0x00000008;
export const PROTOCOL_RDSAAD = 0x00000010;

export type ProtocolName = 'RDP' | 'SSL' | 'HYBRID' | 'RDSTLS' | 'HYBRID_EX' | 'RDSAAD';

/** Every protocol the negotiation matrix asks about, with its flag and plain name. */
export const PROTOCOLS: readonly { name: ProtocolName; flag: number; label: string }[] = [
  { name: 'RDP', flag: PROTOCOL_RDP, label: 'Standard RDP security' },
  { name: 'SSL', flag: PROTOCOL_SSL, label: 'TLS' },
  { name: 'HYBRID', flag: PROTOCOL_HYBRID, label: 'CredSSP (NLA)' },
  { name: 'HYBRID_EX', flag: PROTOCOL_HYBRID_EX, label: 'CredSSP with Early User Authorization (NLA)' },
  { name: 'RDSTLS', flag: PROTOCOL_RDSTLS, label: 'RDSTLS' },
  { name: 'RDSAAD', flag: PROTOCOL_RDSAAD, label: 'RDS Azure AD (Entra ID) authentication' },
];

/** Name of a single selectedProtocol value, or `0x…` when unknown. */
export function protocolName(value: number): string {
  const p = PROTOCOLS.find((x) => x.flag === value);
  return p ? p.name : `0x${value.toString(16).padStart(8, '0')}`;
}

/** RDP_NEG_REQ flags (MS-RDPBCGR 2.2.1.1.1). */
export const RESTRICTED_ADMIN_MODE_REQUIRED = 0x01;
export const REDIRECTED_AUTHENTICATION_MODE_REQUIRED = 0x02;
export const CORRELATION_INFO_PRESENT = 0x08;

/** RDP_NEG_RSP flags (MS-RDPBCGR 2.2.1.2.1). */
export const EXTENDED_CLIENT_DATA_SUPPORTED = 0x01;
export const DYNVC_GFX_PROTOCOL_SUPPORTED = 0x02;
export const NEGRSP_FLAG_RESERVED = 0x04;
export const RESTRICTED_ADMIN_MODE_SUPPORTED = 0x08;
export const REDIRECTED_AUTHENTICATION_MODE_SUPPORTED = 0x10;

export const NEG_RSP_FLAG_NAMES: readonly [number, string][] = [
  [EXTENDED_CLIENT_DATA_SUPPORTED, 'EXTENDED_CLIENT_DATA_SUPPORTED'],
  [DYNVC_GFX_PROTOCOL_SUPPORTED, 'DYNVC_GFX_PROTOCOL_SUPPORTED'],
  [NEGRSP_FLAG_RESERVED, 'NEGRSP_FLAG_RESERVED'],
  [RESTRICTED_ADMIN_MODE_SUPPORTED, 'RESTRICTED_ADMIN_MODE_SUPPORTED'],
  [REDIRECTED_AUTHENTICATION_MODE_SUPPORTED, 'REDIRECTED_AUTHENTICATION_MODE_SUPPORTED'],
];

/** RDP_NEG_FAILURE failureCode values (MS-RDPBCGR 2.2.1.2.2). */
export const SSL_REQUIRED_BY_SERVER = 0x00000001;
export const SSL_NOT_ALLOWED_BY_SERVER = 0x00000002;
export const SSL_CERT_NOT_ON_SERVER = 0x00000003;
export const INCONSISTENT_FLAGS = 0x00000004;
export const HYBRID_REQUIRED_BY_SERVER = 0x00000005;
export const SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER = 0x00000006;

export type FailureCodeName =
  | 'SSL_REQUIRED_BY_SERVER'
  | 'SSL_NOT_ALLOWED_BY_SERVER'
  | 'SSL_CERT_NOT_ON_SERVER'
  | 'INCONSISTENT_FLAGS'
  | 'HYBRID_REQUIRED_BY_SERVER'
  | 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER';

export const FAILURE_CODES: Readonly<Record<number, { name: FailureCodeName; meaning: string }>> = {
  [SSL_REQUIRED_BY_SERVER]: {
    name: 'SSL_REQUIRED_BY_SERVER',
    meaning: 'the server requires TLS (Enhanced RDP Security)',
  },
  [SSL_NOT_ALLOWED_BY_SERVER]: {
    name: 'SSL_NOT_ALLOWED_BY_SERVER',
    meaning: 'the server allows only Standard RDP Security',
  },
  [SSL_CERT_NOT_ON_SERVER]: {
    name: 'SSL_CERT_NOT_ON_SERVER',
    meaning: 'the server has no usable certificate for TLS',
  },
  [INCONSISTENT_FLAGS]: {
    name: 'INCONSISTENT_FLAGS',
    meaning: 'the requested protocols are inconsistent with what the server has in effect',
  },
  [HYBRID_REQUIRED_BY_SERVER]: {
    name: 'HYBRID_REQUIRED_BY_SERVER',
    meaning: 'the server requires CredSSP (Network Level Authentication)',
  },
  [SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER]: {
    name: 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER',
    meaning: 'the server requires TLS with client certificate authentication',
  },
};

/** X.224 TPDU codes (ITU-T X.224 13.3; MS-RDPBCGR 2.2.1.1 and 2.2.1.2). */
export const X224_TPDU_CONNECTION_REQUEST = 0xe0;
export const X224_TPDU_CONNECTION_CONFIRM = 0xd0;
export const X224_TPDU_DATA = 0xf0;

/** TPKT version (RFC 1006 / T.123 §8). */
export const TPKT_VERSION = 0x03;
export const TPKT_HEADER_LENGTH = 4;

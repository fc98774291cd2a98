/**
 * RDP security-negotiation constants, named as in MS-RDPBCGR.
 * Sources: MS-RDPBCGR 2.2.1.1.1 (RDP_NEG_REQ), 2.2.1.2.1 (RDP_NEG_RSP), 2.2.1.2.2 (RDP_NEG_FAILURE),
 * https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/
 * The names and meanings of the security protocols and failure codes are the catalogue's
 * (`shared/catalog/negotiation-failure.ts`); the named constants below are read from there.
 */
import {
  NEGOTIATION_FAILURE_CODES,
  type NegotiationFailureName,
  SECURITY_PROTOCOLS,
  type SecurityProtocolName,
} from '../../shared/catalog/negotiation-failure.js';

/** RDP_NEG_REQ / RDP_NEG_RSP / RDP_NEG_FAILURE `type` field (MS-RDPBCGR 2.2.1.1.1, 2.2.1.2.1, 2.2.1.2.2). */
export const TYPE_RDP_NEG_REQ = 0x01;
export const TYPE_RDP_NEG_RSP = 0x02;
export const TYPE_RDP_NEG_FAILURE = 0x03;

const flagOf = (name: SecurityProtocolName): number => SECURITY_PROTOCOLS.find((p) => p.name === name)?.flag ?? 0;

/** requestedProtocols / selectedProtocol flags (MS-RDPBCGR 2.2.1.1.1). */
export const PROTOCOL_RDP = flagOf('RDP');
export const PROTOCOL_SSL = flagOf('SSL');
export const PROTOCOL_HYBRID = flagOf('HYBRID');
export const PROTOCOL_RDSTLS = flagOf('RDSTLS');
export const PROTOCOL_HYBRID_EX = flagOf('HYBRID_EX');
export const PROTOCOL_RDSAAD = flagOf('RDSAAD');

export type ProtocolName = SecurityProtocolName;

/** Every protocol the negotiation matrix asks about, with its flag and plain name: the catalogue's list. */
export const PROTOCOLS: readonly { name: ProtocolName; flag: number; label: string }[] = SECURITY_PROTOCOLS;

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
const F = NEGOTIATION_FAILURE_CODES;
export const SSL_REQUIRED_BY_SERVER = F.SSL_REQUIRED_BY_SERVER.code;
export const SSL_NOT_ALLOWED_BY_SERVER = F.SSL_NOT_ALLOWED_BY_SERVER.code;
export const SSL_CERT_NOT_ON_SERVER = F.SSL_CERT_NOT_ON_SERVER.code;
export const HYBRID_REQUIRED_BY_SERVER = F.HYBRID_REQUIRED_BY_SERVER.code;
export const SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER = F.SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER.code;

export type FailureCodeName = NegotiationFailureName;

/** Name and short meaning of each failureCode, by value. */
export const FAILURE_CODES: Readonly<Record<number, { name: FailureCodeName; meaning: string }>> = Object.fromEntries(
  Object.entries(NEGOTIATION_FAILURE_CODES).map(([name, f]) => [
    f.code,
    { name: name as FailureCodeName, meaning: f.meaning },
  ]),
);

/** X.224 TPDU codes (ITU-T X.224 13.3; MS-RDPBCGR 2.2.1.1 and 2.2.1.2). */
export const X224_TPDU_CONNECTION_REQUEST = 0xe0;
export const X224_TPDU_CONNECTION_CONFIRM = 0xd0;
export const X224_TPDU_DATA = 0xf0;

/** TPKT version (RFC 1006 / T.123 §8). */
export const TPKT_VERSION = 0x03;
export const TPKT_HEADER_LENGTH = 4;

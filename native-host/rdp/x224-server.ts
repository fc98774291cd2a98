/**
 * The server's side of the first exchange: decoding a Client X.224 Connection Request and encoding
 * the Server X.224 Connection Confirm. MS-RDPBCGR 2.2.1.1 (Client X.224 Connection Request PDU,
 * routingToken / cookie), 2.2.1.1.1 (RDP_NEG_REQ), 2.2.1.1.2 (RDP_NEG_CORRELATION_INFO),
 * 2.2.1.2 (Server X.224 Connection Confirm PDU), 2.2.1.2.1 (RDP_NEG_RSP).
 */
import { type Decoded, DecodeError, decodeWith, Reader, toHex } from './bytes.js';
import {
  CORRELATION_INFO_PRESENT,
  PROTOCOLS,
  REDIRECTED_AUTHENTICATION_MODE_REQUIRED,
  RESTRICTED_ADMIN_MODE_REQUIRED,
  TYPE_RDP_NEG_REQ,
  TYPE_RDP_NEG_RSP,
  X224_TPDU_CONNECTION_CONFIRM,
  X224_TPDU_CONNECTION_REQUEST,
} from './constants.js';
import { encodeConnectionTpdu, encodeNegotiation, readConnectionTpdu } from './x224.js';

/** RDP_NEG_CORRELATION_INFO type (MS-RDPBCGR 2.2.1.1.2). */
export const TYPE_RDP_CORRELATION_INFO = 0x06;

const REQ_FLAG_NAMES: readonly [number, string][] = [
  [RESTRICTED_ADMIN_MODE_REQUIRED, 'RESTRICTED_ADMIN_MODE_REQUIRED'],
  [REDIRECTED_AUTHENTICATION_MODE_REQUIRED, 'REDIRECTED_AUTHENTICATION_MODE_REQUIRED'],
  [CORRELATION_INFO_PRESENT, 'CORRELATION_INFO_PRESENT'],
];

/** Bits of requestedProtocols that MS-RDPBCGR 2.2.1.1.1 defines. */
const KNOWN_PROTOCOL_BITS = PROTOCOLS.reduce((m, p) => m | p.flag, 0);

export type RoutingData =
  /** `Cookie: mstshash=IDENTIFIER` — the user name (or a truncated form of it) the client typed. */
  | { kind: 'cookie'; identifier: string }
  /** Any other `Cookie: …` line: a load-balancing routing token (e.g. `msts=…`). */
  | { kind: 'routing-token'; token: string };

export interface ConnectionRequest {
  dstRef: number;
  srcRef: number;
  /** The cookie or routing token, when the client sent one. Client-controlled text. */
  routing: RoutingData | undefined;
  /** The RDP_NEG_REQ, or undefined when the client sent none (a client older than RDP 5.2, or one that asks for standard RDP only). */
  negotiation:
    | {
        flags: number;
        flagNames: string[];
        /** requestedProtocols as sent (PROTOCOL_* bits). */
        requestedProtocols: number;
        /** Names of the PROTOCOL_* bits set, `RDP` when none is (standard RDP security). */
        protocolNames: string[];
        /** Bits set that MS-RDPBCGR does not define. */
        unknownBits: number;
      }
    | undefined;
  /** RDP_NEG_CORRELATION_INFO correlationId as hex, when present. */
  correlationId: string | undefined;
  /** Bytes after the known structures (none from a conforming client). */
  trailingBytes: number;
}

/** Longest cookie / routing token line accepted (the X.224 length indicator limits the PDU to 254 bytes anyway). */
const MAX_COOKIE_LINE = 254;

/** Names of the requestedProtocols bits that are set; `RDP` for a request of standard RDP security only. */
export function requestedProtocolNames(requested: number): string[] {
  if (requested === 0) return ['RDP'];
  return PROTOCOLS.filter((p) => p.flag !== 0 && (requested & p.flag) !== 0).map((p) => p.name);
}

/** Decodes a Client X.224 Connection Request PDU (MS-RDPBCGR 2.2.1.1). Never throws. */
export function decodeConnectionRequest(bytes: Uint8Array): Decoded<ConnectionRequest> {
  return decodeWith(() => {
    const r = new Reader(bytes, 'X.224 Connection Request');
    const tpdu = readConnectionTpdu(r, bytes.length, X224_TPDU_CONNECTION_REQUEST, true);
    const { dstRef, srcRef } = tpdu;
    const variable = r.bytes(tpdu.variable, 'variable part');
    const v = new Reader(variable, 'X.224 Connection Request variable part');
    let routing: RoutingData | undefined;
    if (startsWithAscii(variable, 'Cookie: ')) {
      const end = indexOfCrLf(variable);
      if (end < 0 || end > MAX_COOKIE_LINE) {
        throw new DecodeError('bad-length', 'the cookie / routing token is not ended by CR LF');
      }
      const line = new TextDecoder('latin1').decode(variable.subarray(8, end));
      v.skip(end + 2, 'cookie');
      routing = line.startsWith('mstshash=')
        ? { kind: 'cookie', identifier: line.slice('mstshash='.length) }
        : { kind: 'routing-token', token: line };
    }
    let negotiation: ConnectionRequest['negotiation'];
    let correlationId: string | undefined;
    if (v.remaining >= 8 && variable[v.offset] === TYPE_RDP_NEG_REQ) {
      v.u8('RDP_NEG_REQ type');
      const flags = v.u8('RDP_NEG_REQ flags');
      const negLength = v.u16le('RDP_NEG_REQ length');
      if (negLength !== 8) throw new DecodeError('bad-length', `RDP_NEG_REQ length is ${negLength}, expected 8`);
      const requestedProtocols = v.u32le('requestedProtocols');
      negotiation = {
        flags,
        flagNames: REQ_FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n),
        requestedProtocols,
        protocolNames: requestedProtocolNames(requestedProtocols),
        unknownBits: (requestedProtocols & ~KNOWN_PROTOCOL_BITS) >>> 0,
      };
      if (flags & CORRELATION_INFO_PRESENT && v.remaining >= 36 && variable[v.offset] === TYPE_RDP_CORRELATION_INFO) {
        v.u8('RDP_NEG_CORRELATION_INFO type');
        v.u8('RDP_NEG_CORRELATION_INFO flags');
        const cl = v.u16le('RDP_NEG_CORRELATION_INFO length');
        if (cl !== 36) throw new DecodeError('bad-length', `RDP_NEG_CORRELATION_INFO length is ${cl}, expected 36`);
        correlationId = toHex(v.bytes(16, 'correlationId'));
        v.skip(16, 'reserved');
      }
    }
    return { dstRef, srcRef, routing, negotiation, correlationId, trailingBytes: v.remaining };
  });
}

function startsWithAscii(b: Uint8Array, s: string): boolean {
  if (b.length < s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[i] !== s.charCodeAt(i)) return false;
  return true;
}

function indexOfCrLf(b: Uint8Array): number {
  for (let i = 0; i + 1 < b.length; i++) if (b[i] === 0x0d && b[i + 1] === 0x0a) return i;
  return -1;
}

/**
 * Encodes a Server X.224 Connection Confirm PDU (MS-RDPBCGR 2.2.1.2). With `selectedProtocol`
 * it carries an RDP_NEG_RSP (2.2.1.2.1); without it, no negotiation data (the answer to a client
 * that sent no RDP_NEG_REQ).
 */
export function encodeConnectionConfirm(opts: {
  selectedProtocol?: number;
  flags?: number;
  srcRef?: number;
}): Uint8Array {
  const neg =
    opts.selectedProtocol === undefined
      ? new Uint8Array(0)
      : encodeNegotiation(TYPE_RDP_NEG_RSP, opts.flags ?? 0, opts.selectedProtocol);
  // DST-REF echoes the client's SRC-REF.
  return encodeConnectionTpdu(X224_TPDU_CONNECTION_CONFIRM, { dst: opts.srcRef ?? 0, src: 0x1234 }, neg);
}

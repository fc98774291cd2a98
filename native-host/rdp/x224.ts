/**
 * TPKT + X.224 Connection Request / Connection Confirm carrying the RDP negotiation structures.
 * MS-RDPBCGR 2.2.1.1 (Client X.224 Connection Request PDU), 2.2.1.1.1 (RDP_NEG_REQ),
 * 2.2.1.2 (Server X.224 Connection Confirm PDU), 2.2.1.2.1 (RDP_NEG_RSP), 2.2.1.2.2 (RDP_NEG_FAILURE);
 * TPKT per RFC 1006 / ITU-T T.123 §8; X.224 TPDU per ITU-T X.224 §13.3–13.4.
 */
import { concatBytes, type Decoded, DecodeError, decodeWith, Reader } from './bytes.js';
import {
  FAILURE_CODES,
  type FailureCodeName,
  NEG_RSP_FLAG_NAMES,
  protocolName,
  TPKT_HEADER_LENGTH,
  TPKT_VERSION,
  TYPE_RDP_NEG_FAILURE,
  TYPE_RDP_NEG_REQ,
  TYPE_RDP_NEG_RSP,
  X224_TPDU_CONNECTION_CONFIRM,
  X224_TPDU_CONNECTION_REQUEST,
  X224_TPDU_DATA,
} from './constants.js';

export interface ConnectionRequestOptions {
  /** requestedProtocols flags (PROTOCOL_*); omitted together with `legacy`. */
  requestedProtocols: number;
  /** RDP_NEG_REQ flags (RESTRICTED_ADMIN_MODE_REQUIRED …); default 0. */
  flags?: number;
  /** Optional routing cookie user name: sends `Cookie: mstshash=NAME\r\n` (MS-RDPBCGR 2.2.1.1). */
  cookie?: string;
  /** Send no RDP_NEG_REQ at all, as pre-RDP-5.2 clients do. */
  legacy?: boolean;
}

/** Largest X.224 length indicator (one byte) minus the fixed part. */
const MAX_VARIABLE = 254 - 6;

/**
 * An X.224 Connection Request or Confirm TPDU (ITU-T X.224 13.3, 13.4; CDT 0, class 0, no options) in its
 * TPKT (RFC 1006 section 6), carrying `variable`. Both directions share it (the probe and `listen`).
 */
export function encodeConnectionTpdu(
  code: number,
  refs: { dst: number; src: number },
  variable: Uint8Array,
): Uint8Array {
  if (variable.length > MAX_VARIABLE) throw new RangeError('variable part too long for an X.224 Connection TPDU');
  const li = 6 + variable.length;
  const total = TPKT_HEADER_LENGTH + 1 + li;
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  out[0] = TPKT_VERSION;
  v.setUint16(2, total, false);
  out[4] = li;
  out[5] = code;
  v.setUint16(6, refs.dst, false);
  v.setUint16(8, refs.src, false);
  out[10] = 0;
  out.set(variable, 11);
  return out;
}

/** The 8-byte RDP_NEG_REQ / RDP_NEG_RSP / RDP_NEG_FAILURE structure (MS-RDPBCGR 2.2.1.1.1, 2.2.1.2.1, 2.2.1.2.2). */
export function encodeNegotiation(type: number, flags: number, value: number): Uint8Array {
  const out = new Uint8Array(8);
  const v = new DataView(out.buffer);
  out[0] = type;
  out[1] = flags & 0xff;
  v.setUint16(2, 8, true);
  v.setUint32(4, value >>> 0, true);
  return out;
}

/** Encodes the Client X.224 Connection Request PDU (MS-RDPBCGR 2.2.1.1). */
export function encodeConnectionRequest(opts: ConnectionRequestOptions): Uint8Array {
  const cookie = opts.cookie === undefined ? new Uint8Array(0) : encodeCookie(opts.cookie);
  const neg = opts.legacy
    ? new Uint8Array(0)
    : encodeNegotiation(TYPE_RDP_NEG_REQ, opts.flags ?? 0, opts.requestedProtocols);
  if (cookie.length + neg.length > MAX_VARIABLE)
    throw new RangeError('cookie too long for an X.224 Connection Request');
  return encodeConnectionTpdu(X224_TPDU_CONNECTION_REQUEST, { dst: 0, src: 0 }, concatBytes([cookie, neg]));
}

function encodeCookie(name: string): Uint8Array {
  if (!/^[\x21-\x7e]{1,64}$/.test(name)) throw new RangeError('cookie must be 1–64 printable ASCII characters');
  return new TextEncoder().encode(`Cookie: mstshash=${name}\r\n`);
}

export type ConnectionConfirm =
  | {
      kind: 'response';
      /** The one protocol the server selected (PROTOCOL_*). */
      selectedProtocol: number;
      selectedProtocolName: string;
      /** RDP_NEG_RSP flags and their names. */
      flags: number;
      flagNames: string[];
      dstRef: number;
      srcRef: number;
    }
  | {
      kind: 'failure';
      failureCode: number;
      /** Symbolic name; undefined for a code outside MS-RDPBCGR 2.2.1.2.2. */
      failureName: FailureCodeName | undefined;
      meaning: string;
      flags: number;
      dstRef: number;
      srcRef: number;
    }
  | {
      /** A Connection Confirm without negotiation data: the server predates RDP 5.2 or ignores RDP_NEG_REQ; standard RDP security. */
      kind: 'legacy';
      dstRef: number;
      srcRef: number;
    };

/**
 * How long the TPKT frame at the start of `buf` is, or `undefined` when fewer than 4 bytes have
 * arrived. Throws {@link DecodeError} (`bad-version`) when the bytes are not TPKT: something other
 * than RDP is answering.
 */
export function tpktFrameLength(buf: Uint8Array): number | undefined {
  if (buf.length >= 1 && buf[0] !== TPKT_VERSION) {
    throw new DecodeError(
      'bad-version',
      `not a TPKT header: first byte 0x${(buf[0] ?? 0).toString(16)}, expected 0x03`,
    );
  }
  if (buf.length < TPKT_HEADER_LENGTH) return undefined;
  const len = ((buf[2] ?? 0) << 8) | (buf[3] ?? 0);
  if (len < 7) throw new DecodeError('bad-length', `TPKT length ${len} is shorter than any X.224 TPDU`);
  return len;
}

/**
 * True when a TPKT frame carries an X.224 Data TPDU (code 0xF0) rather than a Connection Confirm.
 * xrdp answers requests it will not serve (e.g. PROTOCOL_RDSAAD) this way, with an MCS Disconnect
 * Provider Ultimatum (T.125) inside: the server hangs up instead of negotiating.
 */
export function isX224Data(frame: Uint8Array): boolean {
  return (
    frame.length >= 7 && frame[0] === TPKT_VERSION && frame[4] === 2 && ((frame[5] ?? 0) & 0xf0) === X224_TPDU_DATA
  );
}

/**
 * Reads the TPKT header (RFC 1006 section 6) of a Connection Request or Confirm and checks it against
 * the bytes received; returns the TPKT length.
 */
function readTpktHeader(r: Reader, received: number, pdu: string): number {
  const version = r.u8('TPKT version');
  if (version !== TPKT_VERSION) {
    throw new DecodeError('bad-version', `TPKT version is 0x${version.toString(16)}, expected 0x03`);
  }
  r.u8('TPKT reserved');
  const length = r.u16be('TPKT length');
  if (length > received) {
    throw new DecodeError('truncated', `TPKT length says ${length} bytes, only ${received} received`);
  }
  if (length < 11) throw new DecodeError('bad-length', `TPKT length ${length} is too short for a ${pdu}`);
  return length;
}

/** The two X.224 Connection TPDUs of the first exchange (ITU-T X.224 13.3 and 13.4), by their TPDU code. */
const CONNECTION_TPDUS = {
  [X224_TPDU_CONNECTION_REQUEST]: 'Connection Request',
  [X224_TPDU_CONNECTION_CONFIRM]: 'Connection Confirm',
} as const;

/**
 * Reads the TPKT header and the fixed part of an X.224 Connection Request or Confirm (length indicator,
 * TPDU code, DST-REF, SRC-REF, class option), checked against the bytes received. A request's TPKT holds
 * the TPDU and nothing else (`exact`); a confirm's may carry more. Both directions share it (the probe
 * and `listen`). Returns the length of the variable part that follows.
 */
export function readConnectionTpdu(
  r: Reader,
  received: number,
  code: keyof typeof CONNECTION_TPDUS,
  exact: boolean,
): { variable: number; dstRef: number; srcRef: number } {
  const pdu = CONNECTION_TPDUS[code];
  const length = readTpktHeader(r, received, pdu);
  const li = r.u8('X.224 length indicator');
  if (li < 6 || (exact ? 5 + li !== length : 5 + li > length)) {
    const how = exact ? 'does not match' : 'does not fit';
    throw new DecodeError('bad-length', `X.224 length indicator ${li} ${how} TPKT length ${length}`);
  }
  const got = r.u8('X.224 TPDU code');
  if ((got & 0xf0) !== code) {
    throw new DecodeError('bad-type', `X.224 TPDU code 0x${got.toString(16)} is not a ${pdu} (0x${code.toString(16)})`);
  }
  const dstRef = r.u16be('DST-REF');
  const srcRef = r.u16be('SRC-REF');
  r.u8('class option');
  return { variable: li - 6, dstRef, srcRef };
}

/** Decodes the Server X.224 Connection Confirm PDU (MS-RDPBCGR 2.2.1.2). Never throws. */
export function decodeConnectionConfirm(bytes: Uint8Array): Decoded<ConnectionConfirm> {
  return decodeWith(() => {
    const r = new Reader(bytes, 'X.224 Connection Confirm');
    const { variable, dstRef, srcRef } = readConnectionTpdu(r, bytes.length, X224_TPDU_CONNECTION_CONFIRM, false);
    if (variable === 0) return { kind: 'legacy', dstRef, srcRef };
    if (variable < 8) throw new DecodeError('truncated', `negotiation data is ${variable} bytes, expected 8`);
    const type = r.u8('negotiation type');
    const flags = r.u8('negotiation flags');
    const negLength = r.u16le('negotiation length');
    if (negLength !== 8)
      throw new DecodeError('bad-length', `negotiation structure length is ${negLength}, expected 8`);
    const value = r.u32le(type === TYPE_RDP_NEG_FAILURE ? 'failureCode' : 'selectedProtocol');
    if (type === TYPE_RDP_NEG_RSP) {
      return {
        kind: 'response',
        selectedProtocol: value,
        selectedProtocolName: protocolName(value),
        flags,
        flagNames: NEG_RSP_FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name),
        dstRef,
        srcRef,
      };
    }
    if (type === TYPE_RDP_NEG_FAILURE) {
      const known = FAILURE_CODES[value];
      return {
        kind: 'failure',
        failureCode: value,
        failureName: known?.name,
        meaning: known?.meaning ?? `unknown negotiation failure code 0x${value.toString(16)}`,
        flags,
        dstRef,
        srcRef,
      };
    }
    throw new DecodeError(
      'bad-type',
      `negotiation type 0x${type.toString(16)} is neither RDP_NEG_RSP nor RDP_NEG_FAILURE`,
    );
  });
}

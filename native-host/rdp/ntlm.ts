/**
 * NTLM NEGOTIATE_MESSAGE encoding and CHALLENGE_MESSAGE decoding, enough to read the server's
 * identity and clock without credentials. MS-NLMP 2.2.1.1 (NEGOTIATE_MESSAGE), 2.2.1.2
 * (CHALLENGE_MESSAGE), 2.2.2.1 (AV_PAIR), 2.2.2.5 (NEGOTIATE flags), 2.2.2.10 (VERSION).
 * https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-nlmp/
 */
import { type Decoded, DecodeError, decodeWith, Reader, toHex } from './bytes.js';

export const NTLMSSP_SIGNATURE = new Uint8Array([0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00]); // "NTLMSSP\0"
export const NTLM_NEGOTIATE = 1;
export const NTLM_CHALLENGE = 2;

/** NegotiateFlags (MS-NLMP 2.2.2.5). */
export const NTLMSSP_NEGOTIATE_UNICODE = 0x00000001;
export const NTLM_NEGOTIATE_OEM = 0x00000002;
export const NTLMSSP_REQUEST_TARGET = 0x00000004;
export const NTLMSSP_NEGOTIATE_SIGN = 0x00000010;
export const NTLMSSP_NEGOTIATE_SEAL = 0x00000020;
export const NTLMSSP_NEGOTIATE_NTLM = 0x00000200;
export const NTLMSSP_NEGOTIATE_ALWAYS_SIGN = 0x00008000;
export const NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000;
export const NTLMSSP_NEGOTIATE_TARGET_INFO = 0x00800000;
export const NTLMSSP_NEGOTIATE_VERSION = 0x02000000;
export const NTLMSSP_NEGOTIATE_128 = 0x20000000;
export const NTLMSSP_NEGOTIATE_KEY_EXCH = 0x40000000;
export const NTLMSSP_NEGOTIATE_56 = 0x80000000;

/** AV_PAIR ids (MS-NLMP 2.2.2.1). */
export const MsvAvEOL = 0;
export const MsvAvNbComputerName = 1;
export const MsvAvNbDomainName = 2;
export const MsvAvDnsComputerName = 3;
export const MsvAvDnsDomainName = 4;
export const MsvAvDnsTreeName = 5;
export const MsvAvFlags = 6;
export const MsvAvTimestamp = 7;

/** Milliseconds between 1601-01-01 (FILETIME epoch) and 1970-01-01. */
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;

/** Converts a FILETIME (100-ns ticks since 1601-01-01 UTC) to milliseconds since the Unix epoch. */
export function filetimeToUnixMs(ft: bigint): number {
  return Number(ft / 10_000n - FILETIME_EPOCH_OFFSET_MS);
}

const DEFAULT_FLAGS =
  NTLMSSP_NEGOTIATE_UNICODE |
  NTLM_NEGOTIATE_OEM |
  NTLMSSP_REQUEST_TARGET |
  NTLMSSP_NEGOTIATE_SIGN |
  NTLMSSP_NEGOTIATE_SEAL |
  NTLMSSP_NEGOTIATE_NTLM |
  NTLMSSP_NEGOTIATE_ALWAYS_SIGN |
  NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY |
  NTLMSSP_NEGOTIATE_VERSION |
  NTLMSSP_NEGOTIATE_128 |
  NTLMSSP_NEGOTIATE_KEY_EXCH |
  NTLMSSP_NEGOTIATE_56;

/**
 * Encodes a NEGOTIATE_MESSAGE with no domain or workstation (MS-NLMP 2.2.1.1): 40 bytes, with a
 * VERSION structure that says Windows 10.0 build 20348, NTLM revision 15.
 */
export function encodeNegotiateMessage(flags: number = DEFAULT_FLAGS): Uint8Array {
  const out = new Uint8Array(40);
  const v = new DataView(out.buffer);
  out.set(NTLMSSP_SIGNATURE, 0);
  v.setUint32(8, NTLM_NEGOTIATE, true);
  v.setUint32(12, flags >>> 0, true);
  // DomainNameFields (16..23) and WorkstationFields (24..31) stay zero: no payload.
  out[32] = 10; // ProductMajorVersion
  out[33] = 0; // ProductMinorVersion
  v.setUint16(34, 20348, true); // ProductBuild
  out[39] = 0x0f; // NTLMRevisionCurrent = NTLMSSP_REVISION_W2K3
  return out;
}

export interface NtlmVersion {
  major: number;
  minor: number;
  build: number;
  revision: number;
}

export interface NtlmChallenge {
  negotiateFlags: number;
  targetName: string;
  serverChallenge: string;
  version: NtlmVersion | undefined;
  /** `major.minor.build`, the form nmap calls Product_Version. */
  productVersion: string | undefined;
  nbComputerName: string | undefined;
  nbDomainName: string | undefined;
  dnsComputerName: string | undefined;
  dnsDomainName: string | undefined;
  dnsTreeName: string | undefined;
  /** Server time from MsvAvTimestamp, ms since the Unix epoch. */
  timestampMs: number | undefined;
  /** Every AV_PAIR id seen, in order. */
  avIds: number[];
}

function field(r: Reader, name: string): { len: number; offset: number } {
  const len = r.u16le(`${name}Len`);
  r.u16le(`${name}MaxLen`);
  const offset = r.u32le(`${name}BufferOffset`);
  return { len, offset };
}

function slice(msg: Uint8Array, f: { len: number; offset: number }, name: string): Uint8Array {
  if (f.len === 0) return new Uint8Array(0);
  if (f.offset + f.len > msg.length) {
    throw new DecodeError(
      'bad-length',
      `${name} (offset ${f.offset}, length ${f.len}) runs past the message end (${msg.length})`,
    );
  }
  return msg.subarray(f.offset, f.offset + f.len);
}

const utf16 = new TextDecoder('utf-16le');
const latin1 = new TextDecoder('latin1');

function utf16String(b: Uint8Array, name: string): string {
  if (b.length % 2 !== 0) throw new DecodeError('bad-length', `${name} has an odd length for UTF-16`);
  return utf16.decode(b);
}

/** Decodes a CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2) and its target info AV pairs. Never throws. */
export function decodeChallengeMessage(msg: Uint8Array): Decoded<NtlmChallenge> {
  return decodeWith(() => {
    const r = new Reader(msg, 'NTLM CHALLENGE_MESSAGE');
    const sig = r.bytes(8, 'Signature');
    if (!sig.every((b, i) => b === NTLMSSP_SIGNATURE[i])) {
      throw new DecodeError('bad-signature', 'missing the "NTLMSSP\\0" signature');
    }
    const type = r.u32le('MessageType');
    if (type !== NTLM_CHALLENGE) throw new DecodeError('bad-type', `NTLM message type ${type}, expected 2 (CHALLENGE)`);
    const targetNameFields = field(r, 'TargetName');
    const negotiateFlags = r.u32le('NegotiateFlags');
    const serverChallenge = toHex(r.bytes(8, 'ServerChallenge'));
    r.skip(8, 'Reserved');
    const targetInfoFields = field(r, 'TargetInfo');
    let version: NtlmVersion | undefined;
    if (negotiateFlags & NTLMSSP_NEGOTIATE_VERSION) {
      const major = r.u8('ProductMajorVersion');
      const minor = r.u8('ProductMinorVersion');
      const build = r.u16le('ProductBuild');
      r.skip(3, 'Reserved');
      const revision = r.u8('NTLMRevisionCurrent');
      version = { major, minor, build, revision };
    }
    const tn = slice(msg, targetNameFields, 'TargetName');
    const targetName = negotiateFlags & NTLMSSP_NEGOTIATE_UNICODE ? utf16String(tn, 'TargetName') : latin1.decode(tn);

    const out: NtlmChallenge = {
      negotiateFlags,
      targetName,
      serverChallenge,
      version,
      productVersion: version ? `${version.major}.${version.minor}.${version.build}` : undefined,
      nbComputerName: undefined,
      nbDomainName: undefined,
      dnsComputerName: undefined,
      dnsDomainName: undefined,
      dnsTreeName: undefined,
      timestampMs: undefined,
      avIds: [],
    };
    const info = slice(msg, targetInfoFields, 'TargetInfo');
    const ar = new Reader(info, 'NTLM target info');
    while (ar.remaining > 0) {
      const id = ar.u16le('AvId');
      const len = ar.u16le('AvLen');
      const value = ar.bytes(len, `AV_PAIR ${id} value`);
      out.avIds.push(id);
      if (id === MsvAvEOL) break;
      switch (id) {
        case MsvAvNbComputerName:
          out.nbComputerName = utf16String(value, 'MsvAvNbComputerName');
          break;
        case MsvAvNbDomainName:
          out.nbDomainName = utf16String(value, 'MsvAvNbDomainName');
          break;
        case MsvAvDnsComputerName:
          out.dnsComputerName = utf16String(value, 'MsvAvDnsComputerName');
          break;
        case MsvAvDnsDomainName:
          out.dnsDomainName = utf16String(value, 'MsvAvDnsDomainName');
          break;
        case MsvAvDnsTreeName:
          out.dnsTreeName = utf16String(value, 'MsvAvDnsTreeName');
          break;
        case MsvAvTimestamp: {
          if (len !== 8) throw new DecodeError('bad-length', `MsvAvTimestamp is ${len} bytes, expected 8`);
          out.timestampMs = filetimeToUnixMs(new Reader(value).u64le('FILETIME'));
          break;
        }
        default:
          break;
      }
    }
    return out;
  });
}

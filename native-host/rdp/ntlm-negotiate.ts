/**
 * The client's first CredSSP token, read on the server side: an NTLM NEGOTIATE_MESSAGE
 * (MS-NLMP 2.2.1.1) sent bare or inside SPNEGO (RFC 4178 NegTokenInit, MS-SPNG), and the
 * VERSION structure (MS-NLMP 2.2.2.10) that names the client's OS build. No credential is in this
 * message; the listener never asks for the next one (AUTHENTICATE), which would carry the user's
 * response to a challenge.
 */
import { type Decoded, DecodeError, decodeWith, Reader } from './bytes.js';
import { NTLM_NEGOTIATE, NTLMSSP_NEGOTIATE_VERSION, NTLMSSP_SIGNATURE, type NtlmVersion } from './ntlm.js';

/** NegotiateFlags bits named in reports (MS-NLMP 2.2.2.5). */
const FLAG_NAMES: readonly [number, string][] = [
  [0x00000001, 'UNICODE'],
  [0x00000002, 'OEM'],
  [0x00000004, 'REQUEST_TARGET'],
  [0x00000010, 'SIGN'],
  [0x00000020, 'SEAL'],
  [0x00000080, 'LM_KEY'],
  [0x00000200, 'NTLM'],
  [0x00000800, 'ANONYMOUS'],
  [0x00001000, 'OEM_DOMAIN_SUPPLIED'],
  [0x00002000, 'OEM_WORKSTATION_SUPPLIED'],
  [0x00008000, 'ALWAYS_SIGN'],
  [0x00080000, 'EXTENDED_SESSIONSECURITY'],
  [0x00400000, 'IDENTIFY'],
  [0x00800000, 'TARGET_INFO'],
  [0x02000000, 'VERSION'],
  [0x20000000, '128'],
  [0x40000000, 'KEY_EXCH'],
  [0x80000000, '56'],
];
const OEM_DOMAIN_SUPPLIED = 0x00001000;
const OEM_WORKSTATION_SUPPLIED = 0x00002000;

export interface NtlmNegotiate {
  negotiateFlags: number;
  flagNames: string[];
  /** VERSION structure, present when NTLMSSP_NEGOTIATE_VERSION is set. */
  version: NtlmVersion | undefined;
  /** Domain and workstation names, when the client supplied them. Client-controlled text. */
  domain: string | undefined;
  workstation: string | undefined;
}

const latin1 = new TextDecoder('latin1');

function oemField(r: Reader, msg: Uint8Array, name: string, present: boolean): string | undefined {
  const len = r.u16le(`${name}Len`);
  r.u16le(`${name}MaxLen`);
  const offset = r.u32le(`${name}BufferOffset`);
  if (!present || len === 0) return undefined;
  if (offset + len > msg.length) throw new DecodeError('bad-length', `${name} runs past the message end`);
  return latin1.decode(msg.subarray(offset, offset + len));
}

/** Decodes an NTLM NEGOTIATE_MESSAGE (MS-NLMP 2.2.1.1). Never throws. */
export function decodeNegotiateMessage(msg: Uint8Array): Decoded<NtlmNegotiate> {
  return decodeWith(() => {
    const r = new Reader(msg, 'NTLM NEGOTIATE_MESSAGE');
    const sig = r.bytes(8, 'Signature');
    if (!sig.every((b, i) => b === NTLMSSP_SIGNATURE[i])) {
      throw new DecodeError('bad-signature', 'missing the "NTLMSSP\\0" signature');
    }
    const type = r.u32le('MessageType');
    if (type !== NTLM_NEGOTIATE) throw new DecodeError('bad-type', `NTLM message type ${type}, expected 1 (NEGOTIATE)`);
    const flags = r.u32le('NegotiateFlags');
    const domain = oemField(r, msg, 'DomainName', (flags & OEM_DOMAIN_SUPPLIED) !== 0);
    const workstation = oemField(r, msg, 'Workstation', (flags & OEM_WORKSTATION_SUPPLIED) !== 0);
    let version: NtlmVersion | undefined;
    if (flags & NTLMSSP_NEGOTIATE_VERSION) {
      const major = r.u8('ProductMajorVersion');
      const minor = r.u8('ProductMinorVersion');
      const build = r.u16le('ProductBuild');
      r.skip(3, 'Reserved');
      version = { major, minor, build, revision: r.u8('NTLMRevisionCurrent') };
    }
    return {
      negotiateFlags: flags >>> 0,
      flagNames: FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n),
      version,
      domain,
      workstation,
    };
  });
}

/** OIDs of the mechanisms a SPNEGO NegTokenInit may list, as DER OBJECT IDENTIFIER bytes (tag and length included). */
const MECH_OIDS: readonly [string, number[]][] = [
  ['NTLM', [0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a]], // 1.3.6.1.4.1.311.2.2.10
  ['Kerberos', [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02]], // 1.2.840.113554.1.2.2
  ['Kerberos (MS)', [0x06, 0x09, 0x2a, 0x86, 0x48, 0x82, 0xf7, 0x12, 0x01, 0x02, 0x02]], // 1.2.840.48018.1.2.2
  ['NegoEx', [0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x1e]], // 1.3.6.1.4.1.311.2.2.30
];

export interface NegoToken {
  /** `ntlm`: a bare NTLM message; `spnego`: SPNEGO wrapping; `other`: neither (e.g. a bare Kerberos AP-REQ). */
  wrapping: 'ntlm' | 'spnego' | 'other';
  /** Mechanisms listed in a SPNEGO NegTokenInit, found by their OIDs, in the order first seen. */
  mechanisms: string[];
  /** The NTLM NEGOTIATE inside, when there is one. */
  ntlm: Decoded<NtlmNegotiate> | undefined;
}

function indexOf(hay: Uint8Array, needle: readonly number[], from = 0): number {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Classifies one negoToken of a client's first TSRequest. The NTLM message inside SPNEGO is found
 * by its signature rather than by a full ASN.1 walk of NegTokenInit; the mechanism list by OIDs.
 */
export function readNegoToken(token: Uint8Array): NegoToken {
  const sig = [...NTLMSSP_SIGNATURE];
  if (indexOf(token, sig) === 0) return { wrapping: 'ntlm', mechanisms: ['NTLM'], ntlm: decodeNegotiateMessage(token) };
  const spnego = token[0] === 0x60 || token[0] === 0xa0;
  const found = MECH_OIDS.map(([name, oid]) => ({ name, at: indexOf(token, oid) }))
    .filter((m) => m.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((m) => m.name);
  const at = indexOf(token, sig);
  return {
    wrapping: spnego ? 'spnego' : 'other',
    mechanisms: found,
    ntlm: at >= 0 ? decodeNegotiateMessage(token.subarray(at)) : undefined,
  };
}

/** A plain name for an NTLM VERSION (Windows product from major.minor and build; other OSes send what their library chose). */
export function windowsNameOf(v: NtlmVersion): string {
  const id = `${v.major}.${v.minor}.${v.build}`;
  if (v.major === 10 && v.minor === 0) {
    if (v.build === 20348) return `Windows Server 2022 (build ${v.build})`;
    if (v.build >= 22000) return `Windows 11 or Windows Server 2025 (build ${v.build})`;
    if (v.build >= 10240) return `Windows 10 or Windows Server 2016/2019 (build ${v.build})`;
  }
  const older: Record<string, string> = {
    '6.3': 'Windows 8.1 / Server 2012 R2',
    '6.2': 'Windows 8 / Server 2012',
    '6.1': 'Windows 7 / Server 2008 R2',
    '6.0': 'Windows Vista / Server 2008',
    '5.2': 'Windows XP x64 / Server 2003',
    '5.1': 'Windows XP',
  };
  const name = older[`${v.major}.${v.minor}`];
  return name ? `${name} (${id})` : `version ${id}`;
}

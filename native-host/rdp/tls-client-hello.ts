/**
 * Reading a TLS ClientHello off the wire before any TLS library sees it, so the listener can report
 * exactly what a client offered. TLSPlaintext records (RFC 8446 §5.1, RFC 5246 §6.2.1), the
 * Handshake header (RFC 8446 §4), ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2), server_name
 * (RFC 6066 §3), supported_versions (RFC 8446 §4.2.1), supported_groups (RFC 8446 §4.2.7),
 * ALPN (RFC 7301 §3.1), signature_algorithms (RFC 8446 §4.2.3).
 */
import { concatBytes, type Decoded, DecodeError, decodeWith, Reader } from './bytes.js';
import {
  cipherSuiteName,
  EXT_ALPN,
  EXT_EXTENDED_MASTER_SECRET,
  EXT_RENEGOTIATION_INFO,
  EXT_SERVER_NAME,
  EXT_SIGNATURE_ALGORITHMS,
  EXT_SUPPORTED_GROUPS,
  EXT_SUPPORTED_VERSIONS,
  extensionName,
  groupName,
  isGrease,
  tlsVersionName,
} from './tls-names.js';

export const TLS_CONTENT_HANDSHAKE = 22;
export const TLS_HANDSHAKE_CLIENT_HELLO = 1;
/** Largest handshake message accepted (a ClientHello is a few hundred bytes; post-quantum key shares ~1.5 KB). */
export const MAX_CLIENT_HELLO = 32 * 1024;
const RECORD_HEADER = 5;
const MAX_RECORD = 16384 + 2048;

export type ClientHelloFrame =
  | { complete: false }
  /** `consumed`: bytes of records that carried the message; `message`: the handshake message with its 4-byte header. */
  | { complete: true; consumed: number; message: Uint8Array; recordVersion: number };

/**
 * Collects the first handshake message from TLS records at the start of `buf`. Returns
 * `{complete:false}` until enough bytes have arrived. Throws {@link DecodeError} when the bytes are
 * not TLS handshake records (`bad-type`; an SSL 2.0-format hello is `unsupported`) or a length is
 * out of bounds.
 */
export function collectClientHello(buf: Uint8Array): ClientHelloFrame {
  const parts: Uint8Array[] = [];
  let have = 0;
  let offset = 0;
  let recordVersion = 0;
  for (;;) {
    if (buf.length < offset + 1) return { complete: false };
    const type = buf[offset] ?? 0;
    if (offset === 0 && (type & 0x80) !== 0) {
      throw new DecodeError('unsupported', 'an SSL 2.0-format ClientHello (the client is very old)');
    }
    if (type !== TLS_CONTENT_HANDSHAKE) {
      throw new DecodeError('bad-type', `TLS record type ${type} is not a handshake (22)`);
    }
    if (buf.length < offset + RECORD_HEADER) return { complete: false };
    const version = ((buf[offset + 1] ?? 0) << 8) | (buf[offset + 2] ?? 0);
    if (version >> 8 !== 3) throw new DecodeError('bad-version', `TLS record version 0x${version.toString(16)}`);
    if (offset === 0) recordVersion = version;
    const len = ((buf[offset + 3] ?? 0) << 8) | (buf[offset + 4] ?? 0);
    if (len === 0 || len > MAX_RECORD) throw new DecodeError('bad-length', `TLS record length ${len}`);
    if (buf.length < offset + RECORD_HEADER + len) return { complete: false };
    parts.push(buf.subarray(offset + RECORD_HEADER, offset + RECORD_HEADER + len));
    have += len;
    offset += RECORD_HEADER + len;
    if (have >= 4) {
      const head = parts[0]!.length >= 4 ? parts[0]! : concatBytes(parts).subarray(0, 4);
      const need = 4 + (((head[1] ?? 0) << 16) | ((head[2] ?? 0) << 8) | (head[3] ?? 0));
      if (need > MAX_CLIENT_HELLO) throw new DecodeError('bad-length', `TLS handshake message of ${need} bytes`);
      if (have >= need)
        return { complete: true, consumed: offset, message: concatBytes(parts).subarray(0, need), recordVersion };
    }
  }
}

export interface ClientHello {
  /** legacy_version / client_version: the highest version a client without supported_versions accepts. */
  legacyVersion: string;
  /**
   * The versions the client offers, highest first: from supported_versions when present (GREASE
   * left out), otherwise only the legacy_version (the lowest version such a client accepts is not
   * announced on the wire).
   */
  versions: string[];
  versionsFrom: 'supported_versions' | 'legacy_version';
  /** Cipher suites in the client's order of preference (GREASE left out), with their IANA names. */
  cipherSuites: { id: number; name: string }[];
  /** Compression methods offered (0 = none). */
  compressionMethods: number[];
  /** server_name (SNI) host name, when sent. Client-controlled text. */
  serverName: string | undefined;
  /** ALPN protocol names, when sent. Client-controlled text. */
  alpn: string[];
  supportedGroups: string[];
  /** signature_algorithms SignatureScheme values as hex. */
  signatureAlgorithms: string[];
  extendedMasterSecret: boolean;
  secureRenegotiation: boolean;
  /** Extension names in the order sent (GREASE left out). */
  extensions: string[];
  /** Whether the client sent GREASE values (RFC 8701). */
  grease: boolean;
}

const latin1 = new TextDecoder('latin1');

function u16List(b: Uint8Array, what: string): number[] {
  if (b.length % 2 !== 0) throw new DecodeError('bad-length', `${what} has an odd length`);
  const out: number[] = [];
  for (let i = 0; i < b.length; i += 2) out.push(((b[i] ?? 0) << 8) | (b[i + 1] ?? 0));
  return out;
}

function u16be(r: Reader, f: string): number {
  return r.u16be(f);
}

/** Decodes a ClientHello handshake message (with its 4-byte header). Never throws. */
export function decodeClientHello(message: Uint8Array): Decoded<ClientHello> {
  return decodeWith(() => {
    const r = new Reader(message, 'TLS ClientHello');
    const type = r.u8('HandshakeType');
    if (type !== TLS_HANDSHAKE_CLIENT_HELLO) {
      throw new DecodeError('bad-type', `TLS handshake type ${type} is not a ClientHello (1)`);
    }
    const len = (r.u8('length') << 16) | r.u16be('length');
    if (len !== message.length - 4) throw new DecodeError('bad-length', `ClientHello length ${len} does not match`);
    const legacy = u16be(r, 'legacy_version');
    r.skip(32, 'random');
    r.skip(r.u8('legacy_session_id length'), 'legacy_session_id');
    const suites = u16List(r.bytes(u16be(r, 'cipher_suites length'), 'cipher_suites'), 'cipher_suites');
    const compressionMethods = [...r.bytes(r.u8('compression_methods length'), 'compression_methods')];
    const out: ClientHello = {
      legacyVersion: tlsVersionName(legacy),
      versions: [tlsVersionName(legacy)],
      versionsFrom: 'legacy_version',
      cipherSuites: suites.filter((s) => !isGrease(s)).map((id) => ({ id, name: cipherSuiteName(id) })),
      compressionMethods,
      serverName: undefined,
      alpn: [],
      supportedGroups: [],
      signatureAlgorithms: [],
      extendedMasterSecret: false,
      secureRenegotiation: suites.includes(0x00ff),
      extensions: [],
      grease: suites.some(isGrease),
    };
    if (r.remaining === 0) return out;
    const extBytes = r.bytes(u16be(r, 'extensions length'), 'extensions');
    if (r.remaining !== 0) throw new DecodeError('bad-length', `${r.remaining} bytes after the extensions`);
    const er = new Reader(extBytes, 'TLS extensions');
    const seen = new Set<number>();
    while (er.remaining > 0) {
      const id = er.u16be('extension_type');
      const data = er.bytes(er.u16be('extension_data length'), `extension ${id}`);
      if (seen.has(id)) throw new DecodeError('bad-type', `extension ${extensionName(id)} sent twice`);
      seen.add(id);
      if (isGrease(id)) {
        out.grease = true;
        continue;
      }
      out.extensions.push(extensionName(id));
      const x = new Reader(data, `extension ${extensionName(id)}`);
      switch (id) {
        case EXT_SERVER_NAME: {
          if (data.length === 0) break; // a server's empty echo; clients send a list
          const list = new Reader(x.bytes(x.u16be('server_name_list length'), 'server_name_list'), 'server_name_list');
          while (list.remaining > 0) {
            const nameType = list.u8('name_type');
            const name = list.bytes(list.u16be('HostName length'), 'HostName');
            if (nameType === 0 && out.serverName === undefined) out.serverName = latin1.decode(name);
          }
          break;
        }
        case EXT_SUPPORTED_VERSIONS: {
          const vs = [...x.bytes(x.u8('versions length'), 'versions')];
          const list = u16List(Uint8Array.from(vs), 'supported_versions');
          if (list.some(isGrease)) out.grease = true;
          out.versions = list.filter((v) => !isGrease(v)).map(tlsVersionName);
          out.versionsFrom = 'supported_versions';
          break;
        }
        case EXT_SUPPORTED_GROUPS: {
          const list = u16List(x.bytes(x.u16be('named_group_list length'), 'named_group_list'), 'supported_groups');
          out.supportedGroups = list.filter((g) => !isGrease(g)).map(groupName);
          break;
        }
        case EXT_SIGNATURE_ALGORITHMS: {
          const list = u16List(x.bytes(x.u16be('supported_signature_algorithms length'), 'sigalgs'), 'sigalgs');
          out.signatureAlgorithms = list.map((s) => `0x${s.toString(16).padStart(4, '0')}`);
          break;
        }
        case EXT_ALPN: {
          const list = new Reader(x.bytes(x.u16be('protocol_name_list length'), 'ALPN'), 'ALPN');
          while (list.remaining > 0) out.alpn.push(latin1.decode(list.bytes(list.u8('ProtocolName length'), 'name')));
          break;
        }
        case EXT_EXTENDED_MASTER_SECRET:
          out.extendedMasterSecret = true;
          break;
        case EXT_RENEGOTIATION_INFO:
          out.secureRenegotiation = true;
          break;
        default:
          break;
      }
    }
    return out;
  });
}

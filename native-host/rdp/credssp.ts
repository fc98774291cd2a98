/**
 * CredSSP TSRequest (MS-CSSP 2.2.1) encoding and decoding, DER per X.690.
 *   TSRequest ::= SEQUENCE {
 *     version [0] INTEGER, negoTokens [1] NegoData OPTIONAL, authInfo [2] OCTET STRING OPTIONAL,
 *     pubKeyAuth [3] OCTET STRING OPTIONAL, errorCode [4] INTEGER OPTIONAL, clientNonce [5] OCTET STRING OPTIONAL }
 *   NegoData ::= SEQUENCE OF SEQUENCE { negoToken [0] OCTET STRING }
 * https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-cssp/
 */
import { concatBytes, type Decoded, DecodeError, decodeWith } from './bytes.js';
import {
  children,
  decodeSmallInteger,
  encodeSmallInteger,
  encodeTlv,
  expectTlv,
  TAG_INTEGER,
  TAG_OCTET_STRING,
  TAG_SEQUENCE,
} from './der.js';

/** The CredSSP version this client announces (MS-CSSP 2.2.1: versions 2–6). */
export const CREDSSP_VERSION = 6;

const ctx = (n: number): number => 0xa0 | n;

export interface TsRequest {
  version: number;
  negoTokens: Uint8Array[];
  authInfo: Uint8Array | undefined;
  pubKeyAuth: Uint8Array | undefined;
  /** NTSTATUS from the server (unsigned 32-bit), present when it reports an error. */
  errorCode: number | undefined;
  clientNonce: Uint8Array | undefined;
}

/** Encodes a TSRequest carrying the given SPNEGO/NTLM tokens. */
export function encodeTsRequest(negoTokens: Uint8Array[], version: number = CREDSSP_VERSION): Uint8Array {
  const parts = [encodeTlv(ctx(0), encodeSmallInteger(version))];
  if (negoTokens.length > 0) {
    const items = negoTokens.map((t) => encodeTlv(TAG_SEQUENCE, encodeTlv(ctx(0), encodeTlv(TAG_OCTET_STRING, t))));
    parts.push(encodeTlv(ctx(1), encodeTlv(TAG_SEQUENCE, concatBytes(items))));
  }
  return encodeTlv(TAG_SEQUENCE, concatBytes(parts));
}

/** Decodes a TSRequest (MS-CSSP 2.2.1). Never throws. */
export function decodeTsRequest(bytes: Uint8Array): Decoded<TsRequest> {
  return decodeWith(() => {
    const top = expectTlv(bytes, 0, TAG_SEQUENCE, 'TSRequest');
    const out: TsRequest = {
      version: -1,
      negoTokens: [],
      authInfo: undefined,
      pubKeyAuth: undefined,
      errorCode: undefined,
      clientNonce: undefined,
    };
    let sawVersion = false;
    for (const f of children(top.value)) {
      switch (f.tag) {
        case ctx(0):
          out.version = decodeSmallInteger(expectTlv(f.value, 0, TAG_INTEGER, 'version').value);
          sawVersion = true;
          break;
        case ctx(1): {
          const seq = expectTlv(f.value, 0, TAG_SEQUENCE, 'NegoData');
          for (const item of children(seq.value)) {
            if (item.tag !== TAG_SEQUENCE) throw new DecodeError('bad-type', 'NegoData item is not a SEQUENCE');
            const tok = expectTlv(item.value, 0, ctx(0), 'negoToken');
            out.negoTokens.push(expectTlv(tok.value, 0, TAG_OCTET_STRING, 'negoToken OCTET STRING').value);
          }
          break;
        }
        case ctx(2):
          out.authInfo = expectTlv(f.value, 0, TAG_OCTET_STRING, 'authInfo').value;
          break;
        case ctx(3):
          out.pubKeyAuth = expectTlv(f.value, 0, TAG_OCTET_STRING, 'pubKeyAuth').value;
          break;
        case ctx(4):
          out.errorCode = decodeSmallInteger(expectTlv(f.value, 0, TAG_INTEGER, 'errorCode').value) >>> 0;
          break;
        case ctx(5):
          out.clientNonce = expectTlv(f.value, 0, TAG_OCTET_STRING, 'clientNonce').value;
          break;
        default:
          throw new DecodeError('bad-type', `TSRequest field with tag 0x${f.tag.toString(16)}`);
      }
    }
    if (!sawVersion) throw new DecodeError('bad-der', 'TSRequest has no version');
    return out;
  });
}

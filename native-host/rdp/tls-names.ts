/**
 * Names of TLS protocol versions, cipher suites, named groups and extensions as registered by IANA
 * ("Transport Layer Security (TLS) Parameters" registry; RFC 8446 §B.4, RFC 5246 §A.5, RFC 8422,
 * RFC 7905, RFC 5289, RFC 5288, RFC 4492, RFC 7507, RFC 5746). Only the values clients send in
 * practice are named; any other value is shown as hex.
 */

export const TLS_VERSIONS: Readonly<Record<number, string>> = {
  512: 'SSL 2.0',
  768: 'SSL 3.0',
  769: 'TLS 1.0',
  770: 'TLS 1.1',
  771: 'TLS 1.2',
  772: 'TLS 1.3',
};

/** GREASE values (RFC 8701): 0x0A0A, 0x1A1A, … 0xFAFA. Clients send them to keep servers tolerant. */
export function isGrease(v: number): boolean {
  return (v & 0x0f0f) === 0x0a0a && v >> 8 === (v & 0xff);
}

export function tlsVersionName(v: number): string {
  return TLS_VERSIONS[v] ?? (isGrease(v) ? 'GREASE' : `0x${v.toString(16).padStart(4, '0')}`);
}

export const CIPHER_SUITES: Readonly<Record<number, string>> = {
  4: 'TLS_RSA_WITH_RC4_128_MD5',
  5: 'TLS_RSA_WITH_RC4_128_SHA',
  10: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
  22: 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA',
  47: 'TLS_RSA_WITH_AES_128_CBC_SHA',
  50: 'TLS_DHE_DSS_WITH_AES_128_CBC_SHA',
  51: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA',
  53: 'TLS_RSA_WITH_AES_256_CBC_SHA',
  56: 'TLS_DHE_DSS_WITH_AES_256_CBC_SHA',
  57: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA',
  60: 'TLS_RSA_WITH_AES_128_CBC_SHA256',
  61: 'TLS_RSA_WITH_AES_256_CBC_SHA256',
  64: 'TLS_DHE_DSS_WITH_AES_128_CBC_SHA256',
  65: 'TLS_RSA_WITH_CAMELLIA_128_CBC_SHA',
  69: 'TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA',
  103: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256',
  106: 'TLS_DHE_DSS_WITH_AES_256_CBC_SHA256',
  107: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256',
  132: 'TLS_RSA_WITH_CAMELLIA_256_CBC_SHA',
  136: 'TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA',
  140: 'TLS_PSK_WITH_AES_128_CBC_SHA',
  141: 'TLS_PSK_WITH_AES_256_CBC_SHA',
  156: 'TLS_RSA_WITH_AES_128_GCM_SHA256',
  157: 'TLS_RSA_WITH_AES_256_GCM_SHA384',
  158: 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
  159: 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384',
  162: 'TLS_DHE_DSS_WITH_AES_128_GCM_SHA256',
  163: 'TLS_DHE_DSS_WITH_AES_256_GCM_SHA384',
  168: 'TLS_PSK_WITH_AES_128_GCM_SHA256',
  169: 'TLS_PSK_WITH_AES_256_GCM_SHA384',
  255: 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV',
  4865: 'TLS_AES_128_GCM_SHA256',
  4866: 'TLS_AES_256_GCM_SHA384',
  4867: 'TLS_CHACHA20_POLY1305_SHA256',
  4868: 'TLS_AES_128_CCM_SHA256',
  4869: 'TLS_AES_128_CCM_8_SHA256',
  22016: 'TLS_FALLBACK_SCSV',
  49160: 'TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA',
  49161: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
  49162: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
  49169: 'TLS_ECDHE_RSA_WITH_RC4_128_SHA',
  49170: 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
  49171: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  49172: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
  49187: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
  49188: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384',
  49191: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
  49192: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384',
  49195: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  49196: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  49199: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  49200: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  49308: 'TLS_RSA_WITH_AES_128_CCM',
  49309: 'TLS_RSA_WITH_AES_256_CCM',
  49310: 'TLS_DHE_RSA_WITH_AES_128_CCM',
  49311: 'TLS_DHE_RSA_WITH_AES_256_CCM',
  49324: 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM',
  49325: 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM',
  52392: 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  52393: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  52394: 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
};

export function cipherSuiteName(v: number): string {
  return CIPHER_SUITES[v] ?? (isGrease(v) ? 'GREASE' : `0x${v.toString(16).padStart(4, '0')}`);
}

export const NAMED_GROUPS: Readonly<Record<number, string>> = {
  23: 'secp256r1',
  24: 'secp384r1',
  25: 'secp521r1',
  29: 'x25519',
  30: 'x448',
  256: 'ffdhe2048',
  257: 'ffdhe3072',
  258: 'ffdhe4096',
  259: 'ffdhe6144',
  260: 'ffdhe8192',
  4588: 'X25519MLKEM768',
};

export function groupName(v: number): string {
  return NAMED_GROUPS[v] ?? (isGrease(v) ? 'GREASE' : `0x${v.toString(16).padStart(4, '0')}`);
}

/** TLS ExtensionType values (IANA). */
export const EXT_SERVER_NAME = 0;
export const EXT_SUPPORTED_GROUPS = 10;
export const EXT_SIGNATURE_ALGORITHMS = 13;
export const EXT_ALPN = 16;
export const EXT_EXTENDED_MASTER_SECRET = 23;
export const EXT_SUPPORTED_VERSIONS = 43;
export const EXT_RENEGOTIATION_INFO = 0xff01;

export const EXTENSIONS: Readonly<Record<number, string>> = {
  0: 'server_name',
  5: 'status_request',
  10: 'supported_groups',
  11: 'ec_point_formats',
  13: 'signature_algorithms',
  16: 'application_layer_protocol_negotiation',
  18: 'signed_certificate_timestamp',
  21: 'padding',
  22: 'encrypt_then_mac',
  23: 'extended_master_secret',
  35: 'session_ticket',
  41: 'pre_shared_key',
  42: 'early_data',
  43: 'supported_versions',
  45: 'psk_key_exchange_modes',
  49: 'post_handshake_auth',
  51: 'key_share',
  65281: 'renegotiation_info',
};

export function extensionName(v: number): string {
  return EXTENSIONS[v] ?? (isGrease(v) ? 'GREASE' : `0x${v.toString(16).padStart(4, '0')}`);
}

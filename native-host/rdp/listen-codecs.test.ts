import { describe, expect, it } from 'vitest';
import { captureClientHello } from '../listen/client-hello-capture.js';
import { fromHex, toHex } from './bytes.js';
import { PROTOCOL_HYBRID, PROTOCOL_HYBRID_EX, PROTOCOL_RDSAAD, PROTOCOL_RDSTLS, PROTOCOL_SSL } from './constants.js';
import { encodeTsRequest } from './credssp.js';
import { encodeNegotiateMessage } from './ntlm.js';
import { decodeNegotiateMessage, readNegoToken, windowsNameOf } from './ntlm-negotiate.js';
import { collectClientHello, decodeClientHello } from './tls-client-hello.js';
import { isGrease } from './tls-names.js';
import { decodeConnectionConfirm, encodeConnectionRequest } from './x224.js';
import { decodeConnectionRequest, encodeConnectionConfirm } from './x224-server.js';

describe('decodeConnectionRequest (MS-RDPBCGR 2.2.1.1)', () => {
  it('reads requestedProtocols, flags and the mstshash cookie', () => {
    const all = PROTOCOL_SSL | PROTOCOL_HYBRID | PROTOCOL_RDSTLS | PROTOCOL_HYBRID_EX | PROTOCOL_RDSAAD;
    const d = decodeConnectionRequest(encodeConnectionRequest({ requestedProtocols: all, flags: 1, cookie: 'alice' }));
    expect(d.ok && d.value).toMatchObject({
      routing: { kind: 'cookie', identifier: 'alice' },
      negotiation: {
        requestedProtocols: 0x1f,
        protocolNames: ['SSL', 'HYBRID', 'HYBRID_EX', 'RDSTLS', 'RDSAAD'],
        flagNames: ['RESTRICTED_ADMIN_MODE_REQUIRED'],
        unknownBits: 0,
      },
      trailingBytes: 0,
    });
  });
  it('a request without RDP_NEG_REQ is standard RDP; unknown bits are kept apart', () => {
    const legacy = decodeConnectionRequest(encodeConnectionRequest({ requestedProtocols: 0, legacy: true }));
    expect(legacy.ok && legacy.value.negotiation).toBeUndefined();
    const odd = decodeConnectionRequest(encodeConnectionRequest({ requestedProtocols: 0x101 }));
    expect(odd.ok && odd.value.negotiation).toMatchObject({ protocolNames: ['SSL'], unknownBits: 0x100 });
    const rdp = decodeConnectionRequest(encodeConnectionRequest({ requestedProtocols: 0 }));
    expect(rdp.ok && rdp.value.negotiation?.protocolNames).toEqual(['RDP']);
  });
  it('reads a routing token and the correlation info', () => {
    // TPKT + CR with "Cookie: msts=1.2.3\r\n", RDP_NEG_REQ with CORRELATION_INFO_PRESENT, correlation info.
    const token = Buffer.from('Cookie: msts=1.2.3\r\n');
    const neg = fromHex('0108080003000000');
    const corr = fromHex(`06002400${'11'.repeat(16)}${'00'.repeat(16)}`);
    const li = 6 + token.length + neg.length + corr.length;
    const head = fromHex(
      `030000${(5 + li).toString(16).padStart(2, '0')}${li.toString(16).padStart(2, '0')}e00000000000`,
    );
    const bytes = Uint8Array.from([...head, ...token, ...neg, ...corr]);
    const d = decodeConnectionRequest(bytes);
    expect(d.ok && d.value).toMatchObject({
      routing: { kind: 'routing-token', token: 'msts=1.2.3' },
      correlationId: '11'.repeat(16),
      negotiation: { flagNames: ['CORRELATION_INFO_PRESENT'], protocolNames: ['SSL', 'HYBRID'] },
    });
  });
  it('refuses what is not a Connection Request with a typed code', () => {
    expect(decodeConnectionRequest(fromHex('0300000b06d00000000000'))).toMatchObject({ ok: false, code: 'bad-type' });
    expect(decodeConnectionRequest(fromHex('160301'))).toMatchObject({ ok: false, code: 'bad-version' });
    expect(decodeConnectionRequest(fromHex('0300002a'))).toMatchObject({ ok: false, code: 'truncated' });
    const noCrLf = Uint8Array.from([...fromHex('0300001611e00000000000'), ...Buffer.from('Cookie: mstsh')]);
    expect(decodeConnectionRequest(noCrLf)).toMatchObject({ ok: false, code: 'bad-length' });
  });
});

describe('encodeConnectionConfirm (MS-RDPBCGR 2.2.1.2)', () => {
  it('round-trips through the probe decoder', () => {
    const d = decodeConnectionConfirm(encodeConnectionConfirm({ selectedProtocol: PROTOCOL_HYBRID, srcRef: 7 }));
    expect(d.ok && d.value).toMatchObject({ kind: 'response', selectedProtocolName: 'HYBRID', dstRef: 7 });
    const legacy = decodeConnectionConfirm(encodeConnectionConfirm({}));
    expect(legacy.ok && legacy.value.kind).toBe('legacy');
    expect(toHex(encodeConnectionConfirm({ selectedProtocol: PROTOCOL_SSL }))).toBe(
      '030000130ed000001234000200080001000000',
    );
  });
});

describe('TLS ClientHello (RFC 8446 §4.1.2), captured live from OpenSSL', () => {
  it('reads versions, suites in order, SNI, ALPN and groups exactly as configured', async () => {
    const bytes = await captureClientHello({
      servername: 'rdp.example.test',
      ALPNProtocols: ['x-test'],
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-RSA-AES256-GCM-SHA384:AES128-SHA',
      ecdhCurve: 'P-256:X25519',
    });
    const frame = collectClientHello(bytes);
    expect(frame.complete).toBe(true);
    if (!frame.complete) return;
    expect(frame.consumed).toBe(bytes.length);
    const d = decodeClientHello(frame.message);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value.versions).toEqual(['TLS 1.2']);
    expect(d.value.cipherSuites.map((c) => c.name)).toEqual([
      'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
      'TLS_RSA_WITH_AES_128_CBC_SHA',
      'TLS_EMPTY_RENEGOTIATION_INFO_SCSV',
    ]);
    expect(d.value.serverName).toBe('rdp.example.test');
    expect(d.value.alpn).toEqual(['x-test']);
    expect(d.value.supportedGroups).toEqual(['secp256r1', 'x25519']);
  });
  it('a TLS 1.3 client lists its versions in supported_versions; no SNI for an IP address', async () => {
    const d = decodeClientHello(
      (collectClientHello(await captureClientHello({ minVersion: 'TLSv1.2' })) as { message: Uint8Array }).message,
    );
    expect(d.ok && d.value).toMatchObject({ versions: ['TLS 1.3', 'TLS 1.2'], versionsFrom: 'supported_versions' });
    expect(d.ok && d.value.serverName).toBeUndefined();
  });
  it('waits for more bytes, then refuses non-handshake records and SSL 2.0 hellos', async () => {
    const bytes = await captureClientHello({});
    for (const n of [0, 1, 4, 5, 40, bytes.length - 1])
      expect(collectClientHello(bytes.subarray(0, n)).complete).toBe(false);
    expect(() => collectClientHello(fromHex('170303'))).toThrow(/not a handshake/);
    expect(() => collectClientHello(fromHex('8046010301'))).toThrow(/SSL 2.0/);
  });
  it('names GREASE values as such', () => {
    expect([0x0a0a, 0xfafa, 0x1a1a].every(isGrease)).toBe(true);
    expect([0x0a0b, 0x1301, 0x0a1a].some(isGrease)).toBe(false);
  });
});

describe('NTLM NEGOTIATE (MS-NLMP 2.2.1.1) inside a TSRequest', () => {
  it('reads the version block of a bare NTLM token', () => {
    const tok = readNegoToken(encodeNegotiateMessage());
    expect(tok.wrapping).toBe('ntlm');
    expect(tok.ntlm?.ok && tok.ntlm.value.version).toEqual({ major: 10, minor: 0, build: 20348, revision: 15 });
    expect(tok.ntlm?.ok && tok.ntlm.value.flagNames).toContain('VERSION');
    expect(encodeTsRequest([encodeNegotiateMessage()]).length).toBeGreaterThan(40);
  });
  it('finds NTLM and Kerberos inside SPNEGO by their OIDs', () => {
    const oids = fromHex('06092a864882f71201020206092a864886f712010202060a2b06010401823702020a');
    const spnego = Uint8Array.from([0x60, 0x50, ...oids, ...encodeNegotiateMessage()]);
    const tok = readNegoToken(spnego);
    expect(tok.wrapping).toBe('spnego');
    expect(tok.mechanisms).toEqual(['Kerberos (MS)', 'Kerberos', 'NTLM']);
    expect(tok.ntlm?.ok).toBe(true);
  });
  it('refuses a CHALLENGE or a truncated message', () => {
    const m = encodeNegotiateMessage();
    m[8] = 2;
    expect(decodeNegotiateMessage(m)).toMatchObject({ ok: false, code: 'bad-type' });
    expect(decodeNegotiateMessage(encodeNegotiateMessage().subarray(0, 36))).toMatchObject({
      ok: false,
      code: 'truncated',
    });
  });
  it('names Windows builds', () => {
    expect(windowsNameOf({ major: 10, minor: 0, build: 26100, revision: 15 })).toMatch(/Windows 11/);
    expect(windowsNameOf({ major: 10, minor: 0, build: 20348, revision: 15 })).toMatch(/Server 2022/);
    expect(windowsNameOf({ major: 6, minor: 1, build: 7601, revision: 15 })).toMatch(/Windows 7/);
    expect(windowsNameOf({ major: 3, minor: 9, build: 1, revision: 15 })).toBe('version 3.9.1');
  });
});

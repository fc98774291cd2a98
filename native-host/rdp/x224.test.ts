import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.js';
import { FAILURE_CODES, PROTOCOL_HYBRID, PROTOCOL_SSL } from './constants.js';
import { decodeConnectionConfirm, encodeConnectionRequest, isX224Data, tpktFrameLength } from './x224.js';

interface Recorded {
  server: string;
  requested: string;
  request: string;
  reply: string;
}
const recorded: Recorded[] = JSON.parse(
  readFileSync(new URL('../../test/fixtures/rdp/x224-replies.json', import.meta.url), 'utf8'),
);
const reply = (server: string, requested: string) => {
  const r = recorded.find((x) => x.server === server && x.requested === requested);
  if (!r) throw new Error(`no fixture ${server}/${requested}`);
  return fromHex(r.reply);
};

describe('encodeConnectionRequest (MS-RDPBCGR 2.2.1.1)', () => {
  it('matches the recorded requests byte for byte', () => {
    for (const r of recorded.filter((x) => x.requested === 'SSL')) {
      expect(toHex(encodeConnectionRequest({ requestedProtocols: PROTOCOL_SSL }))).toBe(r.request);
    }
    expect(toHex(encodeConnectionRequest({ requestedProtocols: PROTOCOL_SSL | PROTOCOL_HYBRID }))).toBe(
      '030000130ee000000000000100080003000000',
    );
    expect(toHex(encodeConnectionRequest({ requestedProtocols: 0, legacy: true }))).toBe('0300000b06e00000000000');
  });
  it('adds the routing cookie before RDP_NEG_REQ', () => {
    expect(toHex(encodeConnectionRequest({ requestedProtocols: 3, cookie: 'testuser' }))).toBe(
      '0300002e29e00000000000436f6f6b69653a206d737473686173683d74657374757365720d0a0100080003000000',
    );
  });
  it('refuses cookies with line breaks or spaces', () => {
    expect(() => encodeConnectionRequest({ requestedProtocols: 1, cookie: 'a\r\nb' })).toThrow(RangeError);
    expect(() => encodeConnectionRequest({ requestedProtocols: 1, cookie: 'a b' })).toThrow(RangeError);
  });
});

describe('decodeConnectionConfirm on recorded replies', () => {
  it('xrdp negotiate: RDP_NEG_RSP selecting SSL, flags EXTENDED_CLIENT_DATA_SUPPORTED, SRC-REF 0x1234', () => {
    const d = decodeConnectionConfirm(reply('xrdp-negotiate-valid', 'SSL'));
    expect(d).toEqual({
      ok: true,
      value: {
        kind: 'response',
        selectedProtocol: 1,
        selectedProtocolName: 'SSL',
        flags: 1,
        flagNames: ['EXTENDED_CLIENT_DATA_SUPPORTED'],
        dstRef: 0,
        srcRef: 0x1234,
      },
    });
  });
  it('xrdp rdp: downgrades HYBRID to standard RDP', () => {
    expect(decodeConnectionConfirm(reply('xrdp-rdp-valid', 'HYBRID'))).toMatchObject({
      ok: true,
      value: { kind: 'response', selectedProtocolName: 'RDP' },
    });
  });
  it('xrdp tls: SSL_REQUIRED_BY_SERVER; shadow nla: HYBRID_REQUIRED_BY_SERVER; shadow rdp: SSL_NOT_ALLOWED_BY_SERVER', () => {
    expect(decodeConnectionConfirm(reply('xrdp-tls-valid', 'RDP'))).toMatchObject({
      ok: true,
      value: { kind: 'failure', failureCode: 1, failureName: 'SSL_REQUIRED_BY_SERVER' },
    });
    expect(decodeConnectionConfirm(reply('shadow-nla', 'SSL'))).toMatchObject({
      ok: true,
      value: { kind: 'failure', failureCode: 5, failureName: 'HYBRID_REQUIRED_BY_SERVER' },
    });
    expect(decodeConnectionConfirm(reply('shadow-rdp', 'SSL'))).toMatchObject({
      ok: true,
      value: { kind: 'failure', failureCode: 2, failureName: 'SSL_NOT_ALLOWED_BY_SERVER', srcRef: 0 },
    });
  });
  it('shadow nla: HYBRID selected with flags 0x03', () => {
    expect(decodeConnectionConfirm(reply('shadow-nla', 'HYBRID'))).toMatchObject({
      ok: true,
      value: {
        kind: 'response',
        selectedProtocolName: 'HYBRID',
        flagNames: ['EXTENDED_CLIENT_DATA_SUPPORTED', 'DYNVC_GFX_PROTOCOL_SUPPORTED'],
      },
    });
  });
  it('legacy Connection Confirm without negotiation data', () => {
    expect(decodeConnectionConfirm(reply('xrdp-negotiate-valid', 'legacy'))).toEqual({
      ok: true,
      value: { kind: 'legacy', dstRef: 0, srcRef: 0x1234 },
    });
  });
  it('xrdp hangs up on RDSAAD with an X.224 Data TPDU: a typed error, recognised by isX224Data', () => {
    const b = reply('xrdp-negotiate-valid', 'RDSAAD');
    expect(decodeConnectionConfirm(b)).toMatchObject({ ok: false, code: 'bad-length' });
    expect(isX224Data(b)).toBe(true);
    expect(isX224Data(reply('xrdp-negotiate-valid', 'SSL'))).toBe(false);
  });
});

describe('decodeConnectionConfirm on mutations', () => {
  const base = reply('shadow-rdp', 'SSL');
  it('decodes all six failure codes, and an unknown one without a name', () => {
    for (const code of [1, 2, 3, 4, 5, 6, 7]) {
      const b = base.slice();
      b[15] = code;
      const d = decodeConnectionConfirm(b);
      expect(d.ok).toBe(true);
      if (d.ok && d.value.kind === 'failure') {
        expect(d.value.failureCode).toBe(code);
        expect(d.value.failureName).toBe(FAILURE_CODES[code]?.name);
      }
    }
  });
  it('every truncation is a typed error, never a throw', () => {
    for (let n = 0; n < base.length; n++) {
      const d = decodeConnectionConfirm(base.subarray(0, n));
      expect(d.ok, `length ${n}`).toBe(false);
      if (!d.ok) expect(['truncated', 'bad-length']).toContain(d.code);
    }
  });
  it.each([
    ['TPKT version', 0, 0x04, 'bad-version'],
    ['TPKT length larger than the data', 3, 0x40, 'truncated'],
    ['TPKT length too short', 3, 0x05, 'bad-length'],
    ['length indicator past the end', 4, 0x40, 'bad-length'],
    ['TPDU code (CR instead of CC)', 5, 0xe0, 'bad-type'],
    ['negotiation type', 11, 0x07, 'bad-type'],
    ['negotiation length', 13, 0x09, 'bad-length'],
  ])('%s → %s', (_what, offset, value, code) => {
    const b = base.slice();
    b[offset] = value;
    expect(decodeConnectionConfirm(b)).toMatchObject({ ok: false, code });
  });
  it('negotiation data shorter than 8 bytes is truncated', () => {
    const b = fromHex('0300000e09d000000000000203');
    expect(decodeConnectionConfirm(b)).toMatchObject({ ok: false });
  });
  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const d = decodeConnectionConfirm(bytes);
        expect(typeof d.ok).toBe('boolean');
      }),
    );
  });
});

describe('tpktFrameLength', () => {
  it('needs 4 bytes, reads the length, rejects non-TPKT bytes', () => {
    expect(tpktFrameLength(fromHex('0300'))).toBeUndefined();
    expect(tpktFrameLength(fromHex('03000013'))).toBe(19);
    expect(() => tpktFrameLength(new TextEncoder().encode('HTTP/1.1 400'))).toThrow(/not a TPKT header/);
    expect(() => tpktFrameLength(fromHex('03000002'))).toThrow(/shorter/);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.js';
import { decodeTsRequest, encodeTsRequest } from './credssp.js';
import { decodeChallengeMessage, encodeNegotiateMessage, filetimeToUnixMs, NTLMSSP_NEGOTIATE_VERSION } from './ntlm.js';

const rec: { capturedAt: string; request: string; reply: string } = JSON.parse(
  readFileSync(new URL('../../test/fixtures/rdp/credssp-challenge.json', import.meta.url), 'utf8'),
);

function challengeBytes(): Uint8Array {
  const ts = decodeTsRequest(fromHex(rec.reply));
  if (!ts.ok) throw new Error(ts.message);
  return ts.value.negoTokens[0]!;
}

describe('CredSSP TSRequest (MS-CSSP 2.2.1)', () => {
  it('encodes the NEGOTIATE request exactly as recorded', () => {
    expect(toHex(encodeTsRequest([encodeNegotiateMessage()]))).toBe(rec.request);
  });
  it('decodes the recorded reply: version 6, one NTLM token', () => {
    const ts = decodeTsRequest(fromHex(rec.reply));
    expect(ts).toMatchObject({ ok: true, value: { version: 6, errorCode: undefined } });
    if (ts.ok) expect(ts.value.negoTokens).toHaveLength(1);
  });
  it('round-trips tokens', () => {
    const tok = fromHex('0102030405');
    const ts = decodeTsRequest(encodeTsRequest([tok, tok], 2));
    expect(ts).toMatchObject({ ok: true, value: { version: 2 } });
    if (ts.ok) expect(ts.value.negoTokens.map(toHex)).toEqual(['0102030405', '0102030405']);
  });
  it('reads an errorCode as unsigned NTSTATUS', () => {
    // SEQUENCE { [0] INTEGER 6, [4] INTEGER 0xC000006D (encoded as a negative 4-byte integer) }
    const b = fromHex('300da003020106a4060204c000006d');
    expect(decodeTsRequest(b)).toMatchObject({ ok: true, value: { errorCode: 0xc000006d } });
  });
  it('every truncation and a wrong field tag are typed errors', () => {
    const b = fromHex(rec.reply);
    for (let n = 0; n < b.length; n++) expect(decodeTsRequest(b.subarray(0, n)).ok).toBe(false);
    const bad = b.slice();
    bad[3] = 0xa9; // first field tag [0] → [9]
    expect(decodeTsRequest(bad)).toMatchObject({ ok: false, code: 'bad-type' });
    expect(decodeTsRequest(fromHex('3000'))).toMatchObject({ ok: false, code: 'bad-der' });
  });
});

describe('NTLM CHALLENGE (MS-NLMP 2.2.1.2)', () => {
  it('reads the recorded target info: names, version, server time', () => {
    const c = decodeChallengeMessage(challengeBytes());
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    const v = c.value;
    expect(v.nbComputerName).toBe(v.targetName);
    expect(v.dnsComputerName?.toLowerCase()).toBe(v.nbComputerName?.toLowerCase());
    expect(v.productVersion).toBe('6.1.7601');
    expect(v.negotiateFlags & NTLMSSP_NEGOTIATE_VERSION).not.toBe(0);
    expect(v.avIds).toEqual([2, 1, 4, 3, 7, 0]);
    // The server's clock and the recorder's clock were the same machine's.
    expect(Math.abs((v.timestampMs ?? 0) - Date.parse(rec.capturedAt))).toBeLessThan(5_000);
  });
  it('encodes a 40-byte NEGOTIATE with signature, type 1 and a version', () => {
    const n = encodeNegotiateMessage();
    expect(n.length).toBe(40);
    expect(new TextDecoder().decode(n.subarray(0, 7))).toBe('NTLMSSP');
    expect(n[8]).toBe(1);
    expect(n[39]).toBe(0x0f);
  });
  it('converts FILETIME', () => {
    expect(filetimeToUnixMs(116444736000000000n)).toBe(0);
    expect(filetimeToUnixMs(133000000000000000n)).toBe(Date.UTC(2022, 5, 18, 4, 26, 40));
  });
  const base = () => challengeBytes().slice();
  it('truncations are typed errors', () => {
    const b = base();
    for (let n = 0; n < b.length; n++) {
      const c = decodeChallengeMessage(b.subarray(0, n));
      expect(c.ok, `length ${n}`).toBe(false);
    }
  });
  it.each([
    ['signature', 0, 0x41, 'bad-signature'],
    ['message type', 8, 3, 'bad-type'],
    ['target info offset past the end', 44, 0xf0, 'bad-length'],
    ['target name length past the end', 12, 0xf0, 'bad-length'],
    ['target name odd UTF-16 length', 12, 0x03, 'bad-length'],
  ])('%s → %s', (_w, offset, value, code) => {
    const b = base();
    b[offset] = value;
    expect(decodeChallengeMessage(b)).toMatchObject({ ok: false, code });
  });
  it('an AV pair longer than the target info is truncated', () => {
    const b = base();
    const off = b[44]! | (b[45]! << 8);
    b[off + 2] = 0xff; // AvLen of the first pair
    expect(decodeChallengeMessage(b)).toMatchObject({ ok: false, code: 'truncated' });
  });
});

/**
 * Fuzzing the pure RDP parsers with mutations of real server replies (truncation, bit flips,
 * overwritten type bytes, oversize TPKT / DER / NTLM length fields, insertions, deletions) and with
 * random bytes. Every decoder must return a typed result; the streaming length functions may only
 * throw DecodeError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certificateFindings, describeCertificate } from '../../native-host/checks/cert-info.js';
import { DecodeError, decodeWith } from '../../native-host/rdp/bytes.js';
import { decodeTsRequest } from '../../native-host/rdp/credssp.js';
import { children, decodeCertificateAlgorithms, derFrameLength, readTlv } from '../../native-host/rdp/der.js';
import { decodeChallengeMessage } from '../../native-host/rdp/ntlm.js';
import { decodeConnectionConfirm, isX224Data, tpktFrameLength } from '../../native-host/rdp/x224.js';
import { FUZZ_TEST_TIMEOUT_MS, fuzzParams, guarded } from './config.js';
import { mutatedFrom } from './mutate.js';
import { certificateSeeds, checkDecoded, checkFrameLength, ntlmSeeds, tsRequestSeeds, x224Seeds } from './parsers.js';

const x224 = x224Seeds();
const tsRequests = tsRequestSeeds();
const ntlm = ntlmSeeds();
const certs = certificateSeeds();

describe('fuzz: RDP parsers on mutated real captures', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it('has real seeds to mutate', () => {
    expect(x224.length).toBeGreaterThan(5);
    expect(tsRequests.length).toBe(2);
    expect(ntlm.length).toBe(2);
    expect(certs.length).toBeGreaterThan(1);
    // The seeds themselves decode (otherwise the mutations would start from garbage).
    expect(decodeChallengeMessage(ntlm[0]!).ok).toBe(true);
    expect(decodeTsRequest(tsRequests[0]!).ok).toBe(true);
    expect(certs.every((c) => decodeCertificateAlgorithms(c).ok)).toBe(true);
  });

  it('TPKT / X.224: tpktFrameLength, decodeConnectionConfirm and isX224Data', () => {
    fc.assert(
      fc.property(mutatedFrom(x224), (b) => {
        guarded('x224', () => {
          checkFrameLength('tpktFrameLength', () => tpktFrameLength(b), 0xffff);
          checkDecoded('decodeConnectionConfirm', b, decodeConnectionConfirm(b));
          expect(typeof isX224Data(b)).toBe('boolean');
        });
      }),
      fuzzParams(2),
    );
  });

  it('DER: derFrameLength, readTlv and children stay inside the input', () => {
    fc.assert(
      fc.property(mutatedFrom([...tsRequests, ...certs]), (b) => {
        guarded('der', () => {
          checkFrameLength('derFrameLength', () => derFrameLength(b), 2 + 4 + 0xffffffff);
          const r = decodeWith(() => {
            const top = readTlv(b, 0);
            expect(top.end).toBeLessThanOrEqual(b.length);
            for (const c of children(top.value)) expect(c.end).toBeLessThanOrEqual(top.value.length);
            return top;
          });
          checkDecoded('readTlv', b, r.ok ? { ok: true, value: r.value.tag } : r);
        });
      }),
      fuzzParams(1),
    );
  });

  it('CredSSP: decodeTsRequest', () => {
    fc.assert(
      fc.property(mutatedFrom(tsRequests), (b) => {
        guarded('tsrequest', () => {
          const r = decodeTsRequest(b);
          checkDecoded('decodeTsRequest', b, r);
          if (r.ok) for (const t of r.value.negoTokens) expect(t.length).toBeLessThan(b.length);
        });
      }),
      fuzzParams(1),
    );
  });

  it('NTLM: decodeChallengeMessage (offsets and lengths past the end, odd UTF-16, bad AV pairs)', () => {
    fc.assert(
      fc.property(mutatedFrom(ntlm), (b) => {
        guarded('ntlm', () => checkDecoded('decodeChallengeMessage', b, decodeChallengeMessage(b)));
      }),
      fuzzParams(2),
    );
  });

  it('certificates: decodeCertificateAlgorithms never throws; describeCertificate fails only as OpenSSL rejects the DER', () => {
    const now = Date.parse('2026-11-22T00:00:00Z');
    fc.assert(
      fc.property(mutatedFrom(certs), (b) => {
        guarded('certificate', () => {
          checkDecoded('decodeCertificateAlgorithms', b, decodeCertificateAlgorithms(b));
          try {
            const s = describeCertificate(b, now);
            expect(typeof s.sha256).toBe('string');
            // A date OpenSSL keeps but that is no real date is shown as written, with no day count.
            if (Number.isNaN(Date.parse(s.notAfter))) expect(s.daysLeft).toBeNaN();
            else expect(Number.isFinite(s.daysLeft)).toBe(true);
          } catch (e) {
            // The product only describes certificates that OpenSSL already parsed during the handshake;
            // here the only acceptable failure is OpenSSL refusing the bytes, never a bug of ours.
            const code = (e as { code?: unknown }).code;
            if (e instanceof DecodeError || typeof code !== 'string' || !code.startsWith('ERR_')) throw e;
          }
        });
      }),
      fuzzParams(0.5),
    );
  });

  it('regression (found by this fuzzer): a certificate whose notBefore is not a date no longer throws RangeError', () => {
    const der = new Uint8Array(certs[0]!);
    const at = Buffer.from(der).indexOf(Buffer.from([0x17, 0x0d])); // first UTCTime: notBefore
    expect(at).toBeGreaterThan(0);
    der[at + 2 + 6] = 0xff; // the hour digits
    der[at + 2 + 7] = 0xff;
    const now = Date.parse('2026-11-22T00:00:00Z');
    const leaf = describeCertificate(der, now);
    expect(Number.isNaN(Date.parse(leaf.notBefore))).toBe(true);
    const ids = certificateFindings(leaf, { typedName: 'x', nameMatches: true, trusted: false }, now).map((f) => f.id);
    expect(ids).not.toContain('cert-valid');
    expect(ids).not.toContain('cert-expired');
  });
});

/**
 * Fuzzing the listener (`rdp-doctor listen`) with what a hostile or broken client could send:
 * the server-side decoders on mutated real inputs (X.224 Connection Requests from the recorded
 * captures and the encoder, ClientHellos captured live from OpenSSL, NTLM NEGOTIATE messages), and
 * the whole listener through real sockets on 127.0.0.109 with mutated byte streams. Invariants:
 * decoders return typed results; the listener always resolves with a report whose end reason is a
 * documented one, never throws, and leaves no socket or server open.
 */
import net from 'node:net';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { makeThrowawayCertificate, type ThrowawayCertificate } from '../../native-host/listen/cert.js';
import { captureClientHello } from '../../native-host/listen/client-hello-capture.js';
import { listenOnce, openListenerHandles } from '../../native-host/listen/session.js';
import { DecodeError } from '../../native-host/rdp/bytes.js';
import { encodeTsRequest } from '../../native-host/rdp/credssp.js';
import { encodeNegotiateMessage } from '../../native-host/rdp/ntlm.js';
import { decodeNegotiateMessage, readNegoToken } from '../../native-host/rdp/ntlm-negotiate.js';
import { collectClientHello, decodeClientHello } from '../../native-host/rdp/tls-client-hello.js';
import { encodeConnectionRequest } from '../../native-host/rdp/x224.js';
import { decodeConnectionRequest } from '../../native-host/rdp/x224-server.js';
import { CLIENT_STAGES } from '../../shared/protocol/client-offer.js';
import { FUZZ_TEST_TIMEOUT_MS, fuzzParams, guarded } from './config.js';
import { mutatedFrom } from './mutate.js';
import { checkDecoded, x224Seeds } from './parsers.js';

const HOST = '127.0.0.109';
const END_REASONS = ['done', 'no-client', 'cancelled', 'client-closed', 'timeout', 'protocol-error', 'tls-failed'];

let requests: Uint8Array[] = [];
let hellos: Uint8Array[] = [];
const ntlm = [encodeNegotiateMessage(), encodeNegotiateMessage(0x00000207)];
let certificate: ThrowawayCertificate;

beforeAll(async () => {
  requests = [
    ...x224Seeds(),
    encodeConnectionRequest({ requestedProtocols: 3, cookie: 'someone' }),
    encodeConnectionRequest({ requestedProtocols: 0x1f, flags: 0x0b }),
    encodeConnectionRequest({ requestedProtocols: 0, legacy: true }),
  ];
  hellos = [
    await captureClientHello({ servername: 'a.example', ALPNProtocols: ['h2'] }, HOST),
    await captureClientHello({ maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA' }, HOST),
  ];
  certificate = await makeThrowawayCertificate();
});

function frameThenDecode(b: Uint8Array): void {
  try {
    const c = collectClientHello(b);
    if (c.complete) {
      expect(c.consumed).toBeLessThanOrEqual(b.length);
      checkDecoded('decodeClientHello', c.message, decodeClientHello(c.message));
    }
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
  }
  // Also the message parser alone, on the bytes after the record header.
  checkDecoded('decodeClientHello', b.subarray(5), decodeClientHello(b.subarray(5)));
}

describe('fuzz: listener decoders', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it('X.224 Connection Request', () => {
    fc.assert(
      fc.property(mutatedFrom(requests), (b) => {
        guarded('decodeConnectionRequest', () =>
          checkDecoded('decodeConnectionRequest', b, decodeConnectionRequest(b)),
        );
      }),
      fuzzParams(2),
    );
  });
  it('TLS ClientHello records and message', () => {
    fc.assert(
      fc.property(mutatedFrom(hellos), (b) => {
        guarded('client hello', () => frameThenDecode(b));
      }),
      fuzzParams(2),
    );
  });
  it('NTLM NEGOTIATE, bare and wrapped', () => {
    fc.assert(
      fc.property(mutatedFrom(ntlm), (b) => {
        guarded('ntlm negotiate', () => {
          checkDecoded('decodeNegotiateMessage', b, decodeNegotiateMessage(b));
          const t = readNegoToken(b);
          if (t.ntlm) checkDecoded('readNegoToken', b, t.ntlm);
        });
      }),
      fuzzParams(2),
    );
  });
});

type Script = { request: Uint8Array; then: Uint8Array | undefined; after: 'close' | 'silent' };

async function runListener(script: Script) {
  let onPort: (p: number) => void = () => {};
  const port = new Promise<number>((r) => {
    onPort = r;
  });
  const report = listenOnce({
    host: HOST,
    port: 0,
    waitMs: 5_000,
    stepMs: 150,
    showUser: false,
    signal: new AbortController().signal,
    certificate,
    onListening: (w) => onPort(w.port),
  });
  const s = net.connect({ host: HOST, port: await port });
  s.on('error', () => {});
  s.on('data', () => {});
  s.write(script.request);
  if (script.then) s.write(script.then);
  if (script.after === 'close') s.end();
  const r = await report;
  s.destroy();
  return r;
}

describe('fuzz: the listener through real sockets', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it('any client bytes end in a report with a documented end, and nothing stays open', async () => {
    const tail = fc.option(
      fc.oneof(mutatedFrom(hellos), mutatedFrom([encodeTsRequest([encodeNegotiateMessage()])]), fc.uint8Array()),
      { nil: undefined },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(mutatedFrom(requests), fc.constantFrom(...requests)),
        tail,
        fc.constantFrom('close' as const, 'silent' as const),
        async (request, then, after) => {
          const r = await runListener({ request, then, after });
          expect(END_REASONS).toContain(r.end.reason);
          expect(CLIENT_STAGES).toContain(r.reached);
          expect(JSON.stringify(r)).not.toMatch(/someone/); // the cookie's user name stays redacted
          await vi.waitFor(() => expect(openListenerHandles()).toBe(0), { timeout: 5_000, interval: 10 });
        },
      ),
      fuzzParams(1 / 20),
    );
  });
});

import net from 'node:net';
import tls from 'node:tls';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_HYBRID, PROTOCOL_SSL } from '../rdp/constants.js';
import { encodeTsRequest } from '../rdp/credssp.js';
import { encodeNegotiateMessage } from '../rdp/ntlm.js';
import { decodeConnectionConfirm, encodeConnectionRequest } from '../rdp/x224.js';
import { makeThrowawayCertificate, type ThrowawayCertificate } from './cert.js';
import { chooseProtocol, type ListenOptions, listenOnce, openListenerHandles } from './session.js';

const HOST = '127.0.0.109';
let certificate: ThrowawayCertificate;
beforeAll(async () => {
  certificate = await makeThrowawayCertificate();
});

function start(extra: Partial<ListenOptions> = {}) {
  let resolvePort: (p: number) => void = () => {};
  const port = new Promise<number>((r) => {
    resolvePort = r;
  });
  const report = listenOnce({
    host: HOST,
    port: 0,
    waitMs: 10_000,
    stepMs: 5_000,
    showUser: false,
    signal: new AbortController().signal,
    certificate,
    onListening: (w) => resolvePort(w.port),
    ...extra,
  });
  return { port, report };
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve) => {
    const s = net.connect({ host: HOST, port }, () => resolve(s));
    s.on('error', () => {});
  });
}

function readSome(s: net.Socket | tls.TLSSocket): Promise<Buffer> {
  return new Promise((resolve) => s.once('data', resolve));
}

describe('listenOnce', () => {
  it('records a CredSSP client up to its NTLM NEGOTIATE, answers nothing more, leaves nothing open', async () => {
    const { port, report } = start();
    const s = await connect(await port);
    s.write(encodeConnectionRequest({ requestedProtocols: PROTOCOL_SSL | PROTOCOL_HYBRID, cookie: 'bob' }));
    const cc = decodeConnectionConfirm(new Uint8Array(await readSome(s)));
    expect(cc.ok && cc.value).toMatchObject({ kind: 'response', selectedProtocolName: 'HYBRID' });
    const t = tls.connect({ socket: s, rejectUnauthorized: false, servername: 'rdp.example.test' });
    t.on('error', () => {});
    await new Promise((r) => t.once('secureConnect', r));
    expect(t.getPeerX509Certificate()?.fingerprint256).toBe(certificate.sha256);
    let after = 0;
    t.on('data', (d: Buffer) => {
      after += d.length;
    });
    t.write(encodeTsRequest([encodeNegotiateMessage()]));
    const r = await report;
    expect(after).toBe(0); // no CHALLENGE, nothing at all after the NEGOTIATE
    expect(r).toMatchObject({
      reached: 'credssp',
      end: { reason: 'done' },
      x224: { protocols: ['SSL', 'HYBRID'], cookie: { value: '[redacted, 3 characters]', redacted: true } },
      tls: { clientHello: { serverName: 'rdp.example.test' }, handshake: { ok: true } },
      credssp: { version: 6, token: { wrapping: 'ntlm' } },
      ntlm: { version: { major: 10, minor: 0, build: 20348, revision: 15 } },
    });
    await vi.waitFor(() => expect(openListenerHandles()).toBe(0));
    t.destroy();
  });

  it('client-controlled text is escaped: a cookie with control characters is shown inert', async () => {
    const { port, report } = start({ showUser: true, stepMs: 300 });
    const s = await connect(await port);
    const evil = Buffer.from('Cookie: mstshash=\x1b[31mx\x9b2J\x07\r\n', 'latin1');
    const li = 6 + evil.length + 8;
    s.write(
      Buffer.concat([
        Buffer.from([3, 0, 0, 5 + li, li, 0xe0, 0, 0, 0, 0, 0]),
        evil,
        Buffer.from([1, 0, 8, 0, 0, 0, 0, 0]),
      ]),
    );
    const r = await report;
    expect(r.x224?.cookie?.value).toBe('\\x1B[31mx\\x9B2J\\x07');
    s.destroy();
  });

  it('a client that sends something else: a typed end, not an exception', async () => {
    const { port, report } = start();
    const s = await connect(await port);
    s.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const r = await report;
    expect(r.end.reason).toBe('protocol-error');
    expect(r.reached).toBe('connected');
    s.destroy();
    await vi.waitFor(() => expect(openListenerHandles()).toBe(0));
  });

  it('cancelled while waiting: ends at once with "cancelled"; a second client is refused after the first', async () => {
    const ac = new AbortController();
    const { port, report } = start({ signal: ac.signal });
    await port;
    ac.abort();
    expect((await report).end.reason).toBe('cancelled');
    await vi.waitFor(() => expect(openListenerHandles()).toBe(0));
  });

  it('selects CredSSP over TLS over standard RDP', () => {
    expect(chooseProtocol(0)).toBe(0);
    expect(chooseProtocol(1)).toBe(1);
    expect(chooseProtocol(3)).toBe(2);
    expect(chooseProtocol(11)).toBe(8);
    expect(chooseProtocol(0x10)).toBe(0);
  });
});

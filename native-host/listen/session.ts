/**
 * The listener: plays an RDP server for exactly one client connection and records what the client
 * offers. Answers the X.224 Connection Request (MS-RDPBCGR 2.2.1.1–2.2.1.2), reads the TLS
 * ClientHello before handing the socket to TLS, completes TLS with a throwaway certificate, reads
 * the first CredSSP TSRequest (MS-CSSP 3.1.5) and the NTLM NEGOTIATE inside it, then closes.
 * It never sends an NTLM CHALLENGE, so the client never sends anything derived from a password.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { ClientEndReason, ClientOfferReport, ClientStage } from '../../shared/protocol/client-offer.js';
import { redacted, safeText } from '../../shared/protocol/client-offer.js';
import { PROTOCOL_HYBRID, PROTOCOL_HYBRID_EX, PROTOCOL_RDP, PROTOCOL_SSL, protocolName } from '../rdp/constants.js';
import { decodeTsRequest } from '../rdp/credssp.js';
import { derFrameLength } from '../rdp/der.js';
import { readNegoToken, windowsNameOf } from '../rdp/ntlm-negotiate.js';
import { collectClientHello, decodeClientHello, MAX_CLIENT_HELLO } from '../rdp/tls-client-hello.js';
import { tpktFrameLength } from '../rdp/x224.js';
import { decodeConnectionRequest, encodeConnectionConfirm } from '../rdp/x224-server.js';
import { makeThrowawayCertificate, type ThrowawayCertificate } from './cert.js';
import { acceptOne, readFrame } from './io.js';

export interface ListenOptions {
  /** Address to bind (already validated by the caller). */
  host: string;
  /** Port to bind; 0 picks a free one. */
  port: number;
  /** How long to wait for a client to connect, in ms. */
  waitMs: number;
  /** How long to wait for each message once a client is connected, in ms. */
  stepMs: number;
  /** Show user, domain and workstation names instead of redacting them. */
  showUser: boolean;
  signal: AbortSignal;
  /**
   * Offer only this TLS version (e.g. the version a server speaks, to learn whether the client
   * accepts it); every version OpenSSL still has when absent.
   */
  tlsVersion?: tls.SecureVersion;
  /** The certificate to present; a fresh throwaway one when absent. */
  certificate?: ThrowawayCertificate;
  /** Called once the socket is listening (with the port actually bound). */
  onListening?: (where: { address: string; port: number; certificateSha256: string }) => void;
}

export class ListenError extends Error {
  constructor(
    /** `address-in-use`, `address-not-available`, `permission-denied`, `listen-failed`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ListenError';
  }
}

const LISTEN_ERRORS: Record<string, [string, string]> = {
  EADDRINUSE: ['address-in-use', 'another program already listens on'],
  EADDRNOTAVAIL: ['address-not-available', 'this computer has no address'],
  EACCES: ['permission-denied', 'this user may not listen on'],
};

/** Sockets and servers opened by the listener and not yet closed (tests assert none outlives a run). */
const live = new Set<net.Socket | net.Server>();
export function openListenerHandles(): number {
  return live.size;
}
function track<T extends net.Socket | net.Server>(h: T): T {
  live.add(h);
  h.once('close', () => live.delete(h));
  return h;
}

function bind(host: string, port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = track(net.createServer({ pauseOnConnect: true }));
    server.once('error', (e: NodeJS.ErrnoException) => {
      server.close();
      live.delete(server);
      const known = LISTEN_ERRORS[e.code ?? ''];
      const where = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
      reject(
        known
          ? new ListenError(known[0], `${known[1]} ${where}`)
          : new ListenError('listen-failed', `cannot listen on ${where}: ${e.code ?? e.message}`),
      );
    });
    server.listen({ host, port, exclusive: true }, () => resolve(server));
  });
}

/**
 * Chooses the protocol to select so the client goes as far as it will: CredSSP (with early user
 * authorization when offered: a client set to require it hangs up on plain CredSSP) over TLS over
 * standard RDP. The listener stops before early user authorization would matter.
 */
export function chooseProtocol(requested: number): number {
  if (requested & PROTOCOL_HYBRID_EX) return PROTOCOL_HYBRID_EX;
  if (requested & PROTOCOL_HYBRID) return PROTOCOL_HYBRID;
  if (requested & PROTOCOL_SSL) return PROTOCOL_SSL;
  return PROTOCOL_RDP;
}

/** Runs the listener until one client has been recorded, the wait ends or the signal aborts. Throws only {@link ListenError}. */
export async function listenOnce(opts: ListenOptions): Promise<ClientOfferReport> {
  const t0 = performance.now();
  const cert = opts.certificate ?? (await makeThrowawayCertificate());
  const server = await bind(opts.host, opts.port);
  const addr = server.address() as net.AddressInfo;
  const report: ClientOfferReport = {
    listener: { address: addr.address, port: addr.port, certificateSha256: cert.sha256 },
    reached: 'none',
    end: { reason: 'no-client', stage: 'none', message: '' },
    durationMs: 0,
  };
  const sockets: net.Socket[] = [];
  try {
    opts.onListening?.(report.listener);
    const a = await acceptOne(server, { timeoutMs: opts.waitMs, signal: opts.signal });
    if (!a.ok) {
      report.end = { reason: a.reason === 'aborted' ? 'cancelled' : 'no-client', stage: 'none', message: a.message };
      return report;
    }
    const socket = track(a.socket);
    sockets.push(socket);
    socket.on('error', () => {}); // reported through the reads
    report.clientAddress = socket.remoteAddress;
    report.reached = 'connected';
    await converse(socket, cert, opts, report, sockets);
    return report;
  } finally {
    server.close();
    await closeAll(sockets, opts.stepMs);
    report.durationMs = Math.round(performance.now() - t0);
  }
}

function finish(report: ClientOfferReport, reason: ClientEndReason, message: string): void {
  report.end = { reason, stage: report.reached, message };
}

function readFailure(reason: string): ClientEndReason {
  if (reason === 'aborted') return 'cancelled';
  if (reason === 'timeout') return 'timeout';
  if (reason === 'closed' || reason === 'error') return 'client-closed';
  return 'protocol-error';
}

function nameOrRedacted(s: string, show: boolean): string {
  return show ? safeText(s, 128) : redacted(s);
}

async function converse(
  socket: net.Socket,
  cert: ThrowawayCertificate,
  opts: ListenOptions,
  report: ClientOfferReport,
  sockets: net.Socket[],
): Promise<void> {
  const step = { timeoutMs: opts.stepMs, signal: opts.signal };
  // 1. X.224 Connection Request → Connection Confirm.
  const cr = await readFrame(socket, tpktFrameLength, { ...step, maxBytes: 1024 });
  if (!cr.ok) return finish(report, readFailure(cr.reason), `before the X.224 Connection Request: ${cr.message}`);
  const d = decodeConnectionRequest(cr.frame);
  if (!d.ok) return finish(report, 'protocol-error', `not an X.224 Connection Request: ${d.message}`);
  const req = d.value;
  const requested = req.negotiation?.requestedProtocols ?? PROTOCOL_RDP;
  const selected = chooseProtocol(requested);
  report.x224 = {
    negotiation: req.negotiation !== undefined,
    requestedProtocols: requested,
    protocols: req.negotiation?.protocolNames ?? ['RDP'],
    flags: req.negotiation?.flagNames ?? [],
    unknownBits: req.negotiation?.unknownBits ?? 0,
    selected: protocolName(selected),
    ...(req.correlationId ? { correlationId: req.correlationId } : {}),
  };
  if (req.routing) {
    report.x224.cookie =
      req.routing.kind === 'cookie'
        ? { kind: 'cookie', value: nameOrRedacted(req.routing.identifier, opts.showUser), redacted: !opts.showUser }
        : { kind: 'routing-token', value: safeText(req.routing.token, 128), redacted: false };
  }
  report.reached = 'x224';
  socket.write(
    encodeConnectionConfirm(
      req.negotiation ? { selectedProtocol: selected, flags: 0, srcRef: req.srcRef } : { srcRef: req.srcRef },
    ),
  );
  if (selected === PROTOCOL_RDP) {
    // Standard RDP security: the client's next PDU is the MCS Connect Initial; the listener stops here.
    const mcs = await readFrame(socket, tpktFrameLength, { ...step, maxBytes: 65_536, initial: cr.rest });
    if (!mcs.ok) return finish(report, readFailure(mcs.reason), `after the Connection Confirm: ${mcs.message}`);
    report.reached = 'mcs';
    return finish(
      report,
      'done',
      'the client sent its MCS Connect Initial; the listener stops before any security exchange',
    );
  }

  // 2. TLS: read the ClientHello off the wire first, then give the bytes back to a TLS server socket.
  report.tls = {};
  let message: Uint8Array | undefined;
  const hello = await readFrame(
    socket,
    (buf) => {
      const c = collectClientHello(buf);
      if (c.complete) message = c.message;
      return c.complete ? c.consumed : undefined;
    },
    { ...step, maxBytes: MAX_CLIENT_HELLO + 64, initial: cr.rest },
  );
  if (!hello.ok) {
    report.tls.clientHelloError = hello.message;
    return finish(report, readFailure(hello.reason), `while reading the TLS ClientHello: ${hello.message}`);
  }
  const ch = decodeClientHello(message ?? new Uint8Array(0));
  if (ch.ok) {
    const v = ch.value;
    report.tls.clientHello = {
      legacyVersion: v.legacyVersion,
      versions: v.versions,
      versionsFrom: v.versionsFrom,
      cipherSuites: v.cipherSuites,
      ...(v.serverName !== undefined ? { serverName: safeText(v.serverName, 255) } : {}),
      alpn: v.alpn.map((a) => safeText(a, 64)),
      supportedGroups: v.supportedGroups,
      extensions: v.extensions,
      extendedMasterSecret: v.extendedMasterSecret,
      secureRenegotiation: v.secureRenegotiation,
    };
  } else {
    report.tls.clientHelloError = ch.message;
  }
  if (opts.tlsVersion) report.tls.listenerVersion = NODE_TO_NAME[opts.tlsVersion];
  const t = await serverHandshake(socket, concat(hello.frame, hello.rest), cert, step, opts.tlsVersion);
  if (t.socket) sockets.push(t.socket);
  if (!t.ok) {
    report.tls.handshake = { ok: false, error: t.error };
    return finish(report, t.error === 'cancelled' ? 'cancelled' : 'tls-failed', `TLS handshake failed: ${t.error}`);
  }
  report.tls.handshake = { ok: true, version: t.version, cipher: t.cipher };
  report.reached = 'tls';
  const secure = t.socket;

  if (selected === PROTOCOL_SSL) {
    const mcs = await readFrame(secure, tpktFrameLength, { ...step, maxBytes: 65_536 });
    if (!mcs.ok) return finish(report, readFailure(mcs.reason), `after the TLS handshake: ${mcs.message}`);
    report.reached = 'mcs';
    return finish(report, 'done', 'the client sent its MCS Connect Initial over TLS; the listener stops there');
  }

  // 3. CredSSP: the first TSRequest carries the client's NTLM NEGOTIATE (or SPNEGO). Never answered.
  report.credssp = {};
  const ts = await readFrame(secure, derFrameLength, { ...step, maxBytes: 65_536 });
  if (!ts.ok) {
    report.credssp.error = ts.message;
    return finish(report, readFailure(ts.reason), `while waiting for the CredSSP TSRequest: ${ts.message}`);
  }
  const tsr = decodeTsRequest(ts.frame);
  if (!tsr.ok) {
    report.credssp.error = tsr.message;
    return finish(report, 'protocol-error', `not a CredSSP TSRequest: ${tsr.message}`);
  }
  report.credssp.version = tsr.value.version;
  report.reached = 'credssp';
  const first = tsr.value.negoTokens[0];
  if (first) {
    const tok = readNegoToken(first);
    report.credssp.token = { wrapping: tok.wrapping, mechanisms: tok.mechanisms };
    if (tok.ntlm?.ok) {
      const n = tok.ntlm.value;
      report.ntlm = {
        flags: n.flagNames,
        ...(n.version ? { version: { ...n.version, name: windowsNameOf(n.version) } } : {}),
        ...(n.domain !== undefined ? { domain: nameOrRedacted(n.domain, opts.showUser) } : {}),
        ...(n.workstation !== undefined ? { workstation: nameOrRedacted(n.workstation, opts.showUser) } : {}),
      };
    } else if (tok.ntlm) {
      report.ntlm = { flags: [], error: tok.ntlm.message };
    }
  }
  return finish(report, 'done', 'the client sent its CredSSP NEGOTIATE; the listener stops before any challenge');
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export const NODE_TO_NAME: Record<tls.SecureVersion, string> = {
  TLSv1: 'TLS 1.0',
  'TLSv1.1': 'TLS 1.1',
  'TLSv1.2': 'TLS 1.2',
  'TLSv1.3': 'TLS 1.3',
};

type Handshake =
  | { ok: true; socket: tls.TLSSocket; version: string; cipher: string }
  | { ok: false; socket: tls.TLSSocket | undefined; error: string };

/** TLS server handshake on `socket`, replaying the bytes already read. Accepts every version and cipher OpenSSL still has. */
function serverHandshake(
  socket: net.Socket,
  already: Uint8Array,
  cert: ThrowawayCertificate,
  step: { timeoutMs: number; signal: AbortSignal },
  only: tls.SecureVersion | undefined,
): Promise<Handshake> {
  return new Promise((resolve) => {
    socket.unshift(Buffer.from(already));
    const secure = track(
      new tls.TLSSocket(socket, {
        isServer: true,
        secureContext: tls.createSecureContext({
          key: cert.keyPem,
          cert: cert.certPem,
          minVersion: only ?? 'TLSv1',
          ...(only ? { maxVersion: only } : {}),
          ciphers: 'ALL:@SECLEVEL=0',
        }),
        requestCert: false,
      }),
    );
    let settled = false;
    const done = (r: Handshake) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      step.signal.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const onAbort = () => done({ ok: false, socket: secure, error: 'cancelled' });
    const timer = setTimeout(
      () => done({ ok: false, socket: secure, error: `no handshake within ${step.timeoutMs} ms` }),
      step.timeoutMs,
    );
    step.signal.addEventListener('abort', onAbort, { once: true });
    secure.on('error', (e: NodeJS.ErrnoException) =>
      done({ ok: false, socket: secure, error: safeText(e.code ?? e.message, 200) }),
    );
    secure.once('close', () => done({ ok: false, socket: secure, error: 'the client closed the connection' }));
    secure.once('secure', () => {
      const c = secure.getCipher();
      done({
        ok: true,
        socket: secure,
        version: secure.getProtocol() ?? 'unknown',
        cipher: c?.standardName ?? c?.name ?? 'unknown',
      });
    });
  });
}

/** Ends every socket politely (TLS close_notify, then FIN) and destroys what has not closed within `graceMs`. */
async function closeAll(sockets: net.Socket[], graceMs: number): Promise<void> {
  // Outermost first: the TLS socket sends its close_notify before the TCP connection ends.
  for (const s of [...sockets].reverse()) {
    if (s.destroyed) continue;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(
        () => {
          s.destroy();
          resolve();
        },
        Math.min(graceMs, 1000),
      );
      s.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      s.end();
      s.resume();
    });
  }
}

export type { ClientStage };

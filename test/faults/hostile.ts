/**
 * Hostile "RDP servers" on loopback (127.0.0.70–127.0.0.99): each one answers the way a broken or
 * malicious peer does — accepts and closes, resets, refuses with a code no specification names,
 * selects a protocol nobody asked for, dribbles or floods, or runs a real TLS + CredSSP exchange
 * whose certificate and NTLM challenge carry terminal escapes, bidi overrides, NUL and impossible
 * times. Everything is real: real sockets, real TLS (certificates made with `openssl` at test
 * time), real NTLM CHALLENGE messages built byte by byte after MS-NLMP 2.2.1.2.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { encodeTsRequest } from '../../native-host/rdp/credssp.js';
import { Held, listenOn } from '../harness/listener.js';

const run = promisify(execFile);

export type Hostile =
  /** Accepts, then closes (FIN) after `delayMs` without a byte. */
  | 'close'
  /** Accepts, then resets (RST) at once. */
  | 'reset'
  /** Reads the X.224 request, then resets. */
  | 'reset-after-request'
  /** Answers every request with RDP_NEG_FAILURE carrying code 0x99 (in no specification). */
  | 'unknown-failure'
  /** Answers every request with RDP_NEG_RSP selecting protocol 0x40 (in no specification). */
  | 'unknown-protocol'
  /** After the request, one byte every 50 ms, never a frame. */
  | 'dribble'
  /** Floods bytes from the moment it accepts, without end. */
  | 'endless'
  /** A working TLS/NLA front: X.224 → TLS with `cert` → CredSSP answered with `ntlm`'s CHALLENGE. */
  | 'nla';

export interface NtlmSpec {
  nbComputerName?: string;
  nbDomainName?: string;
  dnsComputerName?: string;
  dnsDomainName?: string;
  /** Raw FILETIME (100 ns since 1601); `now` when absent. */
  filetime?: bigint;
}

export interface HostileServer {
  host: string;
  port: number;
  accepted: number;
  open(): number;
  close(): Promise<void>;
}

const TPKT_CC = '030000130ed00000123400';

function negFailure(code: number): Buffer {
  const b = Buffer.from(`${TPKT_CC}030008000000000000`.slice(0, 38), 'hex');
  b.writeUInt32LE(code >>> 0, 15);
  return b;
}

function negResponse(selected: number): Buffer {
  const b = Buffer.from(`${TPKT_CC}020108000000000000`.slice(0, 38), 'hex');
  b.writeUInt32LE(selected >>> 0, 15);
  return b;
}

function requested(req: Buffer): number {
  return req.length >= 19 && req[11] === 0x01 ? req.readUInt32LE(15) : 0;
}

function avPair(id: number, value: Buffer): Buffer {
  const h = Buffer.alloc(4);
  h.writeUInt16LE(id, 0);
  h.writeUInt16LE(value.length, 2);
  return Buffer.concat([h, value]);
}

/** An NTLM CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2) with Unicode target info and a Version field. */
export function ntlmChallenge(spec: NtlmSpec): Buffer {
  const u = (s: string) => Buffer.from(s, 'utf16le');
  const ft = Buffer.alloc(8);
  ft.writeBigUInt64LE(spec.filetime ?? (BigInt(Date.now()) + 11_644_473_600_000n) * 10_000n);
  const info = Buffer.concat([
    ...(spec.nbDomainName !== undefined ? [avPair(2, u(spec.nbDomainName))] : []),
    ...(spec.nbComputerName !== undefined ? [avPair(1, u(spec.nbComputerName))] : []),
    ...(spec.dnsDomainName !== undefined ? [avPair(4, u(spec.dnsDomainName))] : []),
    ...(spec.dnsComputerName !== undefined ? [avPair(3, u(spec.dnsComputerName))] : []),
    avPair(7, ft),
    avPair(0, Buffer.alloc(0)),
  ]);
  const target = u(spec.nbDomainName ?? 'HOSTILE');
  const head = Buffer.alloc(56);
  head.write('NTLMSSP\0', 0, 'latin1');
  head.writeUInt32LE(2, 8);
  head.writeUInt16LE(target.length, 12);
  head.writeUInt16LE(target.length, 14);
  head.writeUInt32LE(56, 16);
  head.writeUInt32LE(0x02810201 >>> 0, 20); // UNICODE | NTLM | TARGET_INFO | VERSION | REQUEST_TARGET-ish
  head.write('0123456789abcdef', 24, 'hex');
  head.writeUInt16LE(info.length, 40);
  head.writeUInt16LE(info.length, 42);
  head.writeUInt32LE(56 + target.length, 44);
  Buffer.from([10, 0, 0x7c, 0x4f, 0, 0, 0, 15]).copy(head, 48);
  return Buffer.concat([head, target, info]);
}

export async function startHostile(
  host: string,
  behaviour: Hostile,
  opts: { delayMs?: number; cert?: { key: string; cert: string }; ntlm?: NtlmSpec; port?: number } = {},
): Promise<HostileServer> {
  const held = new Held();
  const { sockets, timers } = held;
  let accepted = 0;
  const later = (ms: number, f: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      f();
    }, ms);
    timers.add(t);
  };
  const server = net.createServer((s) => {
    accepted += 1;
    held.keep(s);
    if (behaviour === 'close') return later(opts.delayMs ?? 0, () => s.end());
    if (behaviour === 'reset') return s.resetAndDestroy();
    if (behaviour === 'endless') {
      const block = Buffer.alloc(16 * 1024, 0x41);
      const pump = () => {
        while (!s.destroyed && s.write(block));
        if (!s.destroyed) s.once('drain', pump);
      };
      return pump();
    }
    s.once('data', (req: Buffer) => {
      const want = requested(req);
      switch (behaviour) {
        case 'reset-after-request':
          return s.resetAndDestroy();
        case 'unknown-failure':
          return void s.end(negFailure(0x99));
        case 'unknown-protocol':
          return void s.write(negResponse(0x40));
        case 'dribble': {
          const t = setInterval(() => {
            if (s.destroyed) return clearInterval(t);
            s.write('x');
          }, 50);
          timers.add(t);
          return;
        }
        case 'nla': {
          if ((want & 0x0b) === 0) return void s.end(negFailure(5)); // HYBRID_REQUIRED_BY_SERVER
          const selected = want & 0x02 ? 0x02 : want & 0x08 ? 0x08 : 0x01;
          s.write(negResponse(selected));
          s.pause();
          const t = new tls.TLSSocket(s, { isServer: true, key: opts.cert?.key, cert: opts.cert?.cert });
          t.on('error', () => {});
          sockets.add(t);
          t.on('close', () => sockets.delete(t));
          t.once('data', () => {
            if (selected !== 0x01) t.write(encodeTsRequest([ntlmChallenge(opts.ntlm ?? {})]));
          });
          return;
        }
        default:
          return;
      }
    });
  });
  const port = await listenOn(server, host, opts.port);
  return {
    host,
    port,
    get accepted() {
      return accepted;
    },
    open: () => sockets.size,
    close: () => held.close(server),
  };
}

/** Characters that must never reach a person's terminal raw: C0/C1 controls (newline aside), DEL, bidi controls. */
export const UNSAFE_FOR_PEOPLE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** The text a hostile server puts in names: an ANSI clear-screen, a right-to-left override, a C1 CSI, a bell. */
export const EVIL = 'evil\x1b[2J\x1b[H\u202ecod.exe\u009b31m\x07';

export interface HostileCerts {
  /** Empty subject, names only in subjectAltName, valid. */
  emptySubject: { key: string; cert: string };
  /** Empty subject, names only in subjectAltName, expired in 2020. */
  emptySubjectExpired: { key: string; cert: string };
  /** Subject and issuer with an ANSI escape, U+202E, U+009B and a bell. */
  evilSubject: { key: string; cert: string };
  /** notAfter is a malformed UTCTime ("139999…"): no date can be read from it. */
  badDates: { key: string; cert: string };
}

async function req(dir: string, name: string, subj: string, extra: string[], fakeAt?: string) {
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-sha256', '-nodes', '-keyout', join(dir, `${name}.key`)];
  args.push('-out', join(dir, `${name}.crt`), '-days', '30', '-utf8', '-subj', subj, ...extra);
  if (fakeAt) await run('faketime', [fakeAt, 'openssl', ...args], { timeout: 30_000 });
  else await run('openssl', args, { timeout: 30_000 });
  return { key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert: readFileSync(join(dir, `${name}.crt`), 'utf8') };
}

export async function makeHostileCerts(dir: string, sanIps: string[]): Promise<HostileCerts> {
  const san = ['-addext', `subjectAltName=DNS:only-san.test,${sanIps.map((i) => `IP:${i}`).join(',')}`];
  const [emptySubject, emptySubjectExpired, evilSubject, base] = await Promise.all([
    req(dir, 'empty', '/', san),
    req(dir, 'empty-expired', '/', san, '2020-01-01 00:00:00'),
    req(dir, 'evil', `/CN=${EVIL.replace(/\//g, '')}/O=o\x07`, san),
    req(dir, 'bad-dates', '/CN=bad-dates.test', san),
  ]);
  // Overwrite the notAfter UTCTime (the second 0x17 0x0d in the DER) with digits that form no date.
  const der = Buffer.from(base.cert.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64');
  const first = der.indexOf(Buffer.from([0x17, 0x0d]));
  const second = der.indexOf(Buffer.from([0x17, 0x0d]), first + 2);
  der.write('139999', second + 2, 'latin1');
  const pem = `-----BEGIN CERTIFICATE-----\n${der
    .toString('base64')
    .match(/.{1,64}/g)
    ?.join('\n')}\n-----END CERTIFICATE-----\n`;
  writeFileSync(join(dir, 'bad-dates.crt'), pem);
  return { emptySubject, emptySubjectExpired, evilSubject, badDates: { key: base.key, cert: pem } };
}

/**
 * Misbehaving "RDP servers" for fault tests: plain Node TCP listeners on the loopback addresses
 * reserved for these tests (127.0.0.200–127.0.0.239), each breaking the conversation in one way.
 * Every server counts its open connections so a test can assert that the client let go of all of them.
 */
import net from 'node:net';
import { Held, listenOn } from '../harness/listener.js';

/** X.224 Connection Confirm with RDP_NEG_RSP selecting `selected` (MS-RDPBCGR 2.2.1.2.1), flags 0x01. */
export function connectionConfirm(selected: number): Buffer {
  const b = Buffer.from('030000130ed000001234000201080000000000', 'hex');
  b.writeUInt32LE(selected >>> 0, 15);
  return b;
}

/** requestedProtocols of an X.224 Connection Request carrying RDP_NEG_REQ, or 0 without one. */
export function requestedProtocols(req: Buffer): number {
  return req.length >= 19 && req[11] === 0x01 ? req.readUInt32LE(15) : 0;
}

export type Behaviour =
  /** Confirms TLS, then resets the connection (RST) as soon as the TLS ClientHello arrives. */
  | 'reset-during-tls'
  /** Sends the Connection Confirm and closes right away. */
  | 'close-after-x224'
  /** Sends the Connection Confirm one byte at a time, `slowMs` apart, then holds the connection. */
  | 'byte-by-byte'
  /** After the request, streams text without end (as fast as the client reads it). */
  | 'endless-stream'
  /** Answers every request as xrdp answers one it will not serve: X.224 Data with an MCS disconnect, then closes. */
  | 'hang-up'
  /** Sends a TPKT header announcing 65 535 bytes and a few bytes of it, then nothing. */
  | 'tpkt-64k-then-silence';

export interface FaultServer {
  host: string;
  port: number;
  /** Connections accepted so far. */
  accepted: number;
  /** Bytes written by the endless stream. */
  streamed: number;
  /** Connections currently open on the server side. */
  open(): number;
  close(): Promise<void>;
}

const SSL = 0x01;

export async function startFaultServer(
  host: string,
  behaviour: Behaviour,
  opts: { slowMs?: number } = {},
): Promise<FaultServer> {
  const held = new Held();
  const { sockets, timers } = held;
  const state = { accepted: 0, streamed: 0 };
  const server = net.createServer((s) => {
    state.accepted += 1;
    held.keep(s);
    let phase: 'request' | 'after' = 'request';
    s.on('data', (chunk: Buffer) => {
      if (phase === 'after') {
        if (behaviour === 'reset-during-tls' && chunk[0] === 0x16) s.resetAndDestroy();
        return;
      }
      phase = 'after';
      const wantsTls = (requestedProtocols(chunk) & SSL) !== 0 || (requestedProtocols(chunk) & 0x02) !== 0;
      const confirm = connectionConfirm(wantsTls ? SSL : 0);
      switch (behaviour) {
        case 'reset-during-tls':
          s.write(confirm);
          break;
        case 'close-after-x224':
          s.end(confirm);
          break;
        case 'byte-by-byte': {
          let i = 0;
          const t = setInterval(() => {
            if (s.destroyed || i >= confirm.length) {
              clearInterval(t);
              timers.delete(t);
              return;
            }
            s.write(confirm.subarray(i, i + 1));
            i += 1;
          }, opts.slowMs ?? 20);
          timers.add(t);
          break;
        }
        case 'endless-stream': {
          const block = Buffer.alloc(16 * 1024, 'A');
          const pump = () => {
            while (!s.destroyed && s.write(block)) {
              state.streamed += block.length;
            }
            if (!s.destroyed) s.once('drain', pump);
          };
          pump();
          break;
        }
        case 'hang-up':
          s.end(Buffer.from('0300000902f0802180', 'hex'));
          break;
        case 'tpkt-64k-then-silence':
          s.write(Buffer.from([0x03, 0x00, 0xff, 0xff, 0x0e, 0xd0, 0x00]));
          break;
      }
    });
  });
  server.maxConnections = 64;
  const port = await listenOn(server, host);
  return {
    host,
    port,
    get accepted() {
      return state.accepted;
    },
    get streamed() {
      return state.streamed;
    },
    open: () => sockets.size,
    close: () => held.close(server),
  };
}

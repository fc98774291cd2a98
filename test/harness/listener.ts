/**
 * A loopback TCP listener that accepts connections and holds them without a word (reading and
 * dropping what arrives): a silent server, or a stand-in for one that never answers. It counts
 * what it accepted and destroys whatever is still open when closed, so closing never waits on a peer.
 */
import net from 'node:net';

export interface HoldingListener {
  server: net.Server;
  host: string;
  port: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Connections open now. */
  open(): number;
  close(): Promise<void>;
}

/** Connections (and timers) a test server keeps, all ended at once when it closes. */
export class Held {
  readonly sockets = new Set<net.Socket>();
  readonly timers = new Set<NodeJS.Timeout>();

  /** Keeps `s` until it closes; its errors (resets by the client) are expected and ignored. */
  keep(s: net.Socket): void {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => {});
  }

  /** Clears the timers, destroys the connections and closes `server`. */
  close(server: net.Server): Promise<void> {
    return new Promise<void>((resolve) => {
      for (const t of this.timers) clearInterval(t);
      for (const s of this.sockets) s.destroy();
      server.close(() => resolve());
    });
  }
}

/** Listens on `host`:`port` (0: any free port) and resolves with the port. */
export async function listenOn(server: net.Server, host: string, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as net.AddressInfo).port;
}

export async function listenHolding(host: string, port = 0): Promise<HoldingListener> {
  const held = new Held();
  let accepted = 0;
  const server = net.createServer((s) => {
    accepted += 1;
    held.keep(s);
    s.resume();
  });
  return {
    server,
    host,
    port: await listenOn(server, host, port),
    get accepted() {
      return accepted;
    },
    open: () => held.sockets.size,
    close: () => held.close(server),
  };
}

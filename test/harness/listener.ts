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

export async function listenHolding(host: string, port = 0): Promise<HoldingListener> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((s) => {
    accepted += 1;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    s.resume();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    server,
    host,
    port: (server.address() as net.AddressInfo).port,
    get accepted() {
      return accepted;
    },
    open: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

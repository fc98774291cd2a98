/**
 * A loopback listener that counts connection attempts and drops each at once: named as the target
 * of every forbidden route, it must see none; a legitimate check shows the counter works.
 */
import net from 'node:net';

export interface Tripwire {
  readonly port: number;
  /** Connections seen so far. */
  readonly connections: number;
  close(): Promise<void>;
}

export async function startTripwire(address: string): Promise<Tripwire> {
  let connections = 0;
  const server = net.createServer((s) => {
    connections += 1;
    s.on('error', () => {});
    s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, address, () => r()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    get connections() {
      return connections;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * Test support: captures the real ClientHello records that Node's TLS client (OpenSSL) sends with
 * the given options, by listening on loopback and reading the first bytes. Used by the unit and fuzz
 * tests as live, not hand-written, input.
 */
import net from 'node:net';
import tls from 'node:tls';

export async function captureClientHello(opts: tls.ConnectionOptions, host = '127.0.0.109'): Promise<Uint8Array> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen({ host, port: 0 }, resolve));
  const { port } = server.address() as net.AddressInfo;
  try {
    const got = new Promise<Uint8Array>((resolve) => {
      server.once('connection', (s) => {
        let buf = Buffer.alloc(0);
        s.on('data', (d: Buffer) => {
          buf = Buffer.concat([buf, d]);
          const need = buf.length >= 5 ? 5 + buf.readUInt16BE(3) : Number.POSITIVE_INFINITY;
          if (buf.length >= need) {
            s.destroy();
            resolve(new Uint8Array(buf.subarray(0, need)));
          }
        });
      });
    });
    const c = tls.connect({ host, port, rejectUnauthorized: false, ...opts });
    c.on('error', () => {});
    const bytes = await got;
    c.destroy();
    return bytes;
  } finally {
    server.close();
  }
}

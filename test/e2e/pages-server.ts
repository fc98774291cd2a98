/**
 * Serves the portal-like fixture pages (test/fixtures/pages/) over HTTPS on loopback, under the real
 * production host names, so the REAL build's content-script matches run against them:
 *
 * - a self-signed certificate (for every name below) is generated at start with openssl;
 * - one Node https server listens on several loopback addresses (127.0.0.70–.74) on one port;
 * - Chromium gets `--host-resolver-rules` mapping the production names to those addresses, and
 *   every other name to NOTFOUND, so nothing leaves loopback.
 *
 * Any file is served at every name; the pages build cross-origin URLs from `location.port`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { ROOT } from './browser.js';

export const PAGES_DIR = join(ROOT, 'test/fixtures/pages');

/** Production host name → loopback address it resolves to in the test browser. */
export const HOSTS: Readonly<Record<string, string>> = {
  'portal.azure.com': '127.0.0.70',
  'sandbox-1.reactblade.portal.azure.net': '127.0.0.71',
  'rdweb.contoso.test': '127.0.0.72',
  'forum.example.test': '127.0.0.73',
  'ext.hosting.portal.azure.net': '127.0.0.74',
  'client.wvd.microsoft.com': '127.0.0.75',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

export interface PagesServer {
  port: number;
  /** `https://<name>:<port>` for a name in {@link HOSTS}. */
  origin(name: keyof typeof HOSTS | string): string;
  /** The loopback address every name resolves to in Firefox (`network.dns.forceResolve`). */
  address: string;
  /** PEM of the CA that signed the server's certificate. */
  caPem: string;
  /** Chromium arguments that make the production names resolve to this server and nothing else resolve. */
  chromiumArgs: string[];
  /** Requests seen (host header + path), for asserting that nothing unexpected was fetched. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A throwaway test CA and a certificate it signs for every name above. Chromium is told to accept any
 * certificate; Firefox trusts the CA through its profile's NSS database (it refuses a self-signed CA
 * certificate used directly by a server).
 */
function makeCertificate(dir: string): { key: Buffer; cert: Buffer; ca: string } {
  const names = Object.keys(HOSTS);
  const san = [...names.map((n) => `DNS:${n}`), ...Object.values(HOSTS).map((a) => `IP:${a}`)].join(',');
  const f = (n: string) => join(dir, n);
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore', timeout: 30_000 });
  run(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=RDP Doctor test CA']
      .concat(['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'])
      .concat(['-keyout', f('ca.key'), '-out', f('ca.pem')]),
  );
  run([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=portal.azure.com',
    '-keyout',
    f('key.pem'),
    '-out',
    f('req.pem'),
  ]);
  writeFileSync(
    f('ext.cnf'),
    `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n`,
  );
  run(
    ['x509', '-req', '-in', f('req.pem'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial'].concat([
      '-days',
      '2',
      '-sha256',
      '-extfile',
      f('ext.cnf'),
      '-out',
      f('cert.pem'),
    ]),
  );
  return { key: readFileSync(f('key.pem')), cert: readFileSync(f('cert.pem')), ca: readFileSync(f('ca.pem'), 'utf8') };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((ok, fail) => {
    const onError = (e: Error) => fail(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      ok((server.address() as AddressInfo).port);
    });
  });
}

export interface PagesServerOptions {
  /** Generated documents served at these paths (e.g. the benchmark's page), besides the fixture files. */
  extra?: Readonly<Record<string, string>>;
}

export async function startPagesServer(opts: PagesServerOptions = {}): Promise<PagesServer> {
  const dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-pages-'));
  const tls = makeCertificate(dir);
  const requests: string[] = [];
  const handler: Parameters<typeof createServer>[1] = (req, res) => {
    const url = new URL(req.url ?? '/', 'https://x');
    requests.push(`${req.headers.host ?? ''}${url.pathname}`);
    // The RD Web fixtures live under /RDWeb/ as on real RD Web servers.
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const generated = opts.extra?.[url.pathname];
    if (generated !== undefined) {
      res.writeHead(200, { 'content-type': TYPES[extname(url.pathname)] ?? 'text/plain', 'cache-control': 'no-store' });
      res.end(generated);
      return;
    }
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const file = resolve(PAGES_DIR, normalize(rel));
    if (!file.startsWith(PAGES_DIR + sep)) {
      res.writeHead(403).end();
      return;
    }
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(body);
  };
  // One port on every address: the first address picks a free port, the others take the same one.
  // Another process may hold that port on a later address: then start over (a few times).
  let servers: Server[] = [];
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    servers = [];
    port = 0;
    try {
      for (const address of new Set(Object.values(HOSTS))) {
        const s = createServer({ key: tls.key, cert: tls.cert }, handler);
        servers.push(s);
        port = await listen(s, address, port);
      }
      break;
    } catch (e) {
      for (const s of servers) if (s.listening) s.close();
      if (attempt >= 4 || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const rules = [...Object.entries(HOSTS).map(([n, a]) => `MAP ${n} ${a}`), 'MAP * ~NOTFOUND'].join(', ');
  return {
    port,
    origin: (name) => `https://${name}:${port}`,
    address: Object.values(HOSTS)[0] ?? '127.0.0.70',
    caPem: tls.ca,
    chromiumArgs: [`--host-resolver-rules=${rules}`, '--ignore-certificate-errors'],
    requests,
    close: () =>
      Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((ok) => {
              s.closeAllConnections();
              s.close(() => ok());
            }),
        ),
      ).then(() => undefined),
  };
}

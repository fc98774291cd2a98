/**
 * `rdp-doctor listen --against HOST` with the real FreeRDP client and the real test servers: the
 * NLA and TLS-version mismatches the servers can produce are named with the side that must change
 * and the fixes ranked; a client and server that agree produce no failure. Starts the shared RDP
 * test servers, so run it under the live lock:
 *   flock /tmp/rdp-doctor-live.lock npx vitest run test/listen/against.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientOfferReport } from '../../shared/protocol/client-offer.js';
import { missingBinaries, type ServerName, type ServerSet, startRdpServers } from '../harness/rdp-servers.js';
import { type Finished, startListenCli, startXfreerdp, startXvfb, stop, stopAll } from './clients.js';

const SERVERS: ServerName[] = ['shadow-nla', 'xrdp-tls10', 'xrdp-negotiate-valid', 'xrdp-rdp-valid'];
const PASSWORD = 'Against-Pa55word!';
let set: ServerSet | undefined;
let display = '';

beforeAll(async () => {
  if (missingBinaries(SERVERS).length > 0) throw new Error(`missing: ${missingBinaries(SERVERS).join(', ')}`);
  set = await startRdpServers(SERVERS);
  display = (await startXvfb()).display;
});
afterAll(async () => {
  await stopAll();
  await set?.stop();
});

interface Against {
  target: string;
  comparison: { id: string; status: string; change: string; summary: string }[];
  fixes: string[];
}

async function against(address: string, server: ServerName, args: string[], json = true) {
  const s = set!.servers[server];
  const l = startListenCli([
    '--bind',
    address,
    '--port',
    '3390',
    '--timeout',
    '30000',
    '--against',
    `${s.host}:${s.port}`,
    ...(json ? ['--json'] : []),
  ]);
  await l.ready;
  const x = startXfreerdp(display, `${address}:3390`, ['/u:someone', `/p:${PASSWORD}`, ...args]);
  const cli: Finished = await l.done;
  await stop(x.child);
  expect(cli.stdout + cli.stderr).not.toContain(PASSWORD);
  return cli;
}

describe('rdp-doctor listen --against', { timeout: 90_000 }, () => {
  it('client offers only TLS, server requires NLA → change the client: turn on NLA (exit 3)', async () => {
    const cli = await against('127.0.0.100', 'shadow-nla', ['/sec:tls']);
    expect(cli.code, cli.stderr).toBe(3);
    const r = JSON.parse(cli.stdout) as ClientOfferReport & { against: Against };
    const sec = r.against.comparison.find((c) => c.id === 'security-protocol');
    expect(sec).toMatchObject({ status: 'fail', change: 'client' });
    expect(sec?.summary).toMatch(/offers only TLS; the server requires NLA/);
    expect(r.against.fixes[0]).toBe('enable-nla-on-client');
  });

  it('client refuses TLS 1.0, server offers only TLS 1.0 → change the server: enable TLS 1.2 (exit 3)', async () => {
    const cli = await against('127.0.0.101', 'xrdp-tls10', ['/sec:tls', '+enforce-tlsv1_2']);
    expect(cli.code, cli.stdout).toBe(3);
    const r = JSON.parse(cli.stdout) as ClientOfferReport & { against: Against };
    expect(r.against.comparison.find((c) => c.id === 'security-protocol')).toMatchObject({ status: 'ok' });
    const tls = r.against.comparison.find((c) => c.id === 'tls-version');
    expect(tls).toMatchObject({ status: 'fail', change: 'server' });
    // FreeRDP limited to TLS 1.2 sends no supported_versions: the refused TLS 1.0 handshake establishes it.
    expect(r.tls?.listenerVersion).toBe('TLS 1.0');
    expect(r.tls?.handshake).toMatchObject({ ok: false });
    expect(tls?.summary).toMatch(
      /client refuses TLS 1\.0 \(it offers up to TLS 1\.2 and refused a TLS 1\.0 handshake with the listener\); the server offers only TLS 1\.0/,
    );
    expect(r.against.fixes[0]).toBe('align-tls-and-cipher-suites');
  });

  it('client lists TLS 1.0 but cannot complete it (OpenSSL security level): the handshake decides, not the list', async () => {
    const cli = await against('127.0.0.105', 'xrdp-tls10', ['/sec:tls']);
    expect(cli.code, cli.stdout).toBe(3);
    const r = JSON.parse(cli.stdout) as ClientOfferReport & { against: Against };
    expect(r.tls?.clientHello?.versions).toContain('TLS 1.0');
    const tls = r.against.comparison.find((c) => c.id === 'tls-version');
    expect(tls).toMatchObject({ status: 'fail', change: 'server' });
    expect(tls?.summary).toMatch(/it lists TLS 1\.0, but its TLS 1\.0 handshake with the listener failed/);
  });

  it('/tls-seclevel:0 lets the same client speak TLS 1.0: the comparison agrees (exit 0)', async () => {
    const cli = await against('127.0.0.106', 'xrdp-tls10', ['/sec:tls', '/tls-seclevel:0']);
    expect(cli.code, cli.stdout).toBe(0);
    const r = JSON.parse(cli.stdout) as ClientOfferReport & { against: Against };
    expect(r.tls?.handshake).toMatchObject({ ok: true, version: 'TLSv1' });
    expect(r.against.comparison.find((c) => c.id === 'tls-version')).toMatchObject({ status: 'ok', change: 'none' });
  });

  it('client asks for TLS/NLA, server allows only standard RDP → change the server', async () => {
    const cli = await against('127.0.0.102', 'xrdp-rdp-valid', ['/sec:tls']);
    expect(cli.code).toBe(3);
    const r = JSON.parse(cli.stdout) as ClientOfferReport & { against: Against };
    expect(r.against.comparison[0]).toMatchObject({ id: 'security-protocol', status: 'fail', change: 'server' });
    expect(r.against.fixes[0]).toBe('force-rdp-security-layer');
  });

  it('client and server agree → no failure, exit 0; the text form ranks nothing and says so', async () => {
    const cli = await against('127.0.0.103', 'xrdp-negotiate-valid', [], false);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/Compared with the server 127\.0\.0\.11:3389:/);
    expect(cli.stdout).toMatch(/ok {3}security-protocol +Both sides can use /);
    expect(cli.stdout).not.toMatch(/FAIL/);
    expect(cli.stdout).not.toMatch(/Fixes, most likely first/);
  });

  it('the text form names the side and ranks the fixes like explain', async () => {
    const cli = await against('127.0.0.104', 'shadow-nla', ['/sec:tls'], false);
    expect(cli.code).toBe(3);
    expect(cli.stdout).toMatch(
      /FAIL security-protocol +\[change the CLIENT\] The client offers only TLS; the server requires NLA/,
    );
    expect(cli.stdout).toMatch(/Fixes, most likely first:\n {2}1\. .+ {2}\[enable-nla-on-client\]\n {5}why: /);
  });
});

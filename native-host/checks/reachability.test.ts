import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSocketCount } from '../probe/net.js';
import { runReachability } from './reachability.js';

const ctx = { signal: new AbortController().signal };
let server: net.Server;
let port: number;

beforeAll(async () => {
  server = net.createServer((s) => s.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.44', () => r()));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('reachability', () => {
  it('open port: port-open rules out network causes', async () => {
    const r = await runReachability({ host: '127.0.0.44', port, timeoutMs: 5000 }, ctx);
    expect(r.status).toBe('pass');
    expect(r.evidence.openAddress).toBe('127.0.0.44');
    expect(r.findings.map((f) => f.id)).toEqual(['port-open']);
    expect(r.findings[0]?.rulesOut).toContain('firewall-blocks-port');
  });
  it('closed port: port-refused (fail)', async () => {
    const r = await runReachability({ host: '127.0.0.45', port, timeoutMs: 5000 }, ctx);
    expect(r.status).toBe('fail');
    expect(r.findings).toMatchObject([
      { id: 'port-refused', severity: 'fail', supports: ['port-closed', 'rds-service-down', 'rdp-disabled'] },
    ]);
    expect((r.evidence.addresses as { verdict: string }[])[0]?.verdict).toBe('refused');
  });
  it('a name that does not resolve: dns-failed', async () => {
    const r = await runReachability({ host: 'no-such-host.rdp-doctor.invalid', port: 3389, timeoutMs: 5000 }, ctx);
    expect(r.status).toBe('fail');
    expect(r.findings).toMatchObject([{ id: 'dns-failed', severity: 'fail', supports: ['dns-failure'] }]);
  });
  it('resolves a name to all its addresses (localhost)', async () => {
    const r = await runReachability({ host: 'localhost', port, timeoutMs: 5000 }, ctx);
    const addrs = (r.evidence.addresses as { address: string }[]).map((a) => a.address);
    expect(addrs.length).toBeGreaterThan(0);
    expect(addrs.every((a) => a === '127.0.0.1' || a === '::1')).toBe(true);
  });
  it('an aborted signal ends without leaving sockets', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await runReachability({ host: '127.0.0.44', port, timeoutMs: 5000 }, { signal: ac.signal });
    expect((r.evidence.addresses as { verdict: string }[])[0]?.verdict).toBe('aborted');
    await vi.waitFor(() => expect(openSocketCount()).toBe(0));
  });
});

describe('reachability over IPv6 loopback', () => {
  it('[::1]: open on a listener, refused on a closed port', async () => {
    const v6 = net.createServer((s) => s.destroy());
    const ok = await new Promise<boolean>((r) => {
      v6.once('error', () => r(false));
      v6.listen(13477, '::1', () => r(true));
    });
    if (!ok) return; // no IPv6 loopback on this machine
    try {
      const open = await runReachability({ host: '::1', port: 13477, timeoutMs: 5000 }, ctx);
      expect(open.evidence.addresses).toMatchObject([{ address: '::1', family: 6, verdict: 'open' }]);
      expect(open.findings[0]?.summary).toContain('[::1]:13477');
      const closed = await runReachability({ host: '::1', port: 13478, timeoutMs: 5000 }, ctx);
      expect(closed.findings.map((f) => f.id)).toEqual(['port-refused']);
    } finally {
      await new Promise<void>((r) => v6.close(() => r()));
    }
  });
});

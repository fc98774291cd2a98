/**
 * The real helper over real stdio with its `listen-client` engine: it listens on 127.0.0.1 at a port
 * it picks, reports a real client's offer as `client-offer`, ends with `result`; a cancel stops it;
 * a request that tries to choose where to listen, or waits out of range, is refused.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeConnectionRequest } from '../../native-host/rdp/x224.js';
import type { ClientOfferReport } from '../../shared/protocol/client-offer.js';
import { type HostProcess, spawnHost, untilEnd } from '../host/harness.js';

const hosts: HostProcess[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.kill();
});
function start() {
  const h = spawnHost();
  hosts.push(h);
  return h;
}

describe('helper listen-client', { timeout: 30_000 }, () => {
  it('announces the capability, listens on 127.0.0.1, reports the client, then result', async () => {
    const h = start();
    expect((await h.next()).capabilities).toContain('listen-client');
    h.send({ type: 'listen-client', id: 'l1', waitMs: 20_000, host: '0.0.0.0', port: 3389 });
    const first = (await h.until((m) => m.id === 'l1')) as {
      type: string;
      result: { checkId: string; evidence: { address: string; port: number } };
    };
    expect(first.type).toBe('progress');
    expect(first.result.checkId).toBe('client-listener');
    // Extra fields cannot move the listener: loopback, a port the helper chose.
    expect(first.result.evidence.address).toBe('127.0.0.1');
    expect(first.result.evidence.port).not.toBe(3389);
    const s = net.connect({ host: '127.0.0.1', port: first.result.evidence.port });
    s.on('error', () => {});
    await new Promise((r) => s.once('connect', r));
    s.write(encodeConnectionRequest({ requestedProtocols: 1, cookie: 'carol' }));
    await new Promise((r) => s.once('data', r));
    s.end();
    const rest = await untilEnd(h, 'l1');
    const offer = rest[0] as { result: { checkId: string; status: string; evidence: { report: ClientOfferReport } } };
    expect(offer.result.checkId).toBe('client-offer');
    expect(offer.result.status).toBe('pass');
    expect(offer.result.evidence.report.x224).toMatchObject({
      protocols: ['SSL'],
      cookie: { value: '[redacted, 5 characters]' },
    });
    expect(rest.at(-1)).toMatchObject({ type: 'result', id: 'l1', request: 'listen-client', count: 2 });
    s.destroy();
  });

  it('cancel stops listening: error "cancelled", and the port is closed', async () => {
    const h = start();
    await h.next();
    h.send({ type: 'listen-client', id: 'l2', waitMs: 60_000 });
    const first = (await h.until((m) => m.id === 'l2')) as { result: { evidence: { port: number } } };
    h.send({ type: 'cancel', id: 'l2' });
    expect(await h.until((m) => m.id === 'l2')).toMatchObject({ type: 'error', code: 'cancelled' });
    const refused = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port: first.result.evidence.port });
      s.once('connect', () => {
        s.destroy();
        resolve(false);
      });
      s.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('a wait out of range is refused with invalid-request', async () => {
    const h = start();
    await h.next();
    for (const waitMs of [10, 600_001, '5000', null]) {
      h.send({ type: 'listen-client', id: `bad${String(waitMs)}`, waitMs });
      expect(await h.until((m) => m.id === `bad${String(waitMs)}`)).toMatchObject({
        type: 'error',
        code: 'invalid-request',
      });
    }
  });
});

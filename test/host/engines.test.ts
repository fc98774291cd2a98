/**
 * The real helper with its real engines, black-box over stdio: a probe of a closed loopback port,
 * a probe cancelled while the server stays silent, and local checks.
 */
import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type HostProcess, spawnHost, untilEnd } from './harness.js';

const hosts: HostProcess[] = [];
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.kill();
  for (const c of cleanups.splice(0)) c();
});
function start() {
  const h = spawnHost();
  hosts.push(h);
  return h;
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Collect a request's messages until its terminal one; every message must validate. */

describe('real engines', () => {
  it('probe of a closed port: four results streamed (reachability fails, the rest skipped), then result', async () => {
    const port = await closedPort();
    const h = start();
    expect((await h.next()).capabilities).toEqual(['ping', 'cancel', 'probe', 'local-checks', 'listen-client']);
    h.send({ type: 'probe', id: 'closed', host: '127.0.0.1', port, timeoutMs: 2000 });
    const msgs = await untilEnd(h, 'closed');
    const progress = msgs.filter((m) => m.type === 'progress') as Array<{
      result: { checkId: string; status: string };
      total: number;
    }>;
    expect(progress.map((p) => p.result.checkId)).toEqual(['reachability', 'negotiation', 'certificate', 'ntlm-info']);
    expect(progress.map((p) => p.result.status)).toEqual(['fail', 'skipped', 'skipped', 'skipped']);
    expect(progress.every((p) => p.total === 4)).toBe(true);
    expect(msgs.at(-1)).toMatchObject({ type: 'result', id: 'closed', request: 'probe', count: 4 });
  });

  it('cancel stops a probe waiting on a silent server and closes its connections', async () => {
    const sockets: Socket[] = [];
    let closed = 0;
    const server = createServer((s) => {
      sockets.push(s);
      s.on('error', () => {});
      // Read (and drop) so the helper's FIN is seen: a paused socket never reports the close.
      s.resume();
      s.on('close', () => closed++);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => server.close());
    const port = (server.address() as { port: number }).port;
    const h = start();
    await h.next();
    h.send({ type: 'probe', id: 'silent', host: '127.0.0.1', port, timeoutMs: 30000 });
    while (sockets.length === 0) await new Promise((r) => setTimeout(r, 20));
    h.send({ type: 'cancel', id: 'silent' });
    const end = await h.until((m) => m.id === 'silent' && m.type !== 'progress');
    expect(end).toMatchObject({ type: 'error', id: 'silent', code: 'cancelled' });
    h.closeStdin();
    expect((await h.exit()).code).toBe(0);
    while (closed < sockets.length) await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(sockets.length);
  });

  it('local checks: one result per requested check, then result', async () => {
    const h = start();
    await h.next();
    h.send({ type: 'local-checks', id: 'loc', timeoutMs: 5000, checks: ['proxy', 'clock'] });
    const msgs = await untilEnd(h, 'loc');
    const ids = msgs.filter((m) => m.type === 'progress').map((m) => (m.result as { checkId: string }).checkId);
    expect(ids.sort()).toEqual(['clock', 'proxy']);
    expect(msgs.at(-1)).toMatchObject({ type: 'result', id: 'loc', request: 'local-checks', count: 2 });
  });
});

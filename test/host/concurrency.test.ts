/**
 * Concurrent work, cancel, limits and shutdown, black-box: a real helper process whose probe engine
 * reads a real loopback socket (socket-engine-host.ts), so the test decides when each request makes
 * progress and the order of interleaved replies is deterministic.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_HOST_MESSAGE_BYTES } from '../../shared/protocol/messages.js';
import { type HostProcess, ROOT, spawnHost } from './harness.js';

const ENTRY = join(ROOT, 'test/host/socket-engine-host.ts');

interface TestServer {
  port: number;
  /** The n-th accepted connection (waits for it). */
  conn(n: number): Promise<Socket>;
  /** Resolves when the n-th connection is closed by the helper. */
  closed(n: number): Promise<void>;
  server: Server;
}

const servers: Server[] = [];
const hosts: HostProcess[] = [];

async function testServer(): Promise<TestServer> {
  const sockets: Socket[] = [];
  const waiting: Array<() => void> = [];
  const server = createServer((s) => {
    sockets.push(s);
    s.on('error', () => {});
    s.resume(); // flowing, so the helper's FIN is seen and 'close' fires
    for (const w of waiting.splice(0)) w();
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const conn = async (n: number) => {
    while (sockets.length <= n) await new Promise<void>((r) => waiting.push(r));
    return sockets[n]!;
  };
  return {
    port,
    server,
    conn,
    closed: async (n) => {
      const s = await conn(n);
      if (s.destroyed || s.readableEnded) return;
      await new Promise<void>((r) => s.once('close', () => r()));
    },
  };
}

afterEach(async () => {
  for (const h of hosts.splice(0)) h.kill();
  for (const s of servers.splice(0)) {
    s.close();
  }
});

function start(): HostProcess {
  const h = spawnHost(ENTRY);
  hosts.push(h);
  return h;
}

const probe = (id: string, port: number) => ({ type: 'probe', id, host: '127.0.0.1', port, timeoutMs: 5000 });

describe('several requests at once', () => {
  it('interleaves progress of two probes by id, in the order the work happens', async () => {
    const srv = await testServer();
    const h = start();
    expect((await h.next()).capabilities).toContain('probe');
    h.send(probe('A', srv.port));
    const a = await srv.conn(0);
    h.send(probe('B', srv.port));
    const b = await srv.conn(1);

    b.write('b-one\n');
    expect(await h.next()).toMatchObject({ type: 'progress', id: 'B', index: 0, result: { summary: 'b-one' } });
    a.write('a-one\n');
    expect(await h.next()).toMatchObject({ type: 'progress', id: 'A', index: 0, result: { summary: 'a-one' } });
    h.send({ type: 'ping', id: 'mid' });
    expect(await h.next()).toMatchObject({ type: 'pong', id: 'mid' });
    b.write('b-two\n');
    expect(await h.next()).toMatchObject({ type: 'progress', id: 'B', index: 1, result: { summary: 'b-two' } });
    b.end();
    expect(await h.next()).toMatchObject({ type: 'result', id: 'B', request: 'probe', count: 2 });
    a.end();
    expect(await h.next()).toMatchObject({ type: 'result', id: 'A', request: 'probe', count: 1 });
  });

  it('cancel aborts one request (its socket closes) and leaves the other running', async () => {
    const srv = await testServer();
    const h = start();
    await h.next();
    h.send(probe('keep', srv.port));
    const keep = await srv.conn(0);
    h.send(probe('drop', srv.port));
    await srv.conn(1);
    h.send({ type: 'cancel', id: 'drop' });
    expect(await h.next()).toMatchObject({ type: 'error', id: 'drop', code: 'cancelled' });
    await srv.closed(1);
    h.send({ type: 'cancel', id: 'never-existed' });
    keep.write('still here\n');
    expect(await h.next()).toMatchObject({ type: 'progress', id: 'keep', result: { summary: 'still here' } });
    keep.end();
    expect(await h.next()).toMatchObject({ type: 'result', id: 'keep', count: 1 });
  });

  it('refuses a duplicate id and more than maxConcurrent requests', async () => {
    const srv = await testServer();
    const h = start();
    const hello = await h.next();
    const max = hello.maxConcurrent as number;
    for (let i = 0; i < max; i++) {
      h.send(probe(`w${i}`, srv.port));
      await srv.conn(i);
    }
    h.send(probe('w0', srv.port));
    expect(await h.next()).toMatchObject({ type: 'error', id: 'w0', code: 'duplicate-id' });
    h.send(probe('one-too-many', srv.port));
    expect(await h.next()).toMatchObject({ type: 'error', id: 'one-too-many', code: 'busy' });
    h.send({ type: 'ping', id: 'ping-is-not-work' });
    expect(await h.next()).toMatchObject({ type: 'pong', id: 'ping-is-not-work' });
    (await srv.conn(0)).end();
    expect(await h.next()).toMatchObject({ type: 'result', id: 'w0' });
    h.send(probe('now-fits', srv.port));
    await srv.conn(max);
  });

  it('when stdin closes mid-request: aborts the work, closes its sockets, flushes, exits 0', async () => {
    const srv = await testServer();
    const h = start();
    await h.next();
    h.send(probe('inflight', srv.port));
    await srv.conn(0);
    h.closeStdin();
    expect(await h.next()).toMatchObject({ type: 'error', id: 'inflight', code: 'cancelled' });
    await srv.closed(0);
    expect(await h.exit()).toEqual({ code: 0, signal: null });
  });

  it('keeps every message under the 1 MB limit by trimming oversized evidence', async () => {
    const srv = await testServer();
    const h = start();
    await h.next();
    h.send(probe('huge', srv.port));
    const s = await srv.conn(0);
    s.write(`big:${2 * 1024 * 1024}\n`);
    const m = await h.next();
    expect(m).toMatchObject({
      type: 'progress',
      id: 'huge',
      result: { summary: 'big', evidence: { truncated: true } },
    });
    expect(Buffer.byteLength(JSON.stringify(m))).toBeLessThan(MAX_HOST_MESSAGE_BYTES);
    s.end();
    expect(await h.next()).toMatchObject({ type: 'result', id: 'huge', count: 1 });
  });

  it('a probe whose engine fails reports internal, and details go to stderr only', async () => {
    const srv = await testServer();
    const port = srv.port;
    srv.server.close();
    await new Promise((r) => setImmediate(r));
    const h = start();
    await h.next();
    h.send(probe('refused', port));
    expect(await h.next()).toMatchObject({ type: 'error', id: 'refused', code: 'internal' });
    // stderr is its own pipe: its bytes can reach this process after the error on stdout.
    await expect.poll(() => h.stderr(), { timeout: 5_000 }).toMatch(/ECONNREFUSED/);
  });
});

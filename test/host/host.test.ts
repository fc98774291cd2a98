/**
 * Black-box tests of the real helper process over real stdio (native-messaging framing).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HOST_VERSION } from '../../native-host/messaging/version.js';
import { PROTOCOL_ERROR_MESSAGES } from '../../shared/protocol/errors.js';
import { PROTOCOL_VERSION } from '../../shared/protocol/messages.js';
import { type HostProcess, rawFrame, spawnHost } from './harness.js';

const started: HostProcess[] = [];
function start(entry?: string): HostProcess {
  const h = spawnHost(entry);
  started.push(h);
  return h;
}
afterEach(() => {
  for (const h of started.splice(0)) h.kill();
});

const err = (id: string | null, code: keyof typeof PROTOCOL_ERROR_MESSAGES) => ({
  type: 'error',
  id,
  code,
  message: PROTOCOL_ERROR_MESSAGES[code],
});

describe('the helper over stdio', () => {
  it('speaks first with hello, answers ping, and exits 0 when stdin closes', async () => {
    const h = start();
    const hello = await h.next();
    expect(hello).toEqual({
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      hostVersion: HOST_VERSION,
      capabilities: expect.arrayContaining(['ping', 'cancel']),
      platform: process.platform,
      maxConcurrent: 8,
    });
    h.send({ type: 'ping', id: 'p1' });
    expect(await h.next()).toEqual({ type: 'pong', id: 'p1', hostVersion: HOST_VERSION });
    h.closeStdin();
    expect(await h.exit()).toEqual({ code: 0, signal: null });
    expect(h.stderr()).toContain('stdin closed');
  });

  it('answers many requests written in one chunk, each with its own id', async () => {
    const h = start();
    await h.next();
    const ids = Array.from({ length: 40 }, (_, i) => `req-${(i * 7919) % 997}`);
    h.sendRaw(Buffer.concat(ids.map((id) => rawFrame(JSON.stringify({ type: 'ping', id })))));
    const got: unknown[] = [];
    for (const _ of ids) got.push((await h.next()).id);
    expect(got).toEqual(ids);
  });

  it('reads a request split into single bytes', async () => {
    const h = start();
    await h.next();
    const frame = rawFrame(JSON.stringify({ type: 'ping', id: 'slow' }));
    for (const b of frame) h.sendRaw(Buffer.from([b]));
    expect(await h.next()).toMatchObject({ type: 'pong', id: 'slow' });
  });

  it('answers each malformed frame with its documented error and keeps serving', async () => {
    const h = start();
    await h.next();
    const cases: Array<[Buffer, Record<string, unknown>]> = [
      [rawFrame('{"type":"ping",'), err(null, 'invalid-json')],
      [rawFrame(Buffer.from([0xc3, 0x28])), err(null, 'invalid-json')],
      [rawFrame(''), err(null, 'invalid-json')],
      [rawFrame('[1,2,3]'), err(null, 'invalid-request')],
      [rawFrame('"ping"'), err(null, 'invalid-request')],
      [rawFrame('{"type":"ping"}'), err(null, 'invalid-request')],
      [rawFrame('{"type":"ping","id":"has space"}'), err(null, 'invalid-request')],
      [rawFrame('{"type":"format-c","id":"u1"}'), err('u1', 'unknown-type')],
      [
        rawFrame('{"type":"probe","id":"t1","host":"-oProxyCommand=x","port":3389,"timeoutMs":1000}'),
        err('t1', 'invalid-target'),
      ],
      [
        rawFrame('{"type":"probe","id":"t2","host":"server","port":70000,"timeoutMs":1000}'),
        err('t2', 'invalid-target'),
      ],
      [rawFrame('{"type":"local-checks","id":"l1"}'), err('l1', 'invalid-request')],
      [rawFrame('x'.repeat(70 * 1024)), err(null, 'frame-too-large')],
    ];
    for (const [frame, expected] of cases) {
      h.sendRaw(frame);
      expect(await h.next()).toEqual(expected);
    }
    h.send({ type: 'ping', id: 'still-alive' });
    expect(await h.next()).toMatchObject({ type: 'pong', id: 'still-alive' });
    h.closeStdin();
    expect((await h.exit()).code).toBe(0);
  });

  it('stays in sync after an oversize frame that arrives in pieces', async () => {
    const h = start();
    await h.next();
    const big = rawFrame(JSON.stringify({ type: 'ping', id: 'big', pad: 'y'.repeat(200 * 1024) }));
    h.sendRaw(big.subarray(0, 1000));
    expect(await h.next()).toEqual(err(null, 'frame-too-large'));
    h.sendRaw(big.subarray(1000));
    h.send({ type: 'ping', id: 'after' });
    expect(await h.next()).toMatchObject({ type: 'pong', id: 'after' });
  });

  it('exits with a log line when the stream cannot be resynchronised (text where a length belongs)', async () => {
    const h = start();
    await h.next();
    h.sendRaw(Buffer.from('hello, this is not a frame\n'));
    expect(await h.next()).toEqual(err(null, 'frame-too-large'));
    expect(await h.exit()).toEqual({ code: 2, signal: null });
    expect(h.stderr()).toMatch(/cannot be resynchronised/);
  });

  it.each([
    ['inside the length prefix', Buffer.from([0x20, 0x00])],
    ['inside the body', rawFrame('{"type":"ping","id":"cut"}').subarray(0, 12)],
  ])('reports stdin closed %s and exits', async (_n, partial) => {
    const h = start();
    await h.next();
    h.sendRaw(partial);
    h.closeStdin();
    expect(await h.next()).toEqual(err(null, 'bad-frame'));
    const { code } = await h.exit();
    expect(code).toBe(2);
    expect(h.stderr()).toMatch(/input ended/);
  });

  it('announces only the work it can do, and refuses the rest with unsupported-capability', async () => {
    const h = start();
    const hello = await h.next();
    const caps = hello.capabilities as string[];
    h.send({ type: 'probe', id: 'pr', host: '127.0.0.1', port: 9, timeoutMs: 200 });
    h.send({ type: 'local-checks', id: 'lc', timeoutMs: 200, checks: ['no-such-check'] });
    const byId = new Map<unknown, Record<string, unknown>>();
    while (byId.size < 2) {
      const m = await h.until((x) => x.type === 'result' || x.type === 'error');
      byId.set(m.id, m);
    }
    for (const [id, cap] of [
      ['pr', 'probe'],
      ['lc', 'local-checks'],
    ] as const) {
      const m = byId.get(id)!;
      if (caps.includes(cap)) expect(m.code).not.toBe('unsupported-capability');
      else expect(m).toEqual(err(id, 'unsupported-capability'));
    }
  });
});

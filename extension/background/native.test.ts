import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NativeClient, NativeError, type PortLike } from './native.js';

/** A fake runtime Port: records what the background posts and lets the test play the helper. */
class FakePort implements PortLike {
  sent: unknown[] = [];
  disconnected = false;
  error: { message?: string } | null = null;
  private msg: Array<(m: unknown) => void> = [];
  private gone: Array<(p: unknown) => void> = [];
  onMessage = { addListener: (fn: (m: unknown) => void) => this.msg.push(fn) };
  onDisconnect = { addListener: (fn: (p: unknown) => void) => this.gone.push(fn) };
  postMessage(m: unknown) {
    if (this.disconnected) throw new Error('Attempt to postMessage on disconnected port');
    this.sent.push(m);
  }
  disconnect() {
    this.disconnected = true;
  }
  /** The helper sends a message. */
  emit(m: unknown) {
    for (const f of this.msg) f(m);
  }
  /** The browser closes the port with an error (Chromium: lastError; Firefox: port.error). */
  die(message?: string, via: 'port' | 'lastError' = 'port') {
    this.disconnected = true;
    if (via === 'port' && message) this.error = { message };
    for (const f of this.gone) f(this);
  }
  hello(protocolVersion = '1.0', capabilities = ['ping', 'cancel', 'probe', 'local-checks']) {
    this.emit({
      type: 'hello',
      protocolVersion,
      hostVersion: '0.1.0',
      capabilities,
      platform: 'linux',
      maxConcurrent: 8,
    });
  }
  lastSent() {
    return this.sent.at(-1) as { type: string; id: string };
  }
}

const result = (checkId: string) => ({
  checkId,
  status: 'pass',
  summary: 's',
  evidence: {},
  findings: [],
  durationMs: 1,
});

let ports: FakePort[];
let lastError: string | undefined;
function client(opts = {}) {
  return new NativeClient({
    connect: () => {
      const p = new FakePort();
      ports.push(p);
      return p;
    },
    lastError: () => lastError,
    context: () => ({ browser: 'chrome', os: 'linux' }),
    helloTimeoutMs: 5000,
    idleMs: 1000,
    ...opts,
  });
}
const flush = () => new Promise((r) => setImmediate(r));

beforeEach(() => {
  ports = [];
  lastError = undefined;
});
afterEach(() => vi.useRealTimers());

describe('NativeClient', () => {
  it('reports the helper version after hello and disconnects when idle', async () => {
    vi.useFakeTimers();
    const c = client();
    const s = c.status();
    ports[0]!.hello();
    expect(await s).toEqual({
      connected: true,
      hostVersion: '0.1.0',
      protocolVersion: '1.0',
      capabilities: ['ping', 'cancel', 'probe', 'local-checks'],
      platform: 'linux',
    });
    expect(c.connected).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(ports[0]!.disconnected).toBe(true);
    expect(c.connected).toBe(false);
  });

  it('maps "not found" before hello to install guidance', async () => {
    const c = client();
    const s = c.status();
    lastError = 'Specified native messaging host not found.';
    ports[0]!.die(undefined, 'lastError');
    const r = await s;
    expect(r).toMatchObject({ connected: false, code: 'host-not-found' });
    if (!r.connected) expect(r.guidance.command).toBe('rdp-doctor host install --browser chrome');
  });

  it('maps Firefox port.error and silent disconnects', async () => {
    const c = client();
    const s = c.status();
    ports[0]!.die('No such native application com.rdpdoctor.host');
    expect(await s).toMatchObject({ connected: false, code: 'host-not-found' });
    const s2 = c.status();
    ports[1]!.die();
    expect(await s2).toMatchObject({ connected: false, code: 'host-not-found' });
  });

  it('gives up after the hello timeout with specific guidance', async () => {
    vi.useFakeTimers();
    const c = client();
    const s = c.status();
    vi.advanceTimersByTime(5000);
    const r = await s;
    expect(r).toMatchObject({ connected: false, code: 'host-no-hello' });
    expect(ports[0]!.disconnected).toBe(true);
  });

  it.each([
    ['0.3', 'The helper is older than the extension'],
    ['2.0', 'The extension is older than the helper'],
  ])('refuses a helper speaking protocol %s: %s', async (v, title) => {
    const c = client();
    const s = c.status();
    ports[0]!.hello(v);
    const r = await s;
    expect(r).toMatchObject({ connected: false, code: 'host-incompatible' });
    if (!r.connected) expect(r.guidance.title).toBe(title);
    expect(ports[0]!.disconnected).toBe(true);
  });

  it('multiplexes concurrent requests on one port, routing interleaved replies by id', async () => {
    const c = client();
    const seenA: string[] = [];
    const seenB: string[] = [];
    const a = c.request('probe', { host: 'a', port: 3389, timeoutMs: 1000 }, (r) => seenA.push(r.checkId));
    ports[0]!.hello();
    await flush();
    const b = c.request('probe', { host: 'b', port: 3389, timeoutMs: 1000 }, (r) => seenB.push(r.checkId));
    const ping = c.request('ping');
    await flush();
    expect(ports).toHaveLength(1);
    const [ra, rb, rp] = ports[0]!.sent as Array<{ id: string; type: string }>;
    expect([ra!.type, rb!.type, rp!.type]).toEqual(['probe', 'probe', 'ping']);
    expect(new Set([ra!.id, rb!.id, rp!.id]).size).toBe(3);
    const p = ports[0]!;
    p.emit({ type: 'progress', id: rb!.id, index: 0, result: result('b1') });
    p.emit({ type: 'progress', id: ra!.id, index: 0, total: 2, result: result('a1') });
    p.emit({ type: 'pong', id: rp!.id, hostVersion: '0.1.0' });
    p.emit({ type: 'progress', id: ra!.id, index: 1, total: 2, result: result('a2') });
    p.emit({ type: 'result', id: ra!.id, request: 'probe', count: 2, durationMs: 5 });
    p.emit({ type: 'error', id: rb!.id, code: 'invalid-target', message: 'bad target' });
    expect(await ping).toEqual({ hostVersion: '0.1.0' });
    const outA = await a;
    expect(outA.results.map((r) => r.checkId)).toEqual(['a1', 'a2']);
    expect(outA.count).toBe(2);
    await expect(b).rejects.toMatchObject({ code: 'invalid-target', message: 'bad target' });
    expect(seenA).toEqual(['a1', 'a2']);
    expect(seenB).toEqual(['b1']);
  });

  it('fails in-flight requests when the helper dies, then reconnects for the next request', async () => {
    const c = client();
    const a = c.request('local-checks', { timeoutMs: 1000 });
    ports[0]!.hello();
    await flush();
    const b = c.request('probe', { host: 'x', port: 1, timeoutMs: 1000 });
    await flush();
    lastError = 'Native host has exited.';
    ports[0]!.die(undefined, 'lastError');
    await expect(a).rejects.toMatchObject({ code: 'host-exited', message: expect.stringMatching(/stopped while/) });
    await expect(b).rejects.toBeInstanceOf(NativeError);
    expect(c.inFlight).toBe(0);
    const again = c.request('ping');
    expect(ports).toHaveLength(2);
    ports[1]!.hello();
    await flush();
    ports[1]!.emit({ type: 'pong', id: ports[1]!.lastSent().id, hostVersion: '0.1.0' });
    expect(await again).toEqual({ hostVersion: '0.1.0' });
  });

  it('cancels: sends cancel with the request id and rejects at once', async () => {
    const c = client();
    const ctl = new AbortController();
    const a = c.request('probe', { host: 'x', port: 1, timeoutMs: 1000 }, undefined, ctl.signal);
    ports[0]!.hello();
    await flush();
    const id = ports[0]!.lastSent().id;
    ctl.abort();
    await expect(a).rejects.toMatchObject({ code: 'cancelled' });
    expect(ports[0]!.lastSent()).toEqual({ type: 'cancel', id });
    // The helper's late "cancelled" error for that id is ignored.
    ports[0]!.emit({ type: 'error', id, code: 'cancelled', message: 'x' });
  });

  it('refuses work the helper did not announce', async () => {
    const c = client();
    const a = c.request('probe', { host: 'x', port: 1, timeoutMs: 1000 });
    ports[0]!.hello('1.0', ['ping', 'cancel']);
    await expect(a).rejects.toMatchObject({ code: 'unsupported-capability' });
    expect(ports[0]!.sent).toEqual([]);
  });

  it('fails a request whose reply does not validate, keeps the others', async () => {
    const c = client();
    const a = c.request('probe', { host: 'x', port: 1, timeoutMs: 1000 });
    const b = c.request('ping');
    ports[0]!.hello();
    await flush();
    const [ra, rb] = ports[0]!.sent as Array<{ id: string }>;
    ports[0]!.emit({ type: 'progress', id: ra!.id, index: 0, result: { nonsense: true } });
    ports[0]!.emit({ type: 'pong', id: rb!.id, hostVersion: '0.1.0' });
    await expect(a).rejects.toMatchObject({ code: 'invalid-response' });
    expect(await b).toEqual({ hostVersion: '0.1.0' });
  });

  it('a garbage first message is an invalid hello', async () => {
    const c = client();
    const s = c.status();
    ports[0]!.emit({ hello: 'world' });
    expect(await s).toMatchObject({ connected: false, code: 'invalid-response' });
  });
});

describe('default connection', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('uses chrome.runtime.connectNative with the host name when there is no browser namespace', async () => {
    const names: string[] = [];
    const port = new FakePort();
    vi.stubGlobal('chrome', {
      runtime: {
        connectNative(name: string) {
          names.push(name);
          return port;
        },
      },
    });
    const c = new NativeClient({ context: () => ({ browser: 'chromium', os: 'linux' }) });
    const s = c.status();
    port.hello();
    expect(await s).toMatchObject({ connected: true });
    expect(names).toEqual(['com.rdpdoctor.host']);
    c.disconnect();
  });

  it('prefers Firefox’s browser namespace, and reads port.error on disconnect', async () => {
    const port = new FakePort();
    vi.stubGlobal('browser', { runtime: { connectNative: () => port } });
    vi.stubGlobal('chrome', { runtime: { connectNative: () => new FakePort() } });
    const c = new NativeClient({ context: () => ({ browser: 'firefox', os: 'linux' }) });
    const s = c.status();
    port.die('No such native application com.rdpdoctor.host');
    const r = await s;
    expect(r).toMatchObject({ connected: false, code: 'host-not-found' });
    if (!r.connected) expect(r.guidance.command).toBe('rdp-doctor host install --browser firefox');
  });

  it('a cancel sent while the helper is still starting ends the request at once and sends nothing', async () => {
    const c = client();
    const ac = new AbortController();
    const pending = c.request('probe', { host: 'srv.example', port: 3389, timeoutMs: 1000 }, undefined, ac.signal);
    await flush();
    expect(ports).toHaveLength(1);
    ac.abort();
    await expect(pending).rejects.toMatchObject({ guidance: { code: 'cancelled' } });
    ports[0]!.hello();
    await flush();
    expect(ports[0]!.sent.filter((m) => (m as { type: string }).type === 'probe')).toEqual([]);
  });
});

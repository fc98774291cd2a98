/**
 * The extension's own native-messaging client (extension/background/native.ts) driving the real
 * built helper over real stdio, through a port that does what the browser's native port does
 * (frames on stdin/stdout; disconnect when the process exits, with Chromium's lastError text).
 * The helper is killed mid-probe: the pending request fails with a typed, user-facing error (not a
 * hang), the listener (127.0.0.222) sees every connection closed, the next request starts a new
 * helper and works, and no helper process outlives the client.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NativeClient, NativeError, type PortLike } from '../../extension/background/native.js';
import { encodeFrame, FrameDecoder } from '../../native-host/messaging/framing.js';
import { MAX_HOST_MESSAGE_BYTES } from '../../shared/protocol/messages.js';
import { type HoldingListener, listenHolding } from '../harness/listener.js';
import { BUILT_HOST, ROOT } from '../host/harness.js';

const ADDRESS = '127.0.0.222';
const children: ChildProcess[] = [];
let lastError: string | undefined;

/** A native port over a spawned helper, as the browser provides it. */
function helperPort(): PortLike {
  if (!existsSync(BUILT_HOST)) throw new Error('dist/native-host/host.mjs is missing: run npm run build first');
  const child = spawn(process.execPath, [BUILT_HOST, 'chrome-extension://emhcbpblahnafilogmlmlfhjjlnnlean/'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  children.push(child);
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: ((p: unknown) => void)[] = [];
  const decoder = new FrameDecoder({ maxFrameBytes: MAX_HOST_MESSAGE_BYTES });
  let open = true;
  const port: PortLike = {
    postMessage: (m) => {
      if (open) child.stdin.write(encodeFrame(m, 1 << 20));
    },
    disconnect: () => {
      open = false;
      child.stdin.end();
    },
    onMessage: { addListener: (fn) => onMessage.push(fn) },
    onDisconnect: { addListener: (fn) => onDisconnect.push(fn) },
  };
  child.stdin.on('error', () => {});
  child.stdout.on('data', (d: Buffer) => {
    for (const ev of decoder.push(d)) if (ev.kind === 'message') for (const fn of onMessage) fn(ev.value);
  });
  child.on('exit', () => {
    if (!open) return;
    open = false;
    lastError = 'Native host has exited.';
    for (const fn of onDisconnect) fn(port);
  });
  return port;
}

const running = () => children.filter((c) => c.exitCode === null && c.signalCode === null);

describe('the extension native client when the helper dies mid-request', () => {
  let listener: HoldingListener;
  let port = 0;
  beforeAll(async () => {
    listener = await listenHolding(ADDRESS);
    port = listener.port;
  });
  afterAll(async () => {
    for (const c of running()) c.kill('SIGKILL');
    await listener.close();
  });

  it('fails the request with host-exited and its guidance, then serves the next one from a new helper', async () => {
    const client = new NativeClient({
      connect: helperPort,
      lastError: () => lastError,
      context: () => ({ browser: 'chromium', os: 'linux' }),
      idleMs: 100,
      log: () => {},
    });
    const progress: string[] = [];
    const pending = client.request('probe', { host: ADDRESS, port, timeoutMs: 30_000 }, (r) =>
      progress.push(r.checkId),
    );
    const outcome = pending.then(
      () => 'resolved',
      (e: unknown) => e,
    );
    // The reachability check's own connection opens before its result is streamed: wait for both.
    await vi.waitFor(() => expect(listener.open()).toBeGreaterThan(0), { timeout: 15_000, interval: 20 });
    await vi.waitFor(() => expect(progress).toEqual(['reachability']), { timeout: 15_000, interval: 20 });
    const first = children[0]!;
    first.kill('SIGKILL');

    const err = await outcome;
    expect(err).toBeInstanceOf(NativeError);
    expect((err as NativeError).code).toBe('host-exited');
    expect((err as NativeError).guidance.explanation.length).toBeGreaterThan(0);
    await vi.waitFor(() => expect(listener.open()).toBe(0), { timeout: 10_000, interval: 20 });

    // The next request starts a new helper and completes.
    const pong = await client.request('ping');
    expect(pong.hostVersion).toMatch(/\d/);
    expect(children.length).toBe(2);
    // Idle: the client lets go of the port, the helper sees stdin close and exits; nothing is left.
    await vi.waitFor(() => expect(running()).toEqual([]), { timeout: 10_000, interval: 50 });
    expect(children[1]!.exitCode).toBe(0);
  }, 60_000);
});

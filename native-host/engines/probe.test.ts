import { createHook } from 'node:async_hooks';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckResult } from '../../shared/protocol/results.js';
import { openSocketCount } from '../probe/net.js';
import { ProbeInputError, runProbe } from './probe.js';

let server: net.Server | undefined;
const held = new Set<net.Socket>();
afterEach(async () => {
  for (const s of held) s.destroy();
  held.clear();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** A listener that accepts and never answers. */
async function silent(): Promise<number> {
  server = net.createServer((s) => {
    held.add(s);
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.47', () => r()));
  return (server.address() as net.AddressInfo).port;
}

/** A listener that accepts and closes each connection at once, without a byte. */
async function hangsUp(): Promise<number> {
  server = net.createServer((s) => s.destroy());
  await new Promise<void>((r) => server?.listen(0, '127.0.0.48', () => r()));
  return (server.address() as net.AddressInfo).port;
}

/** Runs `fn`; returns the timers it started that are still pending and keep the process alive. */
async function heldTimers(fn: () => Promise<unknown>): Promise<NodeJS.Timeout[]> {
  const timers = new Map<number, NodeJS.Timeout>();
  const hook = createHook({
    init(id, type, _trigger, resource) {
      if (type === 'Timeout') timers.set(id, resource as NodeJS.Timeout);
    },
    destroy(id) {
      timers.delete(id);
    },
  });
  hook.enable();
  try {
    await fn();
    // Node reports timers that fired or were cleared a little later: let those reports arrive.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
  } finally {
    hook.disable();
  }
  return [...timers.values()].filter((t) => t.hasRef());
}

describe('runProbe', () => {
  it('rejects a bad target with a typed error before any connection', async () => {
    await expect(runProbe('-x')).rejects.toMatchObject({ code: 'target-option-like' });
    await expect(runProbe('a b')).rejects.toBeInstanceOf(ProbeInputError);
  });

  it('streams reachability first, then the dependent checks (skipped on a refused port)', async () => {
    const got: CheckResult[] = [];
    const r = await runProbe('127.0.0.46:1', { timeoutMs: 5000, onResult: (c) => got.push(c) });
    expect(got.map((c) => c.checkId)).toEqual(['reachability', 'negotiation', 'certificate', 'ntlm-info']);
    expect(got[1]?.status).toBe('skipped');
    expect(r.target).toMatchObject({ host: '127.0.0.46', port: 1, address: undefined });
    expect(r.findings.map((f) => f.id)).toEqual(['port-refused']);
  });

  it('a silent listener: not-rdp after the timeout; cancelling ends it early; no socket survives', async () => {
    const port = await silent();
    const r = await runProbe(`127.0.0.47:${port}`, { timeoutMs: 300 });
    expect(r.findings.map((f) => `${f.severity}:${f.id}`)).toEqual(['fail:not-rdp', 'info:port-open']);
    await vi.waitFor(() => expect(openSocketCount()).toBe(0));

    const ac = new AbortController();
    const p = runProbe(`127.0.0.47:${port}`, { timeoutMs: 60_000, signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    const aborted = await p;
    expect(aborted.negotiation.findings).toEqual([]);
    await vi.waitFor(() => expect(openSocketCount()).toBe(0));
  });

  it('leaves nothing that keeps the process alive once it has its result (a CLI run exits with its report)', async () => {
    const port = await hangsUp();
    let status = '';
    const held = await heldTimers(async () => {
      status = (await runProbe(`127.0.0.48:${port}`, { timeoutMs: 5000 })).reachability.status;
    });
    expect(status).toBe('pass');
    // The connections got no byte back, so their slots are still held for the accept grace, but
    // with nobody waiting for a slot that grace must not hold the process.
    expect(held).toEqual([]);
  });
});

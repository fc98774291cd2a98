/**
 * Fault injection against the real helper process (the built dist/native-host/host.mjs, over real
 * stdio): killed mid-request, stdin closed mid-request, stdin closed while a local check waits on a
 * system command that hangs. Afterwards no connection stays open on the loopback listener
 * (127.0.0.210–127.0.0.211) and no child process of the helper survives.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BUILT_HOST, type HostProcess, spawnHost } from '../host/harness.js';
import { childrenOf, type ProcRef, stillRunning } from './procs.js';

let listener: net.Server | undefined;
const held = new Set<net.Socket>();
let accepted = 0;
const spawned: HostProcess[] = [];

/** A listener that accepts and never answers: the probe waits on it until its timeout. */
async function silentListener(host: string): Promise<number> {
  accepted = 0;
  listener = net.createServer((s) => {
    accepted += 1;
    held.add(s);
    s.on('close', () => held.delete(s));
    s.on('error', () => {});
    s.resume(); // read (and drop) so the client's FIN is seen
  });
  await new Promise<void>((r) => listener?.listen(0, host, () => r()));
  return (listener.address() as net.AddressInfo).port;
}

function host(env?: Record<string, string>): HostProcess {
  if (!existsSync(BUILT_HOST)) throw new Error('dist/native-host/host.mjs is missing: run npm run build first');
  const saved = { ...process.env };
  if (env) Object.assign(process.env, env);
  try {
    const h = spawnHost(BUILT_HOST);
    spawned.push(h);
    return h;
  } finally {
    if (env) for (const k of Object.keys(env)) process.env[k] = saved[k];
  }
}

afterEach(async () => {
  for (const h of spawned.splice(0)) if (h.child.exitCode === null && h.child.signalCode === null) h.kill();
  for (const s of held) s.destroy();
  await new Promise<void>((r) => (listener ? listener.close(() => r()) : r()));
  listener = undefined;
});

const PROBE_TIMEOUT_MS = 30_000;

async function probeInFlight(h: HostProcess, address: string) {
  const port = await silentListener(address);
  expect((await h.next()).type).toBe('hello');
  h.send({ type: 'probe', id: 'p1', host: address, port, timeoutMs: PROBE_TIMEOUT_MS });
  // Reachability is reported; the negotiation connections now wait on the silent listener.
  await h.until((m) => m.type === 'progress' && (m.result as { checkId?: string })?.checkId === 'reachability');
  await vi.waitFor(() => expect(held.size).toBeGreaterThan(0), { timeout: 10_000, interval: 20 });
}

describe('the helper under faults', () => {
  it('killed mid-request: the client gets whole frames only, then the exit; the server sees every connection closed', async () => {
    const h = host();
    await probeInFlight(h, '127.0.0.210');
    const helperPid = h.child.pid!;
    const children = childrenOf(helperPid);
    h.child.kill('SIGKILL');
    expect(await h.exit()).toEqual({ code: null, signal: 'SIGKILL' });
    // Every frame received decoded whole (the harness fails on a bad frame); no answer for p1 was invented.
    expect(h.received.some((m) => m.type === 'result' || (m.type === 'error' && m.id === 'p1'))).toBe(false);
    await vi.waitFor(() => expect(held.size).toBe(0), { timeout: 10_000, interval: 20 });
    expect(accepted).toBeGreaterThan(0);
    expect(children.filter(stillRunning)).toEqual([]);
  });

  it('stdin closed mid-request: the probe is aborted, its connections close, the helper exits 0', async () => {
    const h = host();
    await probeInFlight(h, '127.0.0.211');
    h.closeStdin();
    expect(await h.exit()).toEqual({ code: 0, signal: null });
    expect(h.received.some((m) => m.type === 'result')).toBe(false);
    expect(h.stderr()).toMatch(/stdin closed/);
    await vi.waitFor(() => expect(held.size).toBe(0), { timeout: 10_000, interval: 20 });
  });

  describe('a local check waiting on a system command that hangs', () => {
    // The firewall check runs `ss -ltn`; a stand-in that never ends (a boundary fault: a stuck system tool).
    let fakeBin = '';
    beforeAll(() => {
      fakeBin = mkdtempSync(join(tmpdir(), 'rdp-doctor-faults-'));
      writeFileSync(join(fakeBin, 'ss'), '#!/bin/sh\nexec sleep 120\n');
      chmodSync(join(fakeBin, 'ss'), 0o755);
    });
    afterAll(() => rmSync(fakeBin, { recursive: true, force: true }));

    /** A helper whose firewall check (request `id`) is running the stuck command, and that command. */
    async function waitingOnCommand(id: string) {
      const h = host({ PATH: `${fakeBin}:${process.env.PATH ?? ''}` });
      expect((await h.next()).type).toBe('hello');
      h.send({ type: 'local-checks', id, timeoutMs: 60_000, checks: ['firewall'] });
      let children: ProcRef[] = [];
      await vi.waitFor(
        () => {
          children = childrenOf(h.child.pid!);
          expect(children.length).toBeGreaterThan(0);
        },
        { timeout: 10_000, interval: 20 },
      );
      return { h, children };
    }

    it('stdin closed: the helper kills the command and exits 0; no orphan child is left', async () => {
      const { h, children } = await waitingOnCommand('l1');
      expect(children.every(stillRunning)).toBe(true);
      h.closeStdin();
      expect(await h.exit()).toEqual({ code: 0, signal: null });
      await vi.waitFor(() => expect(children.filter(stillRunning)).toEqual([]), { timeout: 10_000, interval: 50 });
    });

    it('killed: its command is not left running either once the helper is gone', async () => {
      const { h, children } = await waitingOnCommand('l2');
      h.child.kill('SIGTERM');
      expect((await h.exit()).code).toBe(0);
      await vi.waitFor(() => expect(children.filter(stillRunning)).toEqual([]), { timeout: 10_000, interval: 50 });
    });
  });
});

/**
 * Fault injection against the network probe: real loopback servers (test/faults/servers.ts, on
 * 127.0.0.200–127.0.0.209) that reset during TLS, close after the X.224 reply, answer byte by byte,
 * stream without end, announce a 64 KB TPKT frame and stop, or hang up on every request. Each gives
 * its own user-facing result, ends through its own timeout or error, and leaves no socket open on
 * either side.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ProbeReport, runProbe } from '../../native-host/engines/probe.js';
import { openSocketCount } from '../../native-host/probe/net.js';
import { ROOT } from '../host/harness.js';
import { type Behaviour, type FaultServer, startFaultServer } from './servers.js';

const TIMEOUT_MS = 1000;
/** Hang guard only: a probe whose steps each end within TIMEOUT_MS finishes far below this. */
const HANG_GUARD_MS = 20 * TIMEOUT_MS;

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Client sockets of this process (the probe's, the CLI's pipes excluded). */
function clientSockets(): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h) => h instanceof net.Socket && (h as net.Socket).remotePort !== undefined).length;
}

async function probe(address: string, behaviour: Behaviour, slowMs?: number): Promise<ProbeReport> {
  server = await startFaultServer(address, behaviour, slowMs === undefined ? {} : { slowMs });
  const before = clientSockets();
  const report = await runProbe(`${server.host}:${server.port}`, { timeoutMs: TIMEOUT_MS });
  expect(report.durationMs).toBeLessThan(HANG_GUARD_MS);
  expect(server.accepted).toBeGreaterThan(0);
  // Nothing left behind: the probe's own counter, this process's socket handles, the server's view.
  await vi.waitFor(
    () => {
      expect(openSocketCount()).toBe(0);
      expect(server?.open()).toBe(0);
      expect(clientSockets()).toBeLessThanOrEqual(before);
    },
    { timeout: 10_000, interval: 50 },
  );
  return report;
}

const ids = (r: ProbeReport) => r.findings.map((f) => `${f.severity}:${f.id}`);
const verdicts = (r: ProbeReport) =>
  (r.negotiation.evidence.matrix as { protocol: string; verdict: string }[]).map((m) => `${m.protocol}:${m.verdict}`);

const seen = new Map<string, string>();
/** What a person reads: check statuses, summaries and findings. Every fault must read differently. */
function remember(name: string, r: ProbeReport): void {
  const text = JSON.stringify([
    [r.reachability, r.negotiation, r.certificate, r.ntlm].map((c) => [c.status, c.summary]),
    r.findings.map((f) => f.summary),
  ])
    .replace(/127\.0\.0\.\d+/g, 'ADDRESS')
    .replace(new RegExp(`\\b${server?.port}\\b`, 'g'), 'PORT')
    .replace(/\(\d+ ms\)/g, '(N ms)');
  for (const [other, t] of seen) expect(t, `${name} reads exactly like ${other}`).not.toBe(text);
  seen.set(name, text);
}

describe('probe against misbehaving servers', () => {
  it('resets during the TLS handshake → TLS handshake failed (connection reset), no CredSSP', async () => {
    const r = await probe('127.0.0.200', 'reset-during-tls');
    expect(verdicts(r)).toContain('SSL:accepted');
    expect(r.certificate).toMatchObject({
      status: 'fail',
      summary: 'TLS handshake failed: the server reset the connection (ECONNRESET)',
    });
    expect(ids(r)[0]).toBe('fail:tls-handshake-failed');
    expect(r.ntlm.status).toBe('skipped');
    remember('reset', r);
  });

  it('closes right after the X.224 reply → TLS handshake failed, the connection was closed', async () => {
    const r = await probe('127.0.0.201', 'close-after-x224');
    expect(verdicts(r)).toContain('SSL:accepted');
    expect(r.certificate).toMatchObject({
      status: 'fail',
      summary: 'TLS handshake failed: the server closed the connection (CLOSED)',
    });
    expect(ids(r)[0]).toBe('fail:tls-handshake-failed');
    remember('close', r);
  });

  it('answers byte by byte (within the timeout) → the reply is still decoded; TLS then times out', async () => {
    const r = await probe('127.0.0.202', 'byte-by-byte', 15);
    expect(verdicts(r)).toEqual(expect.arrayContaining(['RDP:accepted', 'SSL:accepted']));
    expect(r.certificate).toMatchObject({
      status: 'fail',
      summary: 'TLS handshake failed: the server did not answer in time (ETIMEDOUT)',
    });
    remember('slow', r);
  });

  it('answers byte by byte, slower than the timeout → no answer: nothing answers the RDP request', async () => {
    const r = await probe('127.0.0.203', 'byte-by-byte', 200);
    expect(new Set(verdicts(r).map((v) => v.split(':')[1]))).toEqual(new Set(['no-answer']));
    expect(ids(r)).toEqual(['fail:not-rdp', 'info:port-open']);
    expect(r.findings[0]?.summary).toMatch(/nothing answers/);
    remember('too slow', r);
  });

  it('streams without end → not RDP (the reply is shown), the stream is not read past the first bytes', async () => {
    const r = await probe('127.0.0.204', 'endless-stream');
    expect(ids(r)[0]).toBe('fail:not-rdp');
    expect(r.findings[0]?.summary).toContain('"AAAA');
    remember('endless', r);
  });

  it('announces a 64 KB TPKT frame and stops → not RDP at once, without waiting for the 64 KB', async () => {
    const r = await probe('127.0.0.205', 'tpkt-64k-then-silence');
    expect(ids(r)[0]).toBe('fail:not-rdp');
    expect((r.negotiation.evidence.matrix as { reason?: string }[])[0]?.reason).toMatch(/65535 bytes exceeds/);
    remember('64k', r);
  });

  it('hangs up on every request → the listener accepts no client (a failure, not a pass)', async () => {
    const r = await probe('127.0.0.206', 'hang-up');
    expect(new Set(verdicts(r).map((v) => v.split(':')[1]))).toEqual(new Set(['disconnected']));
    expect(r.negotiation.status).toBe('fail');
    expect(ids(r)[0]).toBe('fail:not-rdp');
    expect(r.findings[0]?.summary).toMatch(/hangs up/);
    remember('hang-up', r);
  });

  it('rdp-doctor check --json against the endless stream: exit 3, the same finding, the server sees every connection closed', async () => {
    const cli = join(ROOT, 'dist/native-host/cli.mjs');
    const args =
      existsSync(cli) && process.env.RDP_DOCTOR_TEST_HOST === 'dist'
        ? [cli]
        : ['--import', 'tsx', join(ROOT, 'native-host/cli.ts')];
    server = await startFaultServer('127.0.0.207', 'endless-stream');
    const target = `${server.host}:${server.port}`;
    const out = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        [...args, 'check', target, '--json', '--timeout', String(TIMEOUT_MS)],
        { cwd: ROOT, timeout: 60_000, maxBuffer: 1 << 22 },
        (err, stdout) => resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout }),
      );
    });
    expect(out.code).toBe(3);
    const report = JSON.parse(out.stdout) as ProbeReport;
    expect(report.findings[0]?.id).toBe('not-rdp');
    expect(server.accepted).toBeGreaterThan(0);
    await vi.waitFor(() => expect(server?.open()).toBe(0), { timeout: 10_000, interval: 50 });
  });
});

/**
 * Fuzzing the probe end to end through real sockets: a loopback server (127.0.0.230) answers every
 * connection with one mutated recorded X.224 reply (then closes, stays silent, or sends more bytes),
 * and `runProbe` runs against it. Invariants: it resolves, no check ends in `error` (that status is
 * for bugs), every finding id is a known one, and no socket is left open on either side.
 */
import net from 'node:net';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { runProbe } from '../../native-host/engines/probe.js';
import { openSocketCount } from '../../native-host/probe/net.js';
import { FINDING_IDS } from '../../shared/protocol/results.js';
import { FUZZ_RUNS, FUZZ_SEED } from './config.js';
import { mutatedFrom } from './mutate.js';
import { x224Seeds } from './parsers.js';

const ADDRESS = '127.0.0.230';

async function withServer<T>(
  reply: Uint8Array,
  after: 'close' | 'silent' | 'more',
  fn: (port: number) => Promise<T>,
): Promise<{ value: T; open: () => number }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    s.once('data', () => {
      s.write(reply);
      if (after === 'close') s.end();
      else if (after === 'more') s.write(reply);
    });
  });
  await new Promise<void>((r) => server.listen(0, ADDRESS, () => r()));
  try {
    const value = await fn((server.address() as net.AddressInfo).port);
    await vi.waitFor(() => expect(sockets.size).toBe(0), { timeout: 10_000, interval: 20 });
    return { value, open: () => sockets.size };
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

describe('fuzz: the probe against servers that answer with mutated replies', () => {
  it(
    'resolves with known findings, no error status, no socket left',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedFrom(x224Seeds()), fc.constantFrom('close', 'silent', 'more'), async (reply, after) => {
          await withServer(reply, after as 'close' | 'silent' | 'more', async (port) => {
            const r = await runProbe(`${ADDRESS}:${port}`, { timeoutMs: 300 });
            for (const c of [r.reachability, r.negotiation, r.certificate, r.ntlm]) {
              expect(c.status, `${c.checkId}: ${c.summary} ${c.reason ?? ''}`).not.toBe('error');
            }
            for (const f of r.findings) expect(FINDING_IDS).toContain(f.id);
            await vi.waitFor(() => expect(openSocketCount()).toBe(0), { timeout: 10_000, interval: 20 });
          });
        }),
        { seed: FUZZ_SEED, numRuns: Math.max(3, Math.ceil(FUZZ_RUNS / 40)) },
      );
    },
    Math.max(120_000, FUZZ_RUNS * 20),
  );
});

/**
 * The checks port's route keeps the run in the history itself: the server when the run starts and
 * how it ended when it ends, also when the page went away first. The helper here is a function
 * table replaying check results (the real helper over real stdio is covered by the browser e2e).
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../shared/protocol/results.js';
import type { RecentHost } from '../lib/recent-hosts.js';
import { type ChecksPortLike, serveChecks } from './checks-port.js';
import type { Helper } from './helper.js';
import { type HistoryCell, HistoryStore } from './history-store.js';

function memory(): HistoryCell {
  let value: unknown;
  return {
    read: async () => structuredClone(value),
    write: async (v: RecentHost[]) => {
      value = structuredClone(v);
    },
  };
}

const result = (checkId: string, severity?: 'fail' | 'warn'): CheckResult => ({
  checkId,
  status: 'pass',
  summary: checkId,
  evidence: {},
  findings: severity ? [{ id: 'cert-expired', severity, summary: 'seen', supports: [], rulesOut: [] }] : [],
  durationMs: 1,
});

/** A port whose page can send the start message and go away. */
function page() {
  const inbox: unknown[] = [];
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const port: ChecksPortLike = {
    postMessage: (m) => inbox.push(m),
    onMessage: { addListener: (fn) => onMessage.push(fn) },
    onDisconnect: { addListener: (fn) => onDisconnect.push(fn) },
  };
  return {
    port,
    inbox,
    start: (m: unknown) => {
      for (const fn of onMessage) fn(m);
    },
    close: () => {
      for (const fn of onDisconnect) fn();
    },
  };
}

/** A helper that reports `probe` from the network checks; `hold` keeps the probe running until aborted. */
function helper(probe: CheckResult[], opts: { hold?: boolean; refuse?: boolean } = {}): Helper {
  return {
    status: async () => {
      throw new Error('not used');
    },
    runProbe: (_params, onResult, signal) =>
      new Promise((ok, fail) => {
        if (opts.refuse) return fail(new Error('The helper is not installed.'));
        for (const [i, r] of probe.entries()) onResult(r, i);
        if (!opts.hold) return ok({ count: probe.length, durationMs: 1 });
        signal.addEventListener('abort', () => fail(new Error('cancelled')));
      }),
    runClientChecks: async () => ({ count: 0, durationMs: 1 }),
    runListenClient: async () => ({ count: 0, durationMs: 1 }),
  };
}

const start = {
  type: 'run-checks',
  host: 'rdp.example.test',
  port: 3389,
  timeoutMs: 2000,
  typedByUser: true,
  remember: 'rdp.example.test',
};

const settled = async (store: HistoryStore, host: string) => {
  for (let i = 0; i < 100; i++) {
    const e = (await store.entries()).find((x) => x.host === host);
    if (e?.result) return e;
    await new Promise((r) => setTimeout(r, 5));
  }
  return (await store.entries()).find((x) => x.host === host);
};

describe('checks port: the run keeps its own history', () => {
  it('lists the server and records the outcome, though the page closed as the run ended', async () => {
    const store = new HistoryStore(memory());
    const p = page();
    serveChecks(p.port, helper([result('reachability'), result('certificate', 'fail')]), store);
    p.start(start);
    p.close();
    expect(await settled(store, 'rdp.example.test')).toMatchObject({ host: 'rdp.example.test', result: 'problems' });
  });

  it('a run the page left before it ended is recorded as unfinished', async () => {
    const store = new HistoryStore(memory());
    const p = page();
    serveChecks(p.port, helper([result('reachability')], { hold: true }), store);
    p.start(start);
    await new Promise((r) => setTimeout(r, 10));
    expect((await store.entries())[0]).toEqual({ host: 'rdp.example.test', at: expect.any(Number) });
    p.close();
    expect(await settled(store, 'rdp.example.test')).toMatchObject({ result: 'unfinished' });
  });

  it('a run that failed is unfinished; a healthy one is healthy; no `remember`, no history', async () => {
    const store = new HistoryStore(memory());
    const failed = page();
    serveChecks(failed.port, helper([], { refuse: true }), store);
    failed.start({ ...start, remember: 'down.example.test' });
    expect(await settled(store, 'down.example.test')).toMatchObject({ result: 'unfinished' });
    expect(failed.inbox.at(-1)).toMatchObject({ type: 'failed' });

    const healthy = page();
    serveChecks(healthy.port, helper([result('reachability')]), store);
    healthy.start({ ...start, remember: 'ok.example.test:3390' });
    expect(await settled(store, 'ok.example.test:3390')).toMatchObject({ result: 'healthy' });
    expect(healthy.inbox.at(-1)).toMatchObject({ type: 'done' });

    const anonymous = page();
    const { remember: _, ...plain } = start;
    serveChecks(anonymous.port, helper([result('reachability')]), store);
    anonymous.start(plain);
    await new Promise((r) => setTimeout(r, 20));
    expect((await store.list()).sort()).toEqual(['down.example.test', 'ok.example.test:3390']);
  });

  it('refuses a `remember` that is not a host a person could have typed', () => {
    for (const remember of ['', '   ', 'x'.repeat(301), 7]) {
      const p = page();
      serveChecks(p.port, helper([]), new HistoryStore(memory()));
      p.start({ ...start, remember });
      expect(p.inbox).toEqual([
        { type: 'failed', code: 'invalid-request', message: 'The check request was not valid.' },
      ]);
    }
  });
});

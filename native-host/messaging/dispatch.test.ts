import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProtocolError } from '../../shared/protocol/errors.js';
import type { HostMessage } from '../../shared/protocol/messages.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import { Dispatcher, type Engines, fitResult, REQUEST_DEADLINE_FACTOR } from './dispatch.js';

const result = (checkId: string, evidence: Record<string, unknown> = {}): CheckResult => ({
  checkId,
  status: 'pass',
  summary: 'ok',
  evidence,
  findings: [],
  durationMs: 1,
});

function collect() {
  const out: HostMessage[] = [];
  return { out, emit: (m: HostMessage) => out.push(m) };
}

afterEach(() => vi.useRealTimers());

describe('Dispatcher', () => {
  it('announces only the engines it has', () => {
    expect(new Dispatcher({}).hello('linux')).toMatchObject({ capabilities: ['ping', 'cancel'], platform: 'linux' });
    const full: Engines = { probe: { run: async () => {} }, localChecks: { run: async () => {} } };
    expect(new Dispatcher(full).capabilities()).toEqual(['ping', 'cancel', 'probe', 'local-checks']);
    const all: Engines = { ...full, listenClient: { run: async () => {} } };
    expect(new Dispatcher(all).capabilities()).toEqual(['ping', 'cancel', 'probe', 'local-checks', 'listen-client']);
  });

  it('refuses work without an engine', async () => {
    const c = collect();
    await new Dispatcher({}).handle({ type: 'probe', id: 'p', host: 'h', port: 1, timeoutMs: 100 }, c.emit);
    expect(c.out).toEqual([expect.objectContaining({ type: 'error', id: 'p', code: 'unsupported-capability' })]);
  });

  it('streams results with index and total, then one result', async () => {
    const c = collect();
    const d = new Dispatcher({
      localChecks: {
        run: async (_o, ctx) => {
          ctx.onResult(result('a'), 2);
          ctx.onResult(result('b'), 2);
        },
      },
    });
    await d.handle({ type: 'local-checks', id: 'l', timeoutMs: 100 }, c.emit);
    expect(c.out.map((m) => [m.type, 'index' in m ? m.index : null])).toEqual([
      ['progress', 0],
      ['progress', 1],
      ['result', null],
    ]);
    expect(c.out[2]).toMatchObject({ count: 2, request: 'local-checks' });
    expect(d.inFlight()).toEqual([]);
  });

  it('cancel ends a request even when its engine ignores the signal; late results are dropped', async () => {
    let late: ((r: CheckResult) => void) | undefined;
    const d = new Dispatcher({
      probe: {
        run: (_t, ctx) => {
          late = (r) => ctx.onResult(r);
          return new Promise(() => {});
        },
      },
    });
    const c = collect();
    const done = d.handle({ type: 'probe', id: 'p', host: 'h', port: 1, timeoutMs: 100 }, c.emit);
    await d.handle({ type: 'cancel', id: 'p' }, c.emit);
    await done;
    late?.(result('too-late'));
    expect(c.out).toEqual([expect.objectContaining({ type: 'error', id: 'p', code: 'cancelled' })]);
  });

  it('ends a request that outlives its deadline with timeout', async () => {
    vi.useFakeTimers();
    const d = new Dispatcher({ probe: { run: () => new Promise(() => {}) } });
    const c = collect();
    const done = d.handle({ type: 'probe', id: 'slow', host: 'h', port: 1, timeoutMs: 100 }, c.emit);
    vi.advanceTimersByTime(100 * REQUEST_DEADLINE_FACTOR);
    await done;
    expect(c.out).toEqual([expect.objectContaining({ type: 'error', id: 'slow', code: 'timeout' })]);
  });

  it('maps a typed engine error to its code and a bug to internal (details to the log only)', async () => {
    const logs: string[] = [];
    const d = new Dispatcher(
      {
        probe: {
          run: async () => {
            throw new ProtocolError('invalid-target');
          },
        },
        localChecks: {
          run: async () => {
            throw new TypeError('secret detail');
          },
        },
      },
      { log: (l) => logs.push(l) },
    );
    const c = collect();
    await d.handle({ type: 'probe', id: 'a', host: 'h', port: 1, timeoutMs: 100 }, c.emit);
    await d.handle({ type: 'local-checks', id: 'b', timeoutMs: 100 }, c.emit);
    expect(c.out.map((m) => (m.type === 'error' ? m.code : m.type))).toEqual(['invalid-target', 'internal']);
    expect(JSON.stringify(c.out)).not.toContain('secret detail');
    expect(logs.join('\n')).toContain('secret detail');
  });

  it('abortAll cancels everything in flight', async () => {
    const d = new Dispatcher({
      probe: {
        run: (_t, ctx) => new Promise((_, rej) => ctx.signal.addEventListener('abort', () => rej(new Error('x')))),
      },
    });
    const c = collect();
    const runs = ['x', 'y'].map((id) => d.handle({ type: 'probe', id, host: 'h', port: 1, timeoutMs: 100 }, c.emit));
    expect(d.inFlight()).toEqual(['x', 'y']);
    d.abortAll();
    await Promise.all(runs);
    expect(c.out.map((m) => m.type === 'error' && m.code)).toEqual(['cancelled', 'cancelled']);
  });
});

describe('fitResult', () => {
  it('leaves small results alone and trims oversized evidence', () => {
    const small = result('a', { x: 1 });
    expect(fitResult(small)).toBe(small);
    const big = result('b', { blob: 'z'.repeat(2000), other: 1 });
    const fitted = fitResult(big, 500);
    expect(fitted.evidence).toMatchObject({ truncated: true, keys: ['blob', 'other'] });
    expect(JSON.stringify(fitted).length).toBeLessThanOrEqual(500);
    expect(fitted.checkId).toBe('b');
  });
});

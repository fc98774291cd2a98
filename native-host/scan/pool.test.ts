import { describe, expect, it } from 'vitest';
import { runPool } from './pool.js';

async function* counter(n: number, pulled: { count: number }) {
  for (let i = 0; i < n; i++) {
    pulled.count += 1;
    yield i;
  }
}

describe('runPool', () => {
  it('never runs more than the concurrency and delivers every result', async () => {
    let active = 0;
    let peak = 0;
    const seen: number[] = [];
    const pulled = { count: 0 };
    const r = await runPool(
      counter(50, pulled),
      7,
      async (i) => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((res) => setTimeout(res, (i * 7) % 5));
        active -= 1;
        return i * 2;
      },
      (v) => {
        seen.push(v);
      },
      new AbortController().signal,
    );
    expect(peak).toBeLessThanOrEqual(7);
    expect(r).toEqual({ started: 50, finished: 50, discarded: 0, aborted: false });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
  });

  it('pulls lazily: only as many items as slots while work is pending', async () => {
    const pulled = { count: 0 };
    const ac = new AbortController();
    const done = runPool(
      counter(1_000_000, pulled),
      3,
      (_i, signal) => new Promise<number>((res) => signal.addEventListener('abort', () => res(0), { once: true })),
      () => {},
      ac.signal,
    );
    await new Promise((res) => setTimeout(res, 20));
    expect(pulled.count).toBe(3);
    ac.abort();
    const r = await done;
    expect(r.aborted).toBe(true);
    expect(r.started).toBe(3);
  });

  it('a slow consumer holds the pool back: no more than `concurrency` results wait for it', async () => {
    let done = 0;
    let delivered = 0;
    let peak = 0;
    await runPool(
      counter(200, { count: 0 }),
      5,
      async (i) => {
        done += 1;
        peak = Math.max(peak, done - delivered);
        return i;
      },
      async () => {
        await new Promise((res) => setTimeout(res, 1));
        delivered += 1;
      },
      new AbortController().signal,
    );
    expect(delivered).toBe(200);
    expect(peak).toBeLessThanOrEqual(5);
  });

  it('work that ends after the abort is discarded, not delivered as a partial result', async () => {
    const ac = new AbortController();
    const seen: number[] = [];
    const done = runPool(
      counter(10, { count: 0 }),
      2,
      (i, signal) => new Promise<number>((res) => signal.addEventListener('abort', () => res(i), { once: true })),
      (v) => {
        seen.push(v);
      },
      ac.signal,
    );
    await new Promise((res) => setTimeout(res, 10));
    ac.abort();
    expect(await done).toMatchObject({ started: 2, finished: 0, discarded: 2, aborted: true });
    expect(seen).toEqual([]);
  });
});

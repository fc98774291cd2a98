/**
 * Shared settings of the fuzz suite. CI runs with a fixed seed and a small run budget so the whole
 * suite stays within about a minute on two cores; `FUZZ_SEED` / `FUZZ_RUNS` change both on demand
 * (see README.md).
 */
import type { Parameters } from 'fast-check';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return n;
}

/** Seed of every property in the suite. */
export const FUZZ_SEED = intEnv('FUZZ_SEED', 20_261_122);
/** Base number of generated inputs per property (each property scales it by a weight). */
export const FUZZ_RUNS = intEnv('FUZZ_RUNS', 1000);

/** fast-check parameters for one property; `weight` scales the run budget for costly properties. */
export function fuzzParams<T>(weight = 1): Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.ceil(FUZZ_RUNS * weight)) };
}

/**
 * Hang guard for one input, in milliseconds. Not a performance assertion: it is far above any
 * normal time and only turns a runaway (catastrophic backtracking, an endless loop that happens to
 * end) into a failure with the input that caused it.
 */
export const HANG_GUARD_MS = 5_000;

/** Runs `fn`, failing when one input takes longer than the hang guard. */
export function guarded<T>(what: string, fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  const ms = performance.now() - t0;
  if (ms > HANG_GUARD_MS) throw new Error(`hang guard: ${what} took ${Math.round(ms)} ms on one input`);
  return out;
}

/** Per-test time limit, scaled with the run budget so long runs on demand are not cut off (a hang guard, not a timing). */
export const FUZZ_TEST_TIMEOUT_MS = Math.max(60_000, FUZZ_RUNS * 60);

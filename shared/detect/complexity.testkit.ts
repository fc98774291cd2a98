/**
 * Growth measurement for the complexity tests: how much longer an entry point takes on 8n characters
 * than on n characters of the same shape, measured in one process. Linear code gives about 8, quadratic
 * about 64; the tests allow 16. Each side repeats the call until it has run long enough to be measured
 * on a busy machine, and the ratio is the median of several rounds.
 */

/** A text of exactly `n` characters made by repeating `unit`. */
export function repeatTo(unit: string, n: number): string {
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

/**
 * CPU time of this process (user + system), in milliseconds, for `reps` calls. CPU time rather than
 * wall time: other processes on a busy machine (CI runs test files in parallel on two cores) take
 * wall time from the test without adding CPU time to it, so only this code's own growth is measured.
 */
function timeReps(fn: (text: string) => unknown, text: string, reps: number): number {
  const t0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) fn(text);
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

/** Do a majority of all `rounds` already lie on one side of `limit`? */
function decided(ratios: readonly number[], rounds: number, limit: number | undefined): boolean {
  if (limit === undefined) return false;
  const majority = Math.floor(rounds / 2) + 1;
  const under = ratios.filter((r) => r <= limit).length;
  return under >= majority || ratios.length - under >= majority;
}

export interface Growth {
  ratio: number;
  /** Milliseconds per call at n and at 8n (medians). */
  small: number;
  large: number;
}

/**
 * Median over `rounds` of time(8n) / time(n). A call on 8n that alone takes longer than `giveUpMs`
 * ends the measurement at once (that is already far from linear for the sizes used here). With a `limit`,
 * the rounds stop as soon as a majority of them falls on one side of it: the median's side is then
 * known, so the verdict (median ≤ limit or not) is the one all the rounds would give.
 */
export function growth(
  fn: (text: string) => unknown,
  shape: (n: number) => string,
  n: number,
  opts: { rounds?: number; minMs?: number; giveUpMs?: number; limit?: number } = {},
): Growth {
  const rounds = opts.rounds ?? 5;
  const minMs = opts.minMs ?? 15;
  const giveUpMs = opts.giveUpMs ?? 3000;
  const a = shape(n);
  const b = shape(8 * n);
  fn(a); // warm up (compile, lazy tables)
  let reps = 1;
  for (let t = timeReps(fn, a, 1); t < minMs && reps < 1 << 14; t = timeReps(fn, a, reps)) reps *= 2;
  const ratios: number[] = [];
  const smalls: number[] = [];
  const larges: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const s = timeReps(fn, a, reps) / reps;
    const l = timeReps(fn, b, reps) / reps;
    smalls.push(s);
    larges.push(l);
    ratios.push(l / Math.max(s, 1e-6));
    if (l > giveUpMs || decided(ratios, rounds, opts.limit)) break;
  }
  const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)] as number;
  return { ratio: med(ratios), small: med(smalls), large: med(larges) };
}

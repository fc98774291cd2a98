/**
 * Runs every local (client and server) check that applies to this machine, a few at a time,
 * and streams each result as it finishes. Checks for other platforms are reported as `skipped`
 * with the reason, without running. A check that throws (a bug) becomes an `error` result.
 */
import type { CheckResult } from '../../shared/protocol/results.js';
import { wrongPlatform } from '../checks/local-check.js';
import { CHECKS } from '../checks/registry.js';
import { result, skipped, startClock } from '../checks/result.js';
import type { Check, CheckInput } from '../checks/types.js';
import { DEFAULT_COMMAND_TIMEOUT_MS, type Exec } from '../exec/exec.js';
import { type LocalContext, localDeps } from '../exec/platform.js';
import { isThisMachine } from './this-machine.js';

export interface LocalRunOptions {
  /** Facts learned by an earlier probe, e.g. `serverTime`. */
  facts?: Record<string, unknown>;
  /** RDP port to look at on this machine (default 3389). */
  port?: number;
  /**
   * Server the user connects to, when known: credential-delegation lists are matched against it,
   * and server-side checks are skipped unless it names this machine.
   */
  host?: string;
  signal: AbortSignal;
  /** Called once per check, as soon as its result is known. */
  onResult?: (result: CheckResult, check: Check) => void;
  /** Replacement command runner (tests). */
  exec?: Exec;
  /** Replacement platform (tests). */
  platform?: NodeJS.Platform;
  /** Replacement clock (tests). */
  now?: () => number;
  env?: NodeJS.ProcessEnv;
  /** Only these check ids (default: all local checks). */
  only?: readonly string[];
  /** Checks running at once (default 3). */
  concurrency?: number;
  /** Per-step timeout handed to the checks, in milliseconds (default 15 000). */
  timeoutMs?: number;
}

export function localChecks(only?: readonly string[]): Check[] {
  return CHECKS.filter((c) => (c.kind === 'client' || c.kind === 'server') && (!only || only.includes(c.id)));
}

/** Runs the checks and resolves with their results in registry order. */
export async function runLocalChecks(opts: LocalRunOptions): Promise<CheckResult[]> {
  const checks = localChecks(opts.only);
  const ctx: LocalContext = {
    signal: opts.signal,
    ...(opts.exec ? { exec: opts.exec } : {}),
    ...(opts.platform ? { platform: opts.platform } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.env ? { env: opts.env } : {}),
  };
  const deps = localDeps(ctx);
  const platform = deps.platform;
  const limit = opts.timeoutMs ?? 15_000;
  // Every command a check runs gets at most the per-check time limit the caller asked for.
  ctx.exec = (command, args, o = {}) =>
    deps.exec(command, args, { ...o, timeoutMs: Math.min(o.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS, limit) });
  const input: CheckInput = {
    timeoutMs: limit,
    ...(opts.facts ? { facts: opts.facts } : {}),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.host !== undefined ? { host: opts.host } : {}),
  };
  const results: CheckResult[] = new Array(checks.length);
  let next = 0;
  const worker = async () => {
    while (next < checks.length) {
      const i = next++;
      const check = checks[i]!;
      const r = await runOne(check, input, ctx, platform, opts);
      results[i] = r;
      opts.onResult?.(r, check);
    }
  };
  const n = Math.max(1, Math.min(opts.concurrency ?? 3, checks.length));
  await Promise.all(Array.from({ length: n }, worker));
  return results;
}

/**
 * One check, or why it did not run: not on this platform, a server check while another machine is
 * diagnosed, or cancelled; a check that throws ends as an `error` result naming it.
 */
async function runOne(
  check: Check,
  input: CheckInput,
  ctx: LocalContext,
  platform: string,
  opts: LocalRunOptions,
): Promise<CheckResult> {
  const started = startClock();
  if (!(check.platforms as readonly string[]).includes(platform)) return wrongPlatform(check, platform, started);
  if (check.kind === 'server' && opts.host !== undefined && !isThisMachine(opts.host)) {
    return skipped(
      check.id,
      started,
      `this check looks at this machine as an RDP server, and the server being diagnosed (${opts.host}) is another machine`,
    );
  }
  if (opts.signal.aborted) {
    return { ...wrongPlatform(check, platform, started), summary: 'Skipped: cancelled', reason: 'cancelled' };
  }
  try {
    return await check.run(input, ctx);
  } catch (e) {
    const reason = `internal error in check ${check.id}: ${e instanceof Error ? e.message : String(e)}`;
    return { ...result(check.id, started, { status: 'error', summary: reason }), reason };
  }
}

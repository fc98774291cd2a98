/**
 * A check that looks at this machine is declared with {@link localCheck}: it applies the one
 * platform guard (`exec/platform.ts`), so the check's body runs only on its platforms and gets this
 * machine's dependencies (replaceable in tests) and its start time.
 */
import type { CheckResult } from '../../shared/protocol/results.js';
import { type LocalDeps, localDeps, notOnPlatform } from '../exec/platform.js';
import { skipped, startClock } from './result.js';
import type { Check, CheckContext, CheckInput } from './types.js';

/** `skipped` because the check does not apply to this OS. */
export function wrongPlatform(check: Pick<Check, 'id' | 'platforms'>, platform: string, started: number) {
  return skipped(check.id, started, notOnPlatform(check.platforms, platform) ?? `this check runs on ${platform}`);
}

/** What a local check's body gets besides its input: this machine's dependencies and its start time. */
export interface Here {
  deps: LocalDeps;
  started: number;
}

/**
 * A check that looks at this machine: runs its body only on its platforms (elsewhere a `skipped`
 * result says why), with the dependencies of {@link localDeps} and its start time.
 */
export function localCheck(
  spec: Omit<Check, 'run'> & {
    run(input: CheckInput, ctx: CheckContext, here: Here): Promise<CheckResult>;
  },
): Check {
  const { run, ...rest } = spec;
  return {
    ...rest,
    run(input, ctx) {
      const started = startClock();
      const deps = localDeps(ctx);
      if (notOnPlatform(spec.platforms, deps.platform) !== null) {
        return Promise.resolve(wrongPlatform(spec, deps.platform, started));
      }
      return run.call(spec, input, ctx, { deps, started });
    },
  };
}

/**
 * What a local check depends on besides its input: the command runner, the platform, the clock
 * and the environment. Real values by default; tests (and `runLocalChecks`) pass others through
 * the check context, so every check can replay recorded Windows/macOS outputs on any machine.
 */
import { type Exec, realExec } from '../checks/exec.js';
import type { CheckContext, Platform } from '../checks/types.js';

export interface LocalDeps {
  exec: Exec;
  /** The OS the check believes it runs on (Node's `process.platform` by default). */
  platform: NodeJS.Platform;
  /** Current time in milliseconds since the epoch. */
  now: () => number;
  env: NodeJS.ProcessEnv;
}

/** A check context that may carry replacements for the real dependencies. */
export type LocalContext = CheckContext & Partial<LocalDeps>;

export function localDeps(ctx: CheckContext): LocalDeps {
  const c = ctx as LocalContext;
  return {
    exec: c.exec ?? realExec,
    platform: c.platform ?? process.platform,
    now: c.now ?? Date.now,
    env: c.env ?? process.env,
  };
}

const PLATFORM_NAMES: Record<string, string> = { win32: 'Windows', darwin: 'macOS', linux: 'Linux' };

export function platformName(p: string): string {
  return PLATFORM_NAMES[p] ?? p;
}

/** "runs on Windows only" / "runs on Windows and Linux". */
export function platformsText(platforms: readonly Platform[]): string {
  const names = platforms.map(platformName);
  if (names.length === 1) return `runs on ${names[0]} only`;
  return `runs on ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * What a local check depends on besides its input: the command runner, the platform, the clock
 * and the environment. Real values by default; tests (and `runLocalChecks`) pass others through
 * the check context, so every check can replay recorded Windows/macOS outputs on any machine.
 */
import { type Exec, realExec } from './exec.js';

export type Platform = 'linux' | 'darwin' | 'win32';

/** What every check is given: the cancellation signal (`CheckContext` in `checks/types.ts`). */
export interface RunContext {
  signal: AbortSignal;
}

export interface LocalDeps {
  exec: Exec;
  /** The OS the check believes it runs on (Node's `process.platform` by default). */
  platform: NodeJS.Platform;
  /** Current time in milliseconds since the epoch. */
  now: () => number;
  env: NodeJS.ProcessEnv;
}

/** A check context that may carry replacements for the real dependencies. */
export type LocalContext = RunContext & Partial<LocalDeps>;

export function localDeps(ctx: RunContext): LocalDeps {
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

/**
 * The one platform guard: null when `platform` is one of `platforms`, else the sentence saying why
 * a check does not run here ("this check runs on Windows only; this machine runs Linux").
 */
export function notOnPlatform(platforms: readonly Platform[], platform: string): string | null {
  if ((platforms as readonly string[]).includes(platform)) return null;
  return `this check ${platformsText(platforms)}; this machine runs ${platformName(platform)}`;
}

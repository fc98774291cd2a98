/**
 * What the helper's dispatcher (`messaging/dispatch.ts`) asks of an engine: run, report each result
 * as it finishes, stop when the signal aborts. The engines implement these; the dispatcher loads
 * each on its first request.
 */
import type { CheckResult } from '../../shared/protocol/results.js';

/** Receives each check result as it finishes. `total` is the planned number of results, if known. */
export type ResultSink = (result: CheckResult, total?: number) => void;

export interface EngineContext {
  signal: AbortSignal;
  onResult: ResultSink;
}

/** Runs the network checks against one target. Resolves when done; results go to `onResult`. */
export interface ProbeEngine {
  run(
    target: { host: string; port: number; timeoutMs: number; allowRestricted?: boolean },
    ctx: EngineContext,
  ): Promise<void>;
}

/** Runs the checks that look at this machine. */
export interface LocalChecksEngine {
  run(
    options: { timeoutMs: number; checks?: string[]; host?: string; serverTime?: string },
    ctx: EngineContext,
  ): Promise<void>;
}

/** Listens on loopback for one RDP client and reports its offer (`client-listener`, then `client-offer`). */
export interface ListenClientEngine {
  run(options: { waitMs: number }, ctx: EngineContext): Promise<void>;
}

export interface Engines {
  probe?: ProbeEngine;
  localChecks?: LocalChecksEngine;
  listenClient?: ListenClientEngine;
}

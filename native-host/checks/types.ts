/**
 * The shape every check follows: one file per check under `native-host/checks/`, exporting a
 * {@link Check}. Checks return results; exceptions are for bugs.
 */
import { DEFAULT_RDP_PORT } from '../../shared/protocol/limits.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import type { Platform, RunContext } from '../exec/platform.js';

export type { Platform };

/** What a check needs as input. Network checks get a target; local checks may use the probe's facts. */
export interface CheckInput {
  /** Host name or IP literal as the user typed it (validated). Absent for purely local checks. */
  host?: string;
  /** TCP port, 1–65535. */
  port?: number;
  /** Per-step timeout in milliseconds. */
  timeoutMs: number;
  /** Facts learned earlier in the same run (e.g. the server's clock from the NTLM challenge). */
  facts?: Record<string, unknown>;
}

/** A network check's target: the host as typed and the port, the RDP default when none was given. */
export function targetOf(input: CheckInput): { host: string; port: number } {
  return { host: input.host ?? '', port: input.port ?? DEFAULT_RDP_PORT };
}

export type CheckContext = RunContext;

export interface Check {
  /** Stable id, also the file name (e.g. `certificate` lives in `certificate.ts`). */
  id: string;
  /** Title for people, e.g. "TLS certificate". */
  title: string;
  /** `network` checks talk to the target; `client` and `server` checks look at this machine. */
  kind: 'network' | 'client' | 'server';
  /** Platforms it runs on; elsewhere it reports `skipped` with a reason. */
  platforms: readonly Platform[];
  /** What it reads and what it concludes, one or two sentences (shown in docs and `--help`). */
  description: string;
  run(input: CheckInput, ctx: CheckContext): Promise<CheckResult>;
}

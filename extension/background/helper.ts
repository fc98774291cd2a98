/**
 * The background's adapter to the native helper, in the shapes the page routing needs:
 * `status()` and `runProbe()`. The port itself (handshake, multiplexing, reconnects, idle
 * disconnect, guidance per browser and OS) is owned by native.ts; this file only maps its outcomes
 * onto the page messages in ../lib/messages.ts.
 */

import { CLIENT_CHECKS } from '../../shared/protocol/checks.js';
import { PROTOCOL_ERROR_MESSAGES, type ProtocolErrorCode } from '../../shared/protocol/errors.js';
import { HOST_NAME } from '../../shared/protocol/messages.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import browser from '../lib/browser.js';
import type { HelperGuidance, HelperStatusView } from '../lib/messages.js';
import { NativeClient, NativeError, type PortLike } from './native.js';

/**
 * The background's one native client. The port factory is passed in because a service worker may
 * not use dynamic `import()` (which the client's default factory relies on).
 */
const client = new NativeClient({ connect: () => browser.runtime.connectNative(HOST_NAME) as unknown as PortLike });

export class HelperError extends Error {
  readonly code: ProtocolErrorCode;
  readonly guidance: HelperGuidance;
  constructor(code: ProtocolErrorCode, message: string, guidance: HelperGuidance) {
    super(message);
    this.code = code;
    this.guidance = guidance;
  }

  static from(e: unknown): HelperError {
    if (e instanceof HelperError) return e;
    if (e instanceof NativeError) return new HelperError(e.code, e.message, pick(e.guidance));
    const explanation = PROTOCOL_ERROR_MESSAGES.internal;
    return new HelperError('internal', explanation, { title: 'The check could not run', explanation });
  }
}

function pick(g: HelperGuidance): HelperGuidance {
  const out: HelperGuidance = { title: g.title, explanation: g.explanation };
  if (g.command) out.command = g.command;
  if (g.profile) out.profile = { command: g.profile.command, howToFind: g.profile.howToFind };
  return out;
}

export async function status(): Promise<HelperStatusView> {
  try {
    const s = await client.status();
    if (s.connected) {
      return {
        connected: true,
        hostVersion: s.hostVersion,
        protocolVersion: s.protocolVersion,
        capabilities: s.capabilities,
      };
    }
    return { connected: false, code: s.code, message: s.message, guidance: pick(s.guidance) };
  } catch (e) {
    console.warn('RDP Doctor: helper status failed', e);
    const err = HelperError.from(e);
    return { connected: false, code: err.code, message: err.message, guidance: err.guidance };
  }
}

export interface ProbeParams {
  host: string;
  port: number;
  timeoutMs: number;
  /** Let the helper reach link-local/metadata addresses: only for a target a person typed (see RunChecksRequest). */
  allowRestricted?: boolean;
}

/**
 * Runs the helper's network checks against one server, calling `onResult` for each finished check.
 * Rejects with a {@link HelperError}; aborting the signal cancels the run in the helper.
 */
export async function runProbe(
  params: ProbeParams,
  onResult: (result: CheckResult, index: number, total?: number) => void,
  signal: AbortSignal,
): Promise<{ count: number; durationMs: number }> {
  try {
    const out = await client.request('probe', params, onResult, signal);
    return { count: out.count, durationMs: out.durationMs };
  } catch (e) {
    throw HelperError.from(e);
  }
}

/** The local checks that describe the client side of a connection (the server-side ones need the server itself). */
export { CLIENT_CHECKS };

/**
 * Runs the helper's client-side checks on this computer for a connection to `host`, comparing the
 * local clock with `serverTime` when the probe learned it. Rejects with a {@link HelperError}.
 */
export async function runClientChecks(
  params: { host: string; serverTime?: string; timeoutMs: number },
  onResult: (result: CheckResult, index: number, total?: number) => void,
  signal: AbortSignal,
): Promise<{ count: number; durationMs: number }> {
  try {
    const out = await client.request(
      'local-checks',
      {
        timeoutMs: Math.max(params.timeoutMs, 5_000),
        checks: [...CLIENT_CHECKS],
        host: params.host,
        ...(params.serverTime ? { serverTime: params.serverTime } : {}),
      },
      onResult,
      signal,
    );
    return { count: out.count, durationMs: out.durationMs };
  } catch (e) {
    throw HelperError.from(e);
  }
}

/**
 * "Test my RDP client": the helper listens on 127.0.0.1 for one RDP client; `onResult` gets
 * `client-listener` (the address to connect to) and then `client-offer`. Rejects with a
 * {@link HelperError}; aborting the signal stops the listener.
 */
export async function runListenClient(
  params: { waitMs: number },
  onResult: (result: CheckResult, index: number, total?: number) => void,
  signal: AbortSignal,
): Promise<{ count: number; durationMs: number }> {
  try {
    const out = await client.request('listen-client', { waitMs: params.waitMs }, onResult, signal);
    return { count: out.count, durationMs: out.durationMs };
  } catch (e) {
    throw HelperError.from(e);
  }
}

/**
 * The helper as the routes use it: its status for pages, and the three kinds of work (network checks,
 * client-side checks, "Test my RDP client"). The port itself (handshake, multiplexing, reconnects,
 * idle disconnect, guidance per browser and OS) is the {@link NativeClient}'s; its one error type,
 * {@link NativeError}, reaches callers unchanged, and {@link failureOf} says what a page is told.
 * Free of browser APIs: the background passes in the client it built over `connectNative`.
 */
import { CLIENT_CHECKS } from '../../shared/protocol/checks.js';
import type { HelperStatusView } from '../lib/messages.js';
import {
  failureOf,
  type NativeClient,
  type NativeError,
  type ProgressFn,
  pageGuidance,
  type WorkPayload,
} from './native.js';

/** What a finished piece of work reports to the routes. */
export interface WorkDone {
  count: number;
  durationMs: number;
}

export interface Helper {
  /** Installed, compatible, which version, or what is wrong and the commands that fix and diagnose it. */
  status(): Promise<HelperStatusView>;
  /** The network checks against one server. Rejects with a {@link NativeError}. */
  runProbe(params: WorkPayload<'probe'>, onResult: ProgressFn, signal: AbortSignal): Promise<WorkDone>;
  /**
   * This computer's client-side checks for a connection to `host`, comparing the local clock with
   * `serverTime` when the probe learned it. Rejects with a {@link NativeError}.
   */
  runClientChecks(
    params: { host: string; serverTime?: string; timeoutMs: number },
    onResult: ProgressFn,
    signal: AbortSignal,
  ): Promise<WorkDone>;
  /**
   * "Test my RDP client": the helper listens on 127.0.0.1 for one RDP client; `onResult` gets
   * `client-listener` (the address to connect to) and then `client-offer`. Rejects with a {@link NativeError}.
   */
  runListenClient(params: WorkPayload<'listen-client'>, onResult: ProgressFn, signal: AbortSignal): Promise<WorkDone>;
}

/** The local checks that describe the client side of a connection (the server-side ones need the server itself). */
export { CLIENT_CHECKS };

/** Client checks get at least this long per check (they read local state, often slower than a network step). */
const MIN_CLIENT_CHECK_MS = 5_000;

const done = (out: WorkDone): WorkDone => ({ count: out.count, durationMs: out.durationMs });

export function createHelper(client: NativeClient): Helper {
  return {
    async status() {
      try {
        const s = await client.status();
        if (!s.connected)
          return { connected: false, code: s.code, message: s.message, guidance: pageGuidance(s.guidance) };
        const { hostVersion, protocolVersion, capabilities } = s;
        return { connected: true, hostVersion, protocolVersion, capabilities };
      } catch (e) {
        console.warn('RDP Doctor: helper status failed', e);
        return { connected: false, ...failureOf(e) };
      }
    },
    async runProbe(params, onResult, signal) {
      return done(await client.request('probe', params, onResult, signal));
    },
    async runClientChecks(params, onResult, signal) {
      const payload: WorkPayload<'local-checks'> = {
        timeoutMs: Math.max(params.timeoutMs, MIN_CLIENT_CHECK_MS),
        checks: [...CLIENT_CHECKS],
        host: params.host,
        ...(params.serverTime ? { serverTime: params.serverTime } : {}),
      };
      return done(await client.request('local-checks', payload, onResult, signal));
    },
    async runListenClient(params, onResult, signal) {
      return done(await client.request('listen-client', params, onResult, signal));
    },
  };
}

/**
 * The background's adapter to the native helper, as the page routing needs it: `status()` and
 * `runProbe()`. It opens one native port per call (the helper is not kept alive when idle), waits
 * for `hello`, checks compatibility, sends the request and streams `progress` until `result` or
 * `error`. Browser errors and handshake outcomes map to stable codes and to guidance with the
 * exact command that fixes them.
 *
 * When the shared port owner (`native.ts`) is present, `status`/`runProbe` delegate to it; the
 * routing in index.ts only ever calls these two functions.
 */
import { checkCompatibility } from '../../shared/protocol/compat.js';
import { PROTOCOL_ERROR_MESSAGES, type ProtocolErrorCode } from '../../shared/protocol/errors.js';
import { type HelloMessage, HOST_NAME, PROTOCOL_VERSION } from '../../shared/protocol/messages.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import { validateHostMessage } from '../../shared/protocol/validate.js';
import browser from '../lib/browser.js';
import type { HelperGuidance, HelperStatusView } from '../lib/messages.js';
import { guidanceFor } from './guidance-adapter.js';

/** How long the helper has to say hello, in milliseconds. */
export const HELLO_TIMEOUT_MS = 5000;

export class HelperError extends Error {
  readonly code: ProtocolErrorCode;
  readonly guidance: HelperGuidance;
  constructor(code: ProtocolErrorCode, detail?: string) {
    super(detail ?? PROTOCOL_ERROR_MESSAGES[code]);
    this.code = code;
    this.guidance = guidanceFor(code, detail);
  }
}

/** Maps the browser's `lastError` text for a native port to a stable code. */
export function codeForBrowserError(message: string | undefined): ProtocolErrorCode {
  const m = (message ?? '').toLowerCase();
  if (m.includes('not found')) return 'host-not-found';
  if (m.includes('forbidden')) return 'host-forbidden';
  if (m.includes('failed to start')) return 'host-failed-to-start';
  if (m.includes('communicating') || m.includes('too large')) return 'host-communication-error';
  return 'host-exited';
}

interface Session {
  hello: HelloMessage;
  port: browser.Runtime.Port;
  onMessage(fn: (msg: unknown) => void): void;
  onGone(fn: (code: ProtocolErrorCode, detail?: string) => void): void;
  close(): void;
}

/** Connects, waits for a compatible hello; rejects with a {@link HelperError}. */
function open(): Promise<Session> {
  return new Promise((resolve, reject) => {
    let port: browser.Runtime.Port;
    let settled = false;
    const msgHandlers: ((m: unknown) => void)[] = [];
    const goneHandlers: ((c: ProtocolErrorCode, d?: string) => void)[] = [];
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      try {
        port.disconnect();
      } catch {
        // already gone
      }
    };
    const fail = (code: ProtocolErrorCode, detail?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      close();
      reject(new HelperError(code, detail));
    };
    const timer = setTimeout(() => fail('host-no-hello'), HELLO_TIMEOUT_MS);
    try {
      port = browser.runtime.connectNative(HOST_NAME);
    } catch (e) {
      fail('host-not-found', e instanceof Error ? e.message : undefined);
      return;
    }
    port.onDisconnect.addListener((p) => {
      const err = (p as { error?: { message?: string } }).error?.message ?? chrome?.runtime?.lastError?.message;
      const code = codeForBrowserError(err);
      closed = true;
      if (!settled) fail(code, err);
      else for (const h of goneHandlers) h(code, err);
    });
    port.onMessage.addListener((raw: unknown) => {
      if (settled) {
        for (const h of msgHandlers) h(raw);
        return;
      }
      const v = validateHostMessage(raw);
      if (!v.ok || v.value.type !== 'hello') return fail('invalid-response');
      const hello = v.value;
      const compat = checkCompatibility(hello, PROTOCOL_VERSION);
      if (!compat.compatible) return fail('host-incompatible', compat.message);
      settled = true;
      clearTimeout(timer);
      resolve({
        hello,
        port,
        onMessage: (fn) => msgHandlers.push(fn),
        onGone: (fn) => goneHandlers.push(fn),
        close,
      });
    });
  });
}

export async function status(): Promise<HelperStatusView> {
  try {
    const s = await open();
    s.close();
    return {
      connected: true,
      hostVersion: s.hello.hostVersion,
      protocolVersion: s.hello.protocolVersion,
      capabilities: s.hello.capabilities,
    };
  } catch (e) {
    const err = e instanceof HelperError ? e : new HelperError('internal');
    return { connected: false, code: err.code, message: err.message, guidance: err.guidance };
  }
}

let nextId = 0;

export interface ProbeParams {
  host: string;
  port: number;
  timeoutMs: number;
}

/**
 * Runs the helper's network checks against one server, calling `onResult` for each finished check.
 * Resolves with the count when the helper reports `result`; rejects with a {@link HelperError}.
 * Aborting the signal cancels the run and closes the port.
 */
export async function runProbe(
  params: ProbeParams,
  onResult: (result: CheckResult, index: number, total?: number) => void,
  signal: AbortSignal,
): Promise<{ count: number; durationMs: number }> {
  const s = await open();
  if (!s.hello.capabilities.includes('probe')) {
    s.close();
    throw new HelperError('unsupported-capability');
  }
  const id = `probe-${Date.now().toString(36)}-${(nextId++).toString(36)}`;
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err: HelperError | null, value?: { count: number; durationMs: number }) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      s.close();
      if (err) reject(err);
      else resolve(value!);
    };
    const onAbort = () => {
      try {
        s.port.postMessage({ type: 'cancel', id });
      } catch {
        // port already closed
      }
      finish(new HelperError('cancelled'));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort);
    s.onGone((code, detail) => finish(new HelperError(code, detail)));
    s.onMessage((raw) => {
      const v = validateHostMessage(raw);
      if (!v.ok) return finish(new HelperError('invalid-response'));
      const m = v.value;
      if (!('id' in m) || m.id !== id) return;
      if (m.type === 'progress') onResult(m.result, m.index, m.total);
      else if (m.type === 'result') finish(null, { count: m.count, durationMs: m.durationMs });
      else if (m.type === 'error') finish(new HelperError(m.code, m.message));
    });
    s.port.postMessage({ type: 'probe', id, host: params.host, port: params.port, timeoutMs: params.timeoutMs });
  });
}

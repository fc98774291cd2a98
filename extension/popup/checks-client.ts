/**
 * Page side of the streaming checks: opens the checks port to the background, sends one
 * `run-checks` and hands every validated event to the caller. `cancel()` closes the port, which
 * cancels the run in the helper.
 */
import { validateCheckResult } from '../../shared/protocol/validate.js';
import browser from '../lib/browser.js';
import { CHECKS_PORT, type ChecksEvent, type RunChecksRequest } from '../lib/messages.js';

function parseEvent(raw: unknown): ChecksEvent | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  if (m.type === 'started') return { type: 'started' };
  if (m.type === 'progress' && typeof m.index === 'number') {
    const result = validateCheckResult(m.result);
    if (!result) return null;
    return { type: 'progress', index: m.index, total: typeof m.total === 'number' ? m.total : undefined, result };
  }
  if (m.type === 'done' && typeof m.count === 'number' && typeof m.durationMs === 'number') {
    return { type: 'done', count: m.count, durationMs: m.durationMs };
  }
  if (m.type === 'failed' && typeof m.code === 'string' && typeof m.message === 'string') {
    return m as unknown as ChecksEvent;
  }
  return null;
}

export function runChecks(req: Omit<RunChecksRequest, 'type'>, onEvent: (e: ChecksEvent) => void): () => void {
  return openPort({ type: 'run-checks', ...req }, onEvent);
}

/** "Test my RDP client": the helper listens on 127.0.0.1 for `waitMs`; the returned function cancels. */
export function listenForClient(waitMs: number, onEvent: (e: ChecksEvent) => void): () => void {
  return openPort({ type: 'listen-client', waitMs }, onEvent);
}

function openPort(start: Record<string, unknown>, onEvent: (e: ChecksEvent) => void): () => void {
  const port = browser.runtime.connect({ name: CHECKS_PORT });
  let finished = false;
  port.onMessage.addListener((raw: unknown) => {
    const e = parseEvent(raw);
    if (!e || finished) return;
    if (e.type === 'done' || e.type === 'failed') finished = true;
    onEvent(e);
    if (finished) port.disconnect();
  });
  port.onDisconnect.addListener(() => {
    if (finished) return;
    finished = true;
    onEvent({ type: 'failed', code: 'host-exited', message: 'The connection to the background was lost.' });
  });
  port.postMessage(start);
  return () => {
    if (finished) return;
    finished = true;
    port.disconnect();
  };
}

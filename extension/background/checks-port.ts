/**
 * The checks port's route: one run per port, started by the page's one start message (run-checks or
 * listen-client), results streamed back as they finish, the run cancelled when the page goes. The
 * router (index.ts) hands over only ports opened by this extension's own pages.
 */
import { PROBE_CHECKS, RUN_CHECKS_PLAN } from '../../shared/protocol/checks.js';
import { serverTimeOf } from '../../shared/protocol/evidence.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import { forPeople } from '../../shared/protocol/safe-text.js';
import { type ChecksEvent, parseChecksStart, type RunChecksRequest } from '../lib/messages.js';
import { type HostOutcome, outcomeOf } from '../lib/recent-hosts.js';
import { CLIENT_CHECKS, type Helper } from './helper.js';
import { failureOf } from './native.js';

/** The part of a runtime Port this route uses. */
export interface ChecksPortLike {
  postMessage(message: unknown): void;
  onMessage: { addListener(fn: (message: unknown) => void): void };
  onDisconnect: { addListener(fn: () => void): void };
}

type Send = (e: ChecksEvent) => void;

/** The part of the history store a run writes: the server when it starts, how the run ended when it ends. */
export interface RunHistory {
  remember(host: string): Promise<unknown>;
  record(host: string, outcome: HostOutcome): Promise<unknown>;
}

export function serveChecks(port: ChecksPortLike, helper: Helper, history?: RunHistory): void {
  const controller = new AbortController();
  let started = false;
  let open = true;
  const send: Send = (e) => {
    if (!open) return;
    try {
      port.postMessage(e);
    } catch {
      open = false;
    }
  };
  port.onDisconnect.addListener(() => {
    open = false;
    controller.abort();
  });
  port.onMessage.addListener((raw: unknown) => {
    if (started) return; // one run per port
    const start = parseChecksStart(raw);
    if (!start) {
      send({ type: 'failed', code: 'invalid-request', message: 'The check request was not valid.' });
      return;
    }
    started = true;
    if (start.type === 'listen-client') {
      send({ type: 'started', total: 2 });
      void listenForClient(helper, start.waitMs, send, controller.signal);
    } else {
      send({ type: 'started' });
      const remembered = start.remember;
      if (history && remembered !== undefined) {
        // Kept by the background, which outlives the page: a popup closed right after (or during)
        // the run still leaves the server listed with how its run ended.
        const listed = history.remember(remembered).catch(() => undefined);
        void runAllChecks(helper, start, send, controller.signal).then((outcome) =>
          listed.then(() => history.record(remembered, outcome)).catch(() => undefined),
        );
      } else {
        void runAllChecks(helper, start, send, controller.signal);
      }
    }
  });
}

const failed = (e: unknown): ChecksEvent => ({ type: 'failed', ...failureOf(e) });

/**
 * The network checks against the server, then this computer's client-side checks (installed
 * client, CredSSP policy, clock against the server's, proxy, security products). Results stream to
 * the page as they finish; a helper too old for the client checks still gives the network ones.
 */
async function runAllChecks(
  helper: Helper,
  req: RunChecksRequest,
  send: Send,
  signal: AbortSignal,
): Promise<HostOutcome> {
  const started = Date.now();
  let serverTime: string | undefined;
  let count = 0;
  const results: CheckResult[] = [];
  try {
    const probe = await helper.runProbe(
      // The checks port accepts only this extension's pages; `typedByUser` comes from the check form's
      // own input, so only a target a person typed may reach restricted addresses.
      {
        host: req.host,
        port: req.port,
        timeoutMs: req.timeoutMs,
        ...(req.typedByUser ? { allowRestricted: true } : {}),
      },
      (result, index) => {
        serverTime = serverTimeOf(result) ?? serverTime;
        results.push(result);
        // Pages show these lines to people: server-sent text passes the one sanitiser (evidence stays exact).
        send({ type: 'progress', index, total: RUN_CHECKS_PLAN.length, result: forPeople(result) });
      },
      signal,
    );
    count = probe.count;
  } catch (e) {
    send(failed(e));
    return 'unfinished';
  }
  try {
    const local = await helper.runClientChecks(
      { host: req.host, timeoutMs: req.timeoutMs, ...(serverTime ? { serverTime } : {}) },
      (result, index) => {
        results.push(result);
        send({
          type: 'progress',
          index: count + index,
          total: Math.max(count, PROBE_CHECKS.length) + CLIENT_CHECKS.length,
          result,
        });
      },
      signal,
    );
    count += local.count;
  } catch (e) {
    if (signal.aborted) return 'unfinished';
    console.warn('RDP Doctor: client checks did not run', e);
  }
  send({ type: 'done', count, durationMs: Date.now() - started });
  return outcomeOf(results);
}

/** "Test my RDP client": the helper's listener on 127.0.0.1, streamed to the page like the checks. */
async function listenForClient(helper: Helper, waitMs: number, send: Send, signal: AbortSignal): Promise<void> {
  try {
    const out = await helper.runListenClient(
      { waitMs },
      (result, index) => send({ type: 'progress', index, total: 2, result }),
      signal,
    );
    send({ type: 'done', count: out.count, durationMs: out.durationMs });
  } catch (e) {
    send(failed(e));
  }
}

/**
 * The helper's `listen-client` engine: the listener on 127.0.0.1 (a free port; the browser cannot
 * choose the address, so a page can never open a port elsewhere), reported as two check results:
 * `client-listener` as soon as it listens, then `client-offer` with the whole report as evidence.
 */
import type { CheckResult } from '../../shared/protocol/results.js';
import type { EngineContext } from '../engines/types.js';
import { STEP_TIMEOUT_MS } from './options.js';
import { listenOnce } from './session.js';

export const LISTEN_ADDRESS = '127.0.0.1';

export const listenClientEngine = {
  async run(o: { waitMs: number }, ctx: EngineContext): Promise<void> {
    const t0 = performance.now();
    const report = await listenOnce({
      host: LISTEN_ADDRESS,
      port: 0,
      waitMs: o.waitMs,
      stepMs: STEP_TIMEOUT_MS,
      showUser: false,
      signal: ctx.signal,
      onListening: (w) => {
        const listening: CheckResult = {
          checkId: 'client-listener',
          status: 'pass',
          summary: `Listening on ${w.address}:${w.port}: connect your Remote Desktop client to ${w.address}:${w.port}.`,
          evidence: { address: w.address, port: w.port, certificateSha256: w.certificateSha256, waitMs: o.waitMs },
          findings: [],
          durationMs: Math.round(performance.now() - t0),
        };
        ctx.onResult(listening, 2);
      },
    });
    if (ctx.signal.aborted) return;
    const seen = report.reached !== 'none';
    ctx.onResult(
      {
        checkId: 'client-offer',
        status: seen ? 'pass' : 'skipped',
        summary: seen
          ? `A client connected and got as far as ${report.reached}: ${report.end.message}`
          : `No client connected: ${report.end.message}`,
        ...(seen ? {} : { reason: report.end.message }),
        evidence: { report },
        findings: [],
        durationMs: report.durationMs,
      },
      2,
    );
  },
};

/**
 * The helper's dispatcher: validated requests in, protocol messages out. The stdio entry
 * (`main.ts`) and the CLI use the same dispatcher. Work is done by engines behind small interfaces,
 * so the probe and the local checks plug in without this file knowing how they work.
 *
 * Guarantees: every request ends with exactly one terminal message (`pong`, `result` or `error`)
 * carrying its id; `cancel` aborts; at most {@link MAX_CONCURRENT_REQUESTS} run at once; no single
 * message exceeds the browser's 1 MB limit (oversized evidence is trimmed, never the whole result).
 */

import { PROBE_CHECKS } from '../../shared/protocol/checks.js';
import { PROTOCOL_ERROR_MESSAGES, ProtocolError, type ProtocolErrorCode } from '../../shared/protocol/errors.js';
import {
  type Capability,
  type HelloMessage,
  type HostMessage,
  type HostRequest,
  type ListenClientRequest,
  type LocalChecksRequest,
  MAX_CONCURRENT_REQUESTS,
  MAX_HOST_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  type ProbeRequest,
} from '../../shared/protocol/messages.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import { isIPv6, parseTarget } from '../../shared/protocol/target.js';
import type { EngineContext, Engines, ResultSink } from '../engines/types.js';
import { HOST_VERSION } from './version.js';

export type {
  EngineContext,
  Engines,
  ListenClientEngine,
  LocalChecksEngine,
  ProbeEngine,
  ResultSink,
} from '../engines/types.js';

export type Emit = (message: HostMessage) => void;
export type Logger = (line: string) => void;

/** Whole-request limit: this many times the request's per-step `timeoutMs`. */
export const REQUEST_DEADLINE_FACTOR = 10;
/** A `listen-client` request may take its wait plus this long (the client's steps after connecting). */
export const LISTEN_GRACE_MS = 60_000;

class RequestFailure extends Error {
  constructor(readonly code: ProtocolErrorCode) {
    super(code);
  }
}

export class Dispatcher {
  private readonly running = new Map<string, AbortController>();
  private readonly engines: Engines;
  private readonly log: Logger;
  private readonly maxConcurrent: number;

  constructor(engines: Engines = {}, options: { log?: Logger; maxConcurrent?: number } = {}) {
    this.engines = engines;
    this.log = options.log ?? (() => {});
    this.maxConcurrent = options.maxConcurrent ?? MAX_CONCURRENT_REQUESTS;
  }

  /** Capabilities this helper really has (engines that are wired). */
  capabilities(): Capability[] {
    const caps: Capability[] = ['ping', 'cancel'];
    if (this.engines.probe) caps.push('probe');
    if (this.engines.localChecks) caps.push('local-checks');
    if (this.engines.listenClient) caps.push('listen-client');
    return caps;
  }

  hello(platform: string = process.platform): HelloMessage {
    return {
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      hostVersion: HOST_VERSION,
      capabilities: this.capabilities(),
      platform,
      maxConcurrent: this.maxConcurrent,
    };
  }

  /** Ids of requests in flight. */
  inFlight(): string[] {
    return [...this.running.keys()];
  }

  /** Abort everything (stdin closed, or the process is stopping). */
  abortAll(reason = 'shutting down'): void {
    for (const c of this.running.values()) c.abort(new RequestFailure('cancelled'));
    if (this.running.size > 0) this.log(`aborting ${this.running.size} request(s): ${reason}`);
  }

  /**
   * Handle one validated request. Resolves when the request has sent its terminal message (for
   * `cancel`: at once). Never rejects.
   */
  async handle(request: HostRequest, emit: Emit): Promise<void> {
    const fail = (code: ProtocolErrorCode) =>
      emit({ type: 'error', id: request.id, code, message: PROTOCOL_ERROR_MESSAGES[code] });
    switch (request.type) {
      case 'ping':
        emit({ type: 'pong', id: request.id, hostVersion: HOST_VERSION });
        return;
      case 'cancel': {
        const c = this.running.get(request.id);
        if (c) {
          this.log(`cancel ${request.id}`);
          c.abort(new RequestFailure('cancelled'));
        }
        return;
      }
      case 'probe':
      case 'local-checks':
      case 'listen-client': {
        const engineMissing =
          request.type === 'probe'
            ? !this.engines.probe
            : request.type === 'local-checks'
              ? !this.engines.localChecks
              : !this.engines.listenClient;
        if (engineMissing) return fail('unsupported-capability');
        if (this.running.has(request.id)) return fail('duplicate-id');
        if (this.running.size >= this.maxConcurrent) return fail('busy');
        await this.runWork(request, emit);
        return;
      }
    }
  }

  private async runWork(request: ProbeRequest | LocalChecksRequest | ListenClientRequest, emit: Emit): Promise<void> {
    const controller = new AbortController();
    this.running.set(request.id, controller);
    const started = Date.now();
    const deadline = setTimeout(
      () => controller.abort(new RequestFailure('timeout')),
      request.type === 'listen-client' ? request.waitMs + LISTEN_GRACE_MS : request.timeoutMs * REQUEST_DEADLINE_FACTOR,
    );
    let count = 0;
    let finished = false;
    const onResult: ResultSink = (result, total) => {
      if (finished || controller.signal.aborted) return;
      const msg: HostMessage = { type: 'progress', id: request.id, index: count, result: fitResult(result) };
      if (total !== undefined) msg.total = total;
      count += 1;
      emit(msg);
    };
    const ctx: EngineContext = { signal: controller.signal, onResult };
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
    });
    aborted.catch(() => {});
    try {
      const work =
        request.type === 'listen-client'
          ? this.engines.listenClient!.run({ waitMs: request.waitMs }, ctx)
          : request.type === 'probe'
            ? this.engines.probe!.run(
                {
                  host: request.host,
                  port: request.port,
                  timeoutMs: request.timeoutMs,
                  ...(request.allowRestricted ? { allowRestricted: true } : {}),
                },
                ctx,
              )
            : this.engines.localChecks!.run(
                {
                  timeoutMs: request.timeoutMs,
                  ...(request.checks ? { checks: request.checks } : {}),
                  ...(request.host ? { host: request.host } : {}),
                  ...(request.serverTime ? { serverTime: request.serverTime } : {}),
                },
                ctx,
              );
      // An engine that ignores its signal must not hold the request open after a cancel.
      await Promise.race([work, aborted]);
      finished = true;
      emit({ type: 'result', id: request.id, request: request.type, count, durationMs: Date.now() - started });
    } catch (err) {
      finished = true;
      const reason = controller.signal.aborted ? controller.signal.reason : err;
      if (reason instanceof RequestFailure || reason instanceof ProtocolError) {
        emit({ type: 'error', id: request.id, code: reason.code, message: PROTOCOL_ERROR_MESSAGES[reason.code] });
      } else {
        this.log(`request ${request.id} (${request.type}) failed: ${describe(err)}`);
        emit({ type: 'error', id: request.id, code: 'internal', message: PROTOCOL_ERROR_MESSAGES.internal });
      }
    } finally {
      clearTimeout(deadline);
      this.running.delete(request.id);
    }
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** Room left in a message for the envelope around the result. */
const ENVELOPE_BYTES = 512;

/** Keep a result under the message limit: trim its evidence (then its texts) rather than lose it. */
export function fitResult(result: CheckResult, limit = MAX_HOST_MESSAGE_BYTES - ENVELOPE_BYTES): CheckResult {
  const size = (r: CheckResult) => Buffer.byteLength(JSON.stringify(r), 'utf8');
  const original = size(result);
  if (original <= limit) return result;
  const trimmed: CheckResult = {
    ...result,
    evidence: { truncated: true, originalBytes: original, keys: Object.keys(result.evidence).slice(0, 50) },
  };
  if (size(trimmed) <= limit) return trimmed;
  return {
    ...trimmed,
    summary: result.summary.slice(0, 1000),
    findings: result.findings.slice(0, 20).map((f) => ({ ...f, summary: f.summary.slice(0, 1000) })),
    ...(result.reason !== undefined ? { reason: result.reason.slice(0, 1000) } : {}),
  };
}

/** A probe target as the probe engine wants it (already validated by the protocol layer). */
function probeTarget(host: string, port: number, allowRestricted: boolean) {
  const parsed = parseTarget(isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`, undefined, { allowRestricted });
  if (!parsed.ok) throw new ProtocolError('invalid-target');
  return parsed.target;
}

/**
 * The engines this build has: the network probe (engines/probe.ts), the client listener
 * (listen/engine.ts) and the local checks (engines/local.ts). Each loads its code on its first request,
 * so the helper says hello without loading any of them.
 */
export function defaultEngines(): Engines {
  return {
    probe: {
      async run(t, ctx) {
        const { runProbe } = await import('../engines/probe.js');
        const total = PROBE_CHECKS.length;
        const allowRestricted = t.allowRestricted === true;
        await runProbe(probeTarget(t.host, t.port, allowRestricted), {
          allowRestricted,
          timeoutMs: t.timeoutMs,
          signal: ctx.signal,
          onResult: (r) => ctx.onResult(r, total),
        });
      },
    },
    listenClient: {
      async run(o, ctx) {
        const { listenClientEngine } = await import('../listen/engine.js');
        await listenClientEngine.run(o, ctx);
      },
    },
    localChecks: {
      async run(o, ctx) {
        const { localChecks, runLocalChecks } = await import('../engines/local.js');
        const total = localChecks(o.checks).length;
        await runLocalChecks({
          signal: ctx.signal,
          timeoutMs: o.timeoutMs,
          ...(o.checks ? { only: o.checks } : {}),
          ...(o.host ? { host: o.host } : {}),
          ...(o.serverTime ? { facts: { serverTime: o.serverTime } } : {}),
          onResult: (r) => ctx.onResult(r, total),
        });
      },
    },
  };
}

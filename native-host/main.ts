/**
 * The native helper's stdio entry: framing and dispatch, nothing else.
 *
 * stdout carries frames only; every log line goes to stderr. The helper speaks first (`hello`),
 * runs several requests at once, and exits when stdin ends (in-flight work is aborted and the
 * replies already queued are flushed). A frame it cannot read gets a typed `error` with id `null`;
 * when the stream cannot be resynchronised the helper says so on stderr and exits.
 *
 * Exit codes: 0 stdin closed (the browser let go); 2 the input stream was unreadable; 70 a bug.
 */
import { PROTOCOL_ERROR_MESSAGES, type ProtocolErrorCode } from '../shared/protocol/errors.js';
import type { HostMessage } from '../shared/protocol/messages.js';
import { validateRequest } from '../shared/protocol/validate.js';
import { Dispatcher, defaultEngines, type Engines } from './messaging/dispatch.js';
import { encodeFrame, FrameDecoder, type FrameEvent, FrameTooLargeError } from './messaging/framing.js';

export interface HostIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** How long in-flight work may take to wind down after stdin closes, in milliseconds. */
export const SHUTDOWN_GRACE_MS = 2000;

/** Run the helper on the given streams; resolves with the exit code once it has stopped. */
export function runHost(io: HostIO, engines: Engines = defaultEngines(), signal?: AbortSignal): Promise<number> {
  const log = (line: string) => {
    io.stderr.write(`rdp-doctor-host[${process.pid}]: ${line}\n`);
  };
  const dispatcher = new Dispatcher(engines, { log });
  const decoder = new FrameDecoder();
  const work = new Set<Promise<void>>();
  let stopping = false;
  let outputBroken = false;
  let pendingWrites = 0;
  let onDrained: (() => void) | null = null;

  const write = (frame: Buffer) => {
    if (outputBroken) return;
    pendingWrites += 1;
    io.stdout.write(frame, () => {
      pendingWrites -= 1;
      if (pendingWrites === 0 && onDrained) onDrained();
    });
  };

  const emit = (message: HostMessage) => {
    try {
      write(encodeFrame(message));
    } catch (err) {
      // Only a bug can get here (results are trimmed to fit): report it for that request.
      log(`cannot send ${message.type}: ${err instanceof FrameTooLargeError ? err.message : String(err)}`);
      const id = 'id' in message ? message.id : null;
      write(encodeFrame({ type: 'error', id, code: 'internal', message: PROTOCOL_ERROR_MESSAGES.internal }));
    }
  };

  const sendError = (id: string | null, code: ProtocolErrorCode) =>
    emit({ type: 'error', id, code, message: PROTOCOL_ERROR_MESSAGES[code] });

  return new Promise<number>((resolve) => {
    const stop = (code: number, why: string) => {
      if (stopping) return;
      stopping = true;
      log(why);
      io.stdin.removeListener('data', onData);
      dispatcher.abortAll(why);
      const grace = new Promise<void>((r) => setTimeout(r, SHUTDOWN_GRACE_MS).unref());
      void Promise.race([Promise.allSettled([...work]), grace])
        .then(() => {
          if (pendingWrites === 0 || outputBroken) return;
          return Promise.race([new Promise<void>((r) => (onDrained = r)), grace]);
        })
        .then(() => resolve(code));
    };

    const handleEvent = (ev: FrameEvent) => {
      if (ev.kind === 'error') {
        log(`unreadable input: ${ev.detail}`);
        sendError(null, ev.code);
        if (ev.fatal) stop(2, 'input stream cannot be resynchronised; exiting');
        return;
      }
      const v = validateRequest(ev.value);
      if (!v.ok) {
        log(`rejected request${v.id ? ` ${v.id}` : ''}: ${v.message}`);
        sendError(v.id, v.code);
        return;
      }
      const p = dispatcher.handle(v.value, emit).catch((err: unknown) => {
        log(`dispatcher bug: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        sendError(v.value.id, 'internal');
      });
      work.add(p);
      void p.finally(() => work.delete(p));
    };

    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      for (const ev of decoder.push(bytes)) {
        if (stopping) return;
        handleEvent(ev);
      }
    };

    io.stdout.on('error', (err: Error) => {
      outputBroken = true;
      stop(0, `stdout closed (${err.message}); exiting`);
    });
    io.stdin.on('data', onData);
    io.stdin.on('end', () => {
      if (stopping) return;
      for (const ev of decoder.end()) handleEvent(ev);
      stop(0, 'stdin closed; exiting');
    });
    io.stdin.on('error', (err: Error) => stop(0, `stdin error (${err.message}); exiting`));
    signal?.addEventListener('abort', () => stop(0, 'asked to stop; exiting'), { once: true });

    emit(dispatcher.hello());
    log(`started (${process.argv.slice(2).join(' ') || 'no caller origin'})`);
  });
}

// Run when executed directly (bundled as dist/native-host/host.mjs, through tsx in development, or as a single file).
// A single-file build (Node SEA) starts with argv[1] set to the executable itself.
const entry = process.argv[1] ?? '';
if (/(?:^|[\\/])(?:main\.ts|host\.[cm]js)$/.test(entry) || entry === process.execPath) {
  process.on('uncaughtException', (err) => {
    process.stderr.write(`rdp-doctor-host: internal error: ${err.stack ?? err.message}\n`);
    process.exit(70);
  });
  const stopper = new AbortController();
  process.on('SIGTERM', () => stopper.abort());
  process.on('SIGINT', () => stopper.abort());
  runHost({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, undefined, stopper.signal).then(
    (code) => process.exit(code),
  );
}

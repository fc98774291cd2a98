/**
 * Drives a real helper process over real stdio with the native-messaging framing, as a browser
 * does. Every wait has a hang guard that fails the test with what was received so far.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { encodeFrame, FrameDecoder } from '../../native-host/messaging/framing.js';
import { MAX_HOST_MESSAGE_BYTES } from '../../shared/protocol/messages.js';
import { validateHostMessage } from '../../shared/protocol/validate.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILT_HOST = join(ROOT, 'dist/native-host/host.mjs');

/** Hang guard for one expected message, in milliseconds (a guard, not a timing assertion). */
const GUARD_MS = 20_000;

export interface HostProcess {
  child: ChildProcess;
  /** Frames received, decoded, in order. */
  received: Array<Record<string, unknown>>;
  stderr(): string;
  send(message: unknown): void;
  sendRaw(bytes: Uint8Array): void;
  /** Next message not yet taken (waits for it). */
  next(): Promise<Record<string, unknown>>;
  /** Next message matching the predicate (messages before it are passed over). */
  until(pred: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  closeStdin(): void;
  exit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
}

/**
 * Start `entry` (a .ts file run through tsx, or a built .mjs). With RDP_DOCTOR_TEST_HOST=dist the
 * default entry is the built helper.
 */
export function defaultEntry(): string {
  if (process.env.RDP_DOCTOR_TEST_HOST === 'dist') {
    if (!existsSync(BUILT_HOST))
      throw new Error('RDP_DOCTOR_TEST_HOST=dist but dist/native-host/host.mjs is missing: run npm run build');
    return BUILT_HOST;
  }
  return join(ROOT, 'native-host/main.ts');
}

export function spawnHost(
  entry: string = defaultEntry(),
  args: string[] = ['chrome-extension://emhcbpblahnafilogmlmlfhjjlnnlean/'],
): HostProcess {
  const nodeArgs = entry.endsWith('.ts') ? ['--import', 'tsx', entry, ...args] : [entry, ...args];
  const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const decoder = new FrameDecoder({ maxFrameBytes: MAX_HOST_MESSAGE_BYTES });
  const received: Array<Record<string, unknown>> = [];
  let taken = 0;
  let err = '';
  let waiter: (() => void) | null = null;
  // 'close', not 'exit': by then stdout and stderr are read to their end, so what the helper wrote
  // last (a log line on stderr, a final message) is here when a test looks.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      resolve({ code, signal });
      waiter?.();
    }),
  );
  let exitedFlag = false;
  void exited.then(() => {
    exitedFlag = true;
  });
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString('utf8');
  });
  child.stdout!.on('data', (d: Buffer) => {
    for (const ev of decoder.push(d)) {
      if (ev.kind === 'error') throw new Error(`helper wrote a bad frame to stdout: ${ev.detail}`);
      received.push(ev.value as Record<string, unknown>);
    }
    waiter?.();
  });
  child.stdin!.on('error', () => {});

  const waitFor = async <T>(check: () => T | undefined, what: string): Promise<T> => {
    const deadline = Date.now() + GUARD_MS;
    for (;;) {
      const v = check();
      if (v !== undefined) return v;
      if (exitedFlag)
        throw new Error(`helper exited while waiting for ${what}; got ${JSON.stringify(received)}; stderr: ${err}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no ${what} within the hang guard; got ${JSON.stringify(received)}; stderr: ${err}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        waiter = () => {
          clearTimeout(t);
          waiter = null;
          resolve();
        };
      });
    }
  };

  return {
    child,
    received,
    stderr: () => err,
    send: (m) => child.stdin!.write(encodeFrame(m, 1 << 30)),
    sendRaw: (b) => child.stdin!.write(b),
    next: () => waitFor(() => (taken < received.length ? received[taken++] : undefined), 'message'),
    until: (pred) =>
      waitFor(() => {
        while (taken < received.length) {
          const m = received[taken++]!;
          if (pred(m)) return m;
        }
        return undefined;
      }, 'matching message'),
    closeStdin: () => child.stdin!.end(),
    exit: async () => {
      const guard = setTimeout(() => child.kill('SIGKILL'), GUARD_MS);
      const r = await exited;
      clearTimeout(guard);
      return r;
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** A frame with an arbitrary declared length and body. */
export function rawFrame(body: Buffer | string, declared?: number): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const h = Buffer.alloc(4);
  h.writeUInt32LE(declared ?? b.length, 0);
  return Buffer.concat([h, b]);
}

/**
 * The messages of request `id` up to its terminal one (progress messages lead to the next); every
 * one must be a valid helper message.
 */
export async function untilEnd(h: HostProcess, id: string): Promise<Array<Record<string, unknown>>> {
  const msgs: Array<Record<string, unknown>> = [];
  for (;;) {
    const m = await h.until((x) => x.id === id);
    const v = validateHostMessage(m);
    if (!v.ok) throw new Error(`invalid helper message ${JSON.stringify(m).slice(0, 200)}: ${JSON.stringify(v)}`);
    msgs.push(m);
    if (m.type !== 'progress') return msgs;
  }
}

/** Bundles the helper (`native-host/main.ts`) into the one ESM file `outfile`, as the build does. */
export async function bundleHost(outfile: string): Promise<void> {
  await build({
    entryPoints: [join(ROOT, 'native-host/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
}

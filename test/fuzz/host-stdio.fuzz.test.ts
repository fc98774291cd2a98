/**
 * Black-box fuzzing of the real helper process over real stdio: each generated input is a byte
 * stream (fuzzed requests in valid frames, mutated frames, garbage, lengths up to 2^32−1) written in
 * random chunks to a fresh helper, then stdin is closed. The helper must never crash (exit 70),
 * must answer every readable frame with exactly one typed reply, write only whole frames, and exit
 * 0 (or 2 when the stream could not be resynchronised). Requests that would reach the network or
 * run local checks are left out, so nothing leaves the process.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder, type FrameEvent } from '../../native-host/messaging/framing.js';
import { PROTOCOL_ERROR_CODES } from '../../shared/protocol/errors.js';
import { MAX_HOST_MESSAGE_BYTES } from '../../shared/protocol/messages.js';
import { validateRequest } from '../../shared/protocol/validate.js';
import { BUILT_HOST, ROOT } from '../host/harness.js';
import { FUZZ_RUNS, FUZZ_SEED } from './config.js';
import { applyMutations, mutationsArb } from './mutate.js';

const entry = existsSync(BUILT_HOST) ? [BUILT_HOST] : ['--import', 'tsx', `${ROOT}/native-host/main.ts`];

interface Run {
  code: number | null;
  replies: Record<string, unknown>[];
  trailing: number;
  stderr: string;
}

function runHelper(stream: Uint8Array, chunks: number[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, 'chrome-extension://fuzz/'], { cwd: ROOT, stdio: 'pipe' });
    const decoder = new FrameDecoder({ maxFrameBytes: MAX_HOST_MESSAGE_BYTES });
    const replies: Record<string, unknown>[] = [];
    let stderr = '';
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`helper did not exit within the hang guard; stderr: ${stderr}`));
    }, 20_000);
    child.stdout.on('data', (d: Buffer) => {
      for (const ev of decoder.push(d)) {
        if (ev.kind === 'error') reject(new Error(`helper wrote a bad frame: ${ev.detail}`));
        else replies.push(ev.value as Record<string, unknown>);
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    child.stdin.on('error', () => {}); // the helper may exit (fatal input) before everything is written
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, replies, trailing: decoder.pendingBytes, stderr });
    });
    let at = 0;
    let k = 0;
    while (at < stream.length) {
      const n = Math.max(1, chunks[k++ % Math.max(1, chunks.length)] ?? stream.length);
      child.stdin.write(stream.subarray(at, at + n));
      at += n;
    }
    child.stdin.end();
  });
}

/** Replies the helper owes for a stream, from the reference decoder and validator; undefined = leave the input out. */
function expectedReplies(stream: Uint8Array): { replies: string[]; fatal: boolean } | undefined {
  const d = new FrameDecoder();
  const events: FrameEvent[] = [...d.push(stream), ...d.end()];
  const replies: string[] = [];
  for (const ev of events) {
    if (ev.kind === 'error') {
      replies.push(`error:${ev.code}`);
      if (ev.fatal) return { replies, fatal: true };
      continue;
    }
    const v = validateRequest(ev.value);
    if (!v.ok) replies.push(`error:${v.code}`);
    else if (v.value.type === 'ping') replies.push('pong');
    else if (v.value.type === 'cancel') continue;
    else return undefined; // a probe or local checks: would touch the network or the machine
  }
  return { replies, fatal: false };
}

const id = fc.stringMatching(/^[A-Za-z0-9._:-]{1,64}$/);
const request = fc.oneof(
  fc.record({ type: fc.constant('ping'), id }),
  fc.record({ type: fc.constant('cancel'), id }),
  fc.record({ type: fc.constantFrom('probe', 'local-checks', 'hello', 'result'), id: fc.oneof(id, fc.anything()) }),
  fc.record(
    { type: fc.constant('probe'), id, host: fc.string(), port: fc.anything(), timeoutMs: fc.anything() },
    { requiredKeys: ['type', 'id'] },
  ),
  fc.jsonValue(),
);
const le32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const piece = fc.oneof(
  { arbitrary: request.map((r) => encodeFrame(r, 1 << 20, 'LE')), weight: 6 },
  {
    arbitrary: fc
      .tuple(request, mutationsArb)
      .map(([r, ms]) => Buffer.from(applyMutations(encodeFrame(r, 1 << 20, 'LE'), ms))),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(fc.nat({ max: 0xffffffff }), fc.uint8Array({ maxLength: 32 }))
      .map(([n, b]) => Buffer.concat([le32(n), b])),
    weight: 1,
  },
  { arbitrary: fc.uint8Array({ maxLength: 24 }).map((b) => Buffer.from(b)), weight: 1 },
);

describe('fuzz: the real helper over stdio', () => {
  it(
    'never crashes, answers every readable frame once with a typed reply, exits 0 or 2',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(piece, { minLength: 1, maxLength: 12 }),
          fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 6 }),
          async (pieces, chunks) => {
            const stream = new Uint8Array(Buffer.concat(pieces));
            const want = expectedReplies(stream);
            fc.pre(want !== undefined);
            const r = await runHelper(stream, chunks);
            expect(r.stderr).not.toMatch(/internal error|dispatcher bug/);
            expect(r.code).toBe(want!.fatal ? 2 : 0);
            expect(r.trailing).toBe(0);
            expect(r.replies[0]?.type).toBe('hello');
            const got = r.replies
              .slice(1)
              .map((m) => (m.type === 'error' ? `error:${String(m.code)}` : String(m.type)));
            expect(got).toEqual(want!.replies);
            for (const m of r.replies.slice(1)) {
              if (m.type === 'error') expect(PROTOCOL_ERROR_CODES).toContain(m.code);
            }
          },
        ),
        { seed: FUZZ_SEED, numRuns: Math.max(5, Math.ceil(FUZZ_RUNS / 20)) },
      );
    },
    Math.max(300_000, FUZZ_RUNS * 30),
  );
});

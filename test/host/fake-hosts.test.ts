/** The fake helpers behave as documented when started the way a browser starts them. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder } from '../../native-host/messaging/framing.js';
import { registerFakeHost } from './fake-hosts.js';

const dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-fakes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(kind: Parameters<typeof registerFakeHost>[1]) {
  const udd = join(dir, kind);
  const manifest = JSON.parse(readFileSync(registerFakeHost(udd, kind), 'utf8')) as { path: string };
  return new Promise<{ code: number | null; frames: unknown[]; bad: number; spawnError?: string }>((resolve) => {
    const child = spawn(manifest.path, ['chrome-extension://emhcbpblahnafilogmlmlfhjjlnnlean/'], { env: {} });
    const dec = new FrameDecoder({ maxFrameBytes: 1 << 20 });
    const frames: unknown[] = [];
    let bad = 0;
    const guard = setTimeout(() => child.stdin.end(), 3000);
    child.on('error', (e) => {
      clearTimeout(guard);
      resolve({ code: null, frames, bad, spawnError: (e as NodeJS.ErrnoException).code ?? '' });
    });
    child.stdout?.on('data', (d: Buffer) => {
      for (const e of dec.push(d)) {
        if (e.kind === 'message') frames.push(e.value);
        else bad++;
      }
      if (frames.length === 1) child.stdin.write(encodeFrame({ type: 'ping', id: 'x' }));
      if (frames.length === 2 || bad > 0) child.stdin.end();
    });
    child.stdin?.on('error', () => {});
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, frames, bad });
    });
  });
}

describe('fake helpers', () => {
  it('missing: the launcher does not exist', async () => {
    expect((await start('missing')).spawnError).toBe('ENOENT');
  });
  it('not-executable: the launcher cannot be started', async () => {
    expect((await start('not-executable')).spawnError).toBe('EACCES');
  });
  it('exits-immediately: exit 3, no frames', async () => {
    expect(await start('exits-immediately')).toMatchObject({ code: 3, frames: [] });
  });
  it('garbage: text instead of frames', async () => {
    expect((await start('garbage')).bad).toBe(1);
  });
  it.each([
    ['old-protocol', '0.9'],
    ['new-protocol', '9.0'],
  ] as const)('%s: says hello with protocol %s and answers ping', async (kind, v) => {
    const r = await start(kind);
    expect(r.frames).toEqual([
      expect.objectContaining({ type: 'hello', protocolVersion: v }),
      { type: 'pong', id: 'x', hostVersion: `${v}.0-fake` },
    ]);
    expect(r.code).toBe(0);
  });
});

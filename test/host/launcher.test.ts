/**
 * The launcher `rdp-doctor host install` writes really starts the helper, the way a browser does:
 * an absolute path, an empty environment (no PATH), the caller origin as the only argument.
 * The helper is bundled with esbuild into a temporary folder, like the real build does.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHostCommand } from '../../native-host/commands/host.js';
import { encodeFrame, FrameDecoder } from '../../native-host/messaging/framing.js';
import { HOST_VERSION } from '../../native-host/messaging/version.js';
import { bundleHost } from './harness.js';
import { captureIO } from './install-fakes.js';

let dir: string;
let hostScript: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-launcher-'));
  hostScript = join(dir, 'dist', 'host.mjs');
  await bundleHost(hostScript);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Start `file` with no environment at all, send one ping, collect hello + pong, close stdin. */
function talk(file: string): Promise<{ code: number | null; messages: unknown[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, ['chrome-extension://emhcbpblahnafilogmlmlfhjjlnnlean/'], { env: {}, cwd: '/' });
    const decoder = new FrameDecoder({ maxFrameBytes: 1 << 20 });
    const messages: unknown[] = [];
    let stderr = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      for (const e of decoder.push(d)) if (e.kind === 'message') messages.push(e.value);
      if (messages.length === 1) child.stdin.write(encodeFrame({ type: 'ping', id: 'launcher' }));
      if (messages.length === 2) child.stdin.end();
    });
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, messages, stderr });
    });
  });
}

describe('installed launcher', () => {
  it('starts the helper from an empty environment (as browsers do) and speaks the protocol', async () => {
    const home = join(dir, 'home');
    const c = captureIO({ HOME: home, RDP_DOCTOR_HOST_SCRIPT: hostScript });
    const code = await makeHostCommand({ os: 'linux', home }).run(
      ['install', '--browser', 'chromium'],
      c.io,
      new AbortController().signal,
    );
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    const manifest = JSON.parse(
      readFileSync(join(home, '.config/chromium/NativeMessagingHosts/com.rdpdoctor.host.json'), 'utf8'),
    ) as { path: string };
    const r = await talk(manifest.path);
    expect(r.messages).toEqual([
      expect.objectContaining({ type: 'hello', hostVersion: HOST_VERSION }),
      { type: 'pong', id: 'launcher', hostVersion: HOST_VERSION },
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('chrome-extension://emhcbpblahnafilogmlmlfhjjlnnlean/');
  });

  it('status then reports the registration as healthy', async () => {
    const home = join(dir, 'home');
    const c = captureIO({ HOME: home, RDP_DOCTOR_HOST_SCRIPT: hostScript });
    const code = await makeHostCommand({ os: 'linux', home }).run(
      ['status', '--browser', 'chromium'],
      c.io,
      new AbortController().signal,
    );
    expect(c.out()).toContain('No problems found.');
    expect(code).toBe(0);
  });
});

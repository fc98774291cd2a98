/**
 * The background's port owner (extension/background/native.ts) in real headless Chromium, talking to
 * the real helper (bundled like the build does) and to broken helpers registered in the test profile.
 * It checks the browser's real error strings map to the right guidance, and that a helper killed
 * mid-request fails that request clearly while the next request works.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHostCommand } from '../../native-host/commands/host.js';
import { ensureDevKey } from '../../native-host/install/dev-key.js';
import { HOST_VERSION } from '../../native-host/messaging/version.js';
import { CHROMIUM, chromiumAvailable, launchWithExtension } from '../e2e/browser.js';
import { type FakeHostKind, registerFakeHost } from './fake-hosts.js';
import { bundleHost, ROOT } from './harness.js';
import { captureIO } from './install-fakes.js';

const available = chromiumAvailable();

let dir: string;
let profile: string;
let hostScript: string;
let context: BrowserContext;
let worker: Worker;
const servers: Server[] = [];

async function installReal() {
  rmSync(join(profile, 'NativeMessagingHosts'), { recursive: true, force: true });
  const c = captureIO({ HOME: join(dir, 'home'), RDP_DOCTOR_HOST_SCRIPT: hostScript });
  const code = await makeHostCommand({ os: 'linux', home: join(dir, 'home') }).run(
    ['install', '--browser', 'chromium', '--user-data-dir', profile, '--dev'],
    c.io,
    new AbortController().signal,
  );
  expect(code).toBe(0);
}

/** PID of the process owning the loopback TCP socket whose local port is `port` (Linux /proc). */
function pidOwningLocalPort(port: number): number | null {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[1]?.endsWith(`:${hex}`) && f[9]) inodes.add(f[9]);
    }
  }
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return Number(pid);
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return null;
}

function fake(kind: FakeHostKind) {
  rmSync(join(profile, 'NativeMessagingHosts'), { recursive: true, force: true });
  registerFakeHost(profile, kind);
}

type Status = {
  connected: boolean;
  code?: string;
  hostVersion?: string;
  guidance?: { title: string; command?: string };
};
/** Status from a fresh connection (the client reuses an open port until it has been idle a while). */
const status = () =>
  worker.evaluate(() => {
    const n = (globalThis as { native?: { disconnect(): void; status(): Promise<unknown> } }).native!;
    n.disconnect();
    return n.status();
  }) as Promise<Status>;

describe.runIf(available)('native port owner in real Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-native-browser-'));
    profile = join(dir, 'profile');
    hostScript = join(dir, 'host', 'host.mjs');
    const ext = join(dir, 'ext');
    mkdirSync(ext, { recursive: true });
    mkdirSync(profile, { recursive: true });
    await bundleHost(hostScript);
    await build({
      entryPoints: [join(ROOT, 'test/host/native-browser-bg.ts')],
      outfile: join(ext, 'bg.js'),
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'chrome120',
      logLevel: 'error',
    });
    const key = ensureDevKey(ROOT).publicKey;
    writeFileSync(
      join(ext, 'manifest.json'),
      JSON.stringify({
        manifest_version: 3,
        name: 'RDP Doctor native port test',
        version: '0.0.1',
        key,
        permissions: ['nativeMessaging'],
        background: { service_worker: 'bg.js', type: 'module' },
      }),
    );
    ({ context, worker } = await launchWithExtension(profile, ext, { args: ['--disable-sync'] }));
  });

  afterAll(async () => {
    await context?.close();
    for (const s of servers) s.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("runs under the development id from this checkout's key", () => {
    expect(new URL(worker.url()).host).toBe(ensureDevKey(ROOT).id);
  });

  it('no manifest → not installed, with the install command', async () => {
    rmSync(join(profile, 'NativeMessagingHosts'), { recursive: true, force: true });
    const s = await status();
    expect(s).toMatchObject({ connected: false, code: 'host-not-found' });
    expect(s.guidance?.command).toMatch(/^rdp-doctor host install --browser \w+( --dev)?$/);
  });

  it('installed → connected, with the helper version', async () => {
    await installReal();
    expect(await status()).toMatchObject({ connected: true, hostVersion: HOST_VERSION, protocolVersion: '1.0' });
  });

  it.each([
    ['missing', 'host-not-found'],
    // Chromium on Linux reports a launcher it cannot execute as "Native host has exited."
    ['not-executable', 'host-exited'],
    ['exits-immediately', 'host-exited'],
    ['garbage', 'host-communication-error'],
    ['silent', 'host-no-hello'],
    ['wrong-origin', 'host-forbidden'],
    ['old-protocol', 'host-incompatible'],
    ['new-protocol', 'host-incompatible'],
  ] as const)('broken helper "%s" → %s with its own guidance', async (kind, code) => {
    fake(kind);
    const s = await status();
    expect(s).toMatchObject({ connected: false, code });
    if (kind === 'old-protocol') expect(s.guidance?.title).toBe('The helper is older than the extension');
    if (kind === 'new-protocol') expect(s.guidance?.title).toBe('The extension is older than the helper');
  });

  it('streams a real probe and multiplexes a ping beside it', async () => {
    await installReal();
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const out = (await worker.evaluate(async (p) => {
      // biome-ignore lint/suspicious/noExplicitAny: runs inside the service worker, whose test globals are untyped
      const n = (globalThis as any).native;
      const seen: string[] = [];
      const [probe, ping] = await Promise.all([
        n.request('probe', { host: '127.0.0.1', port: p, timeoutMs: 2000 }, (r: { checkId: string }) =>
          seen.push(r.checkId),
        ),
        n.request('ping'),
      ]);
      return { seen, count: probe.count, ping };
    }, port)) as { seen: string[]; count: number; ping: { hostVersion: string } };
    expect(out.seen).toEqual(['reachability', 'negotiation', 'certificate', 'ntlm-info']);
    expect(out.count).toBe(4);
    expect(out.ping).toEqual({ hostVersion: HOST_VERSION });
  });

  it('helper killed mid-request → that request fails clearly, the next one works', async () => {
    await installReal();
    const clientPorts: number[] = [];
    const silent = createServer((sock) => {
      if (sock.remotePort) clientPorts.push(sock.remotePort);
    });
    servers.push(silent);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    await worker.evaluate((p) => {
      // biome-ignore lint/suspicious/noExplicitAny: runs inside the service worker, whose test globals are untyped
      const g = globalThis as any;
      g.native.disconnect();
      g.inflight = g.native.request('probe', { host: '127.0.0.1', port: p, timeoutMs: 30000 }).then(
        () => 'finished',
        (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
      );
    }, port);
    // The helper is the process holding a connection to our silent server; kill exactly that one.
    let pid: number | null = null;
    for (let i = 0; i < 200 && pid === null; i++) {
      await new Promise((r) => setTimeout(r, 50));
      for (const cp of clientPorts) pid ??= pidOwningLocalPort(cp);
    }
    expect(pid).not.toBeNull();
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain(hostScript);
    process.kill(pid!, 'SIGKILL');
    // biome-ignore lint/suspicious/noExplicitAny: runs inside the service worker, whose test globals are untyped
    const failed = (await worker.evaluate(() => (globalThis as any).inflight)) as { code: string; message: string };
    expect(failed.code).toBe('host-exited');
    expect(failed.message).toMatch(/stopped while this request was running/);
    // biome-ignore lint/suspicious/noExplicitAny: runs inside the service worker, whose test globals are untyped
    expect(await worker.evaluate(() => (globalThis as any).native.request('ping'))).toEqual({
      hostVersion: HOST_VERSION,
    });
  });
});

if (!available) {
  it('chromium is installed (required for this test)', () => {
    throw new Error(`Chromium not found at ${CHROMIUM}: install the Debian package "chromium".`);
  });
}

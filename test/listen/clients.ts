/**
 * Real RDP clients for the listener tests: FreeRDP's `xfreerdp` on a private Xvfb display (the X11
 * client opens its display before it connects), and the `rdp-doctor listen` CLI as a child process.
 * Every process started here is stopped by its PID.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

const children = new Set<ChildProcess>();

function track(c: ChildProcess): ChildProcess {
  children.add(c);
  c.once('exit', () => children.delete(c));
  return c;
}

/** Stops one child by its PID: SIGTERM, then SIGKILL after a grace. */
export async function stop(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise<void>((r) => c.once('exit', () => r()));
  c.kill('SIGTERM');
  const t = setTimeout(() => c.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(t);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map(stop));
}

/** Starts an Xvfb that picks a free display itself (-displayfd) and resolves once it is ready. */
export async function startXvfb(): Promise<{ display: string; child: ChildProcess }> {
  const child = track(
    spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '800x600x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    }),
  );
  const display = await new Promise<string>((resolve, reject) => {
    let text = '';
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => {
      text += d.toString();
      const m = /^(\d+)\n/.exec(text);
      if (m) resolve(`:${m[1]}`);
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
  return { display, child };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function collect(c: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  c.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  c.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve) => c.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** `rdp-doctor listen ARGS` as a child process (the built CLI when RDP_DOCTOR_TEST_HOST=dist, else the source through tsx). */
export function startListenCli(args: string[]): { child: ChildProcess; ready: Promise<void>; done: Promise<Finished> } {
  const cli = join(ROOT, 'dist/native-host/cli.mjs');
  const base =
    existsSync(cli) && process.env.RDP_DOCTOR_TEST_HOST === 'dist'
      ? [cli]
      : ['--import', 'tsx', join(ROOT, 'native-host/cli.ts')];
  const child = track(spawn(process.execPath, [...base, 'listen', ...args], { cwd: ROOT }));
  const done = collect(child);
  const ready = new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      if (/Listening on /.test(err)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`rdp-doctor listen exited with ${code} before listening: ${err}`)));
  });
  ready.catch(() => {}); // a run that is meant to fail before listening awaits only `done`
  return { child, ready, done };
}

/** Runs xfreerdp against `hostPort` with `args`; the caller stops it (by PID) once the listener is done. */
export function startXfreerdp(
  display: string,
  hostPort: string,
  args: string[],
): { child: ChildProcess; done: Promise<Finished> } {
  const child = track(
    spawn('xfreerdp', [`/v:${hostPort}`, '/cert:ignore', '/log-level:ERROR', '/timeout:10000', ...args], {
      env: { ...process.env, DISPLAY: display, HOME: process.env.HOME ?? '/tmp' },
    }),
  );
  return { child, done: collect(child) };
}

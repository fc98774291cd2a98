/**
 * The built command line as the tests run it: `node bin/rdp-doctor.mjs …` in a child process, with
 * its exit status and whole output, or started and left running for a test that interrupts it.
 */
import { type ChildProcess, execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
/** The `rdp-doctor` command (it runs the bundle in `dist/`, built by `npm run build`). */
export const CLI = join(ROOT, 'bin/rdp-doctor.mjs');
/** The bundle itself: present only after a build. */
export const CLI_BUNDLE = join(ROOT, 'dist/native-host/cli.mjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Written to the command's standard input, which is then closed. */
  input?: string;
  /** The run is killed after this long (it then counts as failed). Default 60 s. */
  timeoutMs?: number;
  /** Output beyond this many bytes fails the run. Default 16 MiB. */
  maxBuffer?: number;
}

/** Runs the command to its end: exit status 0 when it succeeded, its own code otherwise (1 when it had none). */
export function runCli(args: readonly string[], opts: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { maxBuffer: opts.maxBuffer ?? 16 * 2 ** 20, timeout: opts.timeoutMs ?? 60_000 },
      (err, stdout, stderr) => {
        const code = (err as { code?: unknown } | null)?.code;
        resolve({ code: err ? (typeof code === 'number' ? code : 1) : 0, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** `scan --hosts <file> --format json`, then `more`. */
export function scanJson(file: string, ...more: string[]): string[] {
  return ['scan', '--hosts', file, '--format', 'json', ...more];
}

/** The rows of JSON Lines output. */
export function jsonRows<T = Record<string, unknown> & { target: string }>(jsonl: string): T[] {
  return jsonl
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

export interface RunningCli {
  child: ChildProcess;
  /** Standard output and error so far. */
  out(): string;
  err(): string;
  /** Resolves once standard output holds `text`. */
  waitFor(text: string): Promise<void>;
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
}

/** Starts the command and leaves it running (for a test that interrupts it). */
export function startCli(args: readonly string[]): RunningCli {
  const child = execFile(process.execPath, [CLI, ...args]);
  let out = '';
  let err = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout?.on('data', (d) => {
    out += d;
    for (const w of waiters.filter((x) => out.includes(x.text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  return {
    child,
    out: () => out,
    err: () => err,
    waitFor: (text) =>
      out.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve })),
    exited,
  };
}

/** The top-level fields of `check --json`, sorted: the contract scripts read. */
export const CHECK_JSON_KEYS = [
  'certificate',
  'durationMs',
  'findings',
  'grade',
  'negotiation',
  'ntlm',
  'posture',
  'reachability',
  'target',
] as const;

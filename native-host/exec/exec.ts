/**
 * The one way local checks run external commands: `spawn` with a fixed argument array (never a
 * shell), a timeout, an AbortSignal and bounded output. Never throws: every outcome (missing
 * command, timeout, cancellation, oversized output, non-zero exit) is a typed {@link ExecResult}.
 *
 * Tests inject {@link replayExec}, which answers from recorded outputs by exact command + args.
 */
import { spawn } from 'node:child_process';

export type ExecOutcome = 'exited' | 'not-found' | 'timeout' | 'aborted' | 'too-large' | 'spawn-failed';

export interface ExecOptions {
  signal?: AbortSignal;
  /** Kill the process after this many milliseconds (default {@link DEFAULT_COMMAND_TIMEOUT_MS}). */
  timeoutMs?: number;
  /** Largest stdout or stderr kept, in bytes (default 1 MiB); beyond it the process is killed. */
  maxBytes?: number;
  /** Extra environment variables (fixed names; values are never interpreted by a shell). */
  env?: Record<string, string>;
}

export interface ExecResult {
  command: string;
  args: readonly string[];
  outcome: ExecOutcome;
  /** Exit code when `outcome` is `exited`, otherwise null. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Human-readable detail for outcomes other than `exited`. */
  message?: string;
}

export type Exec = (command: string, args: readonly string[], options?: ExecOptions) => Promise<ExecResult>;

export const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;

/** True when the command ran and exited with status 0. */
export function succeeded(r: ExecResult): boolean {
  return r.outcome === 'exited' && r.exitCode === 0;
}

/** `reg.exe query …` as a person would type it, for messages and evidence. */
export function commandLine(command: string, args: readonly string[]): string {
  const quote = (s: string) => (/^[\w@%+=:,./\\-]+$/.test(s) ? s : `"${s.replace(/"/g, '\\"')}"`);
  const shown = args.map((a) => (a.length > 80 ? `${quote(a.slice(0, 60))}…` : quote(a)));
  return [command, ...shown].join(' ');
}

function decode(chunks: Buffer[]): string {
  const text = Buffer.concat(chunks).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Runs a real process. */
export const realExec: Exec = (command, args, options = {}) => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const base = { command, args: [...args] };
  if (options.signal?.aborted) {
    return Promise.resolve({
      ...base,
      outcome: 'aborted',
      exitCode: null,
      stdout: '',
      stderr: '',
      message: 'cancelled',
    });
  }
  return new Promise<ExecResult>((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
    if (process.platform !== 'win32') {
      env.LC_ALL = 'C';
      env.LANG = 'C';
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let forced: ExecOutcome | undefined;
    let message: string | undefined;
    let settled = false;
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, [...args], { shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'], env });
    } catch (e) {
      resolve({ ...base, outcome: 'spawn-failed', exitCode: null, stdout: '', stderr: '', message: String(e) });
      return;
    }
    const stop = (why: ExecOutcome, detail: string) => {
      if (forced) return;
      forced = why;
      message = detail;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop('timeout', `did not finish within ${timeoutMs} ms`), timeoutMs);
    const onAbort = () => stop('aborted', 'cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (r: Omit<ExecResult, 'command' | 'args'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ ...base, ...r });
    };
    child.stdout?.on('data', (b: Buffer) => {
      if (outBytes + b.length > maxBytes) {
        out.push(b.subarray(0, Math.max(0, maxBytes - outBytes)));
        outBytes = maxBytes;
        stop('too-large', `printed more than ${maxBytes} bytes`);
        return;
      }
      outBytes += b.length;
      out.push(b);
    });
    child.stderr?.on('data', (b: Buffer) => {
      if (errBytes >= maxBytes) return;
      errBytes += b.length;
      err.push(b.subarray(0, maxBytes));
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      const notFound = e.code === 'ENOENT';
      finish({
        outcome: notFound ? 'not-found' : 'spawn-failed',
        exitCode: null,
        stdout: decode(out),
        stderr: decode(err),
        message: notFound ? `${command} was not found` : e.message,
      });
    });
    child.on('close', (code) => {
      finish({
        outcome: forced ?? 'exited',
        exitCode: forced ? null : code,
        stdout: decode(out),
        stderr: decode(err),
        ...(forced ? { message } : {}),
      });
    });
  });
};

/** One recorded run of a command, replayed by {@link replayExec}. */
export interface Recording {
  command: string;
  args: readonly string[];
  stdout?: string;
  stderr?: string;
  /** Default 0. */
  exitCode?: number;
  /** Default `exited`. */
  outcome?: ExecOutcome;
}

export interface ReplayExec extends Exec {
  /** Every call made, in order. */
  calls: { command: string; args: readonly string[] }[];
  /** Calls that matched no recording (answered as `not-found`). */
  unmatched: string[];
}

/**
 * A fake {@link Exec} answering from recordings matched by exact command and arguments.
 * Unmatched calls behave as a missing command and are listed in `unmatched`.
 */
export function replayExec(recordings: readonly Recording[]): ReplayExec {
  const calls: ReplayExec['calls'] = [];
  const unmatched: string[] = [];
  const fn = async (command: string, args: readonly string[], options?: ExecOptions): Promise<ExecResult> => {
    calls.push({ command, args: [...args] });
    const base = { command, args: [...args] };
    if (options?.signal?.aborted) {
      return { ...base, outcome: 'aborted', exitCode: null, stdout: '', stderr: '', message: 'cancelled' };
    }
    const rec = recordings.find(
      (r) => r.command === command && r.args.length === args.length && r.args.every((a, i) => a === args[i]),
    );
    if (!rec) {
      unmatched.push(commandLine(command, args));
      return {
        ...base,
        outcome: 'not-found',
        exitCode: null,
        stdout: '',
        stderr: '',
        message: `${command} was not found`,
      };
    }
    const outcome = rec.outcome ?? 'exited';
    return {
      ...base,
      outcome,
      exitCode: outcome === 'exited' ? (rec.exitCode ?? 0) : null,
      stdout: rec.stdout ?? '',
      stderr: rec.stderr ?? '',
      ...(outcome === 'exited' ? {} : { message: `${command}: ${outcome}` }),
    };
  };
  return Object.assign(fn, { calls, unmatched });
}

/** Why a command did not give usable output, in one sentence naming the command. */
export function execProblem(r: ExecResult, purpose: string): string {
  const cmd = commandLine(r.command, r.args);
  switch (r.outcome) {
    case 'not-found':
      return `the command "${r.command}" was not found on this machine; it is needed to ${purpose}`;
    case 'timeout':
      return `"${cmd}" ${r.message ?? 'timed out'}; it is needed to ${purpose}`;
    case 'aborted':
      return 'the check was cancelled';
    case 'too-large':
      return `"${cmd}" printed more output than the helper accepts (${r.message ?? 'too large'})`;
    case 'spawn-failed':
      return `"${cmd}" could not be started (${r.message ?? 'unknown error'}); it is needed to ${purpose}`;
    default: {
      const text = firstLine(r.stderr) || firstLine(r.stdout) || 'no output';
      return `"${cmd}" exited with status ${r.exitCode}: ${text}`;
    }
  }
}

export function firstLine(s: string): string {
  return (
    s
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? ''
  );
}

/** Raw command output kept as evidence, trimmed to a readable size. */
export function rawEvidence(r: ExecResult, max = 4000): Record<string, unknown> {
  const cut = (s: string) => (s.length > max ? `${s.slice(0, max)}…` : s);
  return {
    command: commandLine(r.command, r.args),
    outcome: r.outcome,
    exitCode: r.exitCode,
    ...(r.stdout ? { stdout: cut(r.stdout) } : {}),
    ...(r.stderr ? { stderr: cut(r.stderr) } : {}),
  };
}

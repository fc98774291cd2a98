/**
 * Runs a command of the command table in-process, as `cli.ts` would, with its output collected:
 * standard input is a terminal unless text is given for it (then it is piped and ended).
 */
import { PassThrough } from 'node:stream';
import type { Command, CommandIO } from './types.js';

export interface CommandRun {
  code: number;
  out: string;
  err: string;
}

export async function runCommand(
  command: Command,
  argv: string[],
  opts: { stdin?: string; stdinIsTTY?: boolean; env?: Record<string, string> } = {},
): Promise<CommandRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  const tty = opts.stdinIsTTY ?? opts.stdin === undefined;
  stdin.isTTY = tty;
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  if (opts.stdin !== undefined) stdin.end(opts.stdin);
  else if (!tty) stdin.end();
  const io: CommandIO = { stdout, stderr, stdin, env: opts.env ?? {} };
  const code = await command.run(argv, io, new AbortController().signal);
  return { code, out, err };
}

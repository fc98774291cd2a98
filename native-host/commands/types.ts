/** Every `rdp-doctor` sub-command lives in its own file here and exports a {@link Command}. */
export interface CommandIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** One sub-command's code (its one-line summary lives in the command table, commands/index.ts). */
export interface Command {
  name: string;
  /** Full usage text for `rdp-doctor NAME --help`. */
  usage: string;
  /** Returns the process exit code: 0 ok, 1 nothing found, 2 usage error, 3 findings of severity fail. */
  run(argv: string[], io: CommandIO, signal: AbortSignal): Promise<number>;
}

/**
 * `rdp-doctor`: the command-line face of the same engine the native host runs.
 */
import { COMMANDS } from './commands/index.js';
import type { CommandIO } from './commands/types.js';
import { HOST_VERSION } from './messaging/version.js';

function help(): string {
  const lines = [
    `rdp-doctor ${HOST_VERSION} — explains Remote Desktop error codes and checks RDP servers`,
    '',
    'Usage: rdp-doctor <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    '',
    'Run "rdp-doctor <command> --help" for the options of one command.',
  ];
  return `${lines.join('\n')}\n`;
}

export async function main(argv: string[], io: CommandIO, signal: AbortSignal): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`${HOST_VERSION}\n`);
    return 0;
  }
  const listed = COMMANDS.find((c) => c.name === name);
  if (!listed) {
    io.stderr.write(`rdp-doctor: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  const cmd = await listed.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${cmd.usage.trimEnd()}\n`);
    return 0;
  }
  return cmd.run(rest, io, signal);
}

// Run when executed directly (bundled as dist/native-host/cli.mjs, or through tsx in development).
const entry = process.argv[1] ?? '';
if (/(?:^|[\\/])cli\.(?:ts|mjs|js)$/.test(entry)) {
  const controller = new AbortController();
  // A closed pipe (e.g. `rdp-doctor scan … | head`) ends the run quietly instead of crashing.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') {
      controller.abort(new Error('output closed'));
      process.exit(0);
    }
    throw e;
  });
  let interrupted = 0;
  process.on('SIGINT', () => {
    interrupted += 1;
    if (interrupted > 1) process.exit(130);
    controller.abort(new Error('interrupted'));
  });
  let settled = false;
  // The run must end because its work ended, never because Node's event loop ran dry while a result
  // was still pending (a lost timer or socket). If that ever happens, say so and fail: exit 0 would
  // claim a complete report that was never printed.
  process.once('beforeExit', () => {
    if (settled) return;
    process.stderr.write('rdp-doctor: internal error: the run stopped before its report was complete\n');
    process.exitCode = 70;
  });
  main(process.argv.slice(2), process, controller.signal).then(
    (code) => {
      settled = true;
      process.exitCode = controller.signal.aborted ? 130 : code;
    },
    (err: unknown) => {
      settled = true;
      process.stderr.write(
        `rdp-doctor: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 70;
    },
  );
}

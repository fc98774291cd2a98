#!/usr/bin/env node
// Entry for the `rdp-doctor` command: runs the bundled CLI, or tells how to build it.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/native-host/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write(
    'rdp-doctor: the command is not built yet. Run "npm run build" in the rdp-doctor folder first.\n',
  );
  process.exit(2);
}
process.argv[1] = cli;
await import(pathToFileURL(cli).href);

import { checkCommand } from './check.js';
import { explainCommand } from './explain.js';
import { hostCommand } from './host.js';
import { listenCommand } from './listen.js';
import { localCommand } from './local.js';
import { policyCommand } from './policy.js';
import { scanCommand } from './scan.js';
import type { Command } from './types.js';

/** All sub-commands, in the order `--help` lists them. */
export const COMMANDS: Command[] = [
  explainCommand,
  checkCommand,
  hostCommand,
  localCommand,
  scanCommand,
  listenCommand,
  policyCommand,
];

import type { Command } from './types.js';

/** A sub-command as `--help` lists it; its code loads only when it runs. */
export interface CommandEntry {
  name: string;
  /** One line for `rdp-doctor --help`. */
  summary: string;
  load(): Promise<Command>;
}

/**
 * All sub-commands, in the order `--help` lists them. Each loads its module on demand, so a run
 * loads only the command it runs (`check` never loads the catalogue of codes or the fix library).
 */
export const COMMANDS: CommandEntry[] = [
  {
    name: 'explain',
    summary: 'explain Remote Desktop error codes found in text (arguments or standard input)',
    load: async () => (await import('./explain.js')).explainCommand,
  },
  {
    name: 'check',
    summary: 'check an RDP server: reachability, required security, certificate, identity and clock',
    load: async () => (await import('./check.js')).checkCommand,
  },
  {
    name: 'host',
    summary: 'install, remove or check the browser helper registration',
    load: async () => (await import('./host.js')).hostCommand,
  },
  {
    name: 'local',
    summary: 'check this machine: RDP clients, CredSSP policy, clock, proxy and RDP server settings',
    load: async () => (await import('./local.js')).localCommand,
  },
  {
    name: 'scan',
    summary: 'probe many servers: certificate expiry and RDP security posture',
    load: async () => (await import('./scan.js')).scanCommand,
  },
  {
    name: 'listen',
    summary: 'play an RDP server for one client and report what the client offers (no password asked)',
    load: async () => (await import('./listen.js')).listenCommand,
  },
  {
    name: 'policy',
    summary: 'fleet policies: list, show, validate, or write one from a known-good server',
    load: async () => (await import('./policy.js')).policyCommand,
  },
];

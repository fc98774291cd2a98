/**
 * Shape of the fix library: one {@link Fix} per id in `ids.ts`, with ordered steps and exact,
 * copyable commands. Pure data: no browser or Node APIs.
 */
import type { FixId } from './ids.js';

/** Where the fix is carried out. */
export type FixWhere = 'client' | 'server' | 'azure-portal' | 'domain-policy' | 'network' | 'gateway' | 'broker';

/** How much can go wrong if the fix is applied carelessly (security exposure, outage, lost sessions). */
export type FixRisk = 'low' | 'medium' | 'high';

/** The shell a command is written for. */
export type FixShell = 'powershell' | 'cmd' | 'bash' | 'azure-cli';

/** The machine a command runs on. */
export type RunOn =
  | 'client'
  | 'server'
  | 'domain-controller'
  | 'admin-workstation'
  | 'cloud-shell'
  | 'gateway'
  | 'session-host';

export interface FixCommand {
  shell: FixShell;
  /** Exact text to paste. Placeholders are written `<like-this>` and must be replaced before running. */
  command: string;
  /** Machine to run it on. */
  runOn: RunOn;
  /** One line: what it does, what to look for, or a caution (e.g. "needs an elevated prompt"). */
  note?: string;
}

export interface Fix {
  id: FixId;
  /** Imperative title, e.g. "Regenerate the server's RDP certificate". */
  title: string;
  /** One sentence: the situation this fix is for. */
  appliesWhen: string;
  where: FixWhere;
  risk: FixRisk;
  /** True when the change can be undone (the steps say how). */
  reversible: boolean;
  /** Ordered steps a person follows; short imperative sentences. */
  steps: string[];
  /** Commands in the order the steps use them (may be empty for portal-only fixes). */
  commands: FixCommand[];
  /** Public source(s): document names or learn.microsoft.com URLs. */
  source: string;
}

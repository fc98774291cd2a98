/**
 * When a fix fits the case: the context it needs (an Azure VM, an AVD host pool, an RD Gateway, a
 * Windows client, …), the evidence it needs, and the findings that forbid it. A fix whose context
 * the case lacks is kept out of the top of the list (it stays reachable under "more"); a forbidden
 * fix is not offered at all. Pure data; the diagnosis evaluates it (`../diagnose/context.ts`).
 */
import type { FindingId } from '../protocol/results.js';
import type { FixId } from './ids.js';

/** Contexts a case may or may not be in. */
export type FixContext =
  | 'azure-vm'
  | 'avd'
  | 'rd-gateway'
  | 'rds-broker'
  | 'windows-server'
  | 'windows-client'
  | 'mac-client'
  | 'client-security-product';

/** How each context is named in "only for …" lines. */
export const CONTEXT_WORDS: Readonly<Record<FixContext, string>> = {
  'azure-vm': 'an Azure virtual machine',
  avd: 'Azure Virtual Desktop',
  'rd-gateway': 'connections through an RD Gateway',
  'rds-broker': 'an RDS deployment with a connection broker',
  'windows-server': 'a Windows server',
  'windows-client': 'a Windows client',
  'mac-client': 'the Mac client',
  'client-security-product': 'a client with a security product that inspects traffic',
};

/** Evidence a fix needs before it may be suggested at all. */
export type EvidenceNeed = 'nla-failure';

export interface FixApplicability {
  /** Every one of these contexts must be present in the case. */
  needs?: readonly FixContext[];
  /** Evidence the case must hold, or the fix is not offered. */
  needsEvidence?: EvidenceNeed;
  /** Any of these findings forbids the fix (it would not help, or would do harm). */
  forbiddenBy?: readonly FindingId[];
}

/** Findings that show the server does not use NLA at all. */
const SERVER_WITHOUT_NLA: readonly FindingId[] = ['nla-not-offered', 'standard-rdp-only', 'nla-disabled-on-server'];

export const FIX_APPLICABILITY: Readonly<Partial<Record<FixId, FixApplicability>>> = {
  'reset-rdp-configuration-azure': { needs: ['azure-vm'] },
  'assign-avd-app-group': { needs: ['avd'] },
  'check-avd-session-host': { needs: ['avd'] },
  'check-avd-network-transport': { needs: ['avd'] },
  'check-rd-gateway': { needs: ['rd-gateway'] },
  'check-rd-connection-broker': { needs: ['rds-broker'] },
  'check-remoteapp-publishing': { needs: ['rds-broker'] },
  'allow-rdp-through-security-software': { needs: ['client-security-product'] },
  'set-credssp-oracle-policy': { needs: ['windows-client'], needsEvidence: 'nla-failure' },
  'adjust-nla-setting': { needs: ['windows-server'], needsEvidence: 'nla-failure', forbiddenBy: SERVER_WITHOUT_NLA },
  'enable-nla-on-client': { forbiddenBy: SERVER_WITHOUT_NLA },
  'restart-remote-desktop-services': { needs: ['windows-server'] },
  'regenerate-rdp-certificate': { needs: ['windows-server'] },
  'clear-stale-certificate-hash': { needs: ['windows-server'] },
  'repair-machinekeys-permissions': { needs: ['windows-server'] },
  'enable-remote-desktop': { needs: ['windows-server'] },
};

/**
 * The `message` family: well-known Remote Desktop messages that carry no code at all (mstsc, Windows App,
 * the Azure portal's Connect page, Entra sign-in pages) and have no coded twin in another family. Each is a
 * catalogue entry so that the text alone gets a meaning, who must act, causes and fixes. The phrases that
 * find them live in `messages.ts`; codes are the catalogue's own (`nameOnly`, 0xFA000000 range).
 */
import { CODELESS } from './codeless-codes.js';
import { family } from './define.js';
import type { CatalogEntry } from './types.js';

export { CODELESS } from './codeless-codes.js';

const SA_AUTH = 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/cannot-connect-rdp-azure-vm';
const SA_GENERAL = 'https://learn.microsoft.com/troubleshoot/windows-server/remote/rdp-error-general-troubleshooting';
const VM_ENTRA = 'https://learn.microsoft.com/entra/identity/devices/howto-vm-sign-in-azure-ad-windows';
const AVD_ENTRA =
  'https://learn.microsoft.com/troubleshoot/azure/virtual-desktop/troubleshoot-azure-ad-connections (Entra-joined session hosts)';
const m = family('message', { source: SA_GENERAL, confidence: 'observed' });

export const CODELESS_ENTRIES: readonly CatalogEntry[] = [
  m(
    CODELESS.credentialsDidNotWork,
    'Your credentials did not work',
    'The remote computer refused the user name or password; on an Entra-joined host the client must also use Entra sign-in (AzureAD\\user or a web account).',
    {
      actor: 'user',
      causes: ['wrong-credentials', 'entra-auth-mismatch', 'account-restricted', 'no-remote-logon-right'],
      fixes: ['reenter-credentials', 'use-entra-id-authentication', 'grant-remote-desktop-logon'],
      checks: ['ntlm-info'],
      source: `${SA_AUTH}; ${VM_ENTRA}`,
      nameOnly: true,
      labelOnly: true,
    },
  ),
  m(
    CODELESS.cannotConnect,
    "This computer can't connect to the remote computer",
    'The client reached no working Remote Desktop service: the computer is off or unreachable, a firewall drops the port, the service is stopped, or the security settings disagree.',
    {
      actor: 'network',
      causes: ['host-unreachable', 'firewall-blocks-port', 'rds-service-down', 'security-layer-mismatch'],
      fixes: ['check-host-power-and-route', 'open-firewall-and-nsg', 'restart-remote-desktop-services'],
      checks: ['reachability', 'negotiation'],
      nameOnly: true,
      labelOnly: true,
    },
  ),
  m(
    CODELESS.portPrerequisiteNotMet,
    'Port prerequisite not met',
    'The Azure portal found no inbound network security group rule that lets RDP (port 3389) reach the VM.',
    {
      actor: 'network',
      causes: ['firewall-blocks-port'],
      fixes: ['open-firewall-and-nsg'],
      checks: ['reachability', 'firewall'],
      source:
        'Azure portal VM Connect page ("Port prerequisite not met. Add an inbound network security group rule with destination port 3389"); https://learn.microsoft.com/azure/virtual-machines/windows/connect-rdp',
      nameOnly: true,
      labelOnly: true,
    },
  ),
  m(
    CODELESS.signInMethodNotAllowed,
    "The sign-in method you're trying to use isn't allowed",
    'Entra sign-in to the session host was refused by Conditional Access or by the sign-in method the host allows.',
    {
      actor: 'admin',
      causes: ['entra-conditional-access', 'entra-auth-mismatch'],
      fixes: ['review-conditional-access', 'use-entra-id-authentication'],
      source: AVD_ENTRA,
      nameOnly: true,
      labelOnly: true,
    },
  ),
  m(
    CODELESS.accountPreventedOnDevice,
    'Your account is configured to prevent you from using this device',
    'The user lacks the Virtual Machine User Login (or Administrator Login) role on the Entra-joined VM, or a policy denies the logon.',
    {
      actor: 'admin',
      causes: ['no-remote-logon-right', 'entra-auth-mismatch'],
      fixes: ['use-entra-id-authentication', 'grant-remote-desktop-logon'],
      source: `${VM_ENTRA}; ${AVD_ENTRA}`,
      nameOnly: true,
      labelOnly: true,
    },
  ),
];

/**
 * Windows 365: the failure types of the Azure network connection (ANC) health checks, as Intune and the
 * Graph API report them (`cloudPcOnPremisesConnectionHealthCheck.errorType`). Part of the `avd` family;
 * the source gives names only, so each carries a stable catalogue code (`nameOnly`, from 0xFA000100).
 */

import type { CauseId } from './causes.js';
import { type EntrySpec, family, NAME_ONLY_CODE_BASE } from './define.js';
import type { CatalogEntry } from './types.js';

const GRAPH =
  'https://learn.microsoft.com/graph/api/resources/cloudpconpremisesconnectionhealthcheck (cloudPcOnPremisesConnectionHealthCheckErrorType)';
const HEALTH = 'https://learn.microsoft.com/windows-365/enterprise/health-checks';
const w = family('avd', { source: `${GRAPH}; ${HEALTH}`, confidence: 'documented' });
const BASE = NAME_ONLY_CODE_BASE + 0x100;

const spec = (causes: readonly CauseId[], extra: Partial<EntrySpec> = {}): EntrySpec => ({
  actor: 'admin',
  causes,
  fixes: ['fix-windows365-network-connection', ...(extra.fixes ?? [])],
  nameOnly: true,
  ...(extra.checks ? { checks: extra.checks } : {}),
});

const ROWS: readonly (readonly [string, string, EntrySpec])[] = [
  [
    'dnsCheckFqdnNotFound',
    'The vNet’s DNS servers cannot resolve the Active Directory domain name of the Windows 365 network connection.',
    spec(['dns-failure'], { fixes: ['check-name-resolution'] }),
  ],
  [
    'dnsCheckNameWithInvalidCharacter',
    'The domain name of the Windows 365 network connection contains an unsupported character.',
    spec(['client-config-error']),
  ],
  [
    'dnsCheckUnknownError',
    'Resolving the Active Directory domain name from the Windows 365 network connection’s vNet failed.',
    spec(['dns-failure'], { fixes: ['check-name-resolution'] }),
  ],
  [
    'adJoinCheckFqdnNotFound',
    'No domain controller for the domain could be reached from the Windows 365 network connection’s vNet.',
    spec(['domain-auth-unavailable', 'dns-failure'], { fixes: ['repair-domain-trust'] }),
  ],
  [
    'adJoinCheckIncorrectCredentials',
    'The domain-join credentials of the Windows 365 network connection are wrong.',
    spec(['wrong-credentials'], { fixes: ['reenter-credentials'] }),
  ],
  [
    'adJoinCheckOrganizationalUnitNotFound',
    'The organizational unit given for Cloud PC computer accounts does not exist or is not in distinguished-name form.',
    spec(['client-config-error']),
  ],
  [
    'adJoinCheckComputerObjectAlreadyExists',
    'A computer object with the Cloud PC’s name already exists in the domain outside the configured organizational unit.',
    spec(['client-config-error']),
  ],
  [
    'adJoinCheckAccessDenied',
    'The domain-join account lacks the right to create or delete computer objects in the organizational unit.',
    spec(['account-restricted']),
  ],
  [
    'adJoinCheckCredentialsExpired',
    'The password of the domain-join account has expired.',
    spec(['password-expired'], { fixes: ['change-expired-password'] }),
  ],
  [
    'adJoinCheckAccountLockedOrDisabled',
    'The domain-join account is locked out or disabled.',
    spec(['account-restricted'], { fixes: ['unlock-or-enable-account'] }),
  ],
  [
    'adJoinCheckAccountQuotaExceeded',
    'The domain-join account has reached its quota of computer joins (ms-DS-MachineAccountQuota).',
    spec(['account-restricted']),
  ],
  [
    'adJoinCheckServerNotOperational',
    'The domain controller was not operational or not reachable (network, DNS or blocked ports) during the domain-join check.',
    spec(['domain-auth-unavailable', 'firewall-blocks-port'], { fixes: ['repair-domain-trust'] }),
  ],
  [
    'endpointConnectivityCheckCloudPcUrlNotAllowListed',
    'One or more URLs that Windows 365 requires could not be reached through the firewall or proxy.',
    spec(['firewall-blocks-port'], { fixes: ['open-firewall-and-nsg'], checks: ['proxy'] }),
  ],
  [
    'endpointConnectivityCheckWVDUrlNotAllowListed',
    'One or more Azure Virtual Desktop URLs that Windows 365 requires could not be reached through the firewall or proxy.',
    spec(['firewall-blocks-port', 'avd-transport-problem'], { fixes: ['open-firewall-and-nsg'], checks: ['proxy'] }),
  ],
  [
    'endpointConnectivityCheckIntuneUrlNotAllowListed',
    'One or more Intune URLs that Windows 365 requires could not be reached through the firewall or proxy.',
    spec(['firewall-blocks-port'], { fixes: ['open-firewall-and-nsg'], checks: ['proxy'] }),
  ],
  [
    'endpointConnectivityCheckAzureADUrlNotAllowListed',
    'One or more Microsoft Entra URLs that Windows 365 requires could not be reached through the firewall or proxy.',
    spec(['firewall-blocks-port'], { fixes: ['open-firewall-and-nsg'], checks: ['proxy'] }),
  ],
  [
    'azureAdDeviceSyncCheckDeviceNotFound',
    'The Cloud PC’s device object was not synchronised to Microsoft Entra ID (Entra Connect sync not running or too slow).',
    spec(['entra-auth-mismatch']),
  ],
  [
    'resourceAvailabilityCheckNoSubnetIP',
    'The subnet of the Windows 365 network connection has no free IP addresses.',
    spec(['server-resources']),
  ],
  [
    'permissionCheckNoSubscriptionReaderRole',
    'The Windows 365 service principal lacks the Reader role on the Azure subscription.',
    spec(['account-restricted']),
  ],
  [
    'permissionCheckNoVNetContributorRole',
    'The Windows 365 service principal lacks the Network Contributor role on the virtual network.',
    spec(['account-restricted']),
  ],
  [
    'udpConnectivityCheckStunUrlNotAllowListed',
    'The network does not allow UDP to the STUN servers, so RDP Shortpath cannot be used (connections still work, over TCP).',
    spec(['avd-transport-problem'], { fixes: ['check-avd-network-transport'] }),
  ],
  [
    'udpConnectivityCheckTurnUrlNotAllowListed',
    'The network does not allow UDP to the TURN relay servers, so relayed RDP Shortpath cannot be used (connections still work, over TCP).',
    spec(['avd-transport-problem'], { fixes: ['check-avd-network-transport'] }),
  ],
  [
    'udpConnectivityCheckUrlsNotAllowListed',
    'The network does not allow UDP to the STUN and TURN servers, so RDP Shortpath cannot be used (connections still work, over TCP).',
    spec(['avd-transport-problem'], { fixes: ['check-avd-network-transport'] }),
  ],
  [
    'ssoCheckKerberosConfigurationError',
    'Microsoft Entra Kerberos is not configured correctly, so single sign-on to the Cloud PC fails.',
    spec(['entra-auth-mismatch', 'domain-auth-unavailable'], { fixes: ['use-entra-id-authentication'] }),
  ],
];

export const WINDOWS365_ENTRIES: readonly CatalogEntry[] = ROWS.map(([name, summary, s], i) =>
  w(BASE + i, name, summary, s),
);

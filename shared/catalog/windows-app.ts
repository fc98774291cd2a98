/**
 * More of the `avd` family: Windows App / Remote Desktop app dialog codes in the 0x03000000 and
 * 0x05000000 ranges (no Microsoft table exists; meanings from quoted dialogs and vendor notes), and the
 * Azure Virtual Desktop symbolic codes that Log Analytics (`WVDErrors.CodeSymbolic`) and alert packs use.
 */
import { type EntrySpec, family, NAME_ONLY_CODE_BASE as N, u32 } from './define.js';
import type { CatalogEntry } from './types.js';

const CLASSIC =
  'https://learn.microsoft.com/azure/virtual-desktop/virtual-desktop-fall-2019/diagnostics-role-service-2019 (connection error codes)';
const LA = 'https://learn.microsoft.com/azure/virtual-desktop/diagnostics-log-analytics (WVDErrors.CodeSymbolic)';
const a = family('avd', { source: CLASSIC, confidence: 'documented' });

const HOST: EntrySpec = {
  actor: 'broker',
  causes: ['avd-host-unavailable'],
  fixes: ['check-avd-session-host', 'connect-to-another-session-host'],
};
const GATEWAY: EntrySpec = {
  actor: 'gateway',
  causes: ['gateway-problem'],
  fixes: ['check-rd-gateway'],
  confidence: 'observed',
};

/** Names that read as ordinary words elsewhere: reported only with AVD/RDP words near them. */
export const WINDOWS_APP_GENERIC_NAMES: ReadonlySet<string> = new Set([
  'PasswordMustChange',
  'AccountLockedOut',
  'GraphicsCapsNotReceived',
  'GetInputDeviceHandlesError',
  'SessionHostResourceNotAvailable',
]);

const ENTRIES: readonly CatalogEntry[] = [
  a(
    0x3000018,
    'RdGatewayEndedConnection',
    'The RD Gateway ended the connection ("the Remote Desktop Gateway server administrator has ended the connection"), often after its or the host’s certificate expired.',
    {
      ...GATEWAY,
      causes: ['gateway-problem', 'cert-expired', 'machinekeys-broken'],
      fixes: ['check-rd-gateway', 'regenerate-rdp-certificate'],
      checks: ['certificate', 'rdp-events'],
      source:
        'Observed Windows App / mstsc code 50331672 with Schannel 36870 (github.com/Ashdf1992/wiki rdp-connection-failures-expired-ssl)',
      labelOnly: true,
    },
  ),
  a(
    0x3000019,
    'RdGatewayEndedConnection2',
    'The RD Gateway ended the connection ("the Remote Desktop Gateway server administrator has ended the connection"), often after its or the host’s certificate expired.',
    {
      ...GATEWAY,
      causes: ['gateway-problem', 'cert-expired', 'machinekeys-broken'],
      fixes: ['check-rd-gateway', 'regenerate-rdp-certificate'],
      checks: ['certificate', 'rdp-events'],
      source:
        'Observed Windows App / mstsc code 50331673 with Schannel 36870 (github.com/Ashdf1992/wiki rdp-connection-failures-expired-ssl)',
      labelOnly: true,
    },
  ),
  a(
    0x300001c,
    'RdGatewayCapNotMet',
    'The user does not meet the RD Gateway connection authorization policy (RD CAP) or its Network Policy Server rules.',
    {
      ...GATEWAY,
      causes: ['gateway-problem', 'entra-conditional-access'],
      fixes: ['check-rd-gateway', 'review-conditional-access'],
      source: 'Observed client code 50331676 (docs.workspot.com/docs/error-code-50331676)',
      labelOnly: true,
    },
  ),
  a(
    0x5000007,
    'UnexpectedServerAuthenticationCertificate',
    'The client received an unexpected server authentication certificate from the remote PC or RD Gateway (name mismatch, untrusted or changed certificate).',
    {
      actor: 'admin',
      causes: ['cert-name-mismatch', 'cert-untrusted', 'gateway-problem'],
      fixes: ['connect-by-certificate-name', 'install-trusted-certificate', 'check-rd-gateway'],
      checks: ['certificate'],
      source:
        'Observed Remote Desktop for Mac / Windows App dialog "an unexpected server authentication certificate was received"; Remote Desktop iOS client 10.1.4 release notes (0x5000007 via an RD Gateway)',
      confidence: 'observed',
      labelOnly: true,
    },
  ),
  a(
    u32(-2147467259),
    'ConnectionFailedAdErrorNoSuchMember',
    'The user or the session host is not found in Active Directory as the connection expects (for example a deleted or unsynchronised account).',
    {
      actor: 'admin',
      causes: ['domain-auth-unavailable', 'wrong-credentials'],
      fixes: ['repair-domain-trust', 'reenter-credentials'],
    },
  ),
  a(
    1322,
    'ConnectionFailedNoMappingOfSIDinAD',
    'The user is not a member of Active Directory as the session host sees it (no mapping between the account name and its security ID).',
    {
      actor: 'admin',
      causes: ['domain-auth-unavailable', 'wrong-credentials'],
      fixes: ['repair-domain-trust', 'reenter-credentials'],
    },
  ),
  a(
    N + 18,
    'ConnectionFailedUserHasNoValidLicense',
    'The user has no license that entitles them to Azure Virtual Desktop or Windows 365.',
    {
      actor: 'licensing',
      causes: ['licensing-problem'],
      fixes: ['assign-avd-app-group'],
      source: `${LA}; observed in AVD Insights`,
      confidence: 'observed',
      nameOnly: true,
    },
  ),
  a(
    N + 19,
    'ConnectionFailedPersonalDesktopFailedToBeStarted',
    'The user’s personal desktop VM could not be started (Start VM on Connect failed, or the VM is deallocated and cannot start).',
    {
      ...HOST,
      fixes: ['check-avd-session-host', 'wait-and-retry'],
      source: LA,
      confidence: 'observed',
      nameOnly: true,
    },
  ),
  a(
    N + 20,
    'ConnectionFailedNoPreAssignedPersonalDesktopForUser',
    'No personal desktop is assigned to this user in the host pool.',
    {
      actor: 'admin',
      causes: ['avd-not-assigned'],
      fixes: ['assign-avd-app-group'],
      source: LA,
      confidence: 'observed',
      nameOnly: true,
    },
  ),
  a(N + 21, 'PasswordMustChange', 'The user must change the password before signing in to the session host.', {
    actor: 'user',
    causes: ['password-expired', 'nla-blocks-password-change'],
    fixes: ['change-expired-password'],
    source: LA,
    confidence: 'observed',
    nameOnly: true,
  }),
  a(N + 22, 'AccountLockedOut', 'The user account is locked out.', {
    actor: 'admin',
    causes: ['account-restricted'],
    fixes: ['unlock-or-enable-account'],
    source: LA,
    confidence: 'observed',
    nameOnly: true,
  }),
  a(
    N + 23,
    'SessionHostResourceNotAvailable',
    'The session host that should take the connection is not available (stopped, draining or unhealthy).',
    { ...HOST, source: LA, confidence: 'observed', nameOnly: true },
  ),
  a(
    N + 24,
    'GraphicsCapsNotReceived',
    'The session host never received the client’s graphics capabilities, so the session could not start.',
    {
      actor: 'client',
      causes: ['protocol-error', 'network-unstable', 'client-outdated'],
      fixes: ['update-rdp-client', 'update-graphics-and-protocol-settings', 'check-network-stability'],
      source: LA,
      confidence: 'observed',
      nameOnly: true,
    },
  ),
  a(
    N + 25,
    'GetInputDeviceHandlesError',
    'The session host could not get its input device handles while starting the session (a session host problem).',
    { ...HOST, causes: ['avd-host-unavailable', 'protocol-error'], source: LA, confidence: 'observed', nameOnly: true },
  ),
];

export const WINDOWS_APP_ENTRIES: readonly CatalogEntry[] = ENTRIES.map((e) =>
  WINDOWS_APP_GENERIC_NAMES.has(e.name) ? { ...e, nameNeedsContext: true } : e,
);

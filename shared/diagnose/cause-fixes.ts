/**
 * Which fixes address each cause, in the order to try them when that cause is the likely one.
 * The first fix of a cause is the one that resolves it most directly and safely.
 */
import type { CauseId } from '../catalog/causes.js';
import type { FixId } from '../fixes/ids.js';

export const CAUSE_FIXES: Readonly<Partial<Record<CauseId, readonly FixId[]>>> = {
  'cert-expired': ['regenerate-rdp-certificate', 'repair-machinekeys-permissions', 'install-trusted-certificate'],
  'cert-not-yet-valid': ['sync-clock', 'regenerate-rdp-certificate'],
  'cert-untrusted': ['install-trusted-certificate', 'connect-by-certificate-name'],
  'cert-name-mismatch': ['connect-by-certificate-name', 'install-trusted-certificate'],
  'cert-weak': ['install-trusted-certificate', 'regenerate-rdp-certificate', 'update-rdp-client'],
  'cert-unusable': [
    'clear-stale-certificate-hash',
    'regenerate-rdp-certificate',
    'repair-machinekeys-permissions',
    'reset-rdp-configuration-azure',
  ],
  'machinekeys-broken': ['repair-machinekeys-permissions', 'regenerate-rdp-certificate', 'read-server-event-logs'],
  'rds-service-down': ['restart-remote-desktop-services', 'reset-rdp-configuration-azure', 'read-server-event-logs'],
  'rdp-disabled': ['enable-remote-desktop', 'reset-rdp-configuration-azure'],
  'security-layer-mismatch': ['force-rdp-security-layer', 'adjust-nla-setting', 'update-rdp-client'],
  'nla-required': ['enable-nla-on-client', 'update-rdp-client', 'adjust-nla-setting'],
  'nla-blocks-password-change': ['change-expired-password', 'adjust-nla-setting'],
  'tls-protocol-mismatch': ['align-tls-and-cipher-suites', 'update-rdp-client', 'read-server-event-logs'],
  'encryption-level-mismatch': ['align-encryption-level', 'force-rdp-security-layer'],
  'credssp-oracle-policy': ['update-credssp-patches', 'set-credssp-oracle-policy'],
  'credential-delegation-policy': ['allow-credential-delegation', 'reenter-credentials'],
  'wrong-credentials': ['reenter-credentials', 'unlock-or-enable-account'],
  'account-restricted': ['unlock-or-enable-account'],
  'password-expired': ['change-expired-password'],
  'no-remote-logon-right': ['grant-remote-desktop-logon'],
  'domain-auth-unavailable': ['repair-domain-trust', 'sync-clock', 'fix-windows365-network-connection'],
  'clock-skew': ['sync-clock'],
  'entra-auth-mismatch': ['use-entra-id-authentication', 'grant-remote-desktop-logon'],
  'dns-failure': ['check-name-resolution', 'fix-client-options'],
  'host-unreachable': ['check-host-power-and-route', 'open-firewall-and-nsg'],
  'firewall-blocks-port': ['open-firewall-and-nsg', 'check-host-power-and-route', 'reset-rdp-configuration-azure'],
  'port-closed': [
    'fix-listener-port',
    'restart-remote-desktop-services',
    'enable-remote-desktop',
    'open-firewall-and-nsg',
  ],
  'not-rdp-service': ['fix-listener-port'],
  'security-software-interference': ['allow-rdp-through-security-software', 'read-server-event-logs'],
  'client-outdated': ['update-rdp-client'],
  'licensing-problem': ['check-rd-licensing', 'clear-client-license-store'],
  'session-policy-limit': ['review-session-limits'],
  'session-replaced': ['review-session-limits'],
  'user-initiated': ['review-session-limits'],
  'gateway-problem': ['check-rd-gateway', 'connect-by-certificate-name'],
  'avd-host-unavailable': ['check-avd-session-host', 'connect-to-another-session-host', 'wait-and-retry'],
  'avd-transport-problem': ['check-avd-network-transport', 'check-network-stability'],
  'server-resources': ['free-server-resources', 'read-server-event-logs'],
  'protocol-error': ['update-graphics-and-protocol-settings', 'update-rdp-client', 'read-server-event-logs'],
  'console-conflict': ['connect-to-another-session-host'],
  'smartcard-problem': ['check-smart-card'],
  'remoteapp-unavailable': ['check-remoteapp-publishing'],
  'avd-not-assigned': ['assign-avd-app-group'],
  'broker-problem': ['check-rd-connection-broker', 'wait-and-retry', 'connect-to-another-session-host'],
  'network-unstable': ['check-network-stability', 'check-avd-network-transport'],
  'client-config-error': ['fix-client-options'],
  'kerberos-target-mismatch': ['fix-kerberos-spn', 'connect-by-certificate-name'],
  'revocation-check-failed': ['make-revocation-reachable', 'install-trusted-certificate'],
  'entra-conditional-access': ['review-conditional-access'],
};

/** The fixes for a cause id (empty for an id not in the vocabulary). */
export function fixesForCause(cause: string): readonly FixId[] {
  return (CAUSE_FIXES as Record<string, readonly FixId[] | undefined>)[cause] ?? [];
}

/**
 * Fixes that only help when a particular cause holds: when that cause is ruled out, the fix is
 * offered much later even if another cause lists it (e.g. syncing clocks when they are in sync).
 */
export const FIX_NEEDS_CAUSE: Readonly<Partial<Record<FixId, CauseId>>> = {
  'sync-clock': 'clock-skew',
};

/**
 * Order that evidence imposes: when `when` is confirmed, `fix` goes right before `before`, because
 * `before` would fail again without it (a new certificate cannot be created while MachineKeys is broken).
 */
export const PREREQUISITES: readonly { fix: FixId; before: FixId; when: CauseId; why: string }[] = [
  {
    fix: 'repair-machinekeys-permissions',
    before: 'regenerate-rdp-certificate',
    when: 'machinekeys-broken',
    why: 'the RDP key store is damaged, so a regenerated certificate could not be created or used until it is repaired',
  },
];

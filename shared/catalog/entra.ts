/**
 * Microsoft Entra ID sign-in errors (AADSTS codes) that Remote Desktop users meet: signing in to an
 * Entra-joined VM with "Use a web account", Azure Virtual Desktop and Windows 365 (Windows App, web client).
 * The code is the number after "AADSTS"; the name is the code as written (`AADSTS50076`).
 *
 * The same codes appear for every Entra sign-in (web apps, MSAL), so the detector reports them only with
 * Remote Desktop words near them (`nameNeedsContext`), except AADSTS293004, which only the RDP sign-in raises.
 */
import { type EntrySpec, family } from './define.js';
import type { CatalogEntry } from './types.js';

const CODES = 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes';
const VM = 'https://learn.microsoft.com/entra/identity/devices/howto-vm-sign-in-azure-ad-windows';
const AVD_MFA = 'https://learn.microsoft.com/azure/virtual-desktop/set-up-mfa';
const en = family('entra', { source: CODES, confidence: 'documented', nameNeedsContext: true });

const CA: EntrySpec = {
  actor: 'admin',
  causes: ['entra-conditional-access'],
  fixes: ['review-conditional-access'],
  source: `${CODES}; ${VM}; ${AVD_MFA}`,
};
const CREDS: EntrySpec = {
  actor: 'user',
  causes: ['wrong-credentials', 'entra-auth-mismatch'],
  fixes: ['reenter-credentials', 'use-entra-id-authentication'],
};

export const ENTRA_ENTRIES: readonly CatalogEntry[] = [
  en(
    293004,
    'AADSTS293004',
    'The name you connected to does not match the Entra device name of the VM, so Entra cannot find the target device: connect by the VM host name.',
    {
      actor: 'user',
      causes: ['entra-auth-mismatch', 'dns-failure'],
      fixes: ['use-entra-id-authentication', 'check-name-resolution'],
      source: `${VM} (AADSTS293004); ${CODES}`,
      nameNeedsContext: false,
    },
  ),
  en(
    50076,
    'AADSTS50076',
    'A Conditional Access policy or a change of location requires multi-factor authentication, which this Remote Desktop sign-in did not provide.',
    CA,
  ),
  en(
    50074,
    'AADSTS50074',
    'Strong authentication (multi-factor) is required for this sign-in and was not completed.',
    CA,
  ),
  en(50079, 'AADSTS50079', 'The user must register for multi-factor authentication before this sign-in can succeed.', {
    ...CA,
    actor: 'user',
  }),
  en(53003, 'AADSTS53003', 'A Conditional Access policy blocked the sign-in.', CA),
  en(
    53000,
    'AADSTS53000',
    'Conditional Access requires a compliant or Entra-joined device, and this device does not meet the requirement.',
    CA,
  ),
  en(
    50158,
    'AADSTS50158',
    'An external security challenge (for example a third-party MFA provider) required by policy was not satisfied.',
    CA,
  ),
  en(
    50105,
    'AADSTS50105',
    'The signed-in user is not assigned to the application: for Azure Virtual Desktop, not assigned to an application group or a role the app requires.',
    {
      actor: 'admin',
      causes: ['avd-not-assigned', 'entra-conditional-access'],
      fixes: ['assign-avd-app-group', 'review-conditional-access'],
    },
  ),
  en(
    50020,
    'AADSTS50020',
    'The account is from another identity provider or tenant and is not a user (or guest) of this tenant, so it cannot sign in to the app.',
    {
      actor: 'admin',
      causes: ['wrong-credentials', 'avd-not-assigned'],
      fixes: ['reenter-credentials', 'assign-avd-app-group'],
    },
  ),
  en(50126, 'AADSTS50126', 'The user name or password is wrong.', CREDS),
  en(50034, 'AADSTS50034', 'The user account does not exist in this Entra directory (wrong name or tenant).', CREDS),
  en(
    50053,
    'AADSTS50053',
    'The account is locked after too many failed sign-ins, or the sign-in came from a blocked IP address.',
    {
      actor: 'admin',
      causes: ['account-restricted'],
      fixes: ['unlock-or-enable-account'],
    },
  ),
  en(50057, 'AADSTS50057', 'The user account is disabled.', {
    actor: 'admin',
    causes: ['account-restricted'],
    fixes: ['unlock-or-enable-account'],
  }),
  en(50055, 'AADSTS50055', 'The password has expired and must be changed.', {
    actor: 'user',
    causes: ['password-expired'],
    fixes: ['change-expired-password'],
  }),
  en(50056, 'AADSTS50056', 'The account has no password stored in Entra ID (invalid or missing password).', CREDS),
  en(
    700082,
    'AADSTS700082',
    'The sign-in session (refresh token) expired because it was not used for a long time: sign in again.',
    { actor: 'user', causes: ['wrong-credentials'], fixes: ['reenter-credentials'] },
  ),
];

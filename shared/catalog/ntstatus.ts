/**
 * NTSTATUS values a server returns during Network Level Authentication (the TSRequest errorCode),
 * as FreeRDP logs them ("SPNEGO received NTSTATUS: STATUS_LOGON_FAILURE [0xC000006D] from server").
 * Values per ntstatus.h as carried by FreeRDP's winpr; FreeRDP maps each to an ERRCONNECT code.
 */
import { type EntrySpec, family } from './define.js';
import type { CatalogEntry } from './types.js';

const NT = 'ntstatus.h values (FreeRDP winpr); NLA mapping per FreeRDP libfreerdp/core/nla.c';
const s = family('ntstatus', { source: NT, confidence: 'documented', nameNeedsContext: true });

const ACCOUNT: EntrySpec = {
  actor: 'admin',
  causes: ['account-restricted'],
  fixes: ['unlock-or-enable-account'],
  checks: ['ntlm-info'],
};
const CREDS: EntrySpec = {
  actor: 'user',
  causes: ['wrong-credentials'],
  fixes: ['reenter-credentials'],
  checks: ['ntlm-info'],
};
const PASSWORD: EntrySpec = {
  actor: 'user',
  causes: ['password-expired', 'nla-blocks-password-change'],
  fixes: ['change-expired-password', 'adjust-nla-setting'],
};
const DOMAIN: EntrySpec = {
  actor: 'admin',
  causes: ['domain-auth-unavailable'],
  fixes: ['repair-domain-trust'],
  checks: ['ntlm-info'],
};

export const NTSTATUSES: readonly CatalogEntry[] = [
  s(0xc000006d, 'STATUS_LOGON_FAILURE', 'The server rejected the logon: unknown user name or bad password.', {
    ...CREDS,
    causes: ['wrong-credentials', 'entra-auth-mismatch'],
    fixes: ['reenter-credentials', 'use-entra-id-authentication'],
  }),
  s(0xc000006a, 'STATUS_WRONG_PASSWORD', 'The password is wrong.', CREDS),
  s(0xc0000071, 'STATUS_PASSWORD_EXPIRED', 'The password has expired and must be changed before logging on.', PASSWORD),
  s(0xc0000224, 'STATUS_PASSWORD_MUST_CHANGE', 'The password must be changed before the first logon.', PASSWORD),
  s(0xc0000072, 'STATUS_ACCOUNT_DISABLED', 'The user account is disabled.', ACCOUNT),
  s(0xc0000022, 'STATUS_ACCESS_DENIED', 'The server denied access to this user.', {
    actor: 'admin',
    causes: ['no-remote-logon-right', 'account-restricted'],
    fixes: ['grant-remote-desktop-logon', 'unlock-or-enable-account'],
  }),
  s(
    0xc000006e,
    'STATUS_ACCOUNT_RESTRICTION',
    'An account restriction (logon hours, workstations, blank password) blocked the logon.',
    ACCOUNT,
  ),
  s(0xc0000234, 'STATUS_ACCOUNT_LOCKED_OUT', 'The user account is locked out.', ACCOUNT),
  s(0xc0000193, 'STATUS_ACCOUNT_EXPIRED', 'The user account has expired.', ACCOUNT),
  s(
    0xc000015b,
    'STATUS_LOGON_TYPE_NOT_GRANTED',
    'The user lacks the right "Allow log on through Remote Desktop Services" on that server.',
    { actor: 'admin', causes: ['no-remote-logon-right'], fixes: ['grant-remote-desktop-logon'] },
  ),
  s(0xc0000064, 'STATUS_NO_SUCH_USER', 'The user name does not exist.', CREDS),
  s(0xc000006f, 'STATUS_INVALID_LOGON_HOURS', 'The user may not log on at this time of day.', ACCOUNT),
  s(0xc0000070, 'STATUS_INVALID_WORKSTATION', 'The user may not log on from this computer.', ACCOUNT),
  s(0xc000005e, 'STATUS_NO_LOGON_SERVERS', 'No domain controller was available to check the logon.', DOMAIN),
  s(
    0xc0000133,
    'STATUS_TIME_DIFFERENCE_AT_DC',
    'The clocks of this computer and the domain controller differ too much.',
    {
      actor: 'admin',
      causes: ['clock-skew'],
      fixes: ['sync-clock'],
      checks: ['clock', 'ntlm-info'],
    },
  ),
  s(
    0xc000018d,
    'STATUS_TRUSTED_RELATIONSHIP_FAILURE',
    "The server's trust relationship with its domain is broken.",
    DOMAIN,
  ),
];

/**
 * Client disconnect reasons: the "Error code" of the Remote Desktop client's dialog (mstsc, Windows App,
 * macOS/iOS/Android clients), also printed in decimal by ActiveX hosts such as mRemoteNG or RDCMan.
 * Meanings per IMsTscAxEvents::OnDisconnected; the codes below the table are seen in real dialogs
 * but not documented by Microsoft and are marked low/observed confidence.
 */
import { family } from './define.js';
import type { CatalogEntry } from './types.js';

const DISC = 'https://learn.microsoft.com/windows/win32/termserv/imstscaxevents-ondisconnected';
const d = family('disconnect-reason', { source: DISC, confidence: 'documented' });

const DNS = {
  actor: 'network',
  causes: ['dns-failure', 'client-config-error'],
  fixes: ['check-name-resolution', 'fix-client-options'],
  checks: ['reachability'],
} as const;
const OOM = {
  actor: 'client',
  causes: ['server-resources'],
  fixes: ['free-server-resources', 'update-rdp-client'],
  checks: ['rdp-clients'],
} as const;
const BAD_ADDRESS = {
  actor: 'user',
  causes: ['client-config-error', 'dns-failure'],
  fixes: ['fix-client-options', 'check-name-resolution'],
  checks: ['reachability'],
} as const;
const SECURITY = {
  actor: 'admin',
  causes: ['security-layer-mismatch', 'tls-protocol-mismatch', 'cert-unusable', 'credssp-oracle-policy'],
  fixes: ['regenerate-rdp-certificate', 'align-tls-and-cipher-suites', 'adjust-nla-setting', 'update-credssp-patches'],
  checks: ['negotiation', 'certificate', 'credssp-policy', 'rdp-cert-store', 'rdp-events'],
} as const;
const CRYPTO = {
  actor: 'admin',
  causes: ['encryption-level-mismatch', 'security-layer-mismatch', 'security-software-interference'],
  fixes: ['align-encryption-level', 'force-rdp-security-layer', 'update-rdp-client'],
  checks: ['negotiation', 'security-products'],
} as const;
const LICENSING = {
  actor: 'licensing',
  causes: ['licensing-problem'],
  fixes: ['check-rd-licensing', 'clear-client-license-store'],
  checks: ['rdp-events'],
} as const;

export const DISCONNECT_REASONS: readonly CatalogEntry[] = [
  d(
    0x0,
    'disconnectReasonNoInfo',
    'The client has no reason code for this disconnect; read the message text and the extended code.',
    {
      actor: 'none',
      fixes: ['read-server-event-logs'],
      checks: ['rdp-events'],
    },
  ),
  d(0x1, 'disconnectReasonLocalNotError', 'The session was closed on this computer, which is not an error.', {
    actor: 'none',
    causes: ['user-initiated'],
    notAnError: true,
  }),
  d(
    0x2,
    'disconnectReasonRemoteByUser',
    'A user disconnected or logged off inside the remote session, which is not an error.',
    {
      actor: 'none',
      causes: ['user-initiated'],
      notAnError: true,
    },
  ),
  d(
    0x3,
    'disconnectReasonByServer',
    'The server ended the session on purpose; the extended error code says why (idle limit, another connection, logoff).',
    {
      actor: 'server',
      causes: ['session-policy-limit', 'session-replaced', 'user-initiated'],
      fixes: ['review-session-limits', 'read-server-event-logs'],
      checks: ['rdp-events'],
    },
  ),
  d(0x104, 'disconnectReasonDNSLookupFailed', 'The client could not resolve the computer name through DNS.', DNS),
  d(0x106, 'disconnectReasonOutOfMemory', 'The client ran out of memory while connecting.', OOM),
  d(
    0x108,
    'disconnectReasonConnectionTimedOut',
    'The connection attempt timed out: the computer is off, unreachable, or a firewall silently drops the RDP port.',
    {
      actor: 'network',
      causes: ['host-unreachable', 'firewall-blocks-port', 'port-closed'],
      fixes: ['check-host-power-and-route', 'open-firewall-and-nsg', 'fix-listener-port'],
      checks: ['reachability', 'firewall', 'proxy'],
    },
  ),
  d(
    0x204,
    'disconnectReasonSocketConnectFailed',
    'The client could not open a TCP connection to the RDP port: Remote Desktop is off, nothing listens, or a firewall blocks it.',
    {
      actor: 'admin',
      causes: ['rdp-disabled', 'port-closed', 'firewall-blocks-port', 'rds-service-down', 'host-unreachable'],
      fixes: [
        'enable-remote-desktop',
        'open-firewall-and-nsg',
        'restart-remote-desktop-services',
        'fix-listener-port',
        'check-host-power-and-route',
      ],
      checks: ['reachability', 'firewall', 'termservice', 'rdp-listener'],
    },
  ),
  d(0x206, 'disconnectReasonOutOfMemory2', 'The client ran out of memory while connecting.', OOM),
  d(0x208, 'disconnectReasonHostNotFound', 'The client could not find the computer by that name or address.', {
    ...DNS,
    causes: ['dns-failure', 'host-unreachable'],
    fixes: ['check-name-resolution', 'check-host-power-and-route'],
  }),
  d(
    0x304,
    'disconnectReasonWinsockSendFailed',
    'Sending data to the server failed because the network connection dropped.',
    {
      actor: 'network',
      causes: ['network-unstable', 'security-software-interference'],
      fixes: ['check-network-stability', 'allow-rdp-through-security-software'],
      checks: ['reachability', 'security-products'],
    },
  ),
  d(0x306, 'disconnectReasonOutOfMemory3', 'The client ran out of memory while connecting.', OOM),
  d(0x308, 'disconnectReasonInvalidIPAddr', 'The IP address given to the client is not valid.', BAD_ADDRESS),
  d(
    0x404,
    'disconnectReasonSocketRecvFailed',
    'Receiving data from the server failed because the connection was reset or dropped mid-session.',
    {
      actor: 'network',
      causes: ['network-unstable', 'security-software-interference', 'rds-service-down'],
      fixes: ['check-network-stability', 'allow-rdp-through-security-software', 'read-server-event-logs'],
      checks: ['reachability', 'security-products', 'rdp-events'],
    },
  ),
  d(
    0x406,
    'disconnectReasonInvalidSecurityData',
    'The security data exchanged with the server was not valid.',
    SECURITY,
  ),
  d(
    0x408,
    'disconnectReasonInternalError',
    'The client hit an internal error, which in practice usually means the TLS, certificate or security negotiation with the server failed.',
    {
      actor: 'admin',
      causes: ['cert-unusable', 'machinekeys-broken', 'tls-protocol-mismatch', 'security-layer-mismatch'],
      fixes: [
        'regenerate-rdp-certificate',
        'repair-machinekeys-permissions',
        'clear-stale-certificate-hash',
        'align-tls-and-cipher-suites',
        'force-rdp-security-layer',
      ],
      checks: ['negotiation', 'certificate', 'rdp-cert-store', 'machinekeys', 'rdp-events'],
    },
  ),
  d(
    0x506,
    'disconnectReasonInvalidEncryption',
    'Client and server could not agree on an encryption method (encryption level or FIPS policy).',
    {
      ...CRYPTO,
      causes: ['encryption-level-mismatch'],
    },
  ),
  d(0x508, 'disconnectReasonDNSLookupFailed2', 'The client could not resolve the computer name through DNS.', DNS),
  d(0x604, 'disconnectReasonGetHostByNameFailed', 'The client could not resolve the computer name to an address.', DNS),
  d(
    0x606,
    'disconnectReasonInvalidServerSecurityInfo',
    "The server's security data (usually its certificate) was not valid.",
    {
      actor: 'server',
      causes: ['cert-unusable', 'cert-weak', 'machinekeys-broken'],
      fixes: ['regenerate-rdp-certificate', 'repair-machinekeys-permissions', 'install-trusted-certificate'],
      checks: ['certificate', 'rdp-cert-store', 'machinekeys'],
    },
  ),
  d(
    0x608,
    'disconnectReasonTimerError',
    'An internal timer failed in the client; retrying or updating the client usually helps.',
    {
      actor: 'client',
      causes: ['client-outdated'],
      fixes: ['update-rdp-client'],
      checks: ['rdp-clients'],
    },
  ),
  d(0x704, 'disconnectReasonTimeoutOccurred', 'A time-out occurred while the client waited for the server.', {
    actor: 'network',
    causes: ['host-unreachable', 'firewall-blocks-port', 'network-unstable'],
    fixes: ['check-host-power-and-route', 'open-firewall-and-nsg', 'check-network-stability'],
    checks: ['reachability', 'firewall'],
  }),
  d(0x706, 'disconnectReasonServerCertificateUnpackErr', "The client could not read the server's certificate.", {
    actor: 'server',
    causes: ['cert-unusable', 'cert-weak'],
    fixes: ['regenerate-rdp-certificate', 'install-trusted-certificate'],
    checks: ['certificate', 'rdp-cert-store'],
  }),
  d(0x804, 'disconnectReasonInvalidIP', 'The address given to the client is not a valid IP address.', BAD_ADDRESS),
  d(
    0x807,
    'SSL_ERR_LOGON_FAILURE',
    'The server rejected the logon: the user name or password is wrong, or the user name is in the wrong format for this server.',
    {
      actor: 'user',
      causes: ['wrong-credentials', 'entra-auth-mismatch', 'no-remote-logon-right'],
      fixes: ['reenter-credentials', 'use-entra-id-authentication', 'grant-remote-desktop-logon'],
      checks: ['ntlm-info'],
    },
  ),
  d(0x808, 'disconnectReasonLicensingFailed', 'Remote Desktop licensing failed while connecting.', LICENSING),
  d(
    0x904,
    'disconnectReasonAtClientWinsockFDCLOSE',
    'The server accepted the TCP connection and then closed it; the extended error code (for example 0x7, connection denied) says why.',
    {
      actor: 'server',
      causes: [
        'cert-expired',
        'security-layer-mismatch',
        'machinekeys-broken',
        'tls-protocol-mismatch',
        'security-software-interference',
        'nla-required',
      ],
      fixes: [
        'read-server-event-logs',
        'regenerate-rdp-certificate',
        'repair-machinekeys-permissions',
        'adjust-nla-setting',
        'force-rdp-security-layer',
        'allow-rdp-through-security-software',
        'restart-remote-desktop-services',
        'update-rdp-client',
      ],
      checks: ['negotiation', 'certificate', 'rdp-cert-store', 'machinekeys', 'security-products', 'rdp-events'],
    },
  ),
  d(
    0x906,
    'disconnectReasonInternalSecurityError',
    'An internal security error broke the TLS or CredSSP handshake.',
    SECURITY,
  ),
  d(
    0x908,
    'disconnectReasonLicensingTimeout',
    'Remote Desktop licensing timed out, usually because the license server is unreachable.',
    LICENSING,
  ),
  d(
    0xa06,
    'disconnectReasonInternalSecurityError2',
    'An internal security error broke the TLS or CredSSP handshake.',
    SECURITY,
  ),
  d(0xa07, 'SSL_ERR_NO_SUCH_USER', 'The user name does not exist on that server or domain.', {
    actor: 'user',
    causes: ['wrong-credentials'],
    fixes: ['reenter-credentials'],
    checks: ['ntlm-info'],
  }),
  d(0xb06, 'disconnectReasonEncryptionError', 'Encrypting data for the server failed.', CRYPTO),
  d(0xb07, 'SSL_ERR_ACCOUNT_DISABLED', 'The user account is disabled.', {
    actor: 'admin',
    causes: ['account-restricted'],
    fixes: ['unlock-or-enable-account'],
  }),
  d(0xc06, 'disconnectReasonDecryptionError', 'Decrypting data from the server failed.', CRYPTO),
  d(
    0xc07,
    'SSL_ERR_ACCOUNT_RESTRICTION',
    'An account restriction (logon hours, allowed workstations, blank password policy) blocked the logon.',
    { actor: 'admin', causes: ['account-restricted'], fixes: ['unlock-or-enable-account'] },
  ),
  d(0xc08, 'disconnectReasonClientDecompressionError', 'The client could not decompress data from the server.', {
    actor: 'client',
    causes: ['client-outdated', 'protocol-error'],
    fixes: ['update-rdp-client', 'update-graphics-and-protocol-settings'],
    checks: ['rdp-clients'],
  }),
  d(0xd07, 'SSL_ERR_ACCOUNT_LOCKED_OUT', 'The user account is locked out after too many failed logons.', {
    actor: 'admin',
    causes: ['account-restricted'],
    fixes: ['unlock-or-enable-account'],
  }),
  d(0xe07, 'SSL_ERR_ACCOUNT_EXPIRED', 'The user account has expired.', {
    actor: 'admin',
    causes: ['account-restricted'],
    fixes: ['unlock-or-enable-account'],
  }),
  d(
    0xf07,
    'SSL_ERR_PASSWORD_EXPIRED',
    'The password has expired, and Network Level Authentication cannot change it during logon.',
    {
      actor: 'user',
      causes: ['password-expired', 'nla-blocks-password-change'],
      fixes: ['change-expired-password', 'adjust-nla-setting'],
    },
  ),
  d(0x1207, 'SSL_ERR_PASSWORD_MUST_CHANGE', 'The password must be changed before the first logon.', {
    actor: 'user',
    causes: ['password-expired', 'nla-blocks-password-change'],
    fixes: ['change-expired-password', 'adjust-nla-setting'],
  }),
  d(
    0x1607,
    'SSL_ERR_DELEGATION_POLICY',
    'Credential-delegation policy on this computer does not allow sending your credentials to that server.',
    {
      actor: 'admin',
      causes: ['credential-delegation-policy'],
      fixes: ['allow-credential-delegation'],
      checks: ['credssp-policy'],
    },
  ),
  d(
    0x1707,
    'SSL_ERR_POLICY_NTLM_ONLY',
    'Policy allows delegating credentials only after mutual (Kerberos) authentication, and only NTLM was possible.',
    {
      actor: 'admin',
      causes: ['credential-delegation-policy', 'kerberos-target-mismatch'],
      fixes: ['allow-credential-delegation', 'fix-kerberos-spn'],
      checks: ['credssp-policy', 'ntlm-info'],
    },
  ),
  d(
    0x1807,
    'SSL_ERR_NO_AUTHENTICATING_AUTHORITY',
    'No domain controller could be contacted to check the logon (wrong domain, DC unreachable or broken trust).',
    {
      actor: 'admin',
      causes: ['domain-auth-unavailable', 'wrong-credentials', 'clock-skew'],
      fixes: ['repair-domain-trust', 'reenter-credentials', 'sync-clock'],
      checks: ['ntlm-info', 'clock'],
    },
  ),
  d(0x1b07, 'SSL_ERR_CERT_EXPIRED', 'The certificate presented by the server or gateway has expired.', {
    actor: 'server',
    causes: ['cert-expired', 'clock-skew'],
    fixes: ['regenerate-rdp-certificate', 'install-trusted-certificate', 'sync-clock'],
    checks: ['certificate', 'clock', 'rdp-cert-store'],
  }),
  d(0x1c07, 'SSL_ERR_SMARTCARD_WRONG_PIN', 'The smart card PIN was wrong.', {
    actor: 'user',
    causes: ['smartcard-problem'],
    fixes: ['check-smart-card'],
  }),
  d(
    0x2107,
    'SSL_ERR_FRESH_CRED_REQUIRED_BY_SERVER',
    'The server does not accept saved credentials and requires the password to be typed on each connection.',
    { actor: 'user', causes: ['credential-delegation-policy'], fixes: ['reenter-credentials'] },
  ),
  d(0x2207, 'SSL_ERR_SMARTCARD_CARD_BLOCKED', 'The smart card is blocked.', {
    actor: 'user',
    causes: ['smartcard-problem'],
    fixes: ['check-smart-card'],
  }),

  // Seen in real dialogs, not in Microsoft's table.
  d(
    0x4,
    'disconnectReason4',
    'Undocumented: mobile and macOS clients show it when the session ended on the server, often because a session time limit was reached.',
    {
      actor: 'server',
      causes: ['session-policy-limit', 'protocol-error'],
      fixes: ['review-session-limits', 'read-server-event-logs'],
      checks: ['rdp-events'],
      source: 'Observed in iOS/macOS/Android client reports and NETworkManager issue 845 (undocumented)',
      confidence: 'low',
      labelOnly: true,
    },
  ),
  d(
    0x708,
    'disconnectReasonConsoleSessionInProgress',
    'Undocumented: you are connecting a computer to its own console session (for example to localhost), which Windows refuses.',
    {
      actor: 'user',
      causes: ['console-conflict'],
      fixes: ['fix-client-options'],
      source: 'Observed mstsc dialog text ("already have a console session in progress"); not in the Microsoft table',
      confidence: 'observed',
      labelOnly: true,
    },
  ),
  d(
    0xd06,
    'disconnectReasonProtocolError',
    'Undocumented: the session was disconnected because of a protocol error on the server side.',
    {
      actor: 'server',
      causes: ['protocol-error', 'client-outdated'],
      fixes: ['update-graphics-and-protocol-settings', 'update-rdp-client', 'read-server-event-logs'],
      checks: ['rdp-events', 'rdp-clients'],
      source:
        'Observed in mRemoteNG, 1Remote and xrdp issue 3884 ("protocol-error code 0xd06"); not in the Microsoft table',
      confidence: 'observed',
      labelOnly: true,
    },
  ),
  d(
    0x1104,
    'disconnectReasonClientProtocolError',
    'Undocumented: the client detected a protocol error and disconnected.',
    {
      actor: 'client',
      causes: ['protocol-error', 'client-outdated'],
      fixes: ['update-rdp-client', 'update-graphics-and-protocol-settings'],
      checks: ['rdp-clients'],
      source: 'Observed mstsc dialog "protocol error detected at the client (code 0x1104)"; not in the Microsoft table',
      confidence: 'observed',
      labelOnly: true,
    },
  ),
  d(0xb08, 'disconnectReasonInternalError2824', 'Undocumented: the client reported an internal error.', {
    actor: 'client',
    causes: ['cert-unusable', 'tls-protocol-mismatch', 'client-outdated'],
    fixes: ['update-rdp-client', 'regenerate-rdp-certificate', 'align-tls-and-cipher-suites'],
    checks: ['rdp-clients', 'negotiation', 'certificate'],
    source: 'Observed in mRemoteNG ("An internal error has occurred. Error code 2824"); not in the Microsoft table',
    confidence: 'low',
    labelOnly: true,
  }),
  d(0xc04, 'disconnectReasonClientNetworkUnavailable', "Undocumented: the client's network was unavailable.", {
    actor: 'network',
    causes: ['network-unstable', 'host-unreachable'],
    fixes: ['check-network-stability', 'check-host-power-and-route'],
    checks: ['reachability'],
    source: 'Observed as AVD "ClientNetworkUnavailable (3076)" in github.com/MicrosoftDocs/azure-docs/issues/81304',
    confidence: 'observed',
    labelOnly: true,
  }),
  d(
    0x207,
    'disconnectReason0x207',
    'Undocumented: macOS and Windows App clients show it for some connection failures, reportedly authentication or NLA problems; no vendor source confirms a meaning.',
    {
      actor: 'client',
      causes: ['nla-required', 'wrong-credentials', 'client-outdated'],
      fixes: ['update-rdp-client', 'reenter-credentials', 'adjust-nla-setting'],
      checks: ['negotiation', 'rdp-clients'],
      source: 'Observed in macOS Remote Desktop / Windows App reports; no primary source (meaning unverified)',
      confidence: 'low',
      labelOnly: true,
    },
  ),
  d(
    0x907,
    'disconnectReason0x907',
    'Undocumented: macOS and Windows App clients show it for some connection failures, often with certificate or authentication problems; no vendor source confirms a meaning.',
    {
      actor: 'client',
      causes: ['cert-untrusted', 'cert-expired', 'wrong-credentials'],
      fixes: ['update-rdp-client', 'regenerate-rdp-certificate', 'reenter-credentials'],
      checks: ['certificate', 'rdp-clients'],
      source: 'Observed in macOS Remote Desktop / Windows App reports; no primary source (meaning unverified)',
      confidence: 'low',
      labelOnly: true,
    },
  ),
];

/**
 * IMsTscAxEvents::OnFatalError codes. They are not a catalogue namespace of their own (their small
 * numbers would collide with disconnect reasons); hosts print them as "fatal error N".
 */
export const ACTIVEX_FATAL_ERRORS: readonly { code: number; meaning: string; source: string }[] = [
  [0, 'Unknown error.'],
  [1, 'Internal error (code 1).'],
  [2, 'Out of memory.'],
  [3, 'The client window could not be created.'],
  [4, 'Internal error (code 2).'],
  [5, 'Internal error (code 3): the client reached an invalid state.'],
  [6, 'Internal error (code 4).'],
  [7, 'An unrecoverable error happened while the client was connecting.'],
  [100, 'Windows Sockets could not be initialised.'],
].map(([code, meaning]) => ({
  code: code as number,
  meaning: meaning as string,
  source: 'https://learn.microsoft.com/windows/win32/termserv/imstscaxevents-onfatalerror',
}));

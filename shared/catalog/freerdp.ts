/**
 * FreeRDP codes (xfreerdp, sdl-freerdp, wlfreerdp, Remmina, Guacamole):
 * - ERRCONNECT composites `(2 << 16) | type`, printed as `ERRCONNECT_LOGON_FAILURE [0x00020014]`;
 *   ERRINFO composites `(1 << 16) | errorInfo` are resolved to `extended-reason` entries by `lookup()`;
 * - X11/SDL client exit codes (0–255);
 * - RD Gateway codes in FreeRDP's HRESULT_CODE-only form (0x59E6 …).
 * Sources: FreeRDP include/freerdp/error.h, libfreerdp/core/errconnect.c, client/X11/xfreerdp.h.
 */
import { type EntrySpec, family } from './define.js';
import type { CatalogEntry } from './types.js';

const ERR = 'FreeRDP include/freerdp/error.h and libfreerdp/core/errconnect.c (https://github.com/FreeRDP/FreeRDP)';
const X11 = 'FreeRDP client/X11/xfreerdp.h exit codes (https://github.com/FreeRDP/FreeRDP)';
const TSG = 'FreeRDP libfreerdp/core/gateway/tsg.h (HRESULT_CODE form of MS-TSGU E_PROXY_* codes)';
const f = family('freerdp', { source: ERR, confidence: 'documented' });

const CREDS: EntrySpec = {
  actor: 'user',
  causes: ['wrong-credentials'],
  fixes: ['reenter-credentials'],
  checks: ['ntlm-info'],
};
const ACCOUNT: EntrySpec = { actor: 'admin', causes: ['account-restricted'], fixes: ['unlock-or-enable-account'] };
const PASSWORD: EntrySpec = {
  actor: 'user',
  causes: ['password-expired', 'nla-blocks-password-change'],
  fixes: ['change-expired-password', 'adjust-nla-setting'],
};
const RIGHTS: EntrySpec = { actor: 'admin', causes: ['no-remote-logon-right'], fixes: ['grant-remote-desktop-logon'] };
const CONFIG: EntrySpec = { actor: 'user', causes: ['client-config-error'], fixes: ['fix-client-options'] };
const DNS: EntrySpec = {
  actor: 'network',
  causes: ['dns-failure'],
  fixes: ['check-name-resolution'],
  checks: ['reachability', 'proxy'],
};
const CONNECT: EntrySpec = {
  actor: 'network',
  causes: ['port-closed', 'firewall-blocks-port', 'host-unreachable', 'rdp-disabled'],
  fixes: ['open-firewall-and-nsg', 'enable-remote-desktop', 'check-host-power-and-route', 'fix-listener-port'],
  checks: ['reachability', 'firewall', 'rdp-listener'],
};
const TLS: EntrySpec = {
  actor: 'admin',
  causes: ['tls-protocol-mismatch', 'cert-unusable', 'security-layer-mismatch'],
  fixes: ['align-tls-and-cipher-suites', 'regenerate-rdp-certificate', 'force-rdp-security-layer'],
  checks: ['negotiation', 'certificate'],
};
const NEGO: EntrySpec = {
  actor: 'admin',
  causes: ['security-layer-mismatch', 'nla-required', 'gateway-problem'],
  fixes: ['force-rdp-security-layer', 'enable-nla-on-client', 'check-rd-gateway'],
  checks: ['negotiation'],
};
const AUTH: EntrySpec = {
  actor: 'user',
  causes: ['wrong-credentials', 'credssp-oracle-policy', 'domain-auth-unavailable'],
  fixes: ['reenter-credentials', 'update-credssp-patches', 'repair-domain-trust'],
  checks: ['ntlm-info', 'credssp-policy'],
};
const TRANSPORT: EntrySpec = {
  actor: 'network',
  causes: ['network-unstable', 'security-software-interference', 'licensing-problem', 'gateway-problem'],
  fixes: ['check-network-stability', 'allow-rdp-through-security-software', 'check-rd-licensing', 'update-rdp-client'],
  checks: ['reachability', 'negotiation', 'security-products'],
};
const PROTOCOL: EntrySpec = {
  actor: 'client',
  causes: ['protocol-error', 'client-outdated'],
  fixes: ['update-rdp-client', 'update-graphics-and-protocol-settings'],
  checks: ['rdp-clients'],
};
const NONE: EntrySpec = { actor: 'none', causes: ['user-initiated'], notAnError: true };
const LIMIT: EntrySpec = { actor: 'admin', causes: ['session-policy-limit'], fixes: ['review-session-limits'] };
const LICENSE: EntrySpec = {
  actor: 'licensing',
  causes: ['licensing-problem'],
  fixes: ['check-rd-licensing', 'clear-client-license-store'],
};
const GATEWAY: EntrySpec = { actor: 'gateway', causes: ['gateway-problem'], fixes: ['check-rd-gateway'], source: TSG };

/** [type, name, summary, spec, X11 exit code] for each ERRCONNECT code. */
const ERRCONNECT: readonly (readonly [number, string, string, EntrySpec, number])[] = [
  [0x1, 'ERRCONNECT_PRE_CONNECT_FAILED', 'A configuration error stopped FreeRDP before it connected.', CONFIG, 136],
  [
    0x2,
    'ERRCONNECT_CONNECT_UNDEFINED',
    'The connection failed for an undefined reason.',
    { actor: 'client', fixes: ['read-server-event-logs'] },
    137,
  ],
  [
    0x3,
    'ERRCONNECT_POST_CONNECT_FAILED',
    'The connection was aborted by a configuration error after connecting (display or codec setup).',
    {
      ...CONFIG,
      causes: ['client-config-error', 'protocol-error'],
      fixes: ['fix-client-options', 'update-graphics-and-protocol-settings'],
    },
    138,
  ],
  [0x4, 'ERRCONNECT_DNS_ERROR', 'The DNS name of the server could not be resolved.', DNS, 139],
  [
    0x5,
    'ERRCONNECT_DNS_NAME_NOT_FOUND',
    'The server host name was not found in DNS (check the name, VPN, and proxy variables).',
    { ...DNS, causes: ['dns-failure', 'client-config-error'] },
    140,
  ],
  [
    0x6,
    'ERRCONNECT_CONNECT_FAILED',
    'The TCP connection to the server failed: the port is closed or filtered.',
    CONNECT,
    141,
  ],
  [
    0x7,
    'ERRCONNECT_MCS_CONNECT_INITIAL_ERROR',
    'The connection failed during the initial MCS exchange after security negotiation.',
    { ...PROTOCOL, actor: 'server', causes: ['protocol-error', 'security-layer-mismatch'] },
    142,
  ],
  [
    0x8,
    'ERRCONNECT_TLS_CONNECT_FAILED',
    'The TLS handshake failed: no shared TLS version or cipher, no usable server certificate, or a server set to RDP security only.',
    TLS,
    143,
  ],
  [
    0x9,
    'ERRCONNECT_AUTHENTICATION_FAILED',
    'Network Level Authentication failed for a reason FreeRDP did not map to a specific code.',
    AUTH,
    132,
  ],
  [0xa, 'ERRCONNECT_INSUFFICIENT_PRIVILEGES', 'The user does not have the privileges needed to connect.', RIGHTS, 144],
  [0xb, 'ERRCONNECT_CONNECT_CANCELLED', 'The connection was cancelled.', { ...NONE, actor: 'user' }, 145],
  [
    0xc,
    'ERRCONNECT_SECURITY_NEGO_CONNECT_FAILED',
    'Client and server could not agree on a security protocol (see the negotiation failure logged just before).',
    NEGO,
    133,
  ],
  [
    0xd,
    'ERRCONNECT_CONNECT_TRANSPORT_FAILED',
    'The transport layer failed: the connection broke or was reset during setup.',
    TRANSPORT,
    147,
  ],
  [0xe, 'ERRCONNECT_PASSWORD_EXPIRED', 'The password has expired.', PASSWORD, 148],
  [
    0xf,
    'ERRCONNECT_PASSWORD_CERTAINLY_EXPIRED',
    'The password has expired (reported when no domain controller confirmed it; old FreeRDP builds also misreported CredSSP-patched servers this way).',
    {
      ...PASSWORD,
      causes: ['password-expired', 'client-outdated'],
      fixes: ['change-expired-password', 'update-rdp-client'],
    },
    152,
  ],
  [0x10, 'ERRCONNECT_CLIENT_REVOKED', "The client's credentials were revoked.", ACCOUNT, 153],
  [
    0x11,
    'ERRCONNECT_KDC_UNREACHABLE',
    'The Kerberos key distribution center (domain controller) could not be reached.',
    { actor: 'admin', causes: ['domain-auth-unavailable'], fixes: ['repair-domain-trust'], checks: ['ntlm-info'] },
    150,
  ],
  [0x12, 'ERRCONNECT_ACCOUNT_DISABLED', 'The user account is disabled.', ACCOUNT, 151],
  [0x13, 'ERRCONNECT_PASSWORD_MUST_CHANGE', 'The password must be changed before logging on.', PASSWORD, 149],
  [
    0x14,
    'ERRCONNECT_LOGON_FAILURE',
    'The server rejected the logon: wrong credentials or user-name format, or NLA against an Entra ID joined host.',
    {
      ...CREDS,
      causes: ['wrong-credentials', 'entra-auth-mismatch'],
      fixes: ['reenter-credentials', 'use-entra-id-authentication', 'adjust-nla-setting'],
    },
    134,
  ],
  [0x15, 'ERRCONNECT_WRONG_PASSWORD', 'The password is wrong.', CREDS, 154],
  [
    0x16,
    'ERRCONNECT_ACCESS_DENIED',
    'The server denied access to this user (rights or Remote Desktop Users membership).',
    RIGHTS,
    155,
  ],
  [0x17, 'ERRCONNECT_ACCOUNT_RESTRICTION', 'An account restriction blocked the logon.', ACCOUNT, 156],
  [0x18, 'ERRCONNECT_ACCOUNT_LOCKED_OUT', 'The user account is locked out.', ACCOUNT, 135],
  [0x19, 'ERRCONNECT_ACCOUNT_EXPIRED', 'The user account has expired.', ACCOUNT, 157],
  [
    0x1a,
    'ERRCONNECT_LOGON_TYPE_NOT_GRANTED',
    'The user lacks the right to log on through Remote Desktop Services.',
    RIGHTS,
    158,
  ],
  [
    0x1b,
    'ERRCONNECT_NO_OR_MISSING_CREDENTIALS',
    'No credentials were given, or they were incomplete.',
    { ...CREDS, causes: ['wrong-credentials', 'client-config-error'] },
    159,
  ],
  [
    0x1c,
    'ERRCONNECT_ACTIVATION_TIMEOUT',
    'The server did not finish activating the session in time.',
    {
      ...PROTOCOL,
      actor: 'server',
      causes: ['protocol-error', 'server-resources'],
      fixes: ['read-server-event-logs', 'update-rdp-client'],
    },
    131,
  ],
  [
    0x1d,
    'ERRCONNECT_TARGET_BOOTING',
    'The target VM is starting; retry in a few minutes.',
    { actor: 'none', causes: ['avd-host-unavailable'], fixes: ['wait-and-retry'] },
    160,
  ],
  [
    0x1e,
    'ERRCONNECT_HYBRID_REQUIRED_BY_SERVER',
    'The server requires Network Level Authentication but the client has it disabled.',
    {
      actor: 'client',
      causes: ['nla-required'],
      fixes: ['enable-nla-on-client', 'adjust-nla-setting'],
      checks: ['negotiation'],
    },
    161,
  ],
];

/** X11/SDL exit codes that are not tied to an ERRCONNECT code: [code, name, summary, spec]. */
const EXIT_CODES: readonly (readonly [number, string, string, EntrySpec])[] = [
  [0, 'XF_EXIT_SUCCESS', 'The FreeRDP client exited normally.', { actor: 'none', notAnError: true }],
  [1, 'XF_EXIT_DISCONNECT', 'The session was disconnected by an administrative tool.', { ...NONE, actor: 'admin' }],
  [2, 'XF_EXIT_LOGOFF', 'The session was logged off by an administrative tool.', { ...NONE, actor: 'admin' }],
  [3, 'XF_EXIT_IDLE_TIMEOUT', "The session hit the server's idle time limit.", LIMIT],
  [4, 'XF_EXIT_LOGON_TIMEOUT', "The session hit the server's active-session time limit.", LIMIT],
  [
    5,
    'XF_EXIT_CONN_REPLACED',
    'Another connection took over the session.',
    { actor: 'user', causes: ['session-replaced'], fixes: ['review-session-limits'] },
  ],
  [
    6,
    'XF_EXIT_OUT_OF_MEMORY',
    'The server ran out of memory.',
    { actor: 'server', causes: ['server-resources'], fixes: ['free-server-resources'] },
  ],
  [
    7,
    'XF_EXIT_CONN_DENIED',
    'The server denied the connection.',
    {
      actor: 'server',
      causes: ['security-layer-mismatch', 'cert-expired', 'session-policy-limit'],
      fixes: ['read-server-event-logs', 'regenerate-rdp-certificate'],
      checks: ['negotiation', 'certificate', 'rdp-events'],
    },
  ],
  [
    8,
    'XF_EXIT_CONN_DENIED_FIPS',
    'The server denied the connection because of its FIPS encryption policy.',
    { actor: 'admin', causes: ['encryption-level-mismatch'], fixes: ['align-encryption-level'] },
  ],
  [9, 'XF_EXIT_USER_PRIVILEGES', 'The user lacks the privileges to log on remotely.', RIGHTS],
  [
    10,
    'XF_EXIT_FRESH_CREDENTIALS_REQUIRED',
    'The server requires freshly typed credentials.',
    { actor: 'user', causes: ['credential-delegation-policy'], fixes: ['reenter-credentials'] },
  ],
  [11, 'XF_EXIT_DISCONNECT_BY_USER', 'The user disconnected the session.', NONE],
  [16, 'XF_EXIT_LICENSE_INTERNAL', 'Licensing failed with an internal error on the server.', LICENSE],
  [17, 'XF_EXIT_LICENSE_NO_LICENSE_SERVER', 'No Remote Desktop license server was available.', LICENSE],
  [18, 'XF_EXIT_LICENSE_NO_LICENSE', 'No client access licence was available.', LICENSE],
  [19, 'XF_EXIT_LICENSE_BAD_CLIENT_MSG', 'The server received an invalid licensing message from the client.', LICENSE],
  [20, 'XF_EXIT_LICENSE_HWID_DOESNT_MATCH', "The stored licence does not match the client's hardware id.", LICENSE],
  [21, 'XF_EXIT_LICENSE_BAD_CLIENT', 'The stored client licence is invalid.', LICENSE],
  [22, 'XF_EXIT_LICENSE_CANT_FINISH_PROTOCOL', 'Network problems stopped licensing from completing.', LICENSE],
  [23, 'XF_EXIT_LICENSE_CLIENT_ENDED_PROTOCOL', 'The client ended licensing early.', LICENSE],
  [24, 'XF_EXIT_LICENSE_BAD_CLIENT_ENCRYPTION', 'A licensing message was encrypted incorrectly.', LICENSE],
  [25, 'XF_EXIT_LICENSE_CANT_UPGRADE', 'The client licence could not be upgraded.', LICENSE],
  [26, 'XF_EXIT_LICENSE_NO_REMOTE_CONNECTIONS', 'The server is not licensed to accept remote connections.', LICENSE],
  [32, 'XF_EXIT_RDP', 'The session ended with an RDP protocol error reported by the server.', PROTOCOL],
  [128, 'XF_EXIT_PARSE_ARGUMENTS', 'FreeRDP could not parse its command-line arguments.', CONFIG],
  [
    129,
    'XF_EXIT_MEMORY',
    'The FreeRDP client ran out of memory.',
    { actor: 'client', causes: ['server-resources'], fixes: ['free-server-resources'] },
  ],
  [130, 'XF_EXIT_PROTOCOL', 'The FreeRDP client hit a protocol error.', PROTOCOL],
  [
    131,
    'XF_EXIT_CONN_FAILED',
    'The connection failed (the default exit code when no more specific one applies).',
    { ...CONNECT, fixes: ['read-server-event-logs', 'open-firewall-and-nsg'] },
  ],
  [
    255,
    'XF_EXIT_UNKNOWN',
    'The FreeRDP client exited for an unknown reason.',
    { actor: 'client', fixes: ['read-server-event-logs'] },
  ],
];

/** RD Gateway codes as FreeRDP prints them without the HRESULT facility: [code, E_PROXY name, summary, spec]. */
const GATEWAY_SHORT: readonly (readonly [number, string, string, EntrySpec])[] = [
  [0x59e6, 'E_PROXY_MAXCONNECTIONSREACHED', 'The RD Gateway has reached its maximum number of connections.', GATEWAY],
  [0x59e8, 'E_PROXY_NOTSUPPORTED', 'The RD Gateway does not support what the client asked for.', GATEWAY],
  [
    0x59f6,
    'E_PROXY_SESSIONTIMEOUT',
    'The RD Gateway session reached its time limit.',
    { ...GATEWAY, causes: ['gateway-problem', 'session-policy-limit'] },
  ],
  [0x59fa, 'E_PROXY_REAUTH_AUTHN_FAILED', 'Re-authentication at the RD Gateway failed.', GATEWAY],
  [
    0x59fb,
    'E_PROXY_REAUTH_CAP_FAILED',
    'Re-checking the connection authorization policy at the RD Gateway failed.',
    GATEWAY,
  ],
  [
    0x59fc,
    'E_PROXY_REAUTH_RAP_FAILED',
    'Re-checking the resource authorization policy at the RD Gateway failed.',
    GATEWAY,
  ],
  [
    0x59fd,
    'E_PROXY_SDR_NOT_SUPPORTED_BY_TS',
    'The remote computer does not support a feature the RD Gateway needs.',
    GATEWAY,
  ],
  [0x5a00, 'E_PROXY_REAUTH_NAP_FAILED', 'Re-checking the device health policy at the RD Gateway failed.', GATEWAY],
  [
    0x4d4,
    'E_PROXY_CONNECTIONABORTED',
    'The connection through the RD Gateway was aborted.',
    { ...GATEWAY, causes: ['gateway-problem', 'network-unstable'] },
  ],
];

/** The xfreerdp.h name of an exit code that mirrors an ERRCONNECT code (codes from 147 on carry a CONNECT_ prefix). */
function exitName(errconnect: string, exit: number): string {
  if (exit === 132) return 'XF_EXIT_AUTH_FAILURE';
  if (exit === 133) return 'XF_EXIT_NEGO_FAILURE';
  const base = errconnect.replace(/^ERRCONNECT_/, '');
  return exit >= 147 && !base.startsWith('CONNECT_') ? `XF_EXIT_CONNECT_${base}` : `XF_EXIT_${base}`;
}

export const FREERDP_ENTRIES: readonly CatalogEntry[] = [
  ...ERRCONNECT.map(([type, name, summary, spec]) => f((2 << 16) | type, name, summary, spec)),
  ...EXIT_CODES.map(([code, name, summary, spec]) => f(code, name, summary, { ...spec, source: X11 })),
  // Exit codes 132–161 mirror ERRCONNECT codes (131 is listed above as the default).
  ...ERRCONNECT.filter(([, , , , exit]) => exit !== 131).map(([, name, summary, spec, exit]) =>
    f(exit, exitName(name, exit), `${summary.slice(0, -1)} (FreeRDP exit code ${exit}).`, {
      ...spec,
      source: X11,
    }),
  ),
  ...GATEWAY_SHORT.map(([code, name, summary, spec]) =>
    f(code, `HRESULT_CODE(${name})`, summary, { ...spec, aliases: [name] }),
  ),
];

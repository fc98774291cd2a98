/**
 * The "Extended error code" of the Remote Desktop client (ExtendedDisconnectReasonCode) and the server's
 * Set Error Info PDU `errorInfo` values (ERRINFO_*). Where both define a value they mean the same thing:
 * the entry carries the ExtendedDisconnectReason name and the ERRINFO name as an alias.
 * Sources: learn.microsoft.com/windows/win32/termserv/extendeddisconnectreasoncode and MS-RDPBCGR 2.2.5.1.1.
 */
import { type EntrySpec, family } from './define.js';
import type { CatalogEntry } from './types.js';

const EXT = 'https://learn.microsoft.com/windows/win32/termserv/extendeddisconnectreasoncode';
const ERRINFO =
  'MS-RDPBCGR 2.2.5.1.1 Set Error Info PDU Data (https://learn.microsoft.com/openspecs/windows_protocols/ms-rdpbcgr/a21a1bd9-2303-49c1-90ec-3932435c248c)';
const BOTH = `${EXT}; ${ERRINFO}`;
const x = family('extended-reason', { source: BOTH, confidence: 'documented' });

const LIMIT: EntrySpec = {
  actor: 'admin',
  causes: ['session-policy-limit'],
  fixes: ['review-session-limits'],
  checks: ['rdp-events'],
};
const NORMAL: EntrySpec = { actor: 'none', causes: ['user-initiated'], notAnError: true };
const LICENSE: EntrySpec = {
  actor: 'licensing',
  causes: ['licensing-problem'],
  fixes: ['check-rd-licensing', 'clear-client-license-store'],
  checks: ['rdp-events'],
};
const CLIENT_LICENSE: EntrySpec = {
  actor: 'client',
  causes: ['licensing-problem'],
  fixes: ['clear-client-license-store', 'check-rd-licensing'],
};
const DRIVER: EntrySpec = {
  actor: 'server',
  causes: ['protocol-error', 'server-resources'],
  fixes: ['update-graphics-and-protocol-settings', 'read-server-event-logs', 'free-server-resources'],
  checks: ['rdp-events'],
  source: ERRINFO,
};
const BROKER: EntrySpec = {
  actor: 'broker',
  causes: ['broker-problem'],
  fixes: ['check-rd-connection-broker', 'read-server-event-logs'],
  checks: ['rdp-events'],
  source: ERRINFO,
};
const PROTOCOL: EntrySpec = {
  actor: 'server',
  causes: ['protocol-error', 'client-outdated'],
  fixes: ['update-rdp-client', 'update-graphics-and-protocol-settings', 'read-server-event-logs'],
  checks: ['rdp-clients', 'rdp-events'],
  source: ERRINFO,
};
const GRAPHICS: EntrySpec = {
  ...PROTOCOL,
  fixes: ['update-graphics-and-protocol-settings', 'update-rdp-client', 'read-server-event-logs'],
};
const RDP_SECURITY: EntrySpec = {
  actor: 'admin',
  causes: ['encryption-level-mismatch', 'security-layer-mismatch'],
  fixes: ['align-encryption-level', 'force-rdp-security-layer', 'update-rdp-client'],
  checks: ['negotiation'],
  source: ERRINFO,
};

const BASE: readonly CatalogEntry[] = [
  x(0x0, 'exDiscReasonNoInfo', 'The server gave no additional reason for the disconnect.', {
    actor: 'none',
    aliases: ['ERRINFO_NONE', 'ERRINFO_SUCCESS'],
    fixes: ['read-server-event-logs'],
    checks: ['rdp-events'],
  }),
  x(
    0x1,
    'exDiscReasonAPIInitiatedDisconnect',
    'An administrative tool on the server, run from another session, disconnected this session.',
    { ...NORMAL, actor: 'admin', aliases: ['ERRINFO_RPC_INITIATED_DISCONNECT'] },
  ),
  x(
    0x2,
    'exDiscReasonAPIInitiatedLogoff',
    'An administrative tool on the server, run from another session, logged this session off.',
    {
      ...NORMAL,
      actor: 'admin',
      aliases: ['ERRINFO_RPC_INITIATED_LOGOFF'],
    },
  ),
  x(0x3, 'exDiscReasonServerIdleTimeout', "The session was idle longer than the server's idle time limit allows.", {
    ...LIMIT,
    aliases: ['ERRINFO_IDLE_TIMEOUT'],
  }),
  x(0x4, 'exDiscReasonServerLogonTimeout', "The session reached the server's active-session (logon) time limit.", {
    ...LIMIT,
    aliases: ['ERRINFO_LOGON_TIMEOUT'],
  }),
  x(0x5, 'exDiscReasonReplacedByOtherConnection', 'Another connection to the same session took it over.', {
    actor: 'user',
    causes: ['session-replaced'],
    fixes: ['review-session-limits'],
    aliases: ['ERRINFO_DISCONNECTED_BY_OTHERCONNECTION', 'ERRINFO_DISCONNECTED_BY_OTHER_CONNECTION'],
  }),
  x(0x6, 'exDiscReasonOutOfMemory', 'The server ran out of memory.', {
    actor: 'server',
    causes: ['server-resources'],
    fixes: ['free-server-resources', 'read-server-event-logs'],
    checks: ['rdp-events'],
    aliases: ['ERRINFO_OUT_OF_MEMORY'],
  }),
  x(
    0x7,
    'exDiscReasonServerDeniedConnection',
    'The server denied the connection (for example a security, certificate, licensing or connection-limit problem on the server).',
    {
      actor: 'server',
      causes: [
        'cert-expired',
        'machinekeys-broken',
        'security-layer-mismatch',
        'session-policy-limit',
        'licensing-problem',
        'security-software-interference',
      ],
      fixes: [
        'read-server-event-logs',
        'regenerate-rdp-certificate',
        'repair-machinekeys-permissions',
        'adjust-nla-setting',
        'review-session-limits',
        'check-rd-licensing',
      ],
      checks: ['certificate', 'rdp-cert-store', 'machinekeys', 'negotiation', 'rdp-events'],
      aliases: ['ERRINFO_SERVER_DENIED_CONNECTION'],
    },
  ),
  x(
    0x8,
    'exDiscReasonServerDeniedConnectionFips',
    'The server denied the connection for security reasons (FIPS encryption policy).',
    {
      actor: 'admin',
      causes: ['encryption-level-mismatch'],
      fixes: ['align-encryption-level', 'update-rdp-client'],
      checks: ['negotiation'],
      source: EXT,
    },
  ),
  x(
    0x9,
    'exDiscReasonServerInsufficientPrivileges',
    'The user is not allowed to log on to this server through Remote Desktop.',
    {
      actor: 'admin',
      causes: ['no-remote-logon-right'],
      fixes: ['grant-remote-desktop-logon'],
      aliases: ['ERRINFO_SERVER_INSUFFICIENT_PRIVILEGES'],
    },
  ),
  x(
    0xa,
    'exDiscReasonServerFreshCredsRequired',
    'The server refuses saved credentials; the password must be typed for each connection.',
    {
      actor: 'user',
      causes: ['credential-delegation-policy'],
      fixes: ['reenter-credentials'],
      aliases: ['ERRINFO_SERVER_FRESH_CREDENTIALS_REQUIRED'],
    },
  ),
  x(0xb, 'exDiscReasonRpcInitiatedDisconnectByUser', 'A tool run in the user’s own session disconnected it.', {
    ...NORMAL,
    aliases: ['ERRINFO_RPC_INITIATED_DISCONNECT_BY_USER', 'ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER'],
  }),
  x(
    0xc,
    'exDiscReasonLogoffByUser',
    'The user logged off (for a RemoteApp this can also mean the program is not published under that name).',
    {
      ...NORMAL,
      causes: ['user-initiated', 'remoteapp-unavailable'],
      fixes: ['check-remoteapp-publishing'],
      aliases: ['ERRINFO_LOGOFF_BY_USER'],
    },
  ),
  x(
    0xf,
    'ERRINFO_CLOSE_STACK_ON_DRIVER_NOT_READY',
    'The remote display driver did not report ready in time, so the server closed the session.',
    DRIVER,
  ),
  x(0x10, 'ERRINFO_SERVER_DWM_CRASH', 'The Desktop Window Manager in the remote session crashed.', DRIVER),
  x(0x11, 'ERRINFO_CLOSE_STACK_ON_DRIVER_FAILURE', 'The remote display driver failed to start.', DRIVER),
  x(
    0x12,
    'ERRINFO_CLOSE_STACK_ON_DRIVER_IFACE_FAILURE',
    'The remote display driver started but the RDP stack could not use it.',
    DRIVER,
  ),
  x(0x17, 'ERRINFO_SERVER_WINLOGON_CRASH', 'Winlogon crashed in the remote session.', DRIVER),
  x(0x18, 'ERRINFO_SERVER_CSRSS_CRASH', 'The Windows subsystem process (CSRSS) crashed in the remote session.', DRIVER),

  x(0x100, 'exDiscReasonLicenseInternal', 'The licensing component on the server hit an internal error.', {
    ...LICENSE,
    aliases: ['ERRINFO_LICENSE_INTERNAL'],
  }),
  x(
    0x101,
    'exDiscReasonLicenseNoLicenseServer',
    'No Remote Desktop license server was available to the session host.',
    {
      ...LICENSE,
      fixes: ['check-rd-licensing'],
      aliases: ['ERRINFO_LICENSE_NO_LICENSE_SERVER'],
    },
  ),
  x(0x102, 'exDiscReasonLicenseNoLicense', 'No Remote Desktop client access licence was available for this client.', {
    ...LICENSE,
    fixes: ['check-rd-licensing'],
    aliases: ['ERRINFO_LICENSE_NO_LICENSE'],
  }),
  x(0x103, 'exDiscReasonLicenseErrClientMsg', 'The server received an invalid licensing message from the client.', {
    ...CLIENT_LICENSE,
    aliases: ['ERRINFO_LICENSE_BAD_CLIENT_MSG'],
  }),
  x(
    0x104,
    'exDiscReasonLicenseHwidDoesntMatchLicense',
    "The licence stored on the client does not match this client's hardware id.",
    {
      ...CLIENT_LICENSE,
      aliases: ['ERRINFO_LICENSE_HWID_DOESNT_MATCH_LICENSE'],
    },
  ),
  x(
    0x105,
    'exDiscReasonLicenseErrClientLicense',
    'The licence stored on the client is damaged or in an invalid format.',
    {
      ...CLIENT_LICENSE,
      aliases: ['ERRINFO_LICENSE_BAD_CLIENT_LICENSE'],
    },
  ),
  x(
    0x106,
    'exDiscReasonLicenseCantFinishProtocol',
    'Network problems stopped the licensing exchange from completing.',
    {
      ...LICENSE,
      causes: ['licensing-problem', 'network-unstable'],
      fixes: ['check-rd-licensing', 'check-network-stability'],
      aliases: ['ERRINFO_LICENSE_CANT_FINISH_PROTOCOL'],
    },
  ),
  x(0x107, 'exDiscReasonLicenseClientEndedProtocol', 'The client ended the licensing exchange early.', {
    ...CLIENT_LICENSE,
    aliases: ['ERRINFO_LICENSE_CLIENT_ENDED_PROTOCOL'],
  }),
  x(0x108, 'exDiscReasonLicenseErrClientEncryption', 'A licensing message from the client was encrypted incorrectly.', {
    ...CLIENT_LICENSE,
    aliases: ['ERRINFO_LICENSE_BAD_CLIENT_ENCRYPTION'],
  }),
  x(0x109, 'exDiscReasonLicenseCantUpgradeLicense', "The client's access licence could not be upgraded or renewed.", {
    ...LICENSE,
    aliases: ['ERRINFO_LICENSE_CANT_UPGRADE_LICENSE'],
  }),
  x(
    0x10a,
    'exDiscReasonLicenseNoRemoteConnections',
    'The remote computer is not licensed to accept remote connections.',
    {
      ...LICENSE,
      fixes: ['check-rd-licensing'],
      aliases: ['ERRINFO_LICENSE_NO_REMOTE_CONNECTIONS'],
    },
  ),
  x(
    0x10b,
    'exDiscReasonLicenseCreatingLicStoreAccDenied',
    'The client was denied access when creating its licence store in the registry.',
    { ...CLIENT_LICENSE, source: EXT },
  ),
  x(0x300, 'exDiscReasonRdpEncInvalidCredentials', 'The credentials sent to the server were not valid.', {
    actor: 'user',
    causes: ['wrong-credentials'],
    fixes: ['reenter-credentials'],
    source: EXT,
  }),
  x(
    0x400,
    'ERRINFO_CB_DESTINATION_NOT_FOUND',
    'The connection broker could not find the target session host or VM.',
    BROKER,
  ),
  x(
    0x402,
    'ERRINFO_CB_LOADING_DESTINATION',
    'The target endpoint was disconnecting from the connection broker.',
    BROKER,
  ),
  x(
    0x404,
    'ERRINFO_CB_REDIRECTING_TO_DESTINATION',
    'The connection broker failed while redirecting the connection to the target.',
    BROKER,
  ),
  x(0x405, 'ERRINFO_CB_SESSION_ONLINE_VM_WAKE', 'The connection broker could not wake the target VM.', BROKER),
  x(0x406, 'ERRINFO_CB_SESSION_ONLINE_VM_BOOT', 'The connection broker could not start the target VM.', BROKER),
  x(
    0x407,
    'ERRINFO_CB_SESSION_ONLINE_VM_NO_DNS',
    'The connection broker could not determine the IP address of the target VM.',
    {
      ...BROKER,
      causes: ['broker-problem', 'dns-failure'],
    },
  ),
  x(0x408, 'ERRINFO_CB_DESTINATION_POOL_NOT_FREE', 'There is no free session host or VM left in the pool.', {
    ...BROKER,
    fixes: ['check-rd-connection-broker', 'review-session-limits', 'wait-and-retry'],
  }),
  x(0x409, 'ERRINFO_CB_CONNECTION_CANCELLED', 'The connection broker cancelled the connection.', BROKER),
  x(
    0x410,
    'ERRINFO_CB_CONNECTION_ERROR_INVALID_SETTINGS',
    'The connection broker could not validate the routing settings sent by the client.',
    {
      ...BROKER,
      causes: ['broker-problem', 'client-config-error'],
      fixes: ['check-rd-connection-broker', 'fix-client-options'],
    },
  ),
  x(0x411, 'ERRINFO_CB_SESSION_ONLINE_VM_BOOT_TIMEOUT', 'Starting the target VM timed out.', {
    ...BROKER,
    fixes: ['wait-and-retry', 'check-rd-connection-broker'],
  }),
  x(
    0x412,
    'ERRINFO_CB_SESSION_ONLINE_VM_SESSMON_FAILED',
    'Session monitoring failed while the target VM was starting.',
    BROKER,
  ),
  x(
    0x1000,
    'exDiscReasonProtocolRangeStart',
    'An internal RDP protocol error (start of the 0x1000–0x7FFF range); the server event log has the details.',
    { ...PROTOCOL, source: EXT },
  ),
  x(
    0x7fff,
    'exDiscReasonProtocolRangeEnd',
    'An internal RDP protocol error (end of the 0x1000–0x7FFF range); the server event log has the details.',
    { ...PROTOCOL, source: EXT },
  ),
];

/** RDP-specific protocol errors: [code, ERRINFO name, what went wrong]. Mostly implementation bugs or corrupted streams. */
const PROTOCOL_ERRORS: readonly (readonly [number, string, string])[] = [
  [0x10c9, 'ERRINFO_UNKNOWN_DATA_PDU_TYPE', 'The server received a data PDU of an unknown type'],
  [0x10ca, 'ERRINFO_UNKNOWN_PDU_TYPE', 'The server received a PDU of an unknown type'],
  [0x10cb, 'ERRINFO_DATA_PDU_SEQUENCE', 'A data PDU arrived out of sequence'],
  [0x10cd, 'ERRINFO_CONTROL_PDU_SEQUENCE', 'A control PDU arrived out of sequence'],
  [0x10ce, 'ERRINFO_INVALID_CONTROL_PDU_ACTION', 'A control PDU carried an invalid action'],
  [0x10cf, 'ERRINFO_INVALID_INPUT_PDU_TYPE', 'An input event had an invalid type'],
  [0x10d0, 'ERRINFO_INVALID_INPUT_PDU_MOUSE', 'A mouse event had invalid flags'],
  [0x10d1, 'ERRINFO_INVALID_REFRESH_RECT_PDU', 'A screen refresh request was invalid'],
  [
    0x10d2,
    'ERRINFO_CREATE_USER_DATA_FAILED',
    'The server could not build its conference response during connection setup',
  ],
  [0x10d3, 'ERRINFO_CONNECT_FAILED', 'Joining the virtual channels during connection setup failed'],
  [0x10d4, 'ERRINFO_CONFIRM_ACTIVE_HAS_WRONG_SHAREID', "The client's capability confirmation had the wrong share id"],
  [
    0x10d5,
    'ERRINFO_CONFIRM_ACTIVE_HAS_WRONG_ORIGINATOR',
    "The client's capability confirmation had the wrong originator id",
  ],
  [0x10da, 'ERRINFO_PERSISTENT_KEY_PDU_BAD_LENGTH', 'The persistent bitmap-cache key list was too short'],
  [
    0x10db,
    'ERRINFO_PERSISTENT_KEY_PDU_ILLEGAL_FIRST',
    'A later persistent bitmap-cache key list was wrongly marked as the first',
  ],
  [
    0x10dc,
    'ERRINFO_PERSISTENT_KEY_PDU_TOO_MANY_TOTAL_KEYS',
    'The client asked for more bitmap-cache entries than allowed',
  ],
  [0x10dd, 'ERRINFO_PERSISTENT_KEY_PDU_TOO_MANY_CACHE_KEYS', 'A bitmap cache was given an invalid number of keys'],
  [0x10de, 'ERRINFO_INPUT_PDU_BAD_LENGTH', 'An input PDU was too short'],
  [0x10df, 'ERRINFO_BITMAP_CACHE_ERROR_PDU_BAD_LENGTH', 'A bitmap-cache error PDU was too short'],
  [0x10e0, 'ERRINFO_SECURITY_DATA_TOO_SHORT', 'The security data of fast-path input was too short'],
  [0x10e1, 'ERRINFO_VCHANNEL_DATA_TOO_SHORT', 'Virtual channel data or its header was too short'],
  [0x10e2, 'ERRINFO_SHARE_DATA_TOO_SHORT', 'Share or control header data was too short'],
  [0x10e3, 'ERRINFO_BAD_SUPPRESS_OUTPUT_PDU', 'A suppress-output PDU was invalid'],
  [0x10e5, 'ERRINFO_CONFIRM_ACTIVE_PDU_TOO_SHORT', "The client's capability confirmation was too short"],
  [0x10e7, 'ERRINFO_CAPABILITY_SET_TOO_SMALL', 'A capability set header was too short'],
  [0x10e8, 'ERRINFO_CAPABILITY_SET_TOO_LARGE', 'A capability set was longer than the data that carried it'],
  [0x10e9, 'ERRINFO_NO_CURSOR_CACHE', 'The client announced no pointer cache'],
  [0x10ea, 'ERRINFO_BAD_CAPABILITIES', "The server rejected the client's capabilities"],
  [0x10ec, 'ERRINFO_VIRTUAL_CHANNEL_DECOMPRESSION', 'Decompressing virtual channel data failed'],
  [0x10ed, 'ERRINFO_INVALID_VC_COMPRESSION_TYPE', 'Virtual channel data used an invalid compression type'],
  [0x10ef, 'ERRINFO_INVALID_CHANNEL_ID', 'Data arrived on an invalid channel id'],
  [0x10f0, 'ERRINFO_VCHANNELS_TOO_MANY', 'The client asked for more than 31 static virtual channels'],
  [
    0x10f3,
    'ERRINFO_REMOTEAPP_NOT_ENABLED',
    'The server only hosts RemoteApp programs and the client asked for a full desktop',
  ],
  [0x10f4, 'ERRINFO_CACHE_CAP_NOT_SET', 'A persistent key list arrived without the matching bitmap-cache capability'],
  [0x10f5, 'ERRINFO_BITMAP_CACHE_ERROR_PDU_BAD_LENGTH2', 'A bitmap-cache error PDU had an inconsistent block count'],
  [0x10f6, 'ERRINFO_OFFSCREEN_CACHE_ERROR_PDU_BAD_LENGTH', 'An offscreen-cache error PDU was too short'],
  [0x10f7, 'ERRINFO_DRAWNINEGRID_CACHE_ERROR_PDU_BAD_LENGTH', 'A DrawNineGrid cache error PDU was too short'],
  [0x10f8, 'ERRINFO_GDIPLUS_PDU_BAD_LENGTH', 'A GDI+ error PDU was too short'],
  [0x1129, 'ERRINFO_BAD_MONITOR_DATA', 'The client sent an invalid monitor count'],
  [0x112a, 'ERRINFO_VC_DECOMPRESSED_REASSEMBLE_FAILED', 'Decompressed virtual channel data could not be reassembled'],
  [0x112b, 'ERRINFO_VC_DATA_TOO_LONG', 'A virtual channel PDU was longer than the chunk size'],
  [0x112c, 'ERRINFO_BAD_FRAME_ACK_DATA', 'A frame acknowledgement was too short'],
  [0x112d, 'ERRINFO_GRAPHICS_MODE_NOT_SUPPORTED', 'The server does not support the graphics mode the client asked for'],
  [0x112e, 'ERRINFO_GRAPHICS_SUBSYSTEM_RESET_FAILED', 'The server graphics subsystem failed to reset'],
  [
    0x112f,
    'ERRINFO_GRAPHICS_SUBSYSTEM_FAILED',
    'The server graphics subsystem failed and can no longer encode the screen',
  ],
  [
    0x1130,
    'ERRINFO_TIMEZONE_KEY_NAME_LENGTH_TOO_SHORT',
    'The time-zone key name length sent by the client was too short',
  ],
  [0x1131, 'ERRINFO_TIMEZONE_KEY_NAME_LENGTH_TOO_LONG', 'The time-zone key name sent by the client was too long'],
  [
    0x1132,
    'ERRINFO_DYNAMIC_DST_DISABLED_FIELD_MISSING',
    'The daylight-saving setting was missing from the client logon data',
  ],
  [0x1133, 'ERRINFO_VC_DECODING_ERROR', 'Processing a dynamic virtual channel failed'],
  [0x1134, 'ERRINFO_VIRTUALDESKTOPTOOLARGE', 'The requested virtual desktop is larger than 32766 pixels'],
  [0x1135, 'ERRINFO_MONITORGEOMETRYVALIDATIONFAILED', 'The monitor layout sent by the client was invalid'],
  [0x1136, 'ERRINFO_INVALIDMONITORCOUNT', 'The client sent too many monitors'],
];

const SECURITY_SHORT: CatalogEntry[] = [];
for (let n = 2; n <= 23; n++) {
  const code = 0x1111 + (n - 2);
  const summary =
    code === 0x111f
      ? 'The server rejected the client logon data because its auto-reconnect cookie was longer than 128 bytes.'
      : 'The server rejected a field of the client security or logon data as too short or too long, which points to a client bug or a corrupted stream.';
  SECURITY_SHORT.push(x(code, `ERRINFO_SECURITY_DATA_TOO_SHORT${n}`, summary, PROTOCOL));
}

const RDP_SECURITY_ERRORS: readonly CatalogEntry[] = [
  x(
    0x1191,
    'ERRINFO_UPDATE_SESSION_KEY_FAILED',
    'Updating the Standard RDP Security session key failed.',
    RDP_SECURITY,
  ),
  x(
    0x1192,
    'ERRINFO_DECRYPT_FAILED',
    'Decrypting data or creating keys under Standard RDP Security failed.',
    RDP_SECURITY,
  ),
  x(0x1193, 'ERRINFO_ENCRYPT_FAILED', 'Encrypting data under Standard RDP Security failed.', RDP_SECURITY),
  x(
    0x1194,
    'ERRINFO_ENCRYPTION_PACKAGE_MISMATCH',
    'None of the encryption methods offered by the client is acceptable to the server.',
    RDP_SECURITY,
  ),
  x(
    0x1195,
    'ERRINFO_DECRYPT_FAILED2',
    'Unencrypted data arrived where the connection requires encryption.',
    RDP_SECURITY,
  ),
  x(0x1196, 'ERRINFO_PEER_DISCONNECTED', 'The connection to the peer was lost (a FreeRDP-defined value).', {
    actor: 'network',
    causes: ['network-unstable'],
    fixes: ['check-network-stability'],
    checks: ['reachability'],
    source: 'FreeRDP include/freerdp/error.h (https://github.com/FreeRDP/FreeRDP)',
  }),
];

const isGraphics = (name: string) => name.includes('GRAPHICS') || name.includes('MONITOR') || name.includes('DESKTOP');

export const EXTENDED_REASONS: readonly CatalogEntry[] = [
  ...BASE,
  ...PROTOCOL_ERRORS.map(([code, name, what]) =>
    x(
      code,
      name,
      `${what}, so the connection was dropped (an RDP protocol error, usually a client/server bug or a corrupted stream).`,
      isGraphics(name)
        ? GRAPHICS
        : name === 'ERRINFO_REMOTEAPP_NOT_ENABLED'
          ? { ...PROTOCOL, causes: ['remoteapp-unavailable'], fixes: ['check-remoteapp-publishing'] }
          : PROTOCOL,
    ),
  ),
  ...SECURITY_SHORT,
  ...RDP_SECURITY_ERRORS,
];

/**
 * Azure Virtual Desktop / Windows 365 / Windows App / RD Web client codes: the named errors of AVD
 * diagnostics (with the numbers they are logged with, often signed HRESULTs), client dialog codes in the
 * 0x03000000 range, transport errors, session-host agent errors, and web-client disconnect names.
 *
 * Several AVD names share one number (documented dual meanings): see {@link AVD_SHARED_CODES}. Names the
 * sources give without a number carry a stable catalogue code from 0xFA000000 (`nameOnly`).
 */
import { type EntrySpec, family, NAME_ONLY_CODE_BASE as N, u32 } from './define.js';
import type { CatalogEntry } from './types.js';

const DIAG =
  'https://learn.microsoft.com/azure/virtual-desktop/diagnostics-role-service (External connection error codes)';
const ISSUE = 'Observed AVD codes listed in github.com/MicrosoftDocs/azure-docs/issues/81304';
const SHORTPATH = 'https://learn.microsoft.com/azure/virtual-desktop/troubleshoot-rdp-shortpath';
const AGENT = 'https://learn.microsoft.com/azure/virtual-desktop/troubleshoot-agent';
const a = family('avd', { source: DIAG, confidence: 'documented' });

/** Numbers shared by several AVD error names (each name is its own entry). */
export const AVD_SHARED_CODES: readonly number[] = [0x80004005, 0x80131500];

const HOST: EntrySpec = {
  actor: 'broker',
  causes: ['avd-host-unavailable'],
  fixes: ['check-avd-session-host', 'connect-to-another-session-host'],
};
const TRANSPORT: EntrySpec = {
  actor: 'network',
  causes: ['avd-transport-problem', 'network-unstable'],
  fixes: ['check-avd-network-transport', 'check-network-stability'],
  checks: ['proxy', 'security-products'],
};
const AGENT_SPEC: EntrySpec = {
  actor: 'admin',
  causes: ['avd-host-unavailable'],
  fixes: ['check-avd-session-host'],
  source: AGENT,
  nameOnly: true,
};
const AGENT_NETWORK: EntrySpec = {
  ...AGENT_SPEC,
  causes: ['avd-host-unavailable', 'firewall-blocks-port', 'dns-failure'],
  fixes: ['check-avd-session-host', 'open-firewall-and-nsg', 'check-avd-network-transport'],
  checks: ['proxy'],
};

/** AVD names that are ordinary words in other software too: the detector reports them only with AVD/RDP context. */
const GENERIC_NAMES = new Set([
  'FileNotFound',
  'InvalidCredentials',
  'ConnectionBroken',
  'UnexpectedNetworkDisconnect',
  'MissingMethodException',
  'INVALID_FORM',
  'ENDPOINT_NOT_FOUND',
  'InstallMsiException',
  'DownloadMsiException',
  'NAME_ALREADY_REGISTERED',
  'UrlsAccessibleCheck',
  'MetaDataServiceCheck',
  'GenericProtocolError',
  'SYSTEM_EVENT_ERR_SHUTDOWN',
  'ClientNetworkUnavailable',
  'SocketConnectionTimedOut',
  'TransportClosedUnexpectedly',
  'INVALID_REGISTRATION_TOKEN',
  'EXPIRED_REGISTRATION_TOKEN',
]);

const ENTRIES: readonly CatalogEntry[] = [
  a(
    u32(-2147467259),
    'ConnectionFailedClientDisconnect',
    'The connection failed because the client side dropped it, usually a TCP reset on the user’s network.',
    {
      ...TRANSPORT,
      source: `${DIAG}; ${SHORTPATH}; ${ISSUE}`,
      confidence: 'observed',
    },
  ),
  a(
    u32(-2147467259),
    'ConnectionFailedAdTrustedRelationshipFailure',
    'The session host is not correctly joined to Active Directory (its domain trust is broken).',
    {
      actor: 'admin',
      causes: ['domain-auth-unavailable', 'avd-host-unavailable'],
      fixes: ['repair-domain-trust', 'check-avd-session-host'],
    },
  ),
  a(
    u32(-2147467259),
    'ConnectionFailedServerDisconnect',
    'The connection failed because the session host side dropped it, usually a TCP reset.',
    {
      ...TRANSPORT,
      causes: ['avd-transport-problem', 'avd-host-unavailable'],
      fixes: ['check-avd-network-transport', 'check-avd-session-host'],
      aliases: ['RDGateway:ConnectionFailedServerDisconnect'],
      source: `${ISSUE}; ${SHORTPATH}`,
      confidence: 'observed',
    },
  ),
  a(
    u32(-2147467259),
    'ConnectionFailedReverseUngracefulClose',
    'The reverse-connect path between the session host and the AVD gateway closed unexpectedly.',
    {
      ...TRANSPORT,
      causes: ['avd-transport-problem', 'firewall-blocks-port'],
      fixes: ['check-avd-network-transport', 'open-firewall-and-nsg'],
      aliases: ['RDGateway:ConnectionFailedReverseUngracefulClose'],
      source: ISSUE,
      confidence: 'observed',
    },
  ),
  a(
    u32(-2146233088),
    'ConnectionFailedNoHealthyRdshAvailable',
    'No healthy session host was available: the VMs are off, in drain mode, full, or their agent is unhealthy.',
    { ...HOST, fixes: ['check-avd-session-host', 'connect-to-another-session-host', 'wait-and-retry'] },
  ),
  a(
    u32(-2146233088),
    'ConnectionFailedClientDisconnect',
    'The connection failed because the client side dropped it; if frequent, check the user’s network.',
    {
      ...TRANSPORT,
    },
  ),
  a(
    u32(-2146233088),
    'ConnectionFailedUserHasValidSessionButRdshIsUnhealthy',
    'The user already has a session, but the session host holding it is unhealthy.',
    HOST,
  ),
  a(
    u32(-2146233088),
    'ConnectionFailedUserNotAuthorized',
    'The user is no longer allowed to use this published app or desktop (not assigned to its application group); refresh the feed.',
    { actor: 'admin', causes: ['avd-not-assigned'], fixes: ['assign-avd-app-group'] },
  ),
  a(2, 'FileNotFound', 'The RemoteApp program was not found on the session host (not installed or wrong path).', {
    actor: 'admin',
    causes: ['remoteapp-unavailable'],
    fixes: ['check-remoteapp-publishing'],
  }),
  a(3, 'InvalidCredentials', 'The user name or password was not accepted.', {
    actor: 'user',
    causes: ['wrong-credentials', 'entra-auth-mismatch'],
    fixes: ['reenter-credentials', 'use-entra-id-authentication'],
  }),
  a(8, 'ConnectionBroken', 'The connection between the client and the gateway or session host dropped.', TRANSPORT),
  a(14, 'UnexpectedNetworkDisconnect', 'The network connection dropped unexpectedly; reconnecting usually works.', {
    ...TRANSPORT,
    aliases: ['ConnectionEstablished:UnexpectedNetworkDisconnect', 'RDStack:UnexpectedNetworkDisconnect'],
  }),
  a(
    24,
    'ReverseConnectFailed',
    'The session host could not reach the AVD gateway (no line of sight, DNS or firewall).',
    {
      actor: 'network',
      causes: ['avd-transport-problem', 'firewall-blocks-port', 'dns-failure'],
      fixes: ['check-avd-network-transport', 'open-firewall-and-nsg', 'check-name-resolution'],
      checks: ['proxy'],
    },
  ),
  a(58, 'ReverseConnectResponseTimeout', 'The session host did not answer the reverse-connect request in time.', {
    ...TRANSPORT,
    causes: ['avd-transport-problem', 'avd-host-unavailable'],
    aliases: ['RDStack:ReverseConnectResponseTimeout'],
    source: ISSUE,
    confidence: 'observed',
  }),
  a(
    267,
    'ConnectionBrokenMissedHeartbeatThresholdExceeded',
    'The client stopped receiving the RDP heartbeat (about 16 seconds) because the network path is unstable.',
    {
      ...TRANSPORT,
      fixes: ['check-network-stability', 'check-avd-network-transport'],
      source: `${ISSUE}; ${SHORTPATH}`,
      confidence: 'observed',
    },
  ),
  a(516, 'TransportClosedUnexpectedly', 'The transport connection closed unexpectedly.', {
    ...TRANSPORT,
    source: ISSUE,
    confidence: 'observed',
  }),
  a(1796, 'SocketConnectionTimedOut', 'Opening the network connection timed out.', {
    ...TRANSPORT,
    causes: ['avd-transport-problem', 'firewall-blocks-port'],
    fixes: ['check-avd-network-transport', 'open-firewall-and-nsg'],
    source: ISSUE,
    confidence: 'observed',
  }),
  a(3076, 'ClientNetworkUnavailable', "The client's network was unavailable.", {
    actor: 'network',
    causes: ['network-unstable'],
    fixes: ['check-network-stability'],
    source: ISSUE,
    confidence: 'observed',
  }),
  a(6000002, 'SYSTEM_EVENT_ERR_SHUTDOWN', 'The session ended because the session host was shutting down.', {
    actor: 'admin',
    causes: ['avd-host-unavailable'],
    fixes: ['check-avd-session-host', 'wait-and-retry'],
    source: ISSUE,
    confidence: 'observed',
  }),
  a(0x3000043, 'ErrorLoadingSslLibraries', 'The client could not load its TLS libraries.', {
    actor: 'client',
    causes: ['client-outdated'],
    fixes: ['update-rdp-client'],
    checks: ['rdp-clients'],
    source: ISSUE,
    confidence: 'observed',
  }),
  a(
    0x3000046,
    'AvdNoAvailableResources',
    'The client could not connect because no resources were available (no free or healthy session host).',
    {
      ...HOST,
      fixes: ['check-avd-session-host', 'wait-and-retry', 'review-session-limits'],
      source: 'Observed dialog in github.com/MicrosoftDocs/azure-docs/issues/60594 and 60645 (no Microsoft table)',
      confidence: 'observed',
      labelOnly: true,
    },
  ),
  a(
    0x3000047,
    'AvdErrorAccessingResource',
    'An error occurred while accessing the resource, often no healthy session host or a user not assigned to the app group.',
    {
      actor: 'admin',
      causes: ['avd-host-unavailable', 'avd-not-assigned'],
      fixes: ['check-avd-session-host', 'assign-avd-app-group'],
      source: 'Observed dialog in github.com/MicrosoftDocs/azure-docs/issues/55687 (no Microsoft table)',
      confidence: 'observed',
      labelOnly: true,
    },
  ),
  a(
    18,
    'GenericProtocolError',
    'The RD Web (HTML5) client hit a protocol error, for example an unsupported security header.',
    {
      actor: 'client',
      causes: ['protocol-error', 'client-outdated'],
      fixes: ['update-rdp-client', 'update-graphics-and-protocol-settings'],
      source:
        'Observed RD Web client log in github.com/MicrosoftDocs/windowsserverdocs/issues/598 (no Microsoft table)',
      confidence: 'observed',
    },
  ),

  // Names without numbers: transport (Shortpath) and session-host agent errors.
  a(N + 1, 'ShortpathTransportNetworkDrop', 'The UDP (RDP Shortpath) path was lost and detected by timeout.', {
    ...TRANSPORT,
    source: SHORTPATH,
    nameOnly: true,
  }),
  a(
    N + 2,
    'ShortpathTransportReliabilityThresholdFailure',
    'A packet on the UDP (RDP Shortpath) path failed after 50 resends.',
    { ...TRANSPORT, source: SHORTPATH, nameOnly: true },
  ),
  a(
    N + 3,
    'CheckSessionHostDomainIsReachableAsync',
    'The session host could not confirm that its domain is reachable, seen alongside heartbeat failures.',
    {
      actor: 'network',
      causes: ['avd-transport-problem', 'domain-auth-unavailable'],
      fixes: ['check-avd-network-transport', 'repair-domain-trust'],
      source: AGENT,
      confidence: 'observed',
      nameOnly: true,
    },
  ),
  a(
    N + 4,
    'INVALID_REGISTRATION_TOKEN',
    'The session host agent was given a registration token that is not valid.',
    AGENT_SPEC,
  ),
  a(N + 5, 'EXPIRED_REGISTRATION_TOKEN', "The session host agent's registration token has expired.", AGENT_SPEC),
  a(
    N + 6,
    'INVALID_FORM',
    'The session host agent cannot reach the AVD broker (firewall, DNS or TLS settings).',
    AGENT_NETWORK,
  ),
  a(
    N + 7,
    'InstallationHealthCheckFailedException',
    'The session host agent found that the RDP stack listener is not working.',
    { ...AGENT_SPEC, checks: ['rdp-listener', 'termservice'] },
  ),
  a(
    N + 8,
    'ENDPOINT_NOT_FOUND',
    'The broker found no usable session host (none, inactive, at its session limit, or its agent is down).',
    { ...AGENT_SPEC, actor: 'broker', fixes: ['check-avd-session-host', 'review-session-limits'] },
  ),
  a(
    N + 9,
    'InstallMsiException',
    'The agent update could not install: Windows Installer is busy or blocked by policy.',
    AGENT_SPEC,
  ),
  a(N + 10, 'DownloadMsiException', 'The agent update could not be downloaded, usually because the disk is full.', {
    ...AGENT_SPEC,
    causes: ['server-resources'],
    fixes: ['free-server-resources', 'check-avd-session-host'],
  }),
  a(
    N + 11,
    'MissingMethodException',
    'The session host agent needs a newer .NET Framework (4.7.2 or later).',
    AGENT_SPEC,
  ),
  a(N + 12, 'NAME_ALREADY_REGISTERED', 'Another session host with the same VM name is already registered.', AGENT_SPEC),
  a(N + 13, 'RdGatewayUrlNotAccessible', 'The session host cannot reach the RD Gateway URLs that AVD requires.', {
    ...AGENT_NETWORK,
    confidence: 'observed',
    labelOnly: true,
  }),
  a(
    N + 14,
    'RdAgentNoActiveBrokerConnection',
    'The session host agent has no active connection to the broker, often because the host is at its connection limit.',
    {
      ...AGENT_SPEC,
      fixes: ['review-session-limits', 'check-avd-session-host'],
      confidence: 'observed',
      labelOnly: true,
    },
  ),
  a(N + 15, 'UrlsAccessibleCheck', 'The session host health check found required URLs blocked.', AGENT_NETWORK),
  a(
    N + 16,
    'MetaDataServiceCheck',
    'The session host health check could not reach the Azure instance metadata service (169.254.169.254).',
    AGENT_NETWORK,
  ),
  a(
    N + 17,
    'AvdStackListenerNotListening',
    'The side-by-side RDP stack listener on the session host is not listening.',
    {
      ...AGENT_SPEC,
      checks: ['rdp-listener', 'termservice'],
      fixes: ['check-avd-session-host', 'restart-remote-desktop-services'],
      confidence: 'observed',
      labelOnly: true,
    },
  ),
];

export const AVD_ENTRIES: readonly CatalogEntry[] = ENTRIES.map((e) =>
  GENERIC_NAMES.has(e.name) ? { ...e, nameNeedsContext: true } : e,
);

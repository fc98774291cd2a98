/**
 * Windows event IDs that explain Remote Desktop failures: Terminal Services (RemoteConnectionManager,
 * LocalSessionManager, RdpCoreTS, TermDD, Session Broker, RDP client), Schannel, and the Azure Virtual
 * Desktop agent. The event's own text usually carries a second code (an SSPI status or a reason code).
 */
import { type EntrySpec, family } from './define.js';
import type { CatalogEntry } from './types.js';

const EVT =
  'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/event-id-troubleshoot-vm-rdp-connecton';
const AUTH = 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/cannot-connect-rdp-azure-vm';
const AGENT = 'https://learn.microsoft.com/azure/virtual-desktop/troubleshoot-agent';
const e = family('event-id', { source: EVT, confidence: 'documented' });

const CERT_KEY: EntrySpec = {
  actor: 'server',
  causes: ['machinekeys-broken', 'cert-unusable', 'cert-expired'],
  fixes: ['repair-machinekeys-permissions', 'regenerate-rdp-certificate', 'clear-stale-certificate-hash'],
  checks: ['machinekeys', 'rdp-cert-store', 'certificate', 'rdp-events'],
};
const TLS: EntrySpec = {
  actor: 'admin',
  causes: ['tls-protocol-mismatch', 'security-software-interference'],
  fixes: ['align-tls-and-cipher-suites', 'allow-rdp-through-security-software'],
  checks: ['negotiation', 'security-products', 'rdp-events'],
};
const BROKER: EntrySpec = {
  actor: 'broker',
  causes: ['broker-problem'],
  fixes: ['check-rd-connection-broker'],
  checks: ['rdp-events'],
};
const LISTENER: EntrySpec = {
  actor: 'server',
  causes: ['rds-service-down', 'port-closed'],
  fixes: ['restart-remote-desktop-services', 'fix-listener-port'],
  checks: ['rdp-listener', 'termservice', 'rdp-events'],
  source: 'TerminalServices-RemoteConnectionManager provider events (listener start/stop/failure)',
  confidence: 'observed',
};
const AVD_AGENT: EntrySpec = {
  actor: 'admin',
  causes: ['avd-host-unavailable'],
  fixes: ['check-avd-session-host'],
  source: AGENT,
};

export const EVENT_IDS: readonly CatalogEntry[] = [
  e(
    1057,
    'TerminalServices-RemoteConnectionManager 1057',
    'The server could not create a new self-signed certificate for RDP TLS, usually because the MachineKeys private key is unreadable.',
    {
      ...CERT_KEY,
      labelOnly: true,
    },
  ),
  e(
    1058,
    'TerminalServices-RemoteConnectionManager 1058',
    'The server could not replace its expired self-signed RDP certificate (for example access denied on the key).',
    {
      ...CERT_KEY,
      labelOnly: true,
    },
  ),
  e(
    1036,
    'TerminalServices-RemoteConnectionManager 1036',
    'A Remote Desktop connection manager error whose exact text is not verified; read the event details.',
    {
      actor: 'server',
      fixes: ['read-server-event-logs'],
      checks: ['rdp-events'],
      source: 'Seen in RDP troubleshooting threads; text not verified',
      confidence: 'low',
      labelOnly: true,
    },
  ),
  e(
    36870,
    'Schannel 36870',
    'Schannel could not access the private key of the TLS server certificate (error 0x8009030D), so RDP over TLS fails.',
    {
      ...CERT_KEY,
      labelOnly: true,
    },
  ),
  e(
    36872,
    'Schannel 36872',
    'Schannel reported a problem with the TLS server credential, seen together with event 36870 in the certificate-key scenario.',
    {
      ...CERT_KEY,
      confidence: 'observed',
      labelOnly: true,
    },
  ),
  e(
    36871,
    'Schannel 36871',
    'Schannel could not create a TLS server credential, usually because the TLS versions the client needs are disabled on the server.',
    {
      ...TLS,
      causes: ['tls-protocol-mismatch'],
      source: `${EVT}; ${AUTH}`,
      labelOnly: true,
    },
  ),
  e(36874, 'Schannel 36874', "A TLS connection arrived but the server supports none of the client's cipher suites.", {
    ...TLS,
    causes: ['tls-protocol-mismatch'],
    fixes: ['align-tls-and-cipher-suites'],
    confidence: 'observed',
    labelOnly: true,
  }),
  e(
    36888,
    'Schannel 36888',
    'Schannel sent a fatal TLS alert to the other side (the alert number says why, for example 40 for a handshake failure).',
    {
      ...TLS,
      confidence: 'observed',
      labelOnly: true,
    },
  ),
  e(36887, 'Schannel 36887', 'Schannel received a fatal TLS alert from the other side.', {
    ...TLS,
    source: 'Schannel events (general knowledge; text not re-checked)',
    confidence: 'low',
    labelOnly: true,
  }),
  e(
    2056,
    'TerminalServices-SessionBroker 2056',
    'The RD Connection Broker could not log on to its database, for example after the broker server was renamed.',
    {
      ...BROKER,
      labelOnly: true,
    },
  ),
  e(
    1296,
    'TerminalServices-SessionBroker-Client 1296',
    'The RD Connection Broker is not ready for RPC communication.',
    {
      ...BROKER,
      labelOnly: true,
    },
  ),
  e(
    56,
    'TermDD 56',
    'The server RDP security layer found an error in the protocol stream and disconnected the client (newer texts include the code, for example 0x80090304).',
    {
      actor: 'admin',
      causes: ['tls-protocol-mismatch', 'security-software-interference', 'protocol-error'],
      fixes: ['align-tls-and-cipher-suites', 'allow-rdp-through-security-software', 'update-rdp-client'],
      checks: ['negotiation', 'security-products', 'rdp-events'],
      source: 'https://learn.microsoft.com/troubleshoot/windows-server/remote/rdp-error-general-troubleshooting',
      confidence: 'observed',
      labelOnly: true,
    },
  ),
  e(
    226,
    'RdpCoreTS 226',
    'The server RDP stack saw the connection drop during a state transition (error 0x80070040 means the network connection was lost).',
    {
      actor: 'network',
      causes: ['network-unstable', 'security-software-interference'],
      fixes: ['check-network-stability', 'allow-rdp-through-security-software'],
      checks: ['reachability', 'rdp-events'],
      source: 'RemoteDesktopServices-RdpCoreTS/Operational event text seen in support threads',
      confidence: 'observed',
      labelOnly: true,
    },
  ),
  e(
    40,
    'TerminalServices-LocalSessionManager 40',
    'The server logged that a session was disconnected, with a reason code that uses the extended disconnect reason numbers.',
    {
      actor: 'none',
      fixes: ['read-server-event-logs'],
      checks: ['rdp-events'],
      source:
        'TerminalServices-LocalSessionManager/Operational; reason codes per the archived TechNet wiki "RDS Session Host Server Disconnect Codes"',
      confidence: 'observed',
      labelOnly: true,
    },
  ),
  e(
    1026,
    'TerminalServices-RDPClient 1026',
    'The Remote Desktop client logged that it was disconnected, with the disconnect reason code.',
    {
      actor: 'none',
      fixes: ['read-server-event-logs'],
      source: 'TerminalServices-RDPClient/Operational event 1026 (client disconnect reason)',
      confidence: 'observed',
      labelOnly: true,
    },
  ),
  e(258, 'TerminalServices-RemoteConnectionManager 258', 'The Remote Desktop listener started, which is normal.', {
    ...LISTENER,
    actor: 'none',
    causes: [],
    fixes: [],
    notAnError: true,
    labelOnly: true,
  }),
  e(
    259,
    'TerminalServices-RemoteConnectionManager 259',
    'The Remote Desktop listener stopped, so no new RDP connections are accepted.',
    {
      ...LISTENER,
      labelOnly: true,
    },
  ),
  e(
    260,
    'TerminalServices-RemoteConnectionManager 260',
    'The Remote Desktop listener failed while listening (the event carries the error code).',
    {
      ...LISTENER,
      labelOnly: true,
    },
  ),
  e(
    261,
    'TerminalServices-RemoteConnectionManager 261',
    'The Remote Desktop listener received a connection, which is normal.',
    {
      ...LISTENER,
      actor: 'none',
      causes: [],
      fixes: [],
      notAnError: true,
      labelOnly: true,
    },
  ),
  e(
    3277,
    'WVD-Agent 3277',
    'The Azure Virtual Desktop agent reported an error (invalid or expired registration token, broker unreachable, listener or installer failure).',
    {
      ...AVD_AGENT,
      causes: ['avd-host-unavailable', 'firewall-blocks-port'],
      fixes: ['check-avd-session-host', 'open-firewall-and-nsg'],
      checks: ['proxy'],
      labelOnly: true,
    },
  ),
  e(3703, 'WVD-Agent 3703', 'The Azure Virtual Desktop agent cannot reach the RD Gateway URLs it needs.', {
    ...AVD_AGENT,
    actor: 'network',
    causes: ['avd-host-unavailable', 'firewall-blocks-port'],
    fixes: ['open-firewall-and-nsg', 'check-avd-session-host'],
    checks: ['proxy'],
    labelOnly: true,
  }),
  e(3019, 'WVD-Agent 3019', 'The Azure Virtual Desktop agent cannot reach the web-socket transport URLs.', {
    ...AVD_AGENT,
    actor: 'network',
    causes: ['avd-transport-problem', 'firewall-blocks-port'],
    fixes: ['open-firewall-and-nsg', 'check-avd-network-transport'],
    checks: ['proxy'],
    labelOnly: true,
  }),
  e(
    3389,
    'WVD-Agent 3389',
    'The Azure Virtual Desktop agent failed because the session host has a .NET Framework older than 4.7.2.',
    {
      ...AVD_AGENT,
      labelOnly: true,
    },
  ),
];

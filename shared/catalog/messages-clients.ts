/**
 * Messages of other RDP clients and servers (Apache Guacamole's guacd, Remmina, xrdp) and more Microsoft
 * texts (RD Gateway, Windows App, Entra sign-in, the Azure portal). Each points at the catalogue entry
 * with the same meaning — the "Rosetta stone": a guacd or Remmina line gets the same causes, checks and
 * fixes as the FreeRDP or Microsoft code it stands for. The wording is each product's own, quoted from its
 * source or from the dialogs users post; fragments avoid the host-name placeholders.
 */
import { CODELESS } from './codeless-codes.js';
import type { KnownMessage, MessagePhrase } from './messages.js';

const en = (text: string): MessagePhrase => ({ text, lang: 'en' });
const GUAC = 'apache/guacamole-server src/protocols/rdp/error.c (guac_rdp_translate_last_error, guac_rdp_client_abort)';
const REMMINA = 'FreeRDP/Remmina plugins/rdp/rdp_plugin.c (remmina_rdp_main error messages)';
const XRDP = 'neutrinolabs/xrdp log messages (common/ssl_calls.c, libxrdp/xrdp_sec.c)';
const ERRCONNECT = (type: number) => ({ namespace: 'freerdp' as const, code: 0x20000 | type });
const ERRINFO = (code: number) => ({ namespace: 'extended-reason' as const, code });

export const CLIENT_MESSAGES: readonly KnownMessage[] = [
  // Apache Guacamole (guacd): FreeRDP's last error and the server's error info, in guacd's words.
  {
    id: 'guac-wrong-security-type',
    phrases: [en('Server refused connection (wrong security type?)')],
    ref: ERRCONNECT(0xd),
    causes: ['security-layer-mismatch', 'nla-required', 'no-remote-logon-right', 'tls-protocol-mismatch'],
    client: 'Apache Guacamole',
    source: GUAC,
  },
  {
    id: 'guac-security-negotiation-failed',
    phrases: [en('Security negotiation failed (wrong security type?)')],
    ref: ERRCONNECT(0xc),
    causes: ['security-layer-mismatch', 'nla-required'],
    client: 'Apache Guacamole',
    source: GUAC,
  },
  {
    id: 'guac-tls-failed',
    phrases: [en('SSL/TLS connection failed (untrusted/self-signed certificate?)')],
    ref: ERRCONNECT(0x8),
    causes: ['cert-untrusted', 'tls-protocol-mismatch', 'cert-expired'],
    client: 'Apache Guacamole',
    source: GUAC,
  },
  {
    id: 'guac-auth-failure',
    phrases: [en('Authentication failure (invalid credentials?)')],
    ref: ERRCONNECT(0x9),
    causes: ['wrong-credentials'],
    client: 'Apache Guacamole',
    source: GUAC,
  },
  {
    id: 'guac-dns-failed',
    phrases: [en('DNS lookup failed (incorrect hostname?)')],
    ref: ERRCONNECT(0x5),
    causes: ['dns-failure'],
    client: 'Apache Guacamole',
    source: GUAC,
  },
  {
    id: 'guac-unreachable',
    phrases: [en('Connection failed (server unreachable?)')],
    ref: ERRCONNECT(0x6),
    causes: ['host-unreachable', 'firewall-blocks-port', 'port-closed'],
    client: 'Apache Guacamole',
    source: GUAC,
  },
  {
    id: 'guac-access-denied',
    phrases: [en('Access denied by server (account locked/disabled?)')],
    ref: ERRCONNECT(0x16),
    causes: ['account-restricted', 'no-remote-logon-right'],
    client: 'Apache Guacamole',
    source: GUAC,
  },
  {
    id: 'guac-idle-limit',
    phrases: [en('Idle session time limit exceeded')],
    ref: ERRINFO(0x3),
    causes: ['session-policy-limit'],
    client: 'Apache Guacamole',
    source: GUAC,
  },
  {
    id: 'guac-active-limit',
    phrases: [en('Active session time limit exceeded')],
    ref: ERRINFO(0x4),
    causes: ['session-policy-limit'],
    client: 'Apache Guacamole',
    source: GUAC,
  },
  {
    id: 'guac-other-connection',
    phrases: [en('Disconnected by other connection')],
    ref: ERRINFO(0x5),
    causes: ['session-replaced'],
    client: 'Apache Guacamole',
    source: GUAC,
  },
  // Remmina (FreeRDP): the same FreeRDP errors, in Remmina's words.
  {
    id: 'remmina-tls',
    phrases: [en('Check that client and server support a common TLS version')],
    ref: ERRCONNECT(0x8),
    causes: ['tls-protocol-mismatch', 'cert-expired', 'cert-untrusted'],
    client: 'Remmina',
    source: REMMINA,
  },
  {
    id: 'remmina-nego',
    phrases: [en('Check "Security protocol negotiation"'), en('Check “Security protocol negotiation”')],
    ref: ERRCONNECT(0xc),
    causes: ['security-layer-mismatch', 'nla-required'],
    client: 'Remmina',
    source: REMMINA,
  },
  {
    id: 'remmina-dns',
    phrases: [en('Could not find the address for the RDP server'), en('Unable to find the address of RDP server')],
    ref: ERRCONNECT(0x5),
    causes: ['dns-failure'],
    client: 'Remmina',
    source: REMMINA,
  },
  {
    id: 'remmina-password-change',
    phrases: [en('Change user password before connecting'), en('User must change password before connecting')],
    ref: ERRCONNECT(0x13),
    causes: ['password-expired', 'nla-blocks-password-change'],
    client: 'Remmina',
    source: REMMINA,
  },
  // xrdp: its private key or TLS setup fails — the same meaning as Schannel's private-key event.
  {
    id: 'xrdp-private-key',
    phrases: [en('Cannot read private key file')],
    ref: { namespace: 'event-id', code: 36870 },
    causes: ['machinekeys-broken', 'cert-unusable'],
    client: 'xrdp',
    source: `${XRDP}; github.com/neutrinolabs/xrdp/issues/2858 (fix: add the xrdp user to ssl-cert)`,
  },
  // IronRDP (Teleport desktop access, Devolutions) and FreeRDP quote the RDP_NEG_FAILURE meanings of MS-RDPBCGR.
  {
    id: 'neg-standard-rdp-only',
    phrases: [en('configured to only use standard RDP security mechanisms')],
    ref: { namespace: 'negotiation-failure', code: 0x2 },
    causes: ['security-layer-mismatch'],
    client: 'IronRDP / Teleport',
    source:
      'MS-RDPBCGR 2.2.1.2.2 (SSL_NOT_ALLOWED_BY_SERVER); gravitational/teleport docs/pages/desktop-access/troubleshooting.mdx',
  },
  {
    id: 'neg-credssp-required',
    phrases: [en('requires that the client support enhanced RDP security with CredSSP')],
    ref: { namespace: 'negotiation-failure', code: 0x5 },
    causes: ['nla-required'],
    client: 'IronRDP / Teleport',
    source:
      'MS-RDPBCGR 2.2.1.2.2 (HYBRID_REQUIRED_BY_SERVER); gravitational/teleport docs/pages/desktop-access/troubleshooting.mdx',
  },
  {
    id: 'neg-no-certificate',
    phrases: [en('does not possess a valid authentication certificate')],
    ref: { namespace: 'negotiation-failure', code: 0x3 },
    causes: ['cert-unusable'],
    source: 'MS-RDPBCGR 2.2.1.2.2 (SSL_CERT_NOT_ON_SERVER)',
  },
  // RD Gateway event texts (TerminalServices-Gateway), recognised even when the event ID is not pasted.
  {
    id: 'gateway-cap-failed',
    phrases: [en('did not meet connection authorization policy requirements')],
    ref: { namespace: 'event-id', code: 201 },
    causes: ['gateway-problem'],
    source: 'TerminalServices-Gateway event 201 message text',
  },
  {
    id: 'gateway-rap-failed',
    phrases: [en('did not meet resource authorization policy requirements')],
    ref: { namespace: 'event-id', code: 301 },
    causes: ['gateway-problem'],
    source: 'TerminalServices-Gateway event 301 message text',
  },
  {
    id: 'gateway-resource-unreachable',
    phrases: [
      en('met connection authorization policy and resource authorization policy requirements, but could not connect'),
    ],
    ref: { namespace: 'event-id', code: 304 },
    causes: ['host-unreachable', 'rdp-disabled'],
    source: 'TerminalServices-Gateway event 304 message text',
  },
  // Microsoft texts without a code of their own.
  {
    id: 'gateway-permission-list',
    phrases: [en("Your user account is not listed in the RD Gateway's permission list")],
    ref: { namespace: 'hresult', code: 0x800759da },
    causes: ['gateway-problem'],
    source: 'mstsc dialog; github.com/aws-quickstart/quickstart-microsoft-rdgateway/issues/12 (event 301, error 23002)',
  },
  {
    id: 'gateway-admin-ended',
    phrases: [en('the Remote Desktop Gateway server administrator has ended the connection')],
    ref: { namespace: 'avd', code: 0x3000018 },
    causes: ['gateway-problem', 'cert-expired'],
    source: 'mstsc / Windows App dialog (codes 50331672 / 50331673)',
  },
  {
    id: 'unexpected-server-certificate',
    phrases: [en('an unexpected server authentication certificate was received')],
    ref: { namespace: 'avd', code: 0x5000007 },
    causes: ['cert-name-mismatch', 'cert-untrusted'],
    source: 'Remote Desktop for Mac / Windows App dialog (0x5000007)',
  },
  {
    id: 'port-prerequisite',
    phrases: [
      en('Port prerequisite not met'),
      en('Add an inbound network security group rule with destination port 3389'),
    ],
    ref: { namespace: 'message', code: CODELESS.portPrerequisiteNotMet },
    causes: ['firewall-blocks-port'],
    source: 'Azure portal VM Connect page',
  },
  {
    id: 'sign-in-method-not-allowed',
    phrases: [en("The sign-in method you're trying to use isn't allowed")],
    ref: { namespace: 'message', code: CODELESS.signInMethodNotAllowed },
    causes: ['entra-conditional-access'],
    source: 'https://learn.microsoft.com/troubleshoot/azure/virtual-desktop/troubleshoot-azure-ad-connections',
  },
  {
    id: 'account-prevented-on-device',
    phrases: [en('Your account is configured to prevent you from using this device')],
    ref: { namespace: 'message', code: CODELESS.accountPreventedOnDevice },
    causes: ['no-remote-logon-right'],
    source: 'https://learn.microsoft.com/entra/identity/devices/howto-vm-sign-in-azure-ad-windows',
  },
];

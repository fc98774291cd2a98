/**
 * The vocabulary of causes. Catalogue entries, check findings and the diagnosis all speak
 * of causes by these ids. Append-only: never rename or reuse an id.
 */
import type { Actor } from './types.js';

export interface Cause {
  id: string;
  /** Short title, e.g. "The server's RDP certificate has expired". */
  title: string;
  /** Who acts on it. */
  actor: Actor;
}

export const CAUSES = [
  {
    id: 'cert-expired',
    title: "The server's RDP certificate has expired (often a self-signed certificate that failed to renew)",
    actor: 'server',
  },
  {
    id: 'cert-not-yet-valid',
    title:
      "The server's RDP certificate is not valid yet (wrong clock on one side, or a certificate dated in the future)",
    actor: 'server',
  },
  {
    id: 'cert-untrusted',
    title: "The server's certificate is self-signed or from an untrusted issuer, so the client cannot verify it",
    actor: 'admin',
  },
  {
    id: 'cert-name-mismatch',
    title: "The server's certificate is issued to a different name than the one you connect to",
    actor: 'admin',
  },
  {
    id: 'cert-weak',
    title: "The server's certificate uses a weak key or signature that current clients refuse",
    actor: 'server',
  },
  {
    id: 'cert-unusable',
    title: 'The server has no usable TLS certificate for RDP (missing, or the configured thumbprint points nowhere)',
    actor: 'server',
  },
  {
    id: 'machinekeys-broken',
    title: 'The RDP private key in MachineKeys is unreadable or corrupt, so the certificate cannot be used or renewed',
    actor: 'server',
  },
  {
    id: 'rds-service-down',
    title: 'Remote Desktop Services is stopped or its listener is not listening',
    actor: 'server',
  },
  { id: 'rdp-disabled', title: 'Remote Desktop is turned off on the server (or by Group Policy)', actor: 'admin' },
  {
    id: 'security-layer-mismatch',
    title: 'Client and server do not agree on the RDP security layer (standard RDP, TLS, NLA)',
    actor: 'admin',
  },
  {
    id: 'nla-required',
    title: 'The server requires Network Level Authentication and the client is not using it',
    actor: 'client',
  },
  {
    id: 'nla-blocks-password-change',
    title: 'NLA cannot log on because the password must be changed first',
    actor: 'user',
  },
  {
    id: 'tls-protocol-mismatch',
    title: 'Client and server share no TLS version or cipher suite (disabled by policy or registry)',
    actor: 'admin',
  },
  {
    id: 'encryption-level-mismatch',
    title: 'The encryption level or FIPS policy on one side refuses the other',
    actor: 'admin',
  },
  {
    id: 'credssp-oracle-policy',
    title:
      'CredSSP encryption oracle remediation: one side is patched and the other is not, and policy forbids the fallback',
    actor: 'admin',
  },
  {
    id: 'credential-delegation-policy',
    title: 'Credential-delegation policy does not allow sending credentials to this server',
    actor: 'admin',
  },
  {
    id: 'wrong-credentials',
    title: 'The user name or password is wrong, or in the wrong format for this server',
    actor: 'user',
  },
  { id: 'account-restricted', title: 'The account is locked, disabled, expired or restricted', actor: 'admin' },
  {
    id: 'password-expired',
    title: 'The password has expired or must be changed before the first logon',
    actor: 'user',
  },
  {
    id: 'no-remote-logon-right',
    title:
      'The user is not allowed to log on through Remote Desktop (not in Remote Desktop Users, or denied by policy)',
    actor: 'admin',
  },
  {
    id: 'domain-auth-unavailable',
    title: 'No domain controller could authenticate the logon (trust broken, DC unreachable, secure channel failed)',
    actor: 'admin',
  },
  { id: 'clock-skew', title: "The client's and server's clocks differ too much for Kerberos/CredSSP", actor: 'admin' },
  {
    id: 'entra-auth-mismatch',
    title: 'An Entra ID (Azure AD) joined host needs Entra authentication settings the client is not using',
    actor: 'client',
  },
  { id: 'dns-failure', title: 'The computer name cannot be resolved', actor: 'network' },
  { id: 'host-unreachable', title: 'The computer is off, asleep or has no route from here', actor: 'network' },
  {
    id: 'firewall-blocks-port',
    title: 'A firewall or network security group silently drops the RDP port',
    actor: 'network',
  },
  {
    id: 'port-closed',
    title: 'Nothing listens on the RDP port (wrong port, listener down, or the port is rejected)',
    actor: 'server',
  },
  { id: 'not-rdp-service', title: 'Something other than Remote Desktop answers on this port', actor: 'admin' },
  {
    id: 'security-software-interference',
    title: 'Antivirus, endpoint protection or a TLS-inspecting firewall interrupts the RDP handshake',
    actor: 'network',
  },
  { id: 'client-outdated', title: 'The Remote Desktop client is too old for this server', actor: 'client' },
  {
    id: 'licensing-problem',
    title: 'RD licensing failed (no license server, no licenses, or license store problems)',
    actor: 'licensing',
  },
  {
    id: 'session-policy-limit',
    title: 'A session time limit, idle limit or connection limit ended or refused the session',
    actor: 'admin',
  },
  { id: 'session-replaced', title: 'Another connection took over the session', actor: 'user' },
  {
    id: 'user-initiated',
    title: 'The session ended normally (logoff or disconnect by a user or an administrator)',
    actor: 'none',
  },
  { id: 'gateway-problem', title: 'The RD Gateway refused or could not forward the connection', actor: 'gateway' },
  {
    id: 'avd-host-unavailable',
    title: 'The Azure Virtual Desktop session host or its agent is unavailable, unhealthy or not registered',
    actor: 'broker',
  },
  {
    id: 'avd-transport-problem',
    title: 'The Azure Virtual Desktop network transport (reverse connect, UDP Shortpath, heartbeat) failed',
    actor: 'network',
  },
  { id: 'server-resources', title: 'The server or client ran out of memory or resources', actor: 'server' },
  {
    id: 'protocol-error',
    title: 'A protocol error broke the session (often graphics, drivers or a mismatched client/server feature)',
    actor: 'server',
  },
  { id: 'console-conflict', title: 'You are connecting a computer to its own console session', actor: 'user' },
  { id: 'smartcard-problem', title: 'The smart card is blocked, missing or its PIN was wrong', actor: 'user' },
  {
    id: 'remoteapp-unavailable',
    title: 'The published RemoteApp or desktop is not installed, not published, or published under another name',
    actor: 'admin',
  },
  {
    id: 'avd-not-assigned',
    title: 'The user is not assigned to the Azure Virtual Desktop application group (or the feed is stale)',
    actor: 'admin',
  },
  {
    id: 'broker-problem',
    title: 'The RD Connection Broker could not find, start or redirect to a session host',
    actor: 'broker',
  },
  {
    id: 'network-unstable',
    title: 'The network path dropped or reset an established connection (Wi-Fi, VPN, MTU, NAT timeouts)',
    actor: 'network',
  },
  {
    id: 'client-config-error',
    title: 'The client was given invalid options or a malformed address',
    actor: 'user',
  },
  {
    id: 'kerberos-target-mismatch',
    title: 'Kerberos cannot match the target name to the server (alias, IP address or duplicate SPN)',
    actor: 'admin',
  },
  {
    id: 'revocation-check-failed',
    title:
      'Certificate revocation could not be checked (CRL or OCSP location unreachable) or the certificate is revoked',
    actor: 'admin',
  },
  {
    id: 'entra-conditional-access',
    title:
      'A Microsoft Entra Conditional Access policy or sign-in requirement (MFA, compliant device, location) blocked the sign-in',
    actor: 'admin',
  },
] as const satisfies readonly Cause[];

export type CauseId = (typeof CAUSES)[number]['id'];

const byId = new Map<string, Cause>(CAUSES.map((c) => [c.id, c]));
export function getCause(id: string): Cause | undefined {
  return byId.get(id);
}

/**
 * Causes that cannot hold together: at most one of each group can be confirmed. When facts would
 * confirm two of one group, the diagnosis holds both as consistent and says the facts disagree.
 */
export const EXCLUSIVE_CAUSES: readonly (readonly CauseId[])[] = [
  // What is at the address and port: no name, no route, dropped, nothing listening, something else.
  ['dns-failure', 'host-unreachable', 'firewall-blocks-port', 'port-closed', 'not-rdp-service'],
  // A certificate is either past its end or before its start.
  ['cert-expired', 'cert-not-yet-valid'],
  // The listener is there but answers nothing vs. it is switched off.
  ['rdp-disabled', 'not-rdp-service'],
];

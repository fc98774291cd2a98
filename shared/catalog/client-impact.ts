/**
 * How real RDP clients react to what the certificate and protocol checks find, and where that is
 * documented. Attached to every warn/fail certificate or protocol finding, so a severity is never
 * an OpenSSL opinion: it names the clients that refuse, warn or connect, and the source. Where no
 * source documents a client's reaction, the entry says so (`not-documented`) instead of guessing.
 * "Tested here" means observed with FreeRDP 2.11.7 (Debian 12, OpenSSL 3.0) against this project's
 * test servers on loopback.
 */
import type { ClientImpact, FindingId } from '../protocol/results.js';

const SRC = {
  authLevel:
    'https://learn.microsoft.com/windows/win32/termserv/imsrdpclientadvancedsettings4-authenticationlevel (AuthenticationLevel 2 = warn and let the user continue, the default; 1 = refuse)',
  rdpProperties:
    'https://learn.microsoft.com/azure/virtual-desktop/rdp-properties ("authentication level": 0 connect, 1 do not connect, 2 warn)',
  certErrors:
    'https://learn.microsoft.com/troubleshoot/windows-server/remote/error-when-connecting-terminal-server (KB 2000960: name mismatch, expired or not yet valid, untrusted issuer are shown as certificate errors)',
  freerdpCli:
    'https://github.com/FreeRDP/FreeRDP/wiki/CommandLineInterface-(3.x) (/cert:deny|ignore|tofu|name:<n>); tested here with FreeRDP 2.11.7',
  freerdpTested: 'tested here with FreeRDP 2.11.7 (Debian 12, OpenSSL 3.0) against the project test servers',
  opensslLevel:
    'https://docs.openssl.org/3.0/man3/SSL_CTX_set_security_level/ (level 1 refuses SHA-1 and MD5 signatures; level 2 also RSA keys under 2048 bits and TLS below 1.2 on Debian 12 / Ubuntu 22.04 and later)',
  ms1024:
    'https://support.microsoft.com/kb/2661254 (Windows blocks RSA keys under 1024 bits; 1024 bits is still accepted)',
  appleTrust:
    'https://support.apple.com/HT210176 (macOS 10.15+: TLS server certificates need RSA keys of 2048 bits or more and SHA-2 signatures to be trusted)',
  tlsRegistry:
    'https://learn.microsoft.com/windows-server/security/tls/tls-registry-settings (SCHANNEL\\Protocols\\TLS 1.0\\Client Enabled = 0 turns the client side of TLS 1.0 off)',
  negotiation:
    'MS-RDPBCGR 3.3.5.3.1 (the server selects one of the protocols the client offers; every current client offers TLS and CredSSP)',
  nlaPolicy:
    'https://learn.microsoft.com/azure/virtual-desktop/rdp-properties ("enablecredsspsupport": 0 turns CredSSP off, so a client cannot reach a server that requires NLA)',
} as const;

const windowsWarn = (what: string): ClientImpact[] => [
  {
    client: 'mstsc',
    effect: 'warns',
    detail: `shows "${what}" and lets the user continue with the default authentication level; refuses when the authentication level is "do not connect"`,
    source: `${SRC.authLevel}; ${SRC.certErrors}`,
  },
  {
    client: 'windows-app',
    effect: 'warns',
    detail: 'same dialog and the same authentication level setting as mstsc',
    source: SRC.rdpProperties,
  },
];
const macNotDocumented: ClientImpact = {
  client: 'macos-app',
  effect: 'not-documented',
  detail:
    'Microsoft does not document how the macOS app treats this; it shows a certificate dialog for certificates it cannot verify',
  source: 'none found',
};
const freerdpPrompt = (extra: string): ClientImpact => ({
  client: 'freerdp',
  effect: 'warns',
  detail: `asks "Do you trust the above certificate? (Y/T/N)" on a terminal and refuses without one or with /cert:deny${extra}`,
  source: SRC.freerdpCli,
});

const UNTRUSTED = [
  ...windowsWarn('The identity of the remote computer cannot be verified'),
  macNotDocumented,
  freerdpPrompt('; /cert:tofu pins it, /cert:ignore skips the check'),
];
const DATES = [
  ...windowsWarn('The certificate has expired or is not yet valid'),
  macNotDocumented,
  freerdpPrompt('; for a self-signed certificate it reports only "self-signed (18)", never the dates'),
];

const POSTURE: ClientImpact[] = [
  {
    client: 'mstsc',
    effect: 'connects',
    detail: 'connects: the server, not the client, chooses the weaker security; it is a risk, not a connection failure',
    source: SRC.negotiation,
  },
  {
    client: 'freerdp',
    effect: 'connects',
    detail: 'connects with the default negotiation',
    source: SRC.freerdpTested,
  },
];
const PROTOCOL: Partial<Record<FindingId, ClientImpact[]>> = {
  'nla-not-offered': POSTURE,
  'standard-rdp-offered': POSTURE,
  'standard-rdp-only': [
    {
      client: 'mstsc',
      effect: 'warns',
      detail:
        'connects over standard RDP security, which cannot authenticate the server, so it warns that the identity cannot be verified',
      source: SRC.authLevel,
    },
    {
      client: 'freerdp',
      effect: 'connects',
      detail:
        'connects with the default negotiation or /sec:rdp; /sec:tls and /sec:nla fail with a negotiation failure',
      source: SRC.freerdpTested,
    },
    macNotDocumented,
  ],
  'ssl-cert-not-on-server': [
    {
      client: 'mstsc',
      effect: 'not-documented',
      detail:
        'the server refuses TLS; whether the client falls back to standard RDP security depends on its settings and is not documented',
      source: 'none found',
    },
    {
      client: 'freerdp',
      effect: 'refuses',
      detail: 'reports the negotiation failure unless /sec:rdp is given',
      source: SRC.freerdpCli,
    },
  ],
};

/** The clients a finding affects, by finding id. Variants: `cert-weak-signature` differs for self-signed certificates. */
export const CLIENT_IMPACT: Readonly<Partial<Record<FindingId | 'cert-weak-signature:self-signed', ClientImpact[]>>> = {
  'cert-self-signed': UNTRUSTED,
  'cert-not-for-server-auth': UNTRUSTED,
  'cert-expired': DATES,
  'cert-not-yet-valid': DATES,
  'cert-expiring-soon': [
    {
      client: 'mstsc',
      effect: 'connects',
      detail: 'connects until the expiry date, then warns as for an expired certificate',
      source: SRC.certErrors,
    },
  ],
  'cert-name-mismatch': [
    ...windowsWarn('Name mismatch … Name in the certificate is …'),
    macNotDocumented,
    freerdpPrompt(
      '; it matches DNS names only (an IP address in subjectAltName is ignored), so a connection by IP always mismatches; /cert:name:<name> names the expected one',
    ),
  ],
  'cert-weak-key': [
    {
      client: 'mstsc',
      effect: 'connects',
      detail: 'Windows refuses RSA keys under 1024 bits only; a 1024-bit key still works',
      source: SRC.ms1024,
    },
    {
      client: 'macos-app',
      effect: 'not-documented',
      detail:
        'Apple platforms do not trust TLS certificates with RSA keys under 2048 bits; whether the app lets you continue anyway is not documented',
      source: SRC.appleTrust,
    },
    {
      client: 'freerdp',
      effect: 'warns',
      detail:
        'FreeRDP 2.11.7 (TLS security level 1 by default) completes the handshake with a 1024-bit key and prompts as for any unverified certificate; a build or policy at security level 2 refuses it',
      source: `${SRC.opensslLevel}; ${SRC.freerdpTested}`,
    },
  ],
  'cert-weak-signature': [
    {
      client: 'macos-app',
      effect: 'refuses',
      detail: 'Apple platforms do not trust SHA-1-signed TLS certificates',
      source: SRC.appleTrust,
    },
    {
      client: 'freerdp',
      effect: 'refuses',
      detail:
        'OpenSSL 3 refuses SHA-1 signatures on issued certificates from security level 1 (the FreeRDP default); /tls-seclevel:0 allows them',
      source: SRC.opensslLevel,
    },
    {
      client: 'mstsc',
      effect: 'not-documented',
      detail: 'not documented by Microsoft: whether the Remote Desktop client refuses a CA-issued SHA-1 certificate',
      source: 'none found',
    },
  ],
  'cert-weak-signature:self-signed': [
    {
      client: 'mstsc',
      effect: 'warns',
      detail:
        'a self-signed certificate is trusted by accepting (pinning) it, not by its signature, so SHA-1 changes nothing beyond the usual warning',
      source: SRC.authLevel,
    },
    {
      client: 'freerdp',
      effect: 'warns',
      detail:
        'FreeRDP 2.11.7 reports it as self-signed (18) and prompts, as for any self-signed certificate; with /cert:ignore or once pinned the handshake completes',
      source: SRC.freerdpTested,
    },
    macNotDocumented,
  ],
  'tls-old-version': [
    {
      client: 'mstsc',
      effect: 'connects',
      detail:
        'connects while TLS 1.0 is enabled for the client in SCHANNEL (the default on Windows 10 and 11); refuses where it was turned off',
      source: SRC.tlsRegistry,
    },
    {
      client: 'freerdp',
      effect: 'refuses',
      detail:
        'FreeRDP 2.11.7 on Debian 12 fails the handshake (ERRCONNECT_TLS_CONNECT_FAILED, also with /cert:ignore): the system OpenSSL policy sets TLS 1.2 as the minimum; it needs /tls-seclevel:0 and a policy allowing TLS 1.0',
      source: `${SRC.opensslLevel}; ${SRC.freerdpTested}`,
    },
    macNotDocumented,
  ],
  'tls-handshake-failed': [
    {
      client: 'mstsc',
      effect: 'refuses',
      detail: 'the connection ends before any logon; the client shows a generic connection or security error',
      source: SRC.certErrors,
    },
    {
      client: 'freerdp',
      effect: 'refuses',
      detail: 'ERRCONNECT_TLS_CONNECT_FAILED',
      source: SRC.freerdpTested,
    },
  ],
  ...PROTOCOL,
  'nla-required': [
    {
      client: 'mstsc',
      effect: 'connects',
      detail:
        'every supported Windows client speaks CredSSP; it fails only where CredSSP is turned off for the connection',
      source: SRC.nlaPolicy,
    },
    {
      client: 'freerdp',
      effect: 'connects',
      detail:
        'connects with /sec:nla or the default negotiation; /sec:tls or /sec:rdp fail with HYBRID_REQUIRED_BY_SERVER',
      source: SRC.freerdpTested,
    },
  ],
};

/** The clients affected by a finding, or undefined when the finding is not about clients. */
export function clientImpact(id: FindingId, opts: { selfSigned?: boolean } = {}): ClientImpact[] | undefined {
  if (id === 'cert-weak-signature' && opts.selfSigned) return CLIENT_IMPACT['cert-weak-signature:self-signed'];
  return CLIENT_IMPACT[id];
}

const EFFECT_WORDS: Readonly<Record<ClientImpact['effect'], string>> = {
  refuses: 'refuses',
  warns: 'warns',
  connects: 'connects',
  'not-documented': 'not documented',
};
const CLIENT_NAMES: Readonly<Record<ClientImpact['client'], string>> = {
  mstsc: 'mstsc',
  'windows-app': 'Windows App',
  'macos-app': 'macOS app',
  freerdp: 'FreeRDP',
};

/** One line for people: "mstsc warns · FreeRDP refuses · macOS app: not documented". */
export function clientLine(clients: readonly ClientImpact[]): string {
  return clients
    .map((c) =>
      c.effect === 'not-documented'
        ? `${CLIENT_NAMES[c.client]}: not documented`
        : `${CLIENT_NAMES[c.client]} ${EFFECT_WORDS[c.effect]}`,
    )
    .join(' · ');
}

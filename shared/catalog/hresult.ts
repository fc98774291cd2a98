/**
 * HRESULT-style codes seen with Remote Desktop: security package (SSPI / Schannel SEC_E_*) results,
 * CredSSP, certificate revocation, generic COM/.NET failures, Win32 errors wrapped as 0x8007xxxx, and
 * RD Gateway (MS-TSGU) E_PROXY_* codes. Values mirror winerror.h as carried by FreeRDP's winpr/sspi.h.
 */
import { type EntrySpec, family } from './define.js';
import type { CatalogEntry } from './types.js';

const SSPI =
  'winerror.h values (FreeRDP winpr/include/winpr/sspi.h); Schannel alert mapping per https://learn.microsoft.com/windows/win32/secauthn/schannel-error-codes-for-tls-and-ssl-alerts';
const CREDSSP =
  'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/credssp-encryption-oracle-remediation (KB 4295591)';
const TSGU =
  'MS-TSGU RD Gateway error codes (FreeRDP libfreerdp/core/gateway/tsg.h, rpc_fault.c); meanings from the names';
const h = family('hresult', { source: SSPI, confidence: 'documented', nameNeedsContext: true });

const TLS: EntrySpec = {
  actor: 'admin',
  causes: ['tls-protocol-mismatch', 'security-software-interference'],
  fixes: ['align-tls-and-cipher-suites', 'allow-rdp-through-security-software'],
  checks: ['negotiation', 'security-products', 'rdp-events'],
};
const CERT: EntrySpec = {
  actor: 'admin',
  causes: ['cert-unusable', 'cert-untrusted', 'machinekeys-broken'],
  fixes: ['regenerate-rdp-certificate', 'clear-stale-certificate-hash', 'install-trusted-certificate'],
  checks: ['certificate', 'rdp-cert-store', 'machinekeys'],
};
const GATEWAY: EntrySpec = {
  actor: 'gateway',
  causes: ['gateway-problem'],
  fixes: ['check-rd-gateway'],
  source: TSGU,
  confidence: 'observed',
  nameNeedsContext: false,
};

export const HRESULTS: readonly CatalogEntry[] = [
  h(
    0x80090302,
    'SEC_E_UNSUPPORTED_FUNCTION',
    'The security handshake was refused, most often because of CredSSP encryption oracle remediation: one side has the CredSSP update and the other does not.',
    {
      actor: 'admin',
      causes: ['credssp-oracle-policy', 'tls-protocol-mismatch'],
      fixes: ['update-credssp-patches', 'set-credssp-oracle-policy', 'align-tls-and-cipher-suites'],
      checks: ['credssp-policy', 'negotiation'],
      source: `${CREDSSP}; ${SSPI}`,
    },
  ),
  h(
    0x80090304,
    'SEC_E_INTERNAL_ERROR',
    'The security handshake failed inside Windows ("The Local Security Authority cannot be contacted"): often a wrong domain in the user name, an unreachable domain controller, or a TLS mismatch.',
    {
      actor: 'admin',
      causes: ['wrong-credentials', 'domain-auth-unavailable', 'tls-protocol-mismatch'],
      fixes: ['reenter-credentials', 'repair-domain-trust', 'align-tls-and-cipher-suites'],
      checks: ['ntlm-info', 'negotiation', 'rdp-events'],
      source: `https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/troubleshoot-specific-rdp-errors; ${SSPI}`,
    },
  ),
  h(
    0x80090308,
    'SEC_E_INVALID_TOKEN',
    'The CredSSP or TLS handshake received a token it could not accept, typically a CredSSP patch or TLS settings mismatch.',
    {
      actor: 'admin',
      causes: ['credssp-oracle-policy', 'tls-protocol-mismatch', 'security-software-interference'],
      fixes: ['update-credssp-patches', 'set-credssp-oracle-policy', 'align-tls-and-cipher-suites'],
      checks: ['credssp-policy', 'negotiation', 'security-products'],
    },
  ),
  h(
    0x8009030c,
    'SEC_E_LOGON_DENIED',
    'The logon attempt failed: the user name or password is wrong or the account cannot log on.',
    {
      actor: 'user',
      causes: ['wrong-credentials', 'account-restricted'],
      fixes: ['reenter-credentials', 'unlock-or-enable-account'],
      checks: ['ntlm-info'],
    },
  ),
  h(
    0x8009030d,
    'SEC_E_UNKNOWN_CREDENTIALS',
    'The server could not use the private key of its RDP certificate, so TLS could not start (Schannel event 36870).',
    {
      actor: 'server',
      causes: ['machinekeys-broken', 'cert-unusable'],
      fixes: ['repair-machinekeys-permissions', 'regenerate-rdp-certificate', 'clear-stale-certificate-hash'],
      checks: ['machinekeys', 'rdp-cert-store', 'rdp-events'],
      source: `https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/event-id-troubleshoot-vm-rdp-connecton; ${SSPI}`,
    },
  ),
  h(
    0x8009030e,
    'SEC_E_NO_CREDENTIALS',
    'No usable credentials were available to the security package (saved or delegated credentials could not be used).',
    {
      actor: 'user',
      causes: ['credential-delegation-policy', 'wrong-credentials', 'smartcard-problem'],
      fixes: ['reenter-credentials', 'allow-credential-delegation'],
      checks: ['credssp-policy'],
    },
  ),
  h(
    0x8009030f,
    'SEC_E_MESSAGE_ALTERED',
    'A TLS message failed its integrity check (Schannel maps TLS alerts 20 and 30 to this).',
    TLS,
  ),
  h(
    0x80090311,
    'SEC_E_NO_AUTHENTICATING_AUTHORITY',
    'No authority could be contacted to check the logon: the domain controller is unreachable or the domain name is wrong.',
    {
      actor: 'admin',
      causes: ['domain-auth-unavailable', 'wrong-credentials', 'clock-skew'],
      fixes: ['repair-domain-trust', 'reenter-credentials', 'sync-clock'],
      checks: ['ntlm-info', 'clock'],
    },
  ),
  h(
    0x80090322,
    'SEC_E_WRONG_PRINCIPAL',
    'Kerberos could not match the server name you used to the server (an alias, an IP address or a duplicate SPN).',
    {
      actor: 'admin',
      causes: ['kerberos-target-mismatch'],
      fixes: ['connect-by-certificate-name', 'fix-kerberos-spn'],
      checks: ['ntlm-info', 'certificate'],
    },
  ),
  h(
    0x80090325,
    'SEC_E_UNTRUSTED_ROOT',
    'The certificate of the server or RD Gateway was issued by an authority this computer does not trust.',
    {
      actor: 'admin',
      causes: ['cert-untrusted'],
      fixes: ['install-trusted-certificate'],
      checks: ['certificate'],
    },
  ),
  h(
    0x80090326,
    'SEC_E_ILLEGAL_MESSAGE',
    'The TLS handshake failed with a fatal alert, usually because no TLS version or cipher suite is shared.',
    TLS,
  ),
  h(0x80090327, 'SEC_E_CERT_UNKNOWN', 'The TLS peer rejected a certificate as bad, unsupported or unknown.', CERT),
  h(0x80090328, 'SEC_E_CERT_EXPIRED', 'The certificate received from the server or gateway has expired.', {
    actor: 'server',
    causes: ['cert-expired', 'clock-skew'],
    fixes: ['regenerate-rdp-certificate', 'install-trusted-certificate', 'sync-clock'],
    checks: ['certificate', 'clock', 'rdp-cert-store'],
  }),
  h(0x80090330, 'SEC_E_DECRYPT_FAILURE', 'Decrypting TLS data failed (TLS alerts 21 or 51).', TLS),
  h(0x80090331, 'SEC_E_ALGORITHM_MISMATCH', 'Client and server share no TLS cipher suite.', {
    ...TLS,
    causes: ['tls-protocol-mismatch'],
    fixes: ['align-tls-and-cipher-suites'],
  }),
  h(
    0x80090350,
    'SEC_E_DOWNGRADE_DETECTED',
    'Windows stopped a possible security downgrade during Kerberos/Negotiate authentication, often a domain controller or clock problem.',
    {
      actor: 'admin',
      causes: ['domain-auth-unavailable', 'clock-skew'],
      fixes: ['repair-domain-trust', 'sync-clock'],
      checks: ['clock', 'ntlm-info'],
    },
  ),
  h(
    0x8009035e,
    'SEC_E_DELEGATION_POLICY',
    'Credential-delegation policy does not allow sending credentials to this server.',
    {
      actor: 'admin',
      causes: ['credential-delegation-policy'],
      fixes: ['allow-credential-delegation'],
      checks: ['credssp-policy'],
      confidence: 'observed',
    },
  ),
  h(
    0x8009035f,
    'SEC_E_POLICY_NLTM_ONLY',
    'Policy forbids delegating credentials when only NTLM (not Kerberos) authentication is possible.',
    {
      actor: 'admin',
      causes: ['credential-delegation-policy', 'kerberos-target-mismatch'],
      fixes: ['allow-credential-delegation', 'fix-kerberos-spn'],
      checks: ['credssp-policy'],
      aliases: ['SEC_E_POLICY_NTLM_ONLY'],
      confidence: 'observed',
    },
  ),
  h(0x80090363, 'SEC_E_MUTUAL_AUTH_FAILED', 'The client could not authenticate the server.', {
    actor: 'admin',
    causes: ['kerberos-target-mismatch', 'cert-untrusted'],
    fixes: ['fix-kerberos-spn', 'install-trusted-certificate'],
    checks: ['certificate', 'ntlm-info'],
    confidence: 'observed',
  }),
  h(0x80092010, 'CRYPT_E_REVOKED', 'The certificate has been revoked by its issuer.', {
    actor: 'admin',
    causes: ['revocation-check-failed'],
    fixes: ['install-trusted-certificate'],
    checks: ['certificate'],
  }),
  h(0x80092012, 'CRYPT_E_NO_REVOCATION_CHECK', 'The revocation status of the certificate could not be checked.', {
    actor: 'admin',
    causes: ['revocation-check-failed'],
    fixes: ['make-revocation-reachable'],
    checks: ['certificate', 'proxy'],
  }),
  h(0x80092013, 'CRYPT_E_REVOCATION_OFFLINE', 'The revocation server for the certificate was offline or unreachable.', {
    actor: 'network',
    causes: ['revocation-check-failed'],
    fixes: ['make-revocation-reachable'],
    checks: ['certificate', 'proxy'],
  }),
  h(
    0x80090016,
    'NTE_BAD_KEYSET',
    "The RDP certificate's private key container does not exist or cannot be opened (event 1057 status).",
    {
      actor: 'server',
      causes: ['machinekeys-broken', 'cert-unusable'],
      fixes: ['repair-machinekeys-permissions', 'regenerate-rdp-certificate'],
      checks: ['machinekeys', 'rdp-cert-store', 'rdp-events'],
    },
  ),

  h(
    0x80004005,
    'E_FAIL',
    'An unspecified failure; with Remote Desktop it usually comes from a failed CredSSP/NLA or TLS handshake.',
    {
      actor: 'admin',
      causes: ['credssp-oracle-policy', 'tls-protocol-mismatch', 'domain-auth-unavailable', 'wrong-credentials'],
      fixes: ['update-credssp-patches', 'align-tls-and-cipher-suites', 'reenter-credentials', 'read-server-event-logs'],
      checks: ['credssp-policy', 'negotiation', 'ntlm-info', 'rdp-events'],
      source: 'winerror.h (E_FAIL); RDP context observed in mstsc/mRemoteNG dialogs and AVD diagnostics',
      confidence: 'observed',
    },
  ),
  h(
    0x80080005,
    'CO_E_SERVER_EXEC_FAILURE',
    'A Windows component the client needed failed to start; users tie this authentication error to a specific Windows update.',
    {
      actor: 'client',
      causes: ['client-outdated'],
      fixes: ['update-rdp-client'],
      checks: ['rdp-clients'],
      source: 'winerror.h (CO_E_SERVER_EXEC_FAILURE); RDP context from user reports (mRemoteNG issue 3088)',
      confidence: 'low',
    },
  ),
  h(
    0x80131500,
    'COR_E_EXCEPTION',
    'A generic .NET exception in a service; in Azure Virtual Desktop diagnostics it marks a service-side failure.',
    {
      actor: 'broker',
      causes: ['avd-host-unavailable'],
      fixes: ['check-avd-session-host'],
      source:
        '.NET COR_E_EXCEPTION; AVD context per https://learn.microsoft.com/azure/virtual-desktop/diagnostics-role-service',
      confidence: 'observed',
    },
  ),
  h(
    0x80070040,
    'ERROR_NETNAME_DELETED',
    'The network connection was dropped (Windows error 64 wrapped as an HRESULT).',
    {
      actor: 'network',
      causes: ['network-unstable', 'security-software-interference'],
      fixes: ['check-network-stability', 'allow-rdp-through-security-software'],
      checks: ['reachability', 'security-products'],
      aliases: ['HRESULT_FROM_WIN32(ERROR_NETNAME_DELETED)'],
      source: 'winerror.h (ERROR_NETNAME_DELETED = 64); seen in RdpCoreTS event 226',
    },
  ),
  h(
    0x800706be,
    'RPC_S_CALL_FAILED',
    'A remote procedure call failed (Windows error 1726 wrapped as an HRESULT); not specific to Remote Desktop.',
    {
      actor: 'admin',
      causes: ['domain-auth-unavailable', 'security-software-interference'],
      fixes: ['repair-domain-trust', 'read-server-event-logs'],
      checks: ['rdp-events'],
      source: 'winerror.h (RPC_S_CALL_FAILED = 1726); seen with mstsc authentication errors',
      confidence: 'observed',
    },
  ),
  h(
    0x8007007e,
    'ERROR_MOD_NOT_FOUND',
    'A required module was not found (Windows error 126), for example CredSSP components missing in Windows PE.',
    {
      actor: 'client',
      causes: ['client-config-error', 'nla-required'],
      fixes: ['fix-client-options', 'adjust-nla-setting'],
      source: 'winerror.h (ERROR_MOD_NOT_FOUND = 126); WinPE report (PhoenixPE issue 24)',
      confidence: 'observed',
    },
  ),
  h(
    0x8007059e,
    'HRESULT_0x8007059E',
    'Windows error 1438 wrapped as an HRESULT; reported with Remote Desktop but its meaning there is not verified.',
    {
      actor: 'admin',
      fixes: ['read-server-event-logs'],
      checks: ['rdp-events'],
      source: 'Reported in RDP contexts; no primary source (unverified)',
      confidence: 'low',
      labelOnly: true,
    },
  ),

  h(0x800759d8, 'E_PROXY_INTERNALERROR', 'The RD Gateway hit an internal error.', GATEWAY),
  h(
    0x800759da,
    'E_PROXY_RAP_ACCESSDENIED',
    'The RD Gateway resource authorization policy does not allow this user to reach this computer (often the computer is named differently in the policy, FQDN vs short name or IP).',
    { ...GATEWAY, fixes: ['check-rd-gateway', 'connect-by-certificate-name'] },
  ),
  h(
    0x800759db,
    'E_PROXY_NAP_ACCESSDENIED',
    'The RD Gateway connection authorization policy denied this user or device.',
    GATEWAY,
  ),
  h(0x800759dd, 'E_PROXY_TS_CONNECTFAILED', 'The RD Gateway could not reach the remote computer.', {
    ...GATEWAY,
    causes: ['gateway-problem', 'host-unreachable', 'firewall-blocks-port'],
    fixes: ['check-rd-gateway', 'check-host-power-and-route', 'open-firewall-and-nsg'],
  }),
  h(0x800759df, 'E_PROXY_ALREADYDISCONNECTED', 'The RD Gateway connection was already closed.', GATEWAY),
  h(
    0x800759e6,
    'E_PROXY_MAXCONNECTIONSREACHED',
    'The RD Gateway has reached its maximum number of connections.',
    GATEWAY,
  ),
  h(0x800759e8, 'E_PROXY_NOTSUPPORTED', 'The RD Gateway does not support what the client asked for.', {
    ...GATEWAY,
    causes: ['gateway-problem', 'client-outdated'],
    fixes: ['check-rd-gateway', 'update-rdp-client'],
  }),
  h(0x800759e9, 'E_PROXY_CAPABILITYMISMATCH', 'The client and the RD Gateway have no common capabilities.', {
    ...GATEWAY,
    causes: ['gateway-problem', 'client-outdated'],
    fixes: ['update-rdp-client', 'check-rd-gateway'],
  }),
  h(
    0x800759ed,
    'E_PROXY_QUARANTINE_ACCESSDENIED',
    'The RD Gateway refused the connection because the device failed a health (quarantine) check.',
    GATEWAY,
  ),
  h(0x800759ee, 'E_PROXY_NOCERTAVAILABLE', 'The RD Gateway has no certificate to use.', {
    ...GATEWAY,
    causes: ['gateway-problem', 'cert-unusable'],
    fixes: ['check-rd-gateway', 'install-trusted-certificate'],
  }),
  h(0x800759f6, 'E_PROXY_SESSIONTIMEOUT', 'The RD Gateway session reached its time limit.', {
    ...GATEWAY,
    causes: ['gateway-problem', 'session-policy-limit'],
  }),
  h(0x800759f7, 'E_PROXY_COOKIE_BADPACKET', 'The RD Gateway received a malformed authentication cookie.', GATEWAY),
  h(
    0x800759f8,
    'E_PROXY_COOKIE_AUTHENTICATION_ACCESS_DENIED',
    'The RD Gateway refused the authentication cookie (token).',
    GATEWAY,
  ),
  h(
    0x800759f9,
    'E_PROXY_UNSUPPORTED_AUTHENTICATION_METHOD',
    'The RD Gateway does not support the authentication method the client used.',
    GATEWAY,
  ),
  h(0x800759fa, 'E_PROXY_REAUTH_AUTHN_FAILED', 'Re-authentication at the RD Gateway failed.', {
    ...GATEWAY,
    causes: ['gateway-problem', 'wrong-credentials'],
    fixes: ['reenter-credentials', 'check-rd-gateway'],
  }),
  h(
    0x800759fb,
    'E_PROXY_REAUTH_CAP_FAILED',
    'Re-checking the connection authorization policy at the RD Gateway failed.',
    GATEWAY,
  ),
  h(
    0x800759fc,
    'E_PROXY_REAUTH_RAP_FAILED',
    'Re-checking the resource authorization policy at the RD Gateway failed.',
    GATEWAY,
  ),
  h(
    0x800759fd,
    'E_PROXY_SDR_NOT_SUPPORTED_BY_TS',
    'The remote computer does not support a feature the RD Gateway needs.',
    GATEWAY,
  ),
  h(0x80075a00, 'E_PROXY_REAUTH_NAP_FAILED', 'Re-checking the device health policy at the RD Gateway failed.', GATEWAY),
  h(0x800704d4, 'E_PROXY_CONNECTIONABORTED', 'The connection through the RD Gateway was aborted.', {
    ...GATEWAY,
    causes: ['gateway-problem', 'network-unstable'],
    fixes: ['check-rd-gateway', 'check-network-stability'],
    aliases: ['ERROR_CONNECTION_ABORTED'],
  }),
];

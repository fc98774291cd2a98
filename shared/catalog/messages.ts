/**
 * Well-known Remote Desktop message texts that often arrive without any code, each mapped to a catalogue
 * entry (namespace + code) and/or causes. The detector matches the phrases (case-insensitively, with
 * whitespace and apostrophes normalised); the phrases are fragments, not whole dialogs, so that small
 * wording differences between Windows versions still match.
 *
 * Localised variants are the Windows wording as seen in localised dialogs and forum posts; wording can
 * differ slightly between Windows versions. Keep this file free of summaries: it ships in the content script.
 */
import type { CauseId } from './causes.js';
import { CODELESS } from './codeless-codes.js';
import { CLIENT_MESSAGES } from './messages-clients.js';
import type { Namespace } from './types.js';

export interface MessagePhrase {
  /** A distinctive fragment of the message. */
  text: string;
  /** BCP 47 language tag. */
  lang: string;
}

export interface KnownMessage {
  /** Stable id (kebab-case); append-only. */
  id: string;
  phrases: readonly MessagePhrase[];
  /** The catalogue entry the message stands for, when there is one. */
  ref?: { namespace: Namespace; code: number };
  /** Causes the message points to (most likely first); used when there is no entry or to narrow one down. */
  causes: readonly CauseId[];
  /** True for generic headlines that say little by themselves (report them only with RDP context). */
  generic?: boolean;
  /** Where the wording comes from. */
  source: string;
  /** The product that prints it, when it is not a Microsoft client (Apache Guacamole, Remmina, xrdp). */
  client?: string;
}

const en = (text: string): MessagePhrase => ({ text, lang: 'en' });
const SA_INTERNAL =
  'https://learn.microsoft.com/troubleshoot/windows-server/remote/internal-error-has-occurred-connecting-remote-machine';
const SA_SPEC =
  'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/troubleshoot-specific-rdp-errors';
const SA_CREDSSP =
  'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/credssp-encryption-oracle-remediation';
const SA_AUTH = 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/cannot-connect-rdp-azure-vm';
const SA_GENERAL = 'https://learn.microsoft.com/troubleshoot/windows-server/remote/rdp-error-general-troubleshooting';
const SA_EVT =
  'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/event-id-troubleshoot-vm-rdp-connecton';
const WINERROR = 'Windows system message text for the code (winerror.h / FormatMessage)';

export const KNOWN_MESSAGES: readonly KnownMessage[] = [
  {
    id: 'internal-error',
    phrases: [
      en('An internal error has occurred'),
      { text: 'Es ist ein interner Fehler aufgetreten', lang: 'de' },
      { text: "Une erreur interne s'est produite", lang: 'fr' },
      { text: 'Se ha producido un error interno', lang: 'es' },
      { text: 'Si è verificato un errore interno', lang: 'it' },
      { text: 'Ocorreu um erro interno', lang: 'pt' },
      { text: 'Er is een interne fout opgetreden', lang: 'nl' },
      { text: 'Wystąpił błąd wewnętrzny', lang: 'pl' },
      { text: 'Произошла внутренняя ошибка', lang: 'ru' },
      { text: '内部エラーが発生しました', lang: 'ja' },
      { text: '出现了内部错误', lang: 'zh-Hans' },
      { text: '發生內部錯誤', lang: 'zh-Hant' },
      { text: '내부 오류가 발생했습니다', lang: 'ko' },
    ],
    ref: { namespace: 'disconnect-reason', code: 0x408 },
    causes: ['cert-unusable', 'machinekeys-broken', 'tls-protocol-mismatch', 'security-layer-mismatch'],
    source: SA_INTERNAL,
  },
  {
    id: 'credssp-oracle',
    phrases: [
      en('CredSSP encryption oracle remediation'),
      en('encryption oracle remediation'),
      { text: "correction d'oracle de chiffrement CredSSP", lang: 'fr' },
      { text: 'corrección de oráculo de cifrado de CredSSP', lang: 'es' },
      { text: 'CredSSP 加密数据库修正', lang: 'zh-Hans' },
      { text: 'CredSSP 暗号化オラクルの修復', lang: 'ja' },
    ],
    ref: { namespace: 'hresult', code: 0x80090302 },
    causes: ['credssp-oracle-policy'],
    source: SA_CREDSSP,
  },
  {
    id: 'function-not-supported',
    phrases: [
      en('The function requested is not supported'),
      { text: 'Die angeforderte Funktion wird nicht unterstützt', lang: 'de' },
      { text: "La fonction demandée n'est pas prise en charge", lang: 'fr' },
      { text: 'No se admite la función solicitada', lang: 'es' },
      { text: '要求的函数不受支持', lang: 'zh-Hans' },
    ],
    ref: { namespace: 'hresult', code: 0x80090302 },
    causes: ['credssp-oracle-policy', 'tls-protocol-mismatch'],
    source: `${SA_CREDSSP}; ${WINERROR}`,
  },
  {
    id: 'nla-required-unsupported',
    phrases: [
      en('The remote computer requires Network Level Authentication, which your computer does not support'),
      en('requires Network Level Authentication, which your computer does not support'),
      { text: 'erfordert Authentifizierung auf Netzwerkebene', lang: 'de' },
      { text: "requiert l'authentification au niveau du réseau", lang: 'fr' },
      { text: 'requiere autenticación a nivel de red', lang: 'es' },
    ],
    ref: { namespace: 'negotiation-failure', code: 0x5 },
    causes: ['nla-required'],
    source: 'MS-RDPBCGR 2.2.1.2.2 (HYBRID_REQUIRED_BY_SERVER) and the mstsc dialog text',
  },
  {
    id: 'nla-dc-unreachable',
    phrases: [
      en('requires Network Level Authentication (NLA), but your Windows domain controller cannot be contacted'),
      en('The remote computer that you are trying to connect to requires Network Level Authentication (NLA)'),
    ],
    ref: { namespace: 'hresult', code: 0x80090311 },
    causes: ['domain-auth-unavailable', 'clock-skew', 'nla-required'],
    source: SA_AUTH,
  },
  {
    id: 'cant-find-computer',
    phrases: [
      en("Remote Desktop can't find the computer"),
      en('Remote Desktop cannot find the computer'),
      en("We couldn't connect to the remote PC because the PC can't be found"),
      { text: 'Remotedesktop kann den Computer', lang: 'de' },
      { text: 'Le Bureau à distance ne peut pas trouver l’ordinateur', lang: 'fr' },
      { text: 'Escritorio remoto no encuentra el equipo', lang: 'es' },
    ],
    ref: { namespace: 'disconnect-reason', code: 0x104 },
    causes: ['dns-failure'],
    source: SA_SPEC,
  },
  {
    id: 'cant-connect-reasons',
    phrases: [
      en("Remote Desktop can't connect to the remote computer for one of these reasons"),
      en('Remote Desktop cannot connect to the remote computer for one of these reasons'),
      en('Remote access to the server is not enabled'),
      { text: 'Remotedesktop kann aus einem der folgenden Gründe keine Verbindung', lang: 'de' },
    ],
    ref: { namespace: 'disconnect-reason', code: 0x204 },
    causes: ['rdp-disabled', 'host-unreachable', 'firewall-blocks-port', 'port-closed'],
    source: SA_GENERAL,
  },
  {
    id: 'this-computer-cant-connect',
    phrases: [
      en("This computer can't connect to the remote computer"),
      en('This computer cannot connect to the remote computer'),
      { text: 'Dieser Computer kann keine Verbindung mit dem Remotecomputer herstellen', lang: 'de' },
      { text: 'Cet ordinateur ne peut pas se connecter à l’ordinateur distant', lang: 'fr' },
    ],
    ref: { namespace: 'message', code: CODELESS.cannotConnect },
    causes: ['host-unreachable', 'rds-service-down', 'firewall-blocks-port', 'security-layer-mismatch'],
    generic: true,
    source: SA_GENERAL,
  },
  {
    id: 'authentication-error',
    phrases: [
      en('An authentication error has occurred'),
      { text: 'Authentifizierungsfehler', lang: 'de' },
      { text: "Une erreur d'authentification s'est produite", lang: 'fr' },
      { text: 'Se produjo un error de autenticación', lang: 'es' },
      { text: '出现身份验证错误', lang: 'zh-Hans' },
    ],
    causes: ['credssp-oracle-policy', 'wrong-credentials', 'domain-auth-unavailable', 'tls-protocol-mismatch'],
    generic: true,
    source: SA_CREDSSP,
  },
  {
    id: 'lsa-cannot-be-contacted',
    phrases: [
      en('The Local Security Authority cannot be contacted'),
      { text: 'Die lokale Sicherheitsautorität kann nicht kontaktiert werden', lang: 'de' },
      { text: "L'autorité de sécurité locale ne peut pas être contactée", lang: 'fr' },
      { text: '无法联系本地安全机构', lang: 'zh-Hans' },
    ],
    ref: { namespace: 'hresult', code: 0x80090304 },
    causes: ['wrong-credentials', 'domain-auth-unavailable', 'tls-protocol-mismatch'],
    source: SA_SPEC,
  },
  {
    id: 'logon-attempt-failed',
    phrases: [en('The logon attempt failed'), { text: 'Der Anmeldeversuch ist fehlgeschlagen', lang: 'de' }],
    ref: { namespace: 'hresult', code: 0x8009030c },
    causes: ['wrong-credentials', 'account-restricted'],
    source: WINERROR,
  },
  {
    id: 'credentials-did-not-work',
    phrases: [
      en('Your credentials did not work'),
      en('The credentials that were used to connect to'),
      { text: 'Ihre Anmeldeinformationen haben nicht funktioniert', lang: 'de' },
      { text: 'Vos informations d’identification n’ont pas fonctionné', lang: 'fr' },
      { text: "Vos informations d'identification n'ont pas fonctionné", lang: 'fr' },
      { text: '資格情報が機能しませんでした', lang: 'ja' },
    ],
    ref: { namespace: 'message', code: CODELESS.credentialsDidNotWork },
    causes: ['wrong-credentials', 'entra-auth-mismatch'],
    source: SA_AUTH,
  },
  {
    id: 'no-authority',
    phrases: [en('No authority could be contacted for authentication')],
    ref: { namespace: 'hresult', code: 0x80090311 },
    causes: ['domain-auth-unavailable'],
    source: WINERROR,
  },
  {
    id: 'wrong-principal',
    phrases: [en('The target principal name is incorrect')],
    ref: { namespace: 'hresult', code: 0x80090322 },
    causes: ['kerberos-target-mismatch'],
    source: WINERROR,
  },
  {
    id: 'credentials-not-recognized',
    phrases: [en('The credentials supplied to the package were not recognized')],
    ref: { namespace: 'hresult', code: 0x8009030d },
    causes: ['machinekeys-broken', 'cert-unusable'],
    source: WINERROR,
  },
  {
    id: 'invalid-token',
    phrases: [en('The token supplied to the function is invalid')],
    ref: { namespace: 'hresult', code: 0x80090308 },
    causes: ['credssp-oracle-policy', 'tls-protocol-mismatch'],
    source: WINERROR,
  },
  {
    id: 'untrusted-root',
    phrases: [en('The certificate chain was issued by an authority that is not trusted')],
    ref: { namespace: 'hresult', code: 0x80090325 },
    causes: ['cert-untrusted'],
    source: WINERROR,
  },
  {
    id: 'cert-expired',
    phrases: [en('The received certificate has expired')],
    ref: { namespace: 'hresult', code: 0x80090328 },
    causes: ['cert-expired'],
    source: WINERROR,
  },
  {
    id: 'identity-not-verified',
    phrases: [en('The identity of the remote computer cannot be verified')],
    causes: ['cert-untrusted', 'cert-name-mismatch', 'cert-expired'],
    source: 'mstsc certificate warning dialog',
  },
  {
    id: 'keyset-does-not-exist',
    phrases: [en('Keyset does not exist')],
    ref: { namespace: 'hresult', code: 0x80090016 },
    causes: ['machinekeys-broken'],
    source: SA_EVT,
  },
  {
    id: 'protocol-error',
    phrases: [
      en('Because of a protocol error'),
      en('The session was disconnected due to a protocol error'),
      { text: 'Aufgrund eines Protokollfehlers', lang: 'de' },
      { text: "En raison d'une erreur de protocole", lang: 'fr' },
      { text: '由于协议错误', lang: 'zh-Hans' },
    ],
    causes: ['protocol-error', 'client-outdated'],
    source: 'mstsc dialog text (observed)',
  },
  {
    id: 'no-license-servers',
    phrases: [en('there are no Remote Desktop License Servers available to provide a license')],
    ref: { namespace: 'extended-reason', code: 0x101 },
    causes: ['licensing-problem'],
    source: SA_SPEC,
  },
  {
    id: 'licensing-protocol-error',
    phrases: [en('because of an error in the licensing protocol')],
    causes: ['licensing-problem'],
    source: 'mstsc dialog text (observed)',
  },
  {
    id: 'console-session-in-progress',
    phrases: [en('you already have a console session in progress')],
    ref: { namespace: 'disconnect-reason', code: 0x708 },
    causes: ['console-conflict'],
    source: 'mstsc dialog text (observed)',
  },
  {
    id: 'not-authorized-for-remote-login',
    phrases: [
      en('the user account is not authorized for remote login'),
      en('you need the right to sign in through Remote Desktop Services'),
      en('To sign in remotely, you need the right to sign in through Remote Desktop Services'),
    ],
    ref: { namespace: 'extended-reason', code: 0x9 },
    causes: ['no-remote-logon-right'],
    source: SA_SPEC,
  },
  {
    id: 'another-connection',
    phrases: [
      en('another user connected to the remote computer'),
      en('another connection was made to the remote computer'),
    ],
    ref: { namespace: 'extended-reason', code: 0x5 },
    causes: ['session-replaced'],
    source: 'mstsc dialog text (observed)',
  },
  {
    id: 'idle-time-limit',
    phrases: [en("the remote computer didn't receive any input from you"), en('idle time limit')],
    ref: { namespace: 'extended-reason', code: 0x3 },
    causes: ['session-policy-limit'],
    source: 'mstsc dialog text (observed)',
  },
  {
    id: 'avd-no-resources',
    phrases: [en('there are currently no available resources')],
    ref: { namespace: 'avd', code: 0x3000046 },
    causes: ['avd-host-unavailable'],
    source: 'github.com/MicrosoftDocs/azure-docs/issues/60594',
  },
  {
    id: 'avd-error-accessing-resource',
    phrases: [en('An error occurred while accessing this resource')],
    ref: { namespace: 'avd', code: 0x3000047 },
    causes: ['avd-host-unavailable', 'avd-not-assigned'],
    source: 'github.com/MicrosoftDocs/azure-docs/issues/55687',
  },
  {
    id: 'session-ended-error',
    phrases: [en('Your session ended because of an error')],
    causes: [],
    generic: true,
    source: 'Remote Desktop mobile and macOS clients (observed)',
  },
  {
    id: 'termdd-security-layer',
    phrases: [en('security layer detected an error in the protocol stream')],
    ref: { namespace: 'event-id', code: 56 },
    causes: ['tls-protocol-mismatch', 'protocol-error'],
    source: SA_GENERAL,
  },
  {
    id: 'schannel-private-key',
    phrases: [en('fatal error occurred when attempting to access the TLS server credential private key')],
    ref: { namespace: 'event-id', code: 36870 },
    causes: ['machinekeys-broken', 'cert-unusable'],
    source: SA_EVT,
  },
  {
    id: 'self-signed-cert-failed',
    phrases: [en('failed to create a new self signed certificate')],
    ref: { namespace: 'event-id', code: 1057 },
    causes: ['machinekeys-broken', 'cert-unusable'],
    source: SA_EVT,
  },
  ...CLIENT_MESSAGES,
];

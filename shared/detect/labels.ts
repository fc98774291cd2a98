/**
 * Labels that decide a code's namespace, as the Remote Desktop clients print them, in the languages
 * the detector supports. Data, not code: add a language by adding strings.
 *
 * The "Error code" / "Extended error code" pair is the "Expanded Information" block of the Windows
 * Remote Desktop Connection client (mstsc) and Windows App dialogs. Seen in real dialogs: zh-CN
 * 错误代码 / 扩展错误代码 (github.com/anhkgg/SuperRDP/issues/38), ja エラーコード / 拡張エラーコード
 * (qiita.com/mtmana/items/424579c1b9738c7a18c1), ko 오류 코드 / 확장 오류 코드 (42jerrykim.github.io,
 * Windows App error 0x516), de Fehlercode / Erweiterter Fehlercode. The other languages use Microsoft's
 * UI terminology for "error code" / "extended" and are not yet confirmed from a screenshot. Spacing
 * variants (エラー コード vs エラーコード) match because whitespace inside a label is optional.
 */

export type LabelKind =
  /** "Extended error code": ExtendedDisconnectReason / server errorInfo (namespace extended-reason). */
  | 'extended'
  /** "Error code": client disconnect reason (namespace disconnect-reason), or AVD/HRESULT by value range. */
  | 'error'
  /** "Code:" alone: decided by the sentence around it (authentication error → HRESULT, protocol error → errorInfo). */
  | 'code'
  /** "disconnect reason", "reason code": disconnect-reason. */
  | 'reason'
  /** "Event ID": event-id. */
  | 'event'
  /** "NTSTATUS:" / "status:" (FreeRDP NLA, gateway). */
  | 'status'
  /** RDP_NEG_FAILURE failureCode ("failureCode = 5"): negotiation-failure. */
  | 'negotiation'
  /** A FreeRDP client's exit status ("exit status 132", "returns 131"): freerdp exit codes (≥ 128 only). */
  | 'exit'
  /** "Azure Virtual Desktop error": an AVD code (RDP Doctor's own heading for the family). */
  | 'avd'
  /** "FreeRDP error": a FreeRDP code (RDP Doctor's own heading for the family). */
  | 'freerdp'
  /** "RD Gateway error": an RD Gateway error number (RDP Doctor's own heading for the family). */
  | 'gateway'
  /** A bare "error" / "Error:" next to the value: weak, needs RDP context. */
  | 'error-word';

export interface LabelDef {
  kind: LabelKind;
  /** Lower-case label text; spaces mean "optional whitespace". */
  text: string;
  lang: string;
}

const L = (kind: LabelKind, lang: string, ...texts: string[]): LabelDef[] =>
  texts.map((text) => ({ kind, text, lang }));

/** Longest first matters only within one kind; the matcher tries every label and keeps the longest match. */
export const LABELS: readonly LabelDef[] = [
  ...L(
    'extended',
    'en',
    'extended error code',
    'extended error',
    'extended code',
    'extended disconnect reason',
    'extended reason',
    'extended',
    'ext',
  ),
  ...L('error', 'en', 'error code', 'errorcode', 'error_code', 'err code', 'protocol error'),
  ...L('extended', 'de', 'erweiterter fehlercode', 'erweiterte fehlercode'),
  ...L('error', 'de', 'fehlercode'),
  ...L('extended', 'fr', "code d'erreur étendu", 'code d’erreur étendu', 'code erreur étendu'),
  ...L('error', 'fr', "code d'erreur", 'code d’erreur', 'code erreur'),
  ...L('extended', 'es', 'código de error extendido', 'codigo de error extendido'),
  ...L('error', 'es', 'código de error', 'codigo de error'),
  ...L('extended', 'it', 'codice di errore esteso', 'codice errore esteso'),
  ...L('error', 'it', 'codice di errore', 'codice errore'),
  ...L('extended', 'pt', 'código de erro estendido', 'código de erro expandido', 'codigo de erro estendido'),
  ...L('error', 'pt', 'código de erro', 'codigo de erro'),
  ...L('extended', 'nl', 'uitgebreide foutcode'),
  ...L('error', 'nl', 'foutcode'),
  ...L('extended', 'pl', 'rozszerzony kod błędu', 'rozszerzony kod bledu'),
  ...L('error', 'pl', 'kod błędu', 'kod bledu'),
  ...L('extended', 'ru', 'расширенный код ошибки'),
  ...L('error', 'ru', 'код ошибки'),
  ...L('extended', 'ja', '拡張エラー コード'),
  ...L('error', 'ja', 'エラー コード'),
  ...L('extended', 'zh-Hans', '扩展错误代码', '扩展错误码'),
  ...L('error', 'zh-Hans', '错误代码', '错误码'),
  ...L('extended', 'zh-Hant', '延伸錯誤碼', '延伸錯誤代碼', '擴充錯誤碼', '擴充錯誤代碼', '擴展錯誤代碼'),
  ...L('error', 'zh-Hant', '錯誤碼', '錯誤代碼'),
  ...L('extended', 'ko', '확장 오류 코드'),
  ...L('error', 'ko', '오류 코드'),
  ...L('code', 'en', 'code', 'code=', 'errorcode='),
  ...L('code', 'de', 'code'),
  ...L('code', 'ru', 'код'),
  ...L('code', 'ja', 'コード'),
  ...L('code', 'zh', '代码', '代碼'),
  ...L('code', 'ko', '코드'),
  ...L(
    'reason',
    'en',
    'disconnect reason',
    'disconnectreason',
    'discreason',
    'reason code',
    'disconnect code',
    'reason',
    'disconnet reason',
    'rdp disconnected!',
  ),
  ...L('negotiation', 'en', 'failurecode', 'failure code', 'failure_code', 'negotiation failure code'),
  // The headings RDP Doctor itself writes before a code of these families (catalog/families.ts
  // `label`): a report pasted back is read as written.
  ...L('negotiation', 'en', 'negotiation failure'),
  ...L('avd', 'en', 'azure virtual desktop error', 'avd error'),
  ...L('freerdp', 'en', 'freerdp error'),
  ...L('gateway', 'en', 'rd gateway error', 'remote desktop gateway error'),
  ...L('exit', 'en', 'exit status', 'exit code', 'exited with code', 'returns', 'returned'),
  ...L('event', 'en', 'event id', 'eventid', 'event', 'id'),
  ...L('event', 'de', 'ereignis-id', 'ereignis id'),
  ...L('event', 'fr', "id de l'événement", 'id de l’événement', 'id d’événement'),
  ...L('event', 'es', 'id. del evento', 'id del evento'),
  ...L('event', 'ja', 'イベント id'),
  ...L('event', 'zh', '事件 id'),
  ...L('status', 'en', 'ntstatus', 'status', 'hresult', 'sspi status', 'hr'),
  ...L('error-word', 'en', 'error', 'err', 'failed with', 'fails with', 'failure'),
  ...L('error-word', 'de', 'fehler'),
  ...L('error-word', 'fr', 'erreur'),
  ...L('error-word', 'es', 'error'),
  ...L('error-word', 'ru', 'ошибка'),
  ...L('error-word', 'zh', '错误', '錯誤'),
  ...L('error-word', 'ja', 'エラー'),
  ...L('error-word', 'ko', '오류'),
];

/**
 * Phrases of the authentication-error sentence ("An authentication error has occurred (Code: 0x80004005)").
 * A bare "Code:" inside such a sentence is an HRESULT / SSPI status.
 */
export const AUTH_ERROR_PHRASES: readonly string[] = [
  'authentication error',
  'authentifizierungsfehler',
  "erreur d'authentification",
  'erreur d’authentification',
  'error de autenticación',
  'errore di autenticazione',
  'erro de autenticação',
  'verificatiefout',
  'błąd uwierzytelniania',
  'ошибка проверки подлинности',
  '認証エラー',
  '身份验证错误',
  '驗證錯誤',
  '인증 오류',
];

/** "Because of a protocol error (code: 0x112f) …": the code is the server's errorInfo. */
export const PROTOCOL_ERROR_PHRASES: readonly string[] = ['protocol error', 'protokollfehler', 'erreur de protocole'];

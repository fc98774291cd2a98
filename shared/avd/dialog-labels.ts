/**
 * Labels of the Azure Virtual Desktop / Windows 365 fields that the Remote Desktop clients print next to
 * the error codes: "Activity ID" (the service's `CorrelationId`) and "Timestamp (UTC)". Data, not code:
 * add a language by adding strings. English is what Windows App, the Remote Desktop client (MSRDC), the
 * web client and the macOS / iOS / Android apps print in English; the other languages use Microsoft's UI
 * terminology and are not yet confirmed from a screenshot. "Correlation ID" is the same value under the
 * name the service's tables use (and some clients' support pages).
 *
 * The "Error code" / "Extended error code" labels of the same dialog live in `shared/detect/labels.ts`.
 */

/** Lower-case; a space means "optional whitespace". */
export const ACTIVITY_ID_LABELS: readonly string[] = [
  'activity id',
  'activity-id',
  'activity_id',
  'correlation id',
  'correlation-id',
  'correlation_id',
  'aktivitäts-id',
  'aktivitäts id',
  'aktivitaets-id',
  'korrelations-id',
  "id d'activité",
  'id d’activité',
  "id de l'activité",
  'id de l’activité',
  "identificateur d'activité",
  'id. de actividad',
  'id de actividad',
  'identificador de actividad',
  'id attività',
  "id dell'attività",
  'id da atividade',
  'id de atividade',
  'activiteits-id',
  'activiteit-id',
  'identyfikator działania',
  'id działania',
  'идентификатор действия',
  'アクティビティ id',
  'アクティビティ識別子',
  '活动 id',
  '活動 id',
  '活動識別碼',
  '활동 id',
];

/** Lower-case; a space means "optional whitespace". Longer labels are tried first. */
export const TIMESTAMP_LABELS: readonly string[] = [
  'timestamp (utc)',
  'timestamp',
  'time stamp (utc)',
  'time stamp',
  'time (utc)',
  'zeitstempel (utc)',
  'zeitstempel',
  'horodatage (utc)',
  'horodatage',
  'marca de tiempo (utc)',
  'marca de tiempo',
  'data e ora (utc)',
  'carimbo de data/hora (utc)',
  'carimbo de data/hora',
  'tijdstempel (utc)',
  'tijdstempel',
  'sygnatura czasowa (utc)',
  'znacznik czasu (utc)',
  'метка времени (utc)',
  'метка времени',
  'タイムスタンプ (utc)',
  'タイムスタンプ',
  '时间戳 (utc)',
  '时间戳',
  '時間戳記 (utc)',
  '時間戳記',
  '타임스탬프 (utc)',
  '타임스탬프',
];

/** Labels of other identifiers printed as GUIDs: a GUID after one of these is not an Activity ID. */
export const OTHER_ID_WORDS: readonly string[] = [
  'tenant',
  'subscription',
  'session',
  'object',
  'client',
  'app',
  'application',
  'workspace',
  'device',
  'request',
  'user',
  'resource',
  'host pool',
  'cloud pc',
  'vm',
  'machine',
  'trace',
];

/**
 * Ready-to-run Log Analytics (KQL) queries for one Azure Virtual Desktop Activity ID, over the tables the
 * AVD diagnostics feature writes — `WVDConnections`, `WVDCheckpoints`, `WVDErrors` — joined on
 * `CorrelationId`, and the Azure CLI form of each (`az monitor log-analytics query`).
 *
 * Columns used (Azure Monitor Logs table reference): all three tables have TimeGenerated, CorrelationId,
 * UserName, _ResourceId, Type; WVDConnections State, SessionHostName, ClientOS, ClientType,
 * ClientVersion, GatewayRegion; WVDCheckpoints Name, Source, Parameters; WVDErrors Source, Code,
 * CodeSymbolic, Message, Operation, ServiceError. Table-specific columns are read through
 * `column_ifexists()` so the query still runs when a diagnostic category (e.g. Checkpoint) is not enabled
 * and its table does not exist (`union isfuzzy=true` skips it).
 *
 * Values are never pasted into a query as written: the Activity ID must be a GUID (checked), the
 * timestamp an instant (re-printed by `Date`), and a user name is written as a KQL string literal with
 * its backslashes and quotes escaped and control characters refused.
 */
import { normalizeGuid } from './guid.js';

export class KqlValueError extends Error {
  constructor(
    readonly code: 'invalid-activity-id' | 'invalid-timestamp' | 'invalid-user-name' | 'invalid-workspace-id',
    message: string,
  ) {
    super(message);
  }
}

/**
 * A KQL string literal for `value`: double quotes, with `\` and `"` escaped (KQL string rules). Control
 * characters (newlines included) are refused: no real user principal name has one, and a query that
 * looks different from what it does is worse than no query.
 */
export function kqlString(value: string): string {
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(value)) {
    throw new KqlValueError('invalid-user-name', 'The value contains control characters; it cannot go into a query.');
  }
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `datetime(…)` for an instant given as ISO 8601; refuses anything `Date` cannot read. */
export function kqlDatetime(iso: string, shiftMs = 0): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t) || !/^\d{4}-\d{2}-\d{2}T/.test(iso)) {
    throw new KqlValueError('invalid-timestamp', `"${iso}" is not an ISO 8601 instant.`);
  }
  return `datetime(${new Date(t + shiftMs).toISOString()})`;
}

function activity(id: string): string {
  const g = normalizeGuid(id);
  if (!g) throw new KqlValueError('invalid-activity-id', 'The Activity ID is not a GUID.');
  return g;
}

const HOUR = 3_600_000;
/**
 * Window around the dialog's timestamp. The connection record's "Started" row is written when the
 * connection began — up to a whole session before the error the dialog reports — and rows reach the
 * workspace minutes after the event, so the window reaches a day back and two hours forward.
 */
export const WINDOW_BEFORE_MS = 24 * HOUR;
export const WINDOW_AFTER_MS = 2 * HOUR;
/** Without a timestamp the CorrelationId alone selects the rows; this bounds the scan. */
export const NO_TIMESTAMP_LOOKBACK = '30d';

export interface CorrelationQueryInput {
  /** The Activity ID (GUID). */
  activityId: string;
  /** The dialog's timestamp as ISO 8601 UTC, when known. */
  timestampIso?: string | null;
}

function timeFilter(timestampIso: string | null | undefined): string {
  return timestampIso
    ? `| where TimeGenerated between (${kqlDatetime(timestampIso, -WINDOW_BEFORE_MS)} .. ${kqlDatetime(timestampIso, WINDOW_AFTER_MS)})`
    : `| where TimeGenerated > ago(${NO_TIMESTAMP_LOOKBACK})`;
}

/** Everything the service logged for this Activity ID: the connection record, its checkpoints and its errors, in time order. */
export function correlationQuery(input: CorrelationQueryInput): string {
  const id = activity(input.activityId);
  return [
    `// Azure Virtual Desktop: connection record, checkpoints and errors of Activity ID ${id}`,
    `let activityId = ${kqlString(id)};`,
    'union isfuzzy=true WVDConnections, WVDCheckpoints, WVDErrors',
    timeFilter(input.timestampIso),
    '| where CorrelationId =~ activityId',
    '| extend State = column_ifexists("State", ""), Checkpoint = column_ifexists("Name", ""),',
    '    Source = column_ifexists("Source", ""), CodeSymbolic = column_ifexists("CodeSymbolic", ""),',
    '    Code = column_ifexists("Code", long(null)), ServiceError = column_ifexists("ServiceError", bool(null)),',
    '    Message = column_ifexists("Message", ""), Operation = column_ifexists("Operation", ""),',
    '    SessionHostName = column_ifexists("SessionHostName", ""), ClientOS = column_ifexists("ClientOS", ""),',
    '    ClientType = column_ifexists("ClientType", ""), ClientVersion = column_ifexists("ClientVersion", ""),',
    '    Parameters = column_ifexists("Parameters", dynamic(null))',
    '| project TimeGenerated, Type, State, Checkpoint, Source, CodeSymbolic, Code, ServiceError, Message, Operation,',
    '    SessionHostName, ClientOS, ClientType, ClientVersion, UserName, _ResourceId, Parameters',
    '| order by TimeGenerated asc',
  ].join('\n');
}

export interface ScopeQueryInput extends CorrelationQueryInput {
  /** The user, when known (from pasted rows); otherwise the query takes it from the Activity ID's own rows. */
  userName?: string;
}

/**
 * The 24 hours around the failure in the same host pool (the `_ResourceId` of the Activity ID's rows):
 * per error, how many connections and users had it and whether this user is among them — one user, or
 * everyone.
 */
export function scopeQuery(input: ScopeQueryInput): string {
  const id = activity(input.activityId);
  const window = input.timestampIso
    ? `| where TimeGenerated between (${kqlDatetime(input.timestampIso, -WINDOW_BEFORE_MS + WINDOW_AFTER_MS)} .. ${kqlDatetime(input.timestampIso, WINDOW_AFTER_MS)})`
    : '| where TimeGenerated > ago(24h)';
  const ref = [
    'let ref = union isfuzzy=true WVDConnections, WVDErrors',
    timeFilter(input.timestampIso),
    '| where CorrelationId =~ activityId',
    '| summarize arg_max(TimeGenerated, UserName, _ResourceId);',
  ];
  return [
    `// Azure Virtual Desktop: the same host pool in the 24 hours up to the failure of Activity ID ${id} — one user or everyone?`,
    `let activityId = ${kqlString(id)};`,
    ...ref,
    input.userName !== undefined
      ? `let user = ${kqlString(input.userName)};`
      : 'let user = toscalar(ref | project UserName);',
    'let pool = toscalar(ref | project _ResourceId);',
    'WVDErrors',
    window,
    '| where _ResourceId =~ pool',
    '| summarize Connections = dcount(CorrelationId), Users = dcount(UserName),',
    '    ThisUserConnections = dcountif(CorrelationId, UserName =~ user), LastSeen = max(TimeGenerated)',
    '    by CodeSymbolic, ServiceError, Source',
    '| extend Scope = case(Users > 1, "several users", ThisUserConnections > 0, "this user only", "another user")',
    '| order by Users desc, Connections desc',
  ].join('\n');
}

/** A string for a POSIX shell (bash, zsh, Azure Cloud Shell): single quotes, an inner quote as '\''. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Placeholder written when no workspace id is configured; the command is then incomplete. */
export const WORKSPACE_PLACEHOLDER = 'WORKSPACE-ID';

/**
 * The Log Analytics workspace id (the workspace's "Workspace ID" GUID, its `customerId`), canonical, or
 * null when `value` is not one.
 */
export function normalizeWorkspaceId(value: string): string | null {
  return normalizeGuid(value);
}

/**
 * The query on one line: comment lines dropped, line breaks and indentation made single spaces. Safe for
 * the queries written here: no string literal in them can hold a line break (`kqlString` refuses it).
 */
export function oneLineKql(kql: string): string {
  return kql
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('//'))
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}

/**
 * `az monitor log-analytics query` for a query, on one line, for a POSIX shell (Azure Cloud Shell Bash,
 * macOS, Linux, WSL).
 */
export function azCliCommand(kql: string, workspaceId?: string | null): string {
  let ws = WORKSPACE_PLACEHOLDER;
  if (workspaceId) {
    const g = normalizeWorkspaceId(workspaceId);
    if (!g) throw new KqlValueError('invalid-workspace-id', 'The Log Analytics workspace id is not a GUID.');
    ws = g;
  }
  return `az monitor log-analytics query --workspace ${ws} --analytics-query ${shellQuote(oneLineKql(kql))}`;
}

/** `/subscriptions/…/resourceGroups/…/providers/Microsoft.OperationalInsights/workspaces/…` */
const WORKSPACE_RESOURCE_RE =
  /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[-\w.()]{1,90}\/providers\/Microsoft\.OperationalInsights\/workspaces\/[-\w]{4,63}$/i;

/** The workspace's Azure resource id, trimmed, or null when `value` does not have that exact shape. */
export function normalizeWorkspaceResourceId(value: string): string | null {
  const v = value.trim().replace(/\/+$/, '');
  return WORKSPACE_RESOURCE_RE.test(v) && normalizeGuid(v.split('/')[2] ?? '') ? v : null;
}

/**
 * The Azure portal's Logs blade on the workspace with the query filled in. The portal addresses a
 * workspace by its resource id, not by its workspace-id GUID, so the link needs that (from Options).
 */
export function portalLogsLink(kql: string, workspaceResourceId: string): string | null {
  const rid = normalizeWorkspaceResourceId(workspaceResourceId);
  if (!rid) return null;
  return `https://portal.azure.com/#blade/Microsoft_Azure_Monitoring_Logs/LogsBlade/resourceId/${encodeURIComponent(rid)}/source/LogsBlade.AnalyticsShareLinkToQuery/query/${encodeURIComponent(kql)}`;
}

/**
 * From a pasted Azure Virtual Desktop / Windows 365 error to the service's own logs: the Activity ID and
 * timestamp of each dialog, the ready-to-run queries for them (KQL and Azure CLI, a portal link when the
 * workspace is configured), the `WVDErrors` rows pasted back, and who owns the fix. One call for the
 * CLI, the popup and the card. Pure: no browser or Node APIs; nothing is sent anywhere.
 */
import type { Actor } from '../catalog/types.js';
import { nearestEvent } from './attach.js';
import { type ActivityField, findActivityFields } from './dialog-fields.js';
import {
  azCliCommand,
  correlationQuery,
  normalizeWorkspaceId,
  normalizeWorkspaceResourceId,
  portalLogsLink,
  scopeQuery,
} from './kql.js';
import { decideOwner, type OwnerRanking, type OwnerVerdict, rankFixesByOwner, supportCaseSteps } from './owner.js';
import { type ParsedRows, parseWvdErrorRows, type WvdErrorRow } from './wvd-rows.js';

export type { ActivityField } from './dialog-fields.js';
export type { OwnerVerdict } from './owner.js';
export type { ParsedRows, WvdErrorRow } from './wvd-rows.js';

/** The workspace the person chose to remember in Options (both optional; validated before use). */
export interface AvdWorkspace {
  /** The Log Analytics "Workspace ID" (a GUID): completes the Azure CLI command. */
  workspaceId?: string | null;
  /** The workspace's Azure resource id: makes the portal link. */
  workspaceResourceId?: string | null;
}

export interface AvdQuery {
  /** What it answers, one line. */
  title: string;
  kql: string;
  /** `az monitor log-analytics query …` for a POSIX shell (Azure Cloud Shell Bash). */
  azCli: string;
  /** Azure portal Logs with the query filled in, when the workspace resource id is configured. */
  portalUrl: string | null;
}

export interface AvdActivity {
  activityId: string;
  /** `label` ("Activity ID: …"), `context` (a GUID with Remote Desktop words near it), `rows` (pasted WVDErrors rows). */
  how: ActivityField['how'] | 'rows';
  timestamp: { raw: string; iso: string | null; note?: string } | null;
  /** Index of the event (same dialog) it belongs to, or null. */
  event: number | null;
  correlation: AvdQuery;
  scope: AvdQuery;
  owner: OwnerVerdict;
  /** The event's fixes ranked by the owner (empty when no event). */
  ranking: OwnerRanking;
  /** Steps of the support case, when the service owns the failure. */
  supportCase: string[] | null;
}

export interface AvdReport {
  activities: AvdActivity[];
  /** The WVDErrors rows found in the text, when any. */
  rows: ParsedRows | null;
  /** True when the CLI command carries a real workspace id (not the placeholder). */
  workspaceComplete: boolean;
}

/** What this module needs from the detector's explanation (structural, so either shape of events fits). */
export interface ExplanationLike {
  detections: readonly {
    span: readonly [number, number];
    namespace: string;
    name: string | null;
    entry: { actor: Actor };
  }[];
  events: readonly { detections: readonly number[]; fixes: readonly string[] }[];
}

/** The event whose codes are nearest to the block (within one dialog's reach), or null. */
function eventOf(block: readonly [number, number], ex: ExplanationLike): number | null {
  return nearestEvent(block, ex.detections, ex.events);
}

function query(title: string, kql: string, ws: AvdWorkspace): AvdQuery {
  const id = ws.workspaceId ? normalizeWorkspaceId(ws.workspaceId) : null;
  const rid = ws.workspaceResourceId ? normalizeWorkspaceResourceId(ws.workspaceResourceId) : null;
  return { title, kql, azCli: azCliCommand(kql, id), portalUrl: rid ? portalLogsLink(kql, rid) : null };
}

/**
 * Every Activity ID in the text (dialogs, bare GUIDs near Remote Desktop words, pasted WVDErrors rows),
 * each with its queries, its owner and its event's fixes ranked by that owner.
 */
export function analyzeAvd(
  text: string,
  ex: ExplanationLike,
  ws: AvdWorkspace = {},
  whereOf: (fixId: string) => string | undefined = () => undefined,
): AvdReport {
  const fields = findActivityFields(text);
  const rows = parseWvdErrorRows(text);
  const rowList: readonly WvdErrorRow[] = rows?.rows ?? [];
  const found: Found[] = fields.map((f) => ({
    activityId: f.activityId,
    how: f.how,
    field: f,
  }));
  for (const r of rowList) {
    if (r.correlationId && !found.some((f) => f.activityId === r.correlationId)) {
      found.push({ activityId: r.correlationId, how: 'rows' });
    }
  }
  const workspaceComplete = ws.workspaceId ? normalizeWorkspaceId(ws.workspaceId) !== null : false;
  const activities = found.map((f) => activityOf(f, found.length, rowList, ex, ws, whereOf));
  return { activities, rows, workspaceComplete };
}

/** An Activity ID found in the text: how, and the field it stood in when it was one. */
type Found = { activityId: string; how: AvdActivity['how']; field?: ActivityField };

/** The time of the failure: the field's own, else the first row's of this Activity ID. */
function timestampOf(field: ActivityField | undefined, rowList: readonly WvdErrorRow[], activityId: string) {
  const ts = field?.timestamp;
  const rowTime = rowList.find((r) => r.correlationId === activityId && r.timeGenerated)?.timeGenerated;
  const rowIso = rowTime && Number.isFinite(Date.parse(rowTime)) ? new Date(Date.parse(rowTime)).toISOString() : null;
  return ts
    ? { raw: ts.raw, iso: ts.iso, ...(ts.note ? { note: ts.note } : {}) }
    : rowTime
      ? { raw: rowTime, iso: rowIso }
      : null;
}

/** One Activity ID's report: its time, event, owner, fixes by owner and the two queries. */
function activityOf(
  { activityId, how, field }: Found,
  foundCount: number,
  rowList: readonly WvdErrorRow[],
  ex: ExplanationLike,
  ws: AvdWorkspace,
  whereOf: (fixId: string) => string | undefined,
): AvdActivity {
  const timestamp = timestampOf(field, rowList, activityId);
  const event = field ? eventOf(field.block, ex) : null;
  const ev = event === null ? undefined : ex.events[event];
  const catalogue = (ev?.detections ?? [])
    .map((i) => ex.detections[i])
    .filter((d) => d !== undefined && d.namespace === 'avd' && d.name)
    .map((d) => ({ name: d!.name as string, actor: d!.entry.actor }));
  // Rows without a CorrelationId column belong to the Activity ID only when there is just one.
  const mine = rowList.filter((r) => r.correlationId === activityId || (!r.correlationId && foundCount === 1));
  const owner = decideOwner({ activityId, rows: mine, catalogue });
  const ranking = rankFixesByOwner(ev?.fixes ?? [], owner, whereOf);
  const iso = timestamp?.iso ?? null;
  // A user name that cannot be a KQL string (control characters) is left for the query to look up itself.
  const userName = mine.find((r) => r.userName && !/[\u0000-\u001f\u007f\u2028\u2029]/.test(r.userName))?.userName;
  return {
    activityId,
    how,
    timestamp,
    event,
    correlation: query(
      'Everything the service logged for this Activity ID (connection record, checkpoints, errors)',
      correlationQuery({ activityId, timestampIso: iso }),
      ws,
    ),
    scope: query(
      'The same host pool in the 24 hours up to the failure: one user or everyone?',
      scopeQuery({ activityId, timestampIso: iso, ...(userName ? { userName } : {}) }),
      ws,
    ),
    owner,
    ranking,
    supportCase: ranking.supportCaseFirst ? supportCaseSteps(activityId, iso) : null,
  };
}

/**
 * The Azure Virtual Desktop fields of a Remote Desktop client dialog: the Activity ID (a GUID, the
 * service's `CorrelationId`) and the Timestamp (UTC) printed with "Error code" / "Extended error code" by
 * Windows App, the Remote Desktop client (MSRDC), the web client and the macOS / iOS / Android apps.
 * A GUID without a label counts only when Remote Desktop / AVD words are near it (a pasted log holds
 * tenant, session and object ids too). Pure: no browser or Node APIs.
 */
import { type ContextIndex, indexContext, near } from '../detect/context.js';
import { ACTIVITY_ID_LABELS, OTHER_ID_WORDS, TIMESTAMP_LABELS } from './dialog-labels.js';
import { GUID_IN_TEXT_RE, NIL_GUID, normalizeGuid } from './guid.js';
import { type ParsedTimestamp, parseDialogTimestamp, TIMESTAMP_VALUE_RE } from './timestamp.js';

export interface ActivityField {
  /** The Activity ID, canonical (lower case, no braces): the `CorrelationId` of the service's logs. */
  activityId: string;
  /** How it was recognised: after an "Activity ID" label, or a bare GUID with Remote Desktop words near it. */
  how: 'label' | 'context';
  /** The label as written, when there is one. */
  label?: string;
  /** UTF-16 offsets `[start, end)` of the GUID as written (braces included). */
  span: [number, number];
  /** The dialog's "Timestamp (UTC)" near it, when there is one. */
  timestamp?: ParsedTimestamp & { span: [number, number]; label: string };
  /** Offsets covering the label(s) and values of the block: used to join it to the codes of the same dialog. */
  block: [number, number];
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const labelPattern = (labels: readonly string[]) =>
  [...labels]
    .sort((a, b) => b.length - a.length)
    .map((l) => esc(l).replace(/ /g, '\\s*'))
    .join('|');

/** Label, then separators (":", "：", "=", spaces, an opening bracket), at the end of the look-behind window. */
const ACTIVITY_LABEL_END_RE = new RegExp(`(${labelPattern(ACTIVITY_ID_LABELS)})[\\s:：=#*"'\\[(]*$`, 'i');
const OTHER_ID_END_RE = new RegExp(`(?:${labelPattern(OTHER_ID_WORDS)})[\\s_-]*(?:id|guid)[\\s:：=#*"'\\[(]*$`, 'i');
const TIMESTAMP_LABEL_RE = new RegExp(`(${labelPattern(TIMESTAMP_LABELS)})[\\s:：=*]*`, 'giu');

/** How far before a GUID its label may start. */
const LABEL_LOOKBACK = 48;
/** How far from the Activity ID the Timestamp of the same dialog may be. */
const BLOCK_RADIUS = 400;
/** How near Remote Desktop / AVD words must be to a GUID without a label. */
const BARE_GUID_RADIUS = 200;

const isLetter = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);
const isCjk = (ch: string) => /[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch);

function labelBefore(text: string, start: number): { label: string; at: number } | null {
  const from = Math.max(0, start - LABEL_LOOKBACK);
  const window = text.slice(from, start);
  const m = ACTIVITY_LABEL_END_RE.exec(window);
  if (!m || m[1] === undefined) return null;
  const at = from + m.index;
  // The label must start a word ("Activity ID", not "XActivity ID"); CJK labels have no word breaks.
  if (!isCjk(m[1][0] ?? '') && isLetter(text[at - 1])) return null;
  return { label: m[1], at };
}

function timestampNear(text: string, lo: number, hi: number, pos: number): ActivityField['timestamp'] | undefined {
  const from = Math.max(0, lo);
  const to = Math.min(text.length, hi);
  const window = text.slice(from, to);
  let best: ActivityField['timestamp'] | undefined;
  let bestDist = Number.POSITIVE_INFINITY;
  TIMESTAMP_LABEL_RE.lastIndex = 0;
  for (let m = TIMESTAMP_LABEL_RE.exec(window); m !== null; m = TIMESTAMP_LABEL_RE.exec(window)) {
    const labelAt = from + m.index;
    if (!isCjk(m[1]?.[0] ?? '') && isLetter(text[labelAt - 1])) continue;
    const valueAt = from + m.index + m[0].length;
    TIMESTAMP_VALUE_RE.lastIndex = valueAt;
    const v = TIMESTAMP_VALUE_RE.exec(text);
    if (!v) continue;
    const dist = Math.abs(labelAt - pos);
    if (dist < bestDist) {
      bestDist = dist;
      best = { ...parseDialogTimestamp(v[0]), span: [valueAt, valueAt + v[0].length], label: m[1] ?? '' };
    }
  }
  return best;
}

export interface FindActivityOptions {
  /** Stop after this many Activity IDs (pages). Default 50. */
  max?: number;
}

/**
 * Every Activity ID in the text, each with the Timestamp of its dialog when there is one. The same GUID
 * written twice is reported once (its first occurrence).
 */
export function findActivityFields(text: string, opts: FindActivityOptions = {}): ActivityField[] {
  const max = opts.max ?? 50;
  const out: ActivityField[] = [];
  const seen = new Set<string>();
  let ctx: ContextIndex | undefined;
  GUID_IN_TEXT_RE.lastIndex = 0;
  for (let m = GUID_IN_TEXT_RE.exec(text); m !== null && out.length < max; m = GUID_IN_TEXT_RE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    // Part of a longer token (a hex run, a path segment, a URL): not a GUID of its own.
    if (/[0-9A-Za-z_/=.-]/.test(text[start - 1] ?? '') || /[0-9A-Za-z_/]/.test(text[end] ?? '')) continue;
    const id = normalizeGuid(m[1] ?? '');
    if (!id || id === NIL_GUID || seen.has(id)) continue;
    const label = labelBefore(text, start);
    let how: ActivityField['how'] = 'label';
    if (!label) {
      const window = text.slice(Math.max(0, start - LABEL_LOOKBACK), start);
      if (OTHER_ID_END_RE.test(window)) continue;
      ctx ??= indexContext(text);
      if (!near(ctx, 'rdp', start, BARE_GUID_RADIUS) && !near(ctx, 'avd', start, BARE_GUID_RADIUS)) continue;
      how = 'context';
    }
    seen.add(id);
    const labelAt = label?.at ?? start;
    const timestamp = timestampNear(text, labelAt - BLOCK_RADIUS, end + BLOCK_RADIUS, labelAt);
    const block: [number, number] = [
      Math.min(labelAt, timestamp?.span[0] ?? labelAt),
      Math.max(end, timestamp?.span[1] ?? end),
    ];
    out.push({
      activityId: id,
      how,
      ...(label ? { label: label.label } : {}),
      span: [start, end],
      ...(timestamp ? { timestamp } : {}),
      block,
    });
  }
  return out;
}

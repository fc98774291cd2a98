/**
 * Joins each dialog's Activity ID and timestamp to the event of the codes printed in the same dialog.
 * Structural types only, so the detector's events module can call it without a cycle.
 */
import { type ActivityField, findActivityFields } from './dialog-fields.js';

/** A dialog's codes and its Activity ID are this close at most. */
export const SAME_DIALOG = 600;

export interface SpanLike {
  span: readonly [number, number];
}

function gap(a: readonly [number, number], b: readonly [number, number]): number {
  return a[1] < b[0] ? b[0] - a[1] : b[1] < a[0] ? a[0] - b[1] : 0;
}

/** Index of the event whose codes are nearest to the block (within one dialog's reach), or null. */
export function nearestEvent(
  block: readonly [number, number],
  detections: readonly SpanLike[],
  events: readonly { detections: readonly number[] }[],
): number | null {
  let best: number | null = null;
  let bestGap = SAME_DIALOG + 1;
  events.forEach((ev, i) => {
    for (const d of ev.detections) {
      const det = detections[d];
      if (!det) continue;
      const g = gap(block, det.span);
      if (g < bestGap) {
        bestGap = g;
        best = i;
      }
    }
  });
  return best;
}

export interface EventActivity {
  /** The dialog's Activity ID (the service's `CorrelationId`), canonical GUID. */
  activityId?: string;
  /** The dialog's "Timestamp (UTC)": as written, and as ISO 8601 UTC when the form is unambiguous. */
  timestamp?: { raw: string; iso: string | null };
}

/**
 * Sets `activityId` / `timestamp` on the event each dialog's codes belong to (the first Activity ID of
 * a dialog wins). Returns the fields found, for callers that also want the unattached ones.
 */
export function attachActivityFields(
  text: string,
  detections: readonly SpanLike[],
  events: readonly (EventActivity & { detections: readonly number[] })[],
): ActivityField[] {
  const fields = findActivityFields(text);
  for (const f of fields) {
    const i = nearestEvent(f.block, detections, events);
    const ev = i === null ? undefined : events[i];
    if (!ev || ev.activityId) continue;
    ev.activityId = f.activityId;
    if (f.timestamp) ev.timestamp = { raw: f.timestamp.raw, iso: f.timestamp.iso };
  }
  return fields;
}

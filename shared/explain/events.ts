/**
 * Detections → events, each with its catalogue entry resolved. A paired "Error code" + "Extended error
 * code" is one event; the same code repeated (a FreeRDP log retrying twenty times) is one event with a
 * count. This is what every UI prints. It imports the full catalogue (summaries), so content scripts
 * that only highlight codes should import `detect/index.js` instead. It sits above detect/ and avd/
 * (it attaches a dialog's Activity ID to its event), so neither of those imports it.
 */
import { attachActivityFields, type EventActivity } from '../avd/attach.js';
import type { UnknownEntry } from '../catalog/index.js';
import { codeHeading, describeUnknown, lookup, lookupByName, shownCode } from '../catalog/index.js';
import type { Actor, CatalogEntry, Namespace } from '../catalog/types.js';
import { detect } from '../detect/index.js';
import type { Detection, DetectionConfidence, DetectOptions } from '../detect/types.js';

export interface ExplainedDetection extends Detection {
  /** The catalogue entry, or the "not in the catalogue" description (its `unknown` is true). */
  entry: CatalogEntry | UnknownEntry;
  /** The entry's one plain sentence. */
  summary: string;
}

export interface DetectionEvent extends EventActivity {
  /** Indexes into the detections array, first occurrence first (a pair lists the error code, then the extended code). */
  detections: number[];
  /** Short heading: `Error code 0x904 + Extended error code 0x7`, `ERRCONNECT_LOGON_FAILURE`, … */
  title: string;
  /** Plain meaning of the whole event. */
  summary: string;
  /** Who must act (from the most specific part of the event). */
  actor: Actor;
  /** Cause ids, most specific part first, without duplicates. */
  causes: string[];
  /** Fix ids, most specific part first, without duplicates. */
  fixes: string[];
  /** Check ids that confirm or rule out the causes. */
  checks: string[];
  confidence: DetectionConfidence;
  /** How many times this same event occurs in the text. */
  count: number;
  /** True when every part of the event is a normal outcome, not a failure. */
  notAnError: boolean;
  /** True when some part is not in the catalogue. */
  hasUnknown: boolean;
  /**
   * Indexes of code detections whose meaning a message of the same dialog replaces (mstsc's "An
   * internal error has occurred" + Error code 0x4: the message says what happened, not 0x4's table entry).
   */
  superseded?: number[];
}

export interface Explanation {
  detections: ExplainedDetection[];
  events: DetectionEvent[];
}

const RANK: Record<DetectionConfidence, number> = { high: 2, medium: 1, low: 0 };

/** The catalogue entry behind one detection. */
export function resolveEntry(d: Detection): CatalogEntry | UnknownEntry {
  if (d.form === 'name' || d.form === 'message') {
    const byName = d.name
      ? lookupByName(d.name).find((e) => e.namespace === d.namespace && e.code >>> 0 === d.code)
      : undefined;
    if (byName) return byName;
  }
  return lookup(d.namespace, d.code) ?? describeUnknown(d.namespace, d.code);
}

export function explainDetections(detections: readonly Detection[]): ExplainedDetection[] {
  return detections.map((d) => {
    const entry = resolveEntry(d);
    const unknown = 'unknown' in entry && entry.unknown === true;
    const confidence: DetectionConfidence = entry.confidence === 'low' && !unknown ? 'low' : d.confidence;
    return {
      ...d,
      name: unknown ? d.name : entry.name,
      confidence,
      entry,
      summary: entry.summary,
    };
  });
}

function uniq(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

function partTitle(d: ExplainedDetection): string {
  const shown = shownCode(d);
  if (d.label) {
    const code = shown ?? d.name ?? '';
    // A name that already carries the label ("RD Gateway error 23003") is the title on its own.
    return code.toLowerCase().startsWith(d.label.toLowerCase()) ? code : `${d.label} ${code}`.trim();
  }
  if (d.form === 'message') return `"${d.raw.length > 60 ? `${d.raw.slice(0, 57)}…` : d.raw}"`;
  // No label as written: the family and the code head the title, the symbolic name follows.
  if (d.name) return codeHeading(d.namespace, shown, d.name);
  return d.name ?? shown ?? d.raw;
}

function isNoInfo(d: { namespace: Namespace; code: number }): boolean {
  return d.code === 0 && (d.namespace === 'extended-reason' || d.namespace === 'disconnect-reason');
}

/** One part of an event: a code of a family with its entry and the sentence said for it. */
export interface EventPart {
  namespace: Namespace;
  code: number;
  entry: CatalogEntry | UnknownEntry;
  summary: string;
}

/** The parts that speak, most specific first: the extended code unless it says "no information". */
function speaking<P extends EventPart>(parts: readonly P[]): P[] {
  return [...parts.filter((p) => !isNoInfo(p))].reverse();
}

/**
 * The plain meaning of codes read together (an error code and its extended code): the most specific
 * part speaks first, and an unknown part never speaks for a known one. The CLI, the popup and the
 * in-page card all say a pair's meaning through this.
 */
export function pairMeaning(parts: readonly EventPart[]): { summary: string; actor: Actor } {
  const ordered = speaking(parts);
  const lead = ordered[0] ?? (parts[0] as EventPart);
  return {
    summary: uniq((ordered.length > 0 ? ordered : parts).map((p) => [p.summary])).join(' '),
    // An event of unknown parts only has actor `unknown`.
    actor: (ordered.find((p) => !('unknown' in p.entry)) ?? lead).entry.actor,
  };
}

function buildEvent(all: readonly ExplainedDetection[], idx: number[]): DetectionEvent {
  const parts = idx.map((i) => all[i] as ExplainedDetection);
  const ordered = speaking(parts);
  return {
    detections: idx,
    title: parts.map(partTitle).join(' + '),
    ...pairMeaning(parts),
    causes: uniq(ordered.map((p) => p.entry.causes)),
    fixes: uniq((ordered.length > 0 ? ordered : parts).map((p) => p.entry.fixes)),
    checks: uniq(ordered.map((p) => p.entry.checks)),
    confidence: parts.reduce<DetectionConfidence>((c, p) => (RANK[p.confidence] > RANK[c] ? p.confidence : c), 'low'),
    count: 1,
    notAnError: parts.every((p) => p.entry.notAnError === true || isNoInfo(p)),
    hasUnknown: parts.some((p) => 'unknown' in p.entry),
  };
}

/**
 * Groups explained detections into events: pairs become one event, repeats are counted, not listed.
 * A message text that says the same as a code found elsewhere adds nothing and is folded into it.
 */
export function groupEvents(detections: readonly ExplainedDetection[]): DetectionEvent[] {
  const byKey = new Map<string, DetectionEvent>();
  const firstAt = new Map<DetectionEvent, number>();
  const used = new Set<number>();
  const keyOf = (idx: number[]) => idx.map((j) => `${detections[j]?.namespace}:${detections[j]?.code}`).join('+');
  for (const pass of ['codes', 'messages'] as const) {
    detections.forEach((d, i) => {
      if (used.has(i) || (d.form === 'message') !== (pass === 'messages')) return;
      const idx = [i];
      if (d.pairedWith !== undefined && d.pairedWith > i) idx.push(d.pairedWith);
      for (const j of idx) used.add(j);
      const key = keyOf(idx);
      const seen = byKey.get(key);
      if (seen) {
        if (pass === 'codes') seen.count += 1;
        return;
      }
      const ev = buildEvent(detections, idx);
      byKey.set(key, ev);
      firstAt.set(ev, d.span[0]);
    });
  }
  const events = [...byKey.values()].sort((a, b) => (firstAt.get(a) ?? 0) - (firstAt.get(b) ?? 0));
  return mergeDialogs(detections, events);
}

/** Characters between a dialog's message and its codes ("Error code: …" lines under the text). */
const DIALOG_GAP = 600;

const isMessageEvent = (all: readonly ExplainedDetection[], e: DetectionEvent) =>
  e.detections.every((i) => all[i]?.form === 'message');
const startOf = (all: readonly ExplainedDetection[], e: DetectionEvent) =>
  Math.min(...e.detections.map((i) => all[i]?.span[0] ?? 0));
const endOf = (all: readonly ExplainedDetection[], e: DetectionEvent) =>
  Math.max(...e.detections.map((i) => all[i]?.span[1] ?? 0));

/**
 * One dialog is one event: a message and the codes printed under it (within {@link DIALOG_GAP}
 * characters, no other message between) become one event, and the message picks the meaning.
 */
function mergeDialogs(all: readonly ExplainedDetection[], events: DetectionEvent[]): DetectionEvent[] {
  const out: DetectionEvent[] = [];
  const taken = new Set<DetectionEvent>();
  events.forEach((m, i) => {
    if (taken.has(m)) return;
    if (!isMessageEvent(all, m) || m.count > 1) {
      out.push(m);
      return;
    }
    const end = endOf(all, m);
    const next = events.slice(i + 1).find((e) => !taken.has(e));
    const codes =
      next && !isMessageEvent(all, next) && next.count === 1 && startOf(all, next) - end <= DIALOG_GAP
        ? next
        : undefined;
    if (!codes) {
      out.push(m);
      return;
    }
    taken.add(codes);
    const own = new Set(m.causes);
    // A code whose uncertain table meaning contradicts the message (no cause in common) gives way to the
    // message: mstsc's internal error + 0x4 is not 0x4's macOS time-limit meaning. A code that agrees adds its causes.
    const superseded = codes.detections.filter((j) => {
      const d = all[j];
      if (!d || isNoInfo(d)) return false;
      const uncertain = d.confidence === 'low' || d.entry.confidence === 'low';
      return uncertain && d.entry.causes.length > 0 && !d.entry.causes.some((c) => own.has(c));
    });
    const kept = codes.detections.filter((j) => !superseded.includes(j)).map((j) => all[j]!);
    out.push({
      ...m,
      detections: [...m.detections, ...codes.detections],
      title: `${m.title} + ${codes.title}`,
      causes: uniq([m.causes, ...kept.map((d) => d.entry.causes)]),
      fixes: uniq([m.fixes, ...kept.map((d) => d.entry.fixes)]),
      checks: uniq([m.checks, codes.checks]),
      confidence: RANK[codes.confidence] > RANK[m.confidence] ? codes.confidence : m.confidence,
      hasUnknown: m.hasUnknown || codes.hasUnknown,
      ...(superseded.length > 0 ? { superseded } : {}),
    });
  });
  return out;
}

/** Only spaces and the opening of a parenthesis, bracket or "=" between a code and its restatement. */
const RESTATES = /^[\s([{:=]*$/;

/**
 * One occurrence per code as written: a code followed by its own name ("Error code 0x904
 * (disconnectReasonAtClientWinsockFDCLOSE)", as RDP Doctor and many logs write it) is one code, not
 * the same code twice. The name's detection goes; pairs keep pointing at their partners.
 */
export function withoutRestatements(text: string, detections: readonly Detection[]): Detection[] {
  const drop = new Set<number>();
  for (let i = 1; i < detections.length; i++) {
    const a = detections[i - 1] as Detection;
    const b = detections[i] as Detection;
    if (drop.has(i - 1) || a.namespace !== b.namespace || a.code !== b.code) continue;
    if (a.form === 'message' || b.form === 'message' || (a.form === 'name') === (b.form === 'name')) continue;
    if (!RESTATES.test(text.slice(a.span[1], b.span[0]))) continue;
    drop.add(b.form === 'name' ? i : i - 1);
  }
  if (drop.size === 0) return [...detections];
  const newIndex = new Map<number, number>();
  detections.forEach((_, i) => {
    if (!drop.has(i)) newIndex.set(i, newIndex.size);
  });
  return detections
    .filter((_, i) => !drop.has(i))
    .map((d) => {
      const { pairedWith, ...rest } = d;
      const to = pairedWith === undefined ? undefined : newIndex.get(pairedWith);
      return to === undefined ? rest : { ...rest, pairedWith: to };
    });
}

/** Text → explained detections and events: the one call the CLI, popup and card make. */
export function explainText(text: string, opts?: DetectOptions): Explanation {
  const detections = explainDetections(withoutRestatements(text, detect(text, opts)));
  const events = groupEvents(detections);
  // Azure Virtual Desktop dialogs: the Activity ID and timestamp stay with the dialog's codes.
  attachActivityFields(text, detections, events);
  return { detections, events };
}

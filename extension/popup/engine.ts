/**
 * The popup's one door to the shared engine: detector + catalogue (explain), diagnosis (rank fixes)
 * and the Markdown report. Wiring a shared module is a change here. It runs in the popup's reading
 * worker (`reader.worker.ts`), never on the page's thread: a 2 MB paste must not freeze the popup.
 */
import { type AvdWorkspace, analyzeAvd } from '../../shared/avd/index.js';
import { getCause } from '../../shared/catalog/causes.js';
import { lookup, NAMESPACE_TITLES } from '../../shared/catalog/index.js';
import {
  type DetectionInput,
  diagnose as diagnose_,
  diagnosisInputs,
  toMarkdown,
} from '../../shared/diagnose/index.js';
import { type DetectionEvent, type Explanation, explainText as explainShared } from '../../shared/explain/events.js';
import { getFix } from '../../shared/fixes/library.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import { MAX_EXPLAIN_CHARS } from './limits.js';
import type { AvdView, CodeView, DiagnosisView, EventView, FixView } from './model.js';

export { MAX_EXPLAIN_CHARS };

function eventKey(ex: Explanation, ev: DetectionEvent): string {
  return ev.detections.map((i) => `${ex.detections[i]?.namespace}-${ex.detections[i]?.code}`).join('_');
}

function toView(ex: Explanation, ev: DetectionEvent): EventView {
  const codes: CodeView[] = ev.detections.flatMap((i) => {
    const d = ex.detections[i];
    if (!d) return [];
    const unknown = 'unknown' in d.entry && d.entry.unknown === true;
    return [
      {
        namespace: d.namespace,
        namespaceTitle: NAMESPACE_TITLES[d.namespace],
        hex: d.hex,
        decimal: d.hex === null ? null : d.code >>> 0,
        name: unknown ? null : d.entry.name,
        source: d.entry.source,
        confidence: unknown ? 'unknown' : d.entry.confidence,
        raw: d.raw,
        unknown,
      },
    ];
  });
  return {
    key: eventKey(ex, ev),
    title: ev.title,
    summary: ev.summary,
    actor: ev.actor,
    causes: ev.causes.map((id) => ({ id, title: getCause(id)?.title ?? id })),
    codes,
    notAnError: ev.notAnError,
    fixes: ev.fixes,
  };
}

/** One reading of a text: its explanation, the events the popup shows and the detections the diagnosis takes. */
export interface ReadText {
  /** The text as read (up to {@link MAX_EXPLAIN_CHARS}). */
  text: string;
  explanation: Explanation;
  events: EventView[];
  inputs: DetectionInput[];
}

/**
 * Reads `text` once: finds its RDP codes and explains each event; everything else the popup shows about
 * the text (diagnosis, Azure Virtual Desktop queries) is derived from this reading, never from another
 * scan. `assumeRdp`: the person gave this text on purpose (false for a page's text, read cautiously).
 */
export function readText(text: string, assumeRdp = true): ReadText {
  const t = text.slice(0, MAX_EXPLAIN_CHARS);
  const explanation = explainShared(t, { assumeRdp });
  return {
    text: t,
    explanation,
    events: explanation.events.map((ev) => toView(explanation, ev)),
    inputs: diagnosisInputs(explanation),
  };
}

/** Finds the RDP codes in `text` and explains each detected event. `assumeRdp`: the person gave this text on purpose. */
export function explainText(text: string, assumeRdp = true): EventView[] {
  return readText(text, assumeRdp).events;
}

function offsetPairs(list: readonly DetectionInput[], offset: number): DetectionInput[] {
  return list.map((d) => (d.pairedWith === undefined ? d : { ...d, pairedWith: d.pairedWith + offset }));
}

/**
 * Ranks causes and fixes from the pasted text (read as RDP text on purpose), the active page's text
 * (read cautiously) and the check results; builds the Markdown report for a ticket.
 */
export function diagnoseRead(
  pasted: ReadText | null,
  page: ReadText | null,
  results: readonly CheckResult[],
  target: string | null,
  versions: Record<string, string> = {},
): DiagnosisView {
  const a = pasted?.inputs ?? [];
  const b = page?.inputs ?? [];
  const detections = [...a, ...offsetPairs(b, a.length)];
  if (detections.length === 0 && results.length === 0) return { verdict: '', fixes: [], causes: [], report: '' };
  const d = diagnose_({
    detections,
    checkResults: results,
    text: `${pasted?.text ?? ''}\n${page?.text ?? ''}`.slice(0, MAX_EXPLAIN_CHARS),
    lookup,
    now: new Date(),
  });
  const fixes: FixView[] = d.fixes.map((f) => ({
    id: f.id,
    title: f.title,
    why: f.why,
    steps: f.steps,
    commands: f.commands,
    where: f.where,
    risk: f.risk,
    reversible: f.reversible,
  }));
  const causes = d.causes
    .filter((c) => !c.ruledOut)
    .slice(0, 5)
    .map((c) => ({ id: c.id, title: c.title, level: c.level, evidence: c.basis.slice(0, 2) }));
  const report = toMarkdown(d, { ...(target ? { target } : {}), versions });
  return { verdict: d.verdict.text, fixes, causes, report };
}

/** {@link diagnoseRead} of two texts not read yet. */
export function diagnose(
  pasted: string,
  pageText: string,
  results: readonly CheckResult[],
  target: string | null,
  versions: Record<string, string> = {},
): DiagnosisView {
  return diagnoseRead(readText(pasted, true), pageText ? readText(pageText, false) : null, results, target, versions);
}

/**
 * Azure Virtual Desktop: the Activity IDs in the read text with their ready queries (filled with the
 * remembered workspace), who owns the fix and the titles of the fixes named, from `shared/avd`.
 */
export function avdOf(read: ReadText, ws: AvdWorkspace): AvdView {
  const report = analyzeAvd(read.text, read.explanation, ws, (id) => getFix(id)?.where);
  const fixTitles: Record<string, string> = {};
  for (const a of report.activities) for (const f of a.ranking.fixes) fixTitles[f] = getFix(f)?.title ?? f;
  return { report, fixTitles };
}

/**
 * The popup's one door to the shared engine: detector + catalogue (explain), diagnosis (rank fixes)
 * and the Markdown report. The UI imports only this file, so wiring a shared module is a change here; it
 * loads it through `lazy-engine.ts`, as a chunk of its own after the first paint.
 */
import { type AvdReport, type AvdWorkspace, analyzeAvd } from '../../shared/avd/index.js';
import { getCause } from '../../shared/catalog/causes.js';
import { lookup, NAMESPACE_TITLES } from '../../shared/catalog/index.js';
import {
  type DetectionInput,
  detectForDiagnosis,
  diagnose as diagnose_,
  toMarkdown,
} from '../../shared/diagnose/index.js';
import { type DetectionEvent, type Explanation, explainText as explainShared } from '../../shared/explain/events.js';
import { getFix } from '../../shared/fixes/library.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import { MAX_EXPLAIN_CHARS } from './limits.js';
import type { CodeView, DiagnosisView, EventView, FixView } from './model.js';

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

/** Finds the RDP codes in `text` and explains each detected event. `assumeRdp`: the person gave this text on purpose. */
export function explainText(text: string, assumeRdp = true): EventView[] {
  const ex = explainShared(text.slice(0, MAX_EXPLAIN_CHARS), { assumeRdp });
  return ex.events.map((ev) => toView(ex, ev));
}

function offsetPairs(list: readonly DetectionInput[], offset: number): DetectionInput[] {
  return list.map((d) => (d.pairedWith === undefined ? d : { ...d, pairedWith: d.pairedWith + offset }));
}

/**
 * Ranks causes and fixes from the pasted text (read as RDP text on purpose), the active page's text
 * (read cautiously) and the check results; builds the Markdown report for a ticket.
 */
export function diagnose(
  pasted: string,
  pageText: string,
  results: readonly CheckResult[],
  target: string | null,
  versions: Record<string, string> = {},
): DiagnosisView {
  const a = detectForDiagnosis(pasted.slice(0, MAX_EXPLAIN_CHARS), true);
  const b = pageText ? detectForDiagnosis(pageText.slice(0, MAX_EXPLAIN_CHARS), false) : [];
  const detections = [...a, ...offsetPairs(b, a.length)];
  if (detections.length === 0 && results.length === 0) return { verdict: '', fixes: [], causes: [], report: '' };
  const d = diagnose_({
    detections,
    checkResults: results,
    text: `${pasted}\n${pageText}`.slice(0, MAX_EXPLAIN_CHARS),
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

/**
 * Azure Virtual Desktop: the Activity IDs in the pasted text with their ready queries (filled with the
 * remembered workspace) and who owns the fix, from `shared/avd`.
 */
/** A fix's title (its id when unknown). */
export function fixTitle(id: string): string {
  return getFix(id)?.title ?? id;
}

export function analyzeAvdText(text: string, ws: AvdWorkspace): AvdReport {
  const t = text.slice(0, MAX_EXPLAIN_CHARS);
  return analyzeAvd(t, explainShared(t, { assumeRdp: true }), ws, (id) => getFix(id)?.where);
}

/**
 * The popup's one door to the shared engine: detector + catalogue (explain), diagnosis (rank fixes)
 * and the Markdown report. The UI imports only this file, so wiring a shared module is a change here.
 */
import { getCause } from '../../shared/catalog/causes.js';
import { NAMESPACE_TITLES } from '../../shared/catalog/index.js';
import { type DetectionEvent, type Explanation, explainText as explainShared } from '../../shared/detect/events.js';
import { getFix } from '../../shared/fixes/library.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import type { CodeView, DiagnosisView, EventView, FixView } from './model.js';

/** Longest text explained at once, in characters (bounded work per keystroke). */
export const MAX_EXPLAIN_CHARS = 100_000;

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

function fixView(id: string, why: string): FixView | null {
  const f = getFix(id);
  if (!f) return null;
  return {
    id: f.id,
    title: f.title,
    why,
    steps: f.steps,
    commands: f.commands,
    where: f.where,
    risk: f.risk,
    reversible: f.reversible,
  };
}

/** Ranks fixes from the explained events and the check results; builds the report. */
export function diagnose(
  events: readonly EventView[],
  results: readonly CheckResult[],
  target: string | null,
): DiagnosisView {
  const fixes: FixView[] = [];
  const seen = new Set<string>();
  for (const ev of events) {
    for (const id of ev.fixes) {
      if (seen.has(id)) continue;
      const v = fixView(id, `suggested for ${ev.title}`);
      if (v) {
        seen.add(id);
        fixes.push(v);
      }
    }
  }
  return { fixes, report: markdownReport(events, results, target, fixes) };
}

/** Markdown report for a ticket: events, check results with evidence, ranked fixes. */
function markdownReport(
  events: readonly EventView[],
  results: readonly CheckResult[],
  target: string | null,
  fixes: readonly FixView[],
): string {
  if (events.length === 0 && results.length === 0) return '';
  const lines: string[] = ['# RDP Doctor report', ''];
  for (const ev of events) lines.push(`## ${ev.title}`, '', ev.summary, '', `Who must act: ${ev.actor}`, '');
  if (results.length > 0) {
    lines.push(`## Checks against ${target ?? 'the server'}`, '');
    for (const r of results) {
      lines.push(`- **${r.checkId}**: ${r.status} — ${r.summary}`);
      for (const f of r.findings) lines.push(`  - ${f.severity}: ${f.summary}`);
    }
    lines.push('');
  }
  if (fixes.length > 0) {
    lines.push('## Fixes, most likely first', '');
    fixes.forEach((f, i) => {
      lines.push(`${i + 1}. ${f.title} (${f.why})`);
    });
  }
  return `${lines.join('\n')}\n`;
}

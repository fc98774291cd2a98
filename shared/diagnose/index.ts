/**
 * RDP Doctor's diagnosis: detections + check results → causes → ranked fixes, and the report.
 * Pure: no browser or Node APIs; the CLI and the extension call the same functions.
 */
import { lookup } from '../catalog/index.js';
import { type Explanation, explainText } from '../explain/events.js';
import type { CheckResult } from '../protocol/results.js';
import { diagnose } from './diagnose.js';
import type { DetectionInput, Diagnosis } from './types.js';

export { diagnose } from './diagnose.js';
export type { ReportOptions, Versions } from './report.js';
export { toJson, toMarkdown } from './report.js';
export type * from './types.js';

export interface DiagnoseTextOptions {
  /** The time the report is for (default: now). */
  now?: Date;
  /** The platform of the computer the checks ran on as the client, when they ran. */
  clientPlatform?: string;
  /**
   * True (default): the text was given on purpose, so it is Remote Desktop context. False: the text
   * is a page that may be about anything, and a code counts only with RDP words near it.
   */
  assumeRdp?: boolean;
}

/**
 * Detects the codes in `text` and diagnoses them against the check results, resolving codes with
 * the catalogue.
 */
export function diagnoseText(
  text: string,
  checkResults: readonly CheckResult[] = [],
  options: DiagnoseTextOptions = {},
): Diagnosis {
  const { now, clientPlatform, assumeRdp = true } = options;
  const detections = detectForDiagnosis(text, assumeRdp);
  return diagnose({
    detections,
    checkResults,
    text,
    lookup,
    ...(now ? { now } : {}),
    ...(clientPlatform ? { clientPlatform } : {}),
  });
}

/**
 * The fixes of one event (its codes' causes and fixes), in the order of the one ranking: the
 * per-event list is a filter of the overall list, never a second ranking.
 */
export function fixesForEvent(
  d: Diagnosis,
  event: { causes: readonly string[]; fixes: readonly string[] },
): Diagnosis['fixes'] {
  return d.fixes.filter((f) => event.fixes.includes(f.id) || f.causes.some((c) => event.causes.includes(c)));
}

/**
 * The detections of `text` as the diagnosis takes them: one dialog is one event, so a code whose
 * meaning the dialog's message replaces is marked `superseded` (listed, but adds no causes).
 */
export function detectForDiagnosis(text: string, assumeRdp: boolean): DetectionInput[] {
  return diagnosisInputs(explainText(text, { assumeRdp }));
}

/** The detections of an explanation already made, as the diagnosis takes them (see {@link detectForDiagnosis}). */
export function diagnosisInputs(ex: Explanation): DetectionInput[] {
  const superseded = new Set(ex.events.flatMap((e) => e.superseded ?? []));
  return ex.detections.map(({ entry, summary: _summary, ...d }, i) => {
    // The entry the detector resolved (by name where the text gave one): several Azure Virtual Desktop
    // names share one number, so looking the number up again could take another name's causes.
    const resolved = 'unknown' in entry ? {} : { entry };
    return superseded.has(i) ? { ...d, ...resolved, superseded: true } : { ...d, ...resolved };
  });
}

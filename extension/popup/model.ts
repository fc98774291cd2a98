/**
 * What the popup shows, independent of how the shared engine computes it. The engine adapter
 * (engine.ts) turns detector, catalogue and diagnosis output into these shapes.
 */
import type { AvdReport } from '../../shared/avd/index.js';
import type { Actor } from '../../shared/catalog/types.js';
import type { FixCommand, FixRisk, FixWhere } from '../../shared/fixes/types.js';

/** One code inside an event, for the collapsed technical details. */
export interface CodeView {
  namespace: string;
  /** Plain title of the code family. */
  namespaceTitle: string;
  /** `0x904`, or null for name-only codes. */
  hex: string | null;
  /** Unsigned decimal value, or null for name-only codes. */
  decimal: number | null;
  /** Symbolic name, e.g. `SSL_ERR_CERT_EXPIRED`; null when unknown. */
  name: string | null;
  /** Public source of the meaning. */
  source: string;
  /** `documented` / `observed` / `low`, or `unknown` when not in the catalogue. */
  confidence: string;
  /** The text as written on the page or in the paste. */
  raw: string;
  /** True when the code is not in the catalogue. */
  unknown: boolean;
}

/** One detected event ("Error code 0x904 + Extended error code 0x7" is one event). */
export interface EventView {
  /** Stable key for lists. */
  key: string;
  /** Short heading, e.g. `Error code 0x904 + Extended error code 0x7`. */
  title: string;
  /** The plain sentence. */
  summary: string;
  actor: Actor;
  /** Likely causes, most likely first. */
  causes: { id: string; title: string }[];
  codes: CodeView[];
  /** True when the event reports a normal event, not a failure. */
  notAnError: boolean;
  /** Fix ids without evidence, most helpful first. */
  fixes: string[];
}

/** One ranked fix. */
export interface FixView {
  id: string;
  title: string;
  /** Why it is ranked here (the evidence or the codes that put it there). */
  why: string;
  steps: string[];
  commands: FixCommand[];
  where: FixWhere;
  risk: FixRisk;
  reversible: boolean;
}

/** A cause the diagnosis still considers, with its level and the evidence for it. */
export interface CauseView {
  id: string;
  title: string;
  /** `confirmed` / `likely` / `possible`. */
  level: string;
  evidence: string[];
}

export interface DiagnosisView {
  /** One line: what the evidence establishes (empty when there is nothing to diagnose). */
  verdict: string;
  fixes: FixView[];
  /** Leading causes, most likely first (ruled-out and unlikely ones left out). */
  causes: CauseView[];
  /** Markdown report for tickets. */
  report: string;
}

/** Azure Virtual Desktop activities of a pasted text, with the titles of the fixes they name. */
export interface AvdView {
  report: AvdReport;
  /** Fix id → title (its id when the library has no such fix). */
  fixTitles: Record<string, string>;
}

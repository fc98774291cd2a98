/**
 * Input and output of the diagnosis. Pure types: no browser or Node APIs. The output is the same in the
 * CLI (`--json`) and the extension.
 */
import type { CatalogEntry, Namespace } from '../catalog/types.js';
import type { Fix } from '../fixes/types.js';
import type { CheckResult, CheckStatus } from '../protocol/results.js';

/** A code found in text: the detector's `Detection` fits, as does a hand-made `{namespace, code}`. */
export interface DetectionInput {
  namespace: Namespace;
  /** Unsigned 32-bit value. */
  code: number;
  /** Symbolic name when known. */
  name?: string | null;
  /** Hex as written by the detector (`0x904`); derived from `code` when absent. */
  hex?: string | null;
  /** Detector confidence; `high` when absent. */
  confidence?: 'high' | 'medium' | 'low';
  /** Index of the detection this one is paired with ("Error code" ↔ "Extended error code"). */
  pairedWith?: number;
  /** The catalogue entry, when the caller already resolved it. */
  entry?: CatalogEntry;
  /** A message of the same dialog gives the meaning: this code is listed but adds no causes. */
  superseded?: boolean;
}

export interface DiagnoseInput {
  detections: readonly DetectionInput[];
  checkResults?: readonly CheckResult[];
  /** The raw text the detections came from; well-known message wording adds to the priors. */
  text?: string;
  /** Resolves a detection to its catalogue entry when `entry` is not given (e.g. the catalogue's `lookup`). */
  lookup?: (namespace: Namespace, code: number) => CatalogEntry | undefined;
  /** Time of the diagnosis (ISO in the output); defaults to the epoch so that output is reproducible. */
  now?: Date;
  /** Platform of the computer the person connects from (`win32`, `darwin`, `linux`), when known. */
  clientPlatform?: string;
}

export interface DiagnosedDetection {
  namespace: Namespace;
  code: number;
  hex: string;
  name: string | null;
  /** The catalogue's plain sentence, or a "not in the catalogue" sentence. */
  summary: string;
  confidence: 'high' | 'medium' | 'low';
  /** False when the catalogue does not hold this code. */
  known: boolean;
  /** Cause ids the catalogue lists for it, most likely first. */
  causes: string[];
}

/**
 * What the evidence says of a cause: `confirmed` (a fact directly establishes it), `consistent` (facts
 * fit it and also fit others), `not-checked` (no check saw the relevant thing; only codes or text
 * suggest it), `ruled-out` (a fact observed the contrary).
 */
export type CauseStateName = 'confirmed' | 'consistent' | 'not-checked' | 'ruled-out';
export interface DiagnosedCause {
  id: string;
  title: string;
  /** Share among the live causes, 0..1 (0 when ruled out): orders causes; shown only for consistent and not-checked ones. */
  likelihood: number;
  state: CauseStateName;
  /** The reported error points at it (its codes, wording or a sibling cause), or nothing was reported. */
  related: boolean;
  /** Set when a failing step before it (no name, no answer) keeps it from being checked or fixed yet: the line saying so. */
  blockedBy?: string;
  /** Same as `state`. */
  level: CauseStateName;
  /** The facts that establish (confirmed), fit (consistent) or suggest (not checked) it, strongest first. */
  basis: string[];
  /** One line per piece of evidence, e.g. "Error code 0x904 (disconnectReasonAtClientWinsockFDCLOSE) lists it" or a finding summary. */
  evidenceFor: string[];
  evidenceAgainst: string[];
  ruledOut: boolean;
}

/** A fix of the library as the ranking places it: the fix's own fields, and why it stands where it does. */
export interface RankedFix
  extends Pick<Fix, 'title' | 'where' | 'risk' | 'reversible' | 'steps' | 'commands' | 'source'> {
  id: string;
  /** One line: why this fix is at this place, naming the cause it serves and the fact behind it. */
  why: string;
  /** Causes it addresses (not ruled out), most likely first. */
  causes: string[];
  /** The cause that placed it (the first of `causes`), or null for a fix offered for a code in general. */
  serves: string | null;
  /** False for a fix whose context the case lacks (it sits in `otherFixes`, never in the top three). */
  applicable: boolean;
}

export interface NextCheck {
  checkId: string;
  /** One line: which leading causes it decides between. */
  why: string;
  /** The causes whose likelihood its result would change. */
  decides: string[];
}

export interface ConsideredCheck {
  checkId: string;
  status: CheckStatus;
  summary: string;
}

/** One line that says what the evidence shows, first on every screen. */
export interface Verdict {
  text: string;
  /** The cause it names, if any. */
  causeId: string | null;
  state: CauseStateName | 'none';
}

export interface Diagnosis {
  verdict: Verdict;
  detections: DiagnosedDetection[];
  /** Confirmed first, then consistent and not-checked by likelihood; ruled-out causes last. */
  causes: DiagnosedCause[];
  /** Fixes that fit the case, best first. */
  fixes: RankedFix[];
  /** Fixes for live causes whose context the case lacks (e.g. Azure-only), each with why it is not above. */
  otherFixes: RankedFix[];
  nextChecks: NextCheck[];
  checks: ConsideredCheck[];
  generatedAt: string;
}

/**
 * Input and output of the diagnosis. Pure types: no browser or Node APIs. The output is the same in the
 * CLI (`--json`) and the extension.
 */
import type { CatalogEntry, Namespace } from '../catalog/types.js';
import type { FixCommand, FixRisk, FixWhere } from '../fixes/types.js';
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

export type LikelihoodLevel = 'confirmed' | 'likely' | 'possible' | 'unlikely' | 'ruled-out';

export interface DiagnosedCause {
  id: string;
  title: string;
  /** Posterior share among the causes considered, 0..1 (0 when ruled out). */
  likelihood: number;
  level: LikelihoodLevel;
  /** One line per piece of evidence, e.g. "Error code 0x904 (disconnectReasonAtClientWinsockFDCLOSE) lists it" or a finding summary. */
  evidenceFor: string[];
  evidenceAgainst: string[];
  ruledOut: boolean;
}

export interface RankedFix {
  id: string;
  title: string;
  /** One line: why this fix is at this place. */
  why: string;
  /** Causes it addresses (not ruled out), most likely first. */
  causes: string[];
  where: FixWhere;
  risk: FixRisk;
  reversible: boolean;
  steps: string[];
  commands: FixCommand[];
  source: string;
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

export interface Diagnosis {
  detections: DiagnosedDetection[];
  /** Best first; ruled-out causes last. */
  causes: DiagnosedCause[];
  /** Best first. */
  fixes: RankedFix[];
  nextChecks: NextCheck[];
  checks: ConsideredCheck[];
  generatedAt: string;
}

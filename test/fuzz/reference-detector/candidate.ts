/**
 * What the detector's per-candidate decisions produce, and the context questions they ask (answered by
 * `scanner.ts`). Shared by the name, number and message decisions.
 */
import type { Namespace } from '../../../shared/catalog/types.js';
import type { DetectionConfidence, ValueForm } from '../../../shared/detect/types.js';
import type { HintKind } from './context.js';
import type { FoundLabel } from './labels-match.js';

/** How far (characters) RDP words count as context for a value. */
export const CONTEXT_RADIUS = 600;
/** Tighter radius for unlabeled short values such as `0x204`. */
export const NEAR_RADIUS = 200;

export interface Candidate {
  namespace: Namespace;
  code: number;
  start: number;
  end: number;
  form: ValueForm;
  confidence: DetectionConfidence;
  label?: FoundLabel;
  /** Kept only when paired with an extended code or when RDP context is present. */
  needsPairOrContext?: boolean;
  named?: string;
  nameOnly?: boolean;
}

/** The questions a decision asks about the text around a position. */
export interface Surroundings {
  readonly text: string;
  /** Is `code` a catalogue code of `ns`? */
  known(ns: Namespace, code: number): boolean;
  /** Remote Desktop words within `radius`, and no other product's error closer? */
  hasContext(pos: number, radius?: number): boolean;
  /** Another product's error, or a crash dump, closer than any Remote Desktop word? */
  blocked(pos: number): boolean;
  /** A hint word of `kind` within `radius`? */
  near(kind: HintKind, pos: number, radius: number): boolean;
}

/**
 * What the popup and its reading worker (`reader.worker.ts`) say to each other. Each text carries a
 * version the popup gives it when it changes; the text itself crosses only once per worker, and every
 * answer names the versions it was computed for, so the popup never shows an answer about another text
 * as current.
 */
import type { AvdWorkspace } from '../../shared/avd/index.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import type { AvdView, DiagnosisView, EventView } from './model.js';

/** A text the worker reads: its version, and the text when the worker has not seen this version yet. */
export interface TextSlot {
  version: number;
  text?: string;
}

/** Everything the popup's results depend on, as of now. */
export interface ReadRequest {
  seq: number;
  /** The pasted text (read as Remote Desktop text on purpose). */
  pasted: TextSlot;
  /** The active page's text (read cautiously). */
  page: TextSlot;
  results: readonly CheckResult[];
  /** Version of `results`, target and versions together (the diagnosis's other inputs). */
  checksVersion: number;
  target: string | null;
  versions: Record<string, string>;
  workspace: AvdWorkspace;
  /** Version of `workspace`. */
  workspaceVersion: number;
}

/** What the worker is doing now, for the popup's progress line. */
export type ReadStep = 'codes' | 'page' | 'avd' | 'fixes';

export type ReadAnswer =
  | { kind: 'step'; seq: number; step: ReadStep; characters: number }
  | { kind: 'events'; version: number; events: EventView[] }
  | { kind: 'page'; version: number; events: EventView[] }
  | { kind: 'avd'; version: number; workspaceVersion: number; avd: AvdView }
  | {
      kind: 'diagnosis';
      pastedVersion: number;
      pageVersion: number;
      checksVersion: number;
      diagnosis: DiagnosisView;
    }
  /** Done with every request up to `seq`. */
  | { kind: 'idle'; seq: number }
  | { kind: 'failed'; seq: number; message: string };

/**
 * Types of the detector: text in, detections out. Pure types: no browser or Node APIs.
 */
import type { Namespace } from '../catalog/types.js';

export type DetectionConfidence = 'high' | 'medium' | 'low';

/** One RDP-related code (or well-known message) found in text. */
export interface Detection {
  /** Code family the value belongs to, decided from labels and context before decoding. */
  namespace: Namespace;
  /** Numeric value as an unsigned 32-bit integer; for name-only codes the catalogue's stable number. */
  code: number;
  /** `code` as hex (`0x904`, `0x80090302`); null for name-only codes and for families written in decimal (`AADSTS50076`, RD Gateway `23003`): show `displayCode()` then. */
  hex: string | null;
  /** Symbolic name from the catalogue (or as written in the text); null when the value is not in the catalogue. */
  name: string | null;
  /** UTF-16 offsets `[start, end)` of the text this detection covers (label excluded). */
  span: [number, number];
  /** How sure the detector is: `high` label + context + known value, `medium` inferred, `low` typo/guess/undocumented. */
  confidence: DetectionConfidence;
  /** Index (in the returned array) of the detection this one is paired with: "Error code" ↔ "Extended error code". */
  pairedWith?: number;
  /** The label text that decided the namespace, as written (e.g. `Extended error code`, `Fehlercode`). */
  label?: string;
  /** The text of the span, as written. */
  raw: string;
  /** How the value was read: `hex`, `decimal`, `signed`, `composite` (FreeRDP class<<16|type), `decimal-as-hex` (the FreeRDP proxy trap), `typo`, `name`, `message`. */
  form: ValueForm;
  /** True when the value is not in the catalogue (shown as "not in the catalogue" with its hex). */
  unknown?: boolean;
}

export type ValueForm = 'hex' | 'decimal' | 'signed' | 'composite' | 'decimal-as-hex' | 'typo' | 'name' | 'message';

export interface DetectOptions {
  /**
   * The person gave this text to RDP Doctor on purpose (pasted in the popup, selected + "Explain this error",
   * `rdp-doctor explain`): the whole text counts as RDP context. Pages scanned automatically leave this off.
   */
  assumeRdp?: boolean;
  /** Stop after this many detections (content scripts on huge pages). Default 500. */
  maxDetections?: number;
}

/** A well-known message text recognised without a code. */
export interface MessageRule {
  /** The message as it appears (any case; whitespace and apostrophe variants are tolerated). */
  text: string;
  namespace: Namespace;
  code: number;
  /** Symbolic name, or '' to take the catalogue's name for the code. */
  name: string;
  /** A generic headline: reported only with RDP words nearby. */
  generic?: boolean;
}

/** What the detector needs to know about the catalogue: compact, built once. */
export interface DetectorData {
  /** Known numeric codes per namespace → symbolic name (name-only entries are not here). */
  codes: ReadonlyMap<Namespace, ReadonlyMap<number, string>>;
  /** Symbolic names (exact spelling, plus aliases) → where they live. */
  names: ReadonlyMap<string, { namespace: Namespace; code: number; name: string; nameOnly?: boolean }>;
  /** Codes whose meaning is undocumented/uncertain (shown with low confidence). Key `namespace:code`. */
  lowConfidence: ReadonlySet<string>;
  /** Message texts recognised without a code. */
  messages: readonly MessageRule[];
  /** Names (upper-case) that unrelated software also uses (SEC_E_*, STATUS_*, generic words): need RDP context. */
  contextNames: ReadonlySet<string>;
}

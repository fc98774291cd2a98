/**
 * Helpers that keep the per-family data files short and typed: cause, fix and check ids are
 * checked by the compiler, and each family states its default source and confidence once.
 */
import type { FixId } from '../fixes/ids.js';
import type { CheckId } from '../protocol/checks.js';
import type { CauseId } from './causes.js';
import type { Actor, CatalogEntry, EntryConfidence, Namespace } from './types.js';

/** Ids of the checks a catalogue entry may point to: the one check registry's. */
export { CHECK_IDS, type CheckId } from '../protocol/checks.js';

export { NAME_ONLY_CODE_BASE } from './types.js';

/** Everything about an entry except what the family or the call already gives. */
export interface EntrySpec {
  actor: Actor;
  causes?: readonly CauseId[];
  fixes?: readonly FixId[];
  checks?: readonly CheckId[];
  aliases?: readonly string[];
  source?: string;
  confidence?: EntryConfidence;
  notAnError?: boolean;
  nameOnly?: boolean;
  labelOnly?: boolean;
  nameNeedsContext?: boolean;
}

export interface FamilyDefaults {
  source: string;
  confidence: EntryConfidence;
  /** Default for {@link CatalogEntry.nameNeedsContext} (Windows-wide names such as SEC_E_* or STATUS_*). */
  nameNeedsContext?: boolean;
}

/** Returns a builder for entries of one namespace. */
export function family(namespace: Namespace, defaults: FamilyDefaults) {
  return (code: number, name: string, summary: string, spec: EntrySpec): CatalogEntry => {
    const entry: CatalogEntry = {
      namespace,
      code,
      name,
      summary,
      actor: spec.actor,
      causes: [...(spec.causes ?? [])],
      fixes: [...(spec.fixes ?? [])],
      checks: [...(spec.checks ?? [])],
      source: spec.source ?? defaults.source,
      confidence: spec.confidence ?? defaults.confidence,
    };
    if (spec.aliases && spec.aliases.length > 0) entry.aliases = [...spec.aliases];
    if (spec.notAnError) entry.notAnError = true;
    if (spec.nameOnly) entry.nameOnly = true;
    if (spec.labelOnly) entry.labelOnly = true;
    if (spec.nameNeedsContext ?? defaults.nameNeedsContext) entry.nameNeedsContext = true;
    return entry;
  };
}

/** Converts a signed 32-bit value (as AVD diagnostics print HRESULTs) to the unsigned form the catalogue stores. */
export function u32(n: number): number {
  return n >>> 0;
}

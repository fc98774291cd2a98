/**
 * GUIDs as the Remote Desktop clients print them ("Activity ID: 7de2ad3f-5d6c-…", sometimes in braces)
 * and as Log Analytics stores them (`CorrelationId`). Pure: no browser or Node APIs.
 */

/** One GUID in text: 8-4-4-4-12 hex digits, optionally in braces. Deterministic, no backtracking. */
export const GUID_IN_TEXT_RE = /\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?/g;

const EXACT_GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The canonical form (lower case, no braces, no spaces) of a GUID, or null when `value` is not exactly
 * one GUID. Everything that goes into a query passes through here first.
 */
export function normalizeGuid(value: string): string | null {
  const v = value
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .toLowerCase();
  return EXACT_GUID_RE.test(v) ? v : null;
}

/** The all-zero GUID: a client that had no activity to report prints it; it identifies nothing. */
export const NIL_GUID = '00000000-0000-0000-0000-000000000000';

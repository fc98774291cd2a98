/**
 * Longest text explained at once, in characters: a whole pasted log (2 MB logs included). The detector is
 * linear, so a large paste costs time in proportion; only text past this is skipped, and the popup says so.
 * (Its own module: the popup's first paint needs it, not the engine, which loads after that paint.)
 */
export const MAX_EXPLAIN_CHARS = 8_000_000;

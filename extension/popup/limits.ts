/**
 * Longest text explained at once, in characters: a whole pasted log (2 MB logs included). The detector is
 * linear, so a large paste costs time in proportion; only text past this is skipped, and the popup says so.
 * (Its own module: the popup's first paint needs it, not the engine, which loads after that paint.)
 */
export const MAX_EXPLAIN_CHARS = 8_000_000;

/**
 * Longest text kept in the paste box itself, in characters. A longer one (a whole log) is held beside it:
 * laying out megabytes of text in a text box blocks the page for a second or more, whoever reads it.
 */
export const LARGE_TEXT_CHARS = 100_000;

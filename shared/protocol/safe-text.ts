/**
 * The one sanitiser for text a server controls (NTLM names, certificate subjects, banners, HTTP
 * replies) on its way to a person: a terminal, a Markdown ticket, a table, a spreadsheet. Control
 * characters (C0, DEL, C1 — ESC and CSI start terminal escape sequences), bidirectional overrides
 * and isolates (which reorder what is shown), line and paragraph separators, invisible format
 * characters and lone surrogates are replaced by visible escapes such as `\x1B` or `\u202E`, so the
 * text can neither rewrite the screen nor disguise itself, and what was sent stays readable.
 *
 * JSON output keeps the exact value; this is for formats meant for people only. Pure.
 */

/** Every code point {@link safeText} escapes. */
export const UNSAFE_TEXT =
  /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visible(ch: string): string {
  const c = ch.charCodeAt(0);
  return c <= 0xff
    ? `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`
    : `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** One line of server-controlled text, safe to show: every unsafe character (newlines too) becomes a visible escape. */
export function safeText(value: unknown): string {
  const s = typeof value === 'string' ? value : String(value);
  return s.replace(UNSAFE_TEXT, visible);
}

/**
 * A whole report meant for people, safe to print: like {@link safeText} but keeps the report's own
 * line breaks and tabs. Applied at the output boundary, after each server value was already passed
 * through {@link safeText} where it was inserted, so a value cannot forge a line of its own.
 */
export function safeBlock(text: string): string {
  return text.replace(UNSAFE_TEXT, (ch) => (ch === '\n' || ch === '\t' ? ch : visible(ch)));
}

/** The lines of a check result that people read (summary, reason, finding summaries), each made safe; evidence stays exact. */
export function forPeople<T extends { summary: string; reason?: string; findings: { summary: string }[] }>(c: T): T {
  return {
    ...c,
    summary: safeText(c.summary),
    ...(c.reason === undefined ? {} : { reason: safeText(c.reason) }),
    findings: c.findings.map((f) => ({ ...f, summary: safeText(f.summary) })),
  };
}

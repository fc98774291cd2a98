/**
 * The "Timestamp (UTC)" value of a Remote Desktop client dialog, read into an instant. The clients print
 * it in several forms: ISO 8601 (`2024-05-06T10:11:12.345Z`, Windows App), `05/06/24 10:11:12 AM`
 * (US short date), `2024-05-06 10:11:12 +0000` (macOS), `6.5.2024 10:11:12` (German dates),
 * `2024/05/06 10:11:12` (East Asian dates). A day/month order that the text cannot decide is kept as
 * written and not turned into an instant: a wrong window would hide the very rows the query looks for.
 */

export interface ParsedTimestamp {
  /** The value as written. */
  raw: string;
  /** The instant as ISO 8601 UTC (`2024-05-06T10:11:12.345Z`), or null when the form is ambiguous or invalid. */
  iso: string | null;
  /** Why `iso` is null (ambiguous day/month order, impossible date). */
  note?: string;
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;
const YMD_SLASH_RE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UTC|GMT)?$/i;
const DMY_OR_MDY_RE =
  /^(\d{1,2})([/.])(\d{1,2})\2(\d{2}|\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?\s*(Z|UTC|GMT)?$/;

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMin: number) {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms) - offsetMin * 60_000;
  const back = new Date(Date.UTC(y, mo - 1, d));
  if (back.getUTCDate() !== d) return null;
  return new Date(t).toISOString();
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || /^(z|utc|gmt)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return 0;
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}

/** Reads a dialog timestamp; the dialog labels it UTC, so a value without a zone is taken as UTC. */
export function parseDialogTimestamp(raw: string): ParsedTimestamp {
  const v = raw.trim();
  const bad = (note: string): ParsedTimestamp => ({ raw: v, iso: null, note });
  let m = ISO_RE.exec(v);
  if (m) {
    const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
    const iso = build(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0), ms, offsetMinutes(m[8]));
    return iso ? { raw: v, iso } : bad('not a valid date');
  }
  m = YMD_SLASH_RE.exec(v);
  if (m) {
    const iso = build(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0), 0, 0);
    return iso ? { raw: v, iso } : bad('not a valid date');
  }
  m = DMY_OR_MDY_RE.exec(v);
  if (m) {
    const a = +m[1]!;
    const b = +m[3]!;
    const y = m[4]!.length === 2 ? 2000 + +m[4]! : +m[4]!;
    let h = +m[5]!;
    const ampm = m[8]?.toLowerCase().replace(/\./g, '');
    if (ampm) {
      if (h < 1 || h > 12) return bad('not a valid time');
      h = (h % 12) + (ampm === 'pm' ? 12 : 0);
    }
    // Dots are day-first (German and most of Europe); slashes with AM/PM are the US month-first form.
    let dayFirst: boolean | null = m[2] === '.' ? true : ampm ? false : null;
    if (dayFirst === null) dayFirst = a > 12 ? true : b > 12 ? false : null;
    if (dayFirst === null && a !== b) return bad('day and month order cannot be told apart');
    const [d, mo] = dayFirst === false ? [b, a] : [a, b];
    const iso = build(y, mo, d, h, +m[6]!, +(m[7] ?? 0), 0, 0);
    return iso ? { raw: v, iso } : bad('not a valid date');
  }
  return bad('not a date form RDP Doctor reads');
}

/** Text that can start a timestamp value (used to cut the value out of the line after its label). */
export const TIMESTAMP_VALUE_RE =
  /\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,7})?)?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?|\d{4}\/\d{1,2}\/\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:Z|UTC|GMT))?|\d{1,2}([/.])\d{1,2}\1(?:\d{4}|\d{2}),?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*(?:Z|UTC|GMT))?/y;

/**
 * `WVDErrors` rows pasted back from Log Analytics: the JSON of `az monitor log-analytics query` (an
 * array of objects), the Logs API (`{tables:[{columns, rows}]}`), the portal's CSV export, or the
 * portal grid / `az … -o table` copied as text (tab- or space-aligned columns with a header line).
 * Only the documented columns are read; everything else is ignored. Pure: no browser or Node APIs.
 */
import { normalizeGuid } from './guid.js';

export interface WvdErrorRow {
  correlationId?: string;
  /** True: the service failed (Microsoft must act); false: an admin task on the customer's side fixes it. */
  serviceError?: boolean;
  /** Where it failed: Client, RDGateway, RDBroker, RDStack, Diagnostics. */
  source?: string;
  code?: number;
  codeSymbolic?: string;
  message?: string;
  operation?: string;
  timeGenerated?: string;
  userName?: string;
  resourceId?: string;
}

export interface ParsedRows {
  format: 'json' | 'csv' | 'table';
  rows: WvdErrorRow[];
}

/** Most rows read from one paste. */
export const MAX_ROWS = 1000;
/** Longest value kept from one cell (a Message can be long; the rest is of no use here). */
const MAX_CELL = 2000;

type Key = keyof WvdErrorRow;
const COLUMN: Record<string, Key> = {
  correlationid: 'correlationId',
  serviceerror: 'serviceError',
  source: 'source',
  code: 'code',
  codesymbolic: 'codeSymbolic',
  message: 'message',
  operation: 'operation',
  timegenerated: 'timeGenerated',
  username: 'userName',
  _resourceid: 'resourceId',
};

/** `TimeGenerated [UTC]` (CSV export) → `timegenerated`. */
const columnKey = (name: string) =>
  name
    .replace(/\[[^\]]*\]/g, '')
    .replace(/["\s]/g, '')
    .toLowerCase();

function toBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (s === 'true' || s === '1') return true;
  if (s === 'false' || s === '0') return false;
  return undefined;
}

function toRow(get: (key: Key) => unknown): WvdErrorRow | null {
  const row: WvdErrorRow = {};
  const str = (k: Key) => {
    const v = get(k);
    if (v === undefined || v === null) return undefined;
    const s = String(typeof v === 'object' ? JSON.stringify(v) : v).trim();
    return s === '' ? undefined : s.slice(0, MAX_CELL);
  };
  const id = str('correlationId');
  if (id) {
    const g = normalizeGuid(id);
    if (g) row.correlationId = g;
  }
  const se = get('serviceError');
  if (se !== undefined && se !== null && se !== '') {
    const b = toBool(se);
    if (b !== undefined) row.serviceError = b;
  }
  const code = str('code');
  if (code !== undefined && /^-?\d+$/.test(code)) row.code = Number(code);
  for (const k of [
    'source',
    'codeSymbolic',
    'message',
    'operation',
    'timeGenerated',
    'userName',
    'resourceId',
  ] as const) {
    const v = str(k);
    if (v !== undefined) row[k] = v;
  }
  // CodeSymbolic and Source are identifiers in the service's schema; anything else is not theirs.
  for (const k of ['codeSymbolic', 'source'] as const) {
    if (row[k] !== undefined && !/^[A-Za-z][A-Za-z0-9_.-]{0,127}$/.test(row[k])) delete row[k];
  }
  // A row of WVDErrors says what failed: without ServiceError or CodeSymbolic it is another table's row.
  return row.serviceError !== undefined || row.codeSymbolic !== undefined ? row : null;
}

function fromObjects(items: unknown[]): WvdErrorRow[] {
  const out: WvdErrorRow[] = [];
  for (const item of items.slice(0, MAX_ROWS)) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
    const byKey = new Map<Key, unknown>();
    for (const [name, v] of Object.entries(item)) {
      const k = COLUMN[columnKey(name)];
      if (k) byKey.set(k, v);
    }
    const row = toRow((k) => byKey.get(k));
    if (row) out.push(row);
  }
  return out;
}

function fromColumns(header: readonly string[], records: readonly (readonly unknown[])[]): WvdErrorRow[] {
  const index = new Map<Key, number>();
  header.forEach((h, i) => {
    const k = COLUMN[columnKey(h)];
    if (k && !index.has(k)) index.set(k, i);
  });
  if (!index.has('serviceError') && !index.has('codeSymbolic')) return [];
  const out: WvdErrorRow[] = [];
  for (const r of records.slice(0, MAX_ROWS)) {
    const row = toRow((k) => {
      const i = index.get(k);
      return i === undefined ? undefined : r[i];
    });
    if (row) out.push(row);
  }
  return out;
}

function tryJson(text: string): WvdErrorRow[] | null {
  const start = text.search(/[[{]/);
  if (start < 0) return null;
  const end = Math.max(text.lastIndexOf(']'), text.lastIndexOf('}'));
  if (end <= start) return null;
  let data: unknown;
  try {
    data = JSON.parse(text.slice(start, end + 1));
  } catch {
    return null;
  }
  if (Array.isArray(data)) return fromObjects(data);
  if (typeof data === 'object' && data !== null) {
    const tables = (data as { tables?: unknown }).tables;
    if (Array.isArray(tables)) {
      const out: WvdErrorRow[] = [];
      for (const t of tables) {
        const cols = (t as { columns?: unknown }).columns;
        const rows = (t as { rows?: unknown }).rows;
        if (!Array.isArray(cols) || !Array.isArray(rows)) continue;
        const names = cols.map((c) => String((c as { name?: unknown }).name ?? c));
        out.push(...fromColumns(names, rows.filter(Array.isArray)));
      }
      return out;
    }
    return fromObjects([data]);
  }
  return null;
}

/** RFC 4180 fields of one CSV text: quoted fields may hold commas, doubled quotes and line breaks. */
function csvRecords(text: string): string[][] {
  const out: string[][] = [];
  let rec: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      rec.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      rec.push(field);
      out.push(rec);
      rec = [];
      field = '';
      if (out.length > MAX_ROWS) break;
    } else field += c;
  }
  if (field !== '' || rec.length > 0) {
    rec.push(field);
    out.push(rec);
  }
  return out;
}

const HEADER_HINT = /\b(?:ServiceError|CodeSymbolic)\b/i;

/** The header line (the first that names ServiceError or CodeSymbolic) and the lines after it. */
function fromHeaderLine(text: string): { header: string; rest: string } | null {
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l) => HEADER_HINT.test(l) && /CorrelationId|ServiceError|Source|Code/i.test(l));
  if (i < 0) return null;
  return { header: lines[i] ?? '', rest: lines.slice(i + 1).join('\n') };
}

/**
 * Header and cells of a table copied as text: tab-separated (the portal grid), `|`-separated (Markdown),
 * or aligned with spaces (`az … -o table`; cells are cut at the header's column starts, so an empty cell
 * does not shift the ones after it).
 */
function tableCells(header: string, rest: string): [string[], string[][]] {
  const lines = rest.split(/\r?\n/).filter((l) => l.trim() !== '' && !/^[-\s|+=:]+$/.test(l));
  if (header.includes('\t')) return [header.split('\t').map((c) => c.trim()), lines.map((l) => l.split('\t'))];
  if (header.includes('|')) {
    const cut = (l: string) =>
      l
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((c) => c.trim());
    return [cut(header), lines.map(cut)];
  }
  const starts: number[] = [];
  for (const m of header.matchAll(/\S+(?: \S+)*/g)) starts.push(m.index);
  const cut = (l: string) => starts.map((s, i) => l.slice(s, starts[i + 1] ?? l.length).trim());
  return [cut(header), lines.map(cut)];
}

/**
 * The `WVDErrors` rows in a pasted text, or null when there are none. The text may hold other things
 * too (the dialog it started from); only the rows are read.
 */
export function parseWvdErrorRows(text: string): ParsedRows | null {
  if (!HEADER_HINT.test(text)) return null;
  const json = tryJson(text);
  if (json && json.length > 0) return { format: 'json', rows: json };
  const found = fromHeaderLine(text);
  if (!found) return null;
  const { header, rest } = found;
  if (header.includes('\t') || header.includes('|') || !header.includes(',')) {
    const rows = fromColumns(...tableCells(header, rest));
    return rows.length > 0 ? { format: 'table', rows } : null;
  }
  const [cols, ...records] = csvRecords(`${header}\n${rest}`);
  const rows = cols ? fromColumns(cols, records) : [];
  return rows.length > 0 ? { format: 'csv', rows } : null;
}

/**
 * Scan target lists: one `host[:port]` per line, IPv4/IPv6 CIDR ranges (`10.0.0.0/24`,
 * `10.0.0.0/24:3390`, `[fd00::/120]:3389`), blank lines and `#` comments. Ranges expand lazily,
 * so a list of any length streams in constant memory.
 */
import { DEFAULT_RDP_PORT, isIPv4, isIPv6, parseTarget, type Target } from '../../shared/protocol/target.js';

/** Largest range one line may name (a /16 in IPv4). Larger ones are refused as likely mistakes. */
export const MAX_RANGE_SIZE = 65_536;

export type TargetLine =
  | { kind: 'skip' }
  | { kind: 'targets'; count: number; targets: () => Iterable<Target> }
  | { kind: 'error'; code: string; message: string };

function ipv4ToInt(s: string): number {
  return s.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Expands an IPv6 literal into 8 groups of 16 bits. */
function ipv6Groups(s: string): number[] {
  const [head = '', tail] = s.split('::');
  const parse = (p: string) => (p === '' ? [] : p.split(':').map((g) => Number.parseInt(g, 16)));
  const h = parse(head);
  const t = tail === undefined ? [] : parse(tail);
  const fill = tail === undefined ? [] : new Array(8 - h.length - t.length).fill(0);
  return [...h, ...fill, ...t];
}

function groupsToIpv6(g: number[]): string {
  return g.map((x) => x.toString(16)).join(':');
}

function target(host: string, port: number, kind: 'ipv4' | 'ipv6'): Target {
  return { host, port, kind, display: kind === 'ipv6' ? `[${host}]:${port}` : `${host}:${port}` };
}

function parsePort(text: string | undefined, fallback: number): number | undefined {
  if (text === undefined) return fallback;
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 65_535 ? n : undefined;
}

/** Parses one line of a target list. Never throws. */
export function parseTargetLine(raw: string, defaultPort = DEFAULT_RDP_PORT): TargetLine {
  const line = raw.replace(/#.*$/, '').trim();
  if (line === '') return { kind: 'skip' };

  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})(?::(\d+))?$/.exec(line);
  const v6 = /^\[?([0-9a-fA-F:]+)\/(\d{1,3})\]?(?::(\d+))?$/.exec(line);
  if (v4 || v6) {
    const [, addr = '', bitsText = '', portText] = (v4 ?? v6)!;
    const port = parsePort(portText, defaultPort);
    const bits = Number(bitsText);
    if (port === undefined) return { kind: 'error', code: 'port-out-of-range', message: `Bad port in "${line}".` };
    return v4 ? ipv4Range(line, addr, bits, port) : ipv6Range(line, addr, bits, port);
  }

  // A list the person gave on the command line: link-local and metadata addresses are theirs to scan.
  const parsed = parseTarget(line, defaultPort, { allowRestricted: true });
  if (!parsed.ok) return { kind: 'error', code: parsed.code, message: parsed.message };
  const t = parsed.target;
  return {
    kind: 'targets',
    count: 1,
    *targets() {
      yield t;
    },
  };
}

function ipv4Range(line: string, addr: string, bits: number, port: number): TargetLine {
  if (!isIPv4(addr) || bits > 32)
    return { kind: 'error', code: 'range-invalid', message: `"${line}" is not an IPv4 range.` };
  const size = 2 ** (32 - bits);
  if (size > MAX_RANGE_SIZE)
    return {
      kind: 'error',
      code: 'range-too-large',
      message: `"${line}" has ${size} addresses; split it (at most /16).`,
    };
  const base = (ipv4ToInt(addr) & (size === 2 ** 32 ? 0 : ~(size - 1))) >>> 0;
  return {
    kind: 'targets',
    count: size,
    *targets() {
      for (let i = 0; i < size; i++) yield target(intToIpv4((base + i) >>> 0), port, 'ipv4');
    },
  };
}

function ipv6Range(line: string, addr: string, bits: number, port: number): TargetLine {
  if (!isIPv6(addr) || bits > 128)
    return { kind: 'error', code: 'range-invalid', message: `"${line}" is not an IPv6 range.` };
  const hostBits = 128 - bits;
  if (hostBits > 16)
    return {
      kind: 'error',
      code: 'range-too-large',
      message: `"${line}" has 2^${hostBits} addresses; split it (at most /112).`,
    };
  const size = 2 ** hostBits;
  const groups = ipv6Groups(addr);
  const last = (groups[7] ?? 0) & ~(size - 1) & 0xffff;
  return {
    kind: 'targets',
    count: size,
    *targets() {
      for (let i = 0; i < size; i++) {
        const g = [...groups];
        g[7] = last + i;
        yield target(groupsToIpv6(g), port, 'ipv6');
      }
    },
  };
}

export type TargetItem =
  | { target: Target; line: number }
  | {
      error: { code: string; message: string };
      line: number;
      /** Set when the list cannot be read any further (unreadable, or a line beyond {@link MAX_LINE_CHARS}). */
      fatal?: true;
    };

/** Longest line a target list may hold; a longer one (e.g. `--hosts /dev/zero`) stops reading the list. */
export const MAX_LINE_CHARS = 4096;

export class ListLineTooLong extends Error {
  constructor(readonly line: number) {
    super(`line ${line} is longer than ${MAX_LINE_CHARS} characters: this does not look like a target list`);
  }
}

/**
 * Splits a text stream into lines (LF or CRLF) without ever holding more than one line of at most
 * `max` characters: a longer line throws {@link ListLineTooLong} instead of growing without bound.
 */
export async function* splitLines(input: AsyncIterable<string | Buffer>, max = MAX_LINE_CHARS): AsyncGenerator<string> {
  let rest = '';
  let n = 0;
  for await (const chunk of input) {
    const text = rest + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    let start = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      n += 1;
      if (i - start > max + 1) throw new ListLineTooLong(n);
      yield text.slice(start, text[i - 1] === '\r' ? i - 1 : i);
      start = i + 1;
    }
    rest = text.slice(start);
    if (rest.length > max + 1) throw new ListLineTooLong(n + 1);
  }
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

/** What the reading of a list found beyond the targets themselves. */
export interface ListStats {
  /** Distinct targets handed out. */
  distinct: number;
  /** Entries that named a target already handed out (folded into the first one). */
  duplicates: number;
  /** Lines that could not be read as targets, with their numbers (the first {@link MAX_LISTED_LINES}). */
  invalid: number;
  invalidLines: number[];
}

export const MAX_LISTED_LINES = 20;

export function newListStats(): ListStats {
  return { distinct: 0, duplicates: 0, invalid: 0, invalidLines: [] };
}

/** One spelling per target: IPv6 groups expanded, so `[fd00::1]` and a range's `fd00:0:…:1` fold together. */
export function targetKey(t: Target): string {
  return t.kind === 'ipv6' ? `[${groupsToIpv6(ipv6Groups(t.host))}]:${t.port}` : `${t.host}:${t.port}`;
}

/**
 * Streams targets from lines, expanding ranges lazily. A target named again (by a repeated line or
 * an overlapping range) is handed out once; the repeats are counted in `stats`. A list that cannot
 * be read further ends with one `fatal` error item.
 */
export async function* readTargets(
  lines: AsyncIterable<string>,
  defaultPort = DEFAULT_RDP_PORT,
  stats: ListStats = newListStats(),
): AsyncGenerator<TargetItem> {
  const seen = new Set<string>();
  let n = 0;
  try {
    for await (const raw of lines) {
      n += 1;
      const parsed = parseTargetLine(raw, defaultPort);
      if (parsed.kind === 'skip') continue;
      if (parsed.kind === 'error') {
        stats.invalid += 1;
        if (stats.invalidLines.length < MAX_LISTED_LINES) stats.invalidLines.push(n);
        yield { error: { code: parsed.code, message: parsed.message }, line: n };
        continue;
      }
      for (const target of parsed.targets()) {
        const key = targetKey(target);
        if (seen.has(key)) {
          stats.duplicates += 1;
          continue;
        }
        seen.add(key);
        stats.distinct += 1;
        yield { target, line: n };
      }
    }
  } catch (e) {
    const line = e instanceof ListLineTooLong ? e.line : n + 1;
    const code = e instanceof ListLineTooLong ? 'line-too-long' : ((e as NodeJS.ErrnoException).code ?? 'read-error');
    stats.invalid += 1;
    if (stats.invalidLines.length < MAX_LISTED_LINES) stats.invalidLines.push(line);
    yield {
      error: { code, message: e instanceof Error ? e.message : String(e) },
      line,
      fatal: true,
    };
  }
}

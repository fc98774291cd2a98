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
    if (v4) {
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

  const parsed = parseTarget(line, defaultPort);
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

export type TargetItem = { target: Target; line: number } | { error: { code: string; message: string }; line: number };

/** Streams targets from lines, expanding ranges lazily. */
export async function* readTargets(
  lines: AsyncIterable<string>,
  defaultPort = DEFAULT_RDP_PORT,
): AsyncGenerator<TargetItem> {
  let n = 0;
  for await (const raw of lines) {
    n += 1;
    const parsed = parseTargetLine(raw, defaultPort);
    if (parsed.kind === 'skip') continue;
    if (parsed.kind === 'error') {
      yield { error: { code: parsed.code, message: parsed.message }, line: n };
      continue;
    }
    for (const target of parsed.targets()) yield { target, line: n };
  }
}

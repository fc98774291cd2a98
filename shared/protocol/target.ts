import { DEFAULT_RDP_PORT, MAX_HOST_LENGTH, MAX_PORT, MAX_TIMEOUT_MS, MIN_PORT, MIN_TIMEOUT_MS } from './limits.js';
/**
 * Validation of probe targets at the boundary (CLI argument, native-messaging request, scan list).
 * Pure: no browser or Node APIs. Accepts `host`, `host:port`, `a.b.c.d[:port]`, `[v6]:port` and a
 * bare IPv6 literal; rejects anything that could be read as an option, a URL or a shell fragment.
 */

/** Stable error codes for a rejected target or timeout. Append-only. */
export const TARGET_ERROR_CODES = [
  'target-empty',
  'target-option-like',
  'target-url',
  'target-control-chars',
  'target-whitespace',
  'target-too-long',
  'target-bad-label',
  'target-bad-ipv4',
  'target-bad-ipv6',
  'target-bad-port',
  'target-bad-character',
  'timeout-invalid',
  'timeout-out-of-range',
  'target-restricted',
] as const;
export type TargetErrorCode = (typeof TARGET_ERROR_CODES)[number];

export type HostKind = 'dns' | 'ipv4' | 'ipv6';

export interface Target {
  /** Host name (lower-cased, no trailing dot) or IP literal (IPv6 without brackets). */
  host: string;
  /** TCP port, 1–65535. */
  port: number;
  kind: HostKind;
  /** How to print it: `host:port`, or `[v6]:port`. */
  display: string;
}

export type TargetParse = { ok: true; target: Target } | { ok: false; code: TargetErrorCode; message: string };

export {
  DEFAULT_RDP_PORT,
  DEFAULT_TIMEOUT_MS,
  MAX_HOST_LENGTH,
  MAX_TIMEOUT_MS,
  MIN_TIMEOUT_MS,
} from './limits.js';

/** What a caller allows beyond ordinary servers. */
export interface TargetPolicy {
  /**
   * Link-local and cloud-metadata addresses (see {@link restrictedAddress}). Only where a person
   * typed the target: the command line, or the extension's own page (never a web page's text).
   */
  allowRestricted?: boolean;
}

/**
 * Why an IP literal is restricted, or undefined: link-local addresses (169.254.0.0/16, fe80::/10,
 * where cloud instance-metadata services answer) and the metadata/platform endpoints clouds put
 * elsewhere (Alibaba 100.100.100.200, Azure 168.63.129.16, Oracle 192.0.0.192, AWS fd00:ec2::254).
 * A probe there from a helper that a page could reach would be a way into the machine's cloud
 * credentials. Names are checked after resolution by the probe.
 */
export function restrictedAddress(ip: string): string | undefined {
  let v4 = isIPv4(ip) ? ip : undefined;
  if (!v4) {
    const g = isIPv6(ip) ? ipv6Groups(ip) : undefined;
    if (!g) return undefined;
    if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
      v4 = [(g[6] ?? 0) >> 8, (g[6] ?? 0) & 255, (g[7] ?? 0) >> 8, (g[7] ?? 0) & 255].join('.');
    } else {
      if (((g[0] ?? 0) & 0xffc0) === 0xfe80) return 'a link-local IPv6 address (fe80::/10)';
      if (g.join(':') === [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254].join(':'))
        return 'a cloud instance-metadata address (fd00:ec2::254)';
      return undefined;
    }
  }
  const [a, b] = v4.split('.').map(Number);
  if (v4 === '169.254.169.254') return 'the cloud instance-metadata address (169.254.169.254)';
  if (a === 169 && b === 254) return 'a link-local address (169.254.0.0/16)';
  if (v4 === '100.100.100.200' || v4 === '168.63.129.16' || v4 === '192.0.0.192')
    return `a cloud metadata/platform address (${v4})`;
  return undefined;
}

/** The 8 groups of a valid IPv6 literal (a dotted-quad tail becomes the last two). */
function ipv6Groups(ip: string): number[] {
  let s = ip.toLowerCase();
  const tail = s.slice(s.lastIndexOf(':') + 1);
  if (tail.includes('.')) {
    const [p, q, r, t] = tail.split('.').map(Number);
    s = `${s.slice(0, s.lastIndexOf(':') + 1)}${(((p ?? 0) << 8) | (q ?? 0)).toString(16)}:${(((r ?? 0) << 8) | (t ?? 0)).toString(16)}`;
  }
  const [head = '', rest] = s.split('::');
  const parse = (x: string) => (x === '' ? [] : x.split(':').map((h) => Number.parseInt(h, 16)));
  const h = parse(head);
  const t = rest === undefined ? [] : parse(rest);
  return [...h, ...new Array(Math.max(0, 8 - h.length - t.length)).fill(0), ...t];
}

/** Host names that name a cloud metadata service. */
const RESTRICTED_NAMES = new Set(['metadata.google.internal', 'metadata.goog', 'instance-data.ec2.internal']);

function fail(code: TargetErrorCode, message: string): TargetParse {
  return { ok: false, code, message };
}

/** Dotted-quad IPv4 with decimal parts 0–255 and no leading zeros (which some resolvers read as octal). */
export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^(?:0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** IPv6 literal per RFC 4291 §2.2 (hex groups, one `::`, optional trailing dotted quad); no zone id. */
export function isIPv6(s: string): boolean {
  if (s.length < 2 || s.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(s)) return false;
  let groups = 8;
  let body = s;
  const lastColon = body.lastIndexOf(':');
  const tail = body.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4(tail)) return false;
    body = `${body.slice(0, lastColon + 1)}0:0`;
  }
  if (body.includes('.')) return false;
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const hexGroup = /^[0-9A-Fa-f]{1,4}$/;
  const split = (h: string): string[] | null => {
    if (h === '') return [];
    const g = h.split(':');
    return g.every((x) => hexGroup.test(x)) ? g : null;
  };
  const left = split(halves[0] ?? '');
  if (left === null) return false;
  if (halves.length === 1) return left.length === groups;
  const right = split(halves[1] ?? '');
  if (right === null) return false;
  groups -= 1; // `::` stands for at least one group
  return left.length + right.length <= groups;
}

function parsePort(s: string): number | null {
  if (!/^\d{1,5}$/.test(s)) return null;
  const n = Number(s);
  return n >= MIN_PORT && n <= MAX_PORT ? n : null;
}

function checkDnsName(name: string): TargetParse | null {
  if (name.length === 0) return fail('target-empty', 'No host name was given.');
  if (name.length > MAX_HOST_LENGTH) {
    return fail('target-too-long', `The host name is ${name.length} characters long; the limit is ${MAX_HOST_LENGTH}.`);
  }
  const labels = name.split('.');
  for (const label of labels) {
    if (label.length === 0) return fail('target-bad-label', 'The host name has an empty label (two dots in a row).');
    if (label.length > 63)
      return fail('target-bad-label', `The label "${label.slice(0, 20)}…" is longer than 63 characters.`);
    if (!/^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?$/.test(label)) {
      return fail('target-bad-label', `The label "${label}" may hold only letters, digits and inner hyphens.`);
    }
  }
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) {
    return fail('target-bad-ipv4', `"${name}" looks like an IPv4 address but is not a valid one.`);
  }
  // inet_aton and getaddrinfo read 0x7f000001, 0x7f.1 or 0177.0.0.1 as 127.0.0.1: refuse every
  // all-numeric spelling other than the dotted quad, as 127.1 is.
  if (labels.length <= 4 && labels.every((l) => /^(?:0x[0-9a-f]*|\d+)$/i.test(l))) {
    return fail(
      'target-bad-ipv4',
      `"${name}" is a hexadecimal or octal spelling of an IPv4 address; write it as four decimal numbers (a.b.c.d).`,
    );
  }
  return null;
}

/**
 * Parses `input` into a {@link Target}. Never throws; bad input gives a typed error code and a
 * message that is safe to show.
 */
export function parseTarget(
  input: unknown,
  defaultPort: number = DEFAULT_RDP_PORT,
  policy: TargetPolicy = {},
): TargetParse {
  const parsed = parseTargetSyntax(input, defaultPort);
  if (!parsed.ok || policy.allowRestricted) return parsed;
  const t = parsed.target;
  const why =
    t.kind === 'dns'
      ? RESTRICTED_NAMES.has(t.host)
        ? 'a cloud metadata service'
        : undefined
      : restrictedAddress(t.host);
  if (why) {
    return fail(
      'target-restricted',
      `${t.display} is ${why}: the helper checks it only when you type it yourself in RDP Doctor's own window or on the command line.`,
    );
  }
  return parsed;
}

function parseTargetSyntax(input: unknown, defaultPort: number): TargetParse {
  if (typeof input !== 'string' || input.length === 0)
    return fail('target-empty', 'No server name or address was given.');
  const refused = refuseShape(input);
  if (refused) return refused;
  const split = splitHostPort(input);
  if ('ok' in split) return split;
  const { host, portText } = split;
  let port = defaultPort;
  if (portText !== undefined) {
    const p = parsePort(portText);
    if (p === null) return fail('target-bad-port', `The port "${portText}" is not a number from 1 to 65535.`);
    port = p;
  }

  if (isIPv6(host)) {
    const h = host.toLowerCase();
    return { ok: true, target: { host: h, port, kind: 'ipv6', display: `[${h}]:${port}` } };
  }
  if (isIPv4(host)) return { ok: true, target: { host, port, kind: 'ipv4', display: `${host}:${port}` } };
  if (/^[\d.]+$/.test(host)) return fail('target-bad-ipv4', `"${host}" is not a valid IPv4 address.`);

  const name = (host.endsWith('.') ? host.slice(0, -1) : host).toLowerCase();
  const bad = checkDnsName(name);
  if (bad) return bad;
  return { ok: true, target: { host: name, port, kind: 'dns', display: `${name}:${port}` } };
}

/** Text that cannot be a target at all: too long, control characters, spaces, an option, a URL, odd characters. */
function refuseShape(input: string): TargetParse | undefined {
  if (input.length > MAX_HOST_LENGTH + 10) {
    return fail(
      'target-too-long',
      `The target is ${input.length} characters long; names are at most ${MAX_HOST_LENGTH}.`,
    );
  }
  if (/[\x00-\x1f\x7f]/.test(input)) return fail('target-control-chars', 'The target contains control characters.');
  if (/\s/.test(input)) return fail('target-whitespace', 'The target contains spaces; give one host name or address.');
  if (input.startsWith('-')) {
    return fail('target-option-like', `"${input}" starts with "-" and looks like an option, not a host.`);
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(input) || /[/?#@]/.test(input)) {
    return fail('target-url', 'Give a host name or address (optionally with :port), not a URL.');
  }
  if (!/^[A-Za-z0-9._:[\]-]+$/.test(input)) {
    return fail('target-bad-character', 'The target may hold only letters, digits, ".", "-", ":" and [ ] around IPv6.');
  }
  return undefined;
}

/** The host and the port as written: `[v6]:port`, a bare IPv6 address, or `name:port`. */
function splitHostPort(input: string): { host: string; portText: string | undefined } | TargetParse {
  if (input.startsWith('[')) {
    const m = /^\[([^\]]*)\](?::([^:]*))?$/.exec(input);
    if (!m) return fail('target-bad-ipv6', 'Write an IPv6 address with a port as [address]:port.');
    const host = m[1] ?? '';
    if (!isIPv6(host)) return fail('target-bad-ipv6', `"${host}" is not a valid IPv6 address.`);
    return { host, portText: m[2] };
  }
  if ((input.match(/:/g) ?? []).length > 1) {
    if (!isIPv6(input)) return fail('target-bad-ipv6', `"${input}" is not a valid IPv6 address.`);
    // "::1:3389" is an IPv6 address, but people who type it mean ::1 port 3389: ask which.
    const cut = input.lastIndexOf(':');
    const tail = input.slice(cut + 1);
    const head = input.slice(0, cut);
    if (/^\d{4,5}$/.test(tail) && isIPv6(head))
      return fail(
        'target-bad-ipv6',
        `"${input}" is ambiguous: write [${head}]:${tail} for port ${tail} of ${head}, or [${input}] for that address.`,
      );
    return { host: input, portText: undefined };
  }
  const i = input.indexOf(':');
  const host = i < 0 ? input : input.slice(0, i);
  if (host.includes('[') || host.includes(']')) return fail('target-bad-ipv6', 'Brackets are only for IPv6 addresses.');
  return { host, portText: i < 0 ? undefined : input.slice(i + 1) };
}

export type TimeoutParse = { ok: true; timeoutMs: number } | { ok: false; code: TargetErrorCode; message: string };

/** Validates a per-step timeout in milliseconds (a number or a decimal string). */
export function parseTimeout(input: unknown): TimeoutParse {
  const n = typeof input === 'string' && /^\d{1,9}$/.test(input) ? Number(input) : input;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    return { ok: false, code: 'timeout-invalid', message: 'The timeout must be a whole number of milliseconds.' };
  }
  if (n < MIN_TIMEOUT_MS || n > MAX_TIMEOUT_MS) {
    return {
      ok: false,
      code: 'timeout-out-of-range',
      message: `The timeout must be between ${MIN_TIMEOUT_MS} and ${MAX_TIMEOUT_MS} ms.`,
    };
  }
  return { ok: true, timeoutMs: n };
}

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

/** The RDP port used when the input names none. */
export const DEFAULT_RDP_PORT = 3389;
/** Longest DNS name (RFC 1035 §2.3.4, without the trailing dot). */
export const MAX_HOST_LENGTH = 253;
/** Per-step timeout bounds, in milliseconds. */
export const MIN_TIMEOUT_MS = 50;
export const MAX_TIMEOUT_MS = 60_000;
export const DEFAULT_TIMEOUT_MS = 3_000;

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
  return n >= 1 && n <= 65535 ? n : null;
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
  return null;
}

/**
 * Parses `input` into a {@link Target}. Never throws; bad input gives a typed error code and a
 * message that is safe to show.
 */
export function parseTarget(input: unknown, defaultPort: number = DEFAULT_RDP_PORT): TargetParse {
  if (typeof input !== 'string' || input.length === 0)
    return fail('target-empty', 'No server name or address was given.');
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

  let host: string;
  let portText: string | undefined;
  if (input.startsWith('[')) {
    const m = /^\[([^\]]*)\](?::([^:]*))?$/.exec(input);
    if (!m) return fail('target-bad-ipv6', 'Write an IPv6 address with a port as [address]:port.');
    host = m[1] ?? '';
    portText = m[2];
    if (!isIPv6(host)) return fail('target-bad-ipv6', `"${host}" is not a valid IPv6 address.`);
  } else if ((input.match(/:/g) ?? []).length > 1) {
    host = input;
    if (!isIPv6(host)) return fail('target-bad-ipv6', `"${host}" is not a valid IPv6 address.`);
  } else {
    const i = input.indexOf(':');
    host = i < 0 ? input : input.slice(0, i);
    portText = i < 0 ? undefined : input.slice(i + 1);
    if (host.includes('[') || host.includes(']'))
      return fail('target-bad-ipv6', 'Brackets are only for IPv6 addresses.');
  }

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

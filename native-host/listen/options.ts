/**
 * Validation of where the listener may listen. Only IP literals are accepted (a name could resolve
 * anywhere); a non-loopback address needs an explicit `allowRemote`, so an open port on the network
 * is never the result of a typo or a default.
 */
import net from 'node:net';
import { DEFAULT_LISTEN_WAIT_MS } from '../../shared/protocol/limits.js';

export const DEFAULT_LISTEN_ADDRESS = '127.0.0.1';
/** Default port: not 3389, which the computer's own Remote Desktop service may hold. */
export const DEFAULT_LISTEN_PORT = 3390;
/** How long to wait for a client, by default and at most, in ms. */
export const DEFAULT_WAIT_MS = DEFAULT_LISTEN_WAIT_MS;
export const MIN_WAIT_MS = 100;
export const MAX_WAIT_MS = 3_600_000;
/** How long to wait for each message once a client is connected, in ms. */
export const STEP_TIMEOUT_MS = 10_000;

export type Checked<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback (::ffff:127.x.y.z). */
const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export function isLoopback(address: string): boolean {
  const a = address.toLowerCase();
  if (net.isIPv4(a)) return LOOPBACK.check(a, 'ipv4');
  if (a.startsWith('::ffff:') && net.isIPv4(a.slice(7))) return LOOPBACK.check(a.slice(7), 'ipv4');
  return net.isIPv6(a) && LOOPBACK.check(a, 'ipv6');
}

export function checkBindAddress(input: string, allowRemote: boolean): Checked<string> {
  const s = input.startsWith('[') && input.endsWith(']') ? input.slice(1, -1) : input;
  if (net.isIP(s) === 0) {
    return {
      ok: false,
      code: 'invalid-bind-address',
      message: 'the bind address must be an IP address such as 127.0.0.1 or ::1 (not a name)',
    };
  }
  if (!isLoopback(s) && !allowRemote) {
    return {
      ok: false,
      code: 'remote-bind-refused',
      message: `${s} is not a loopback address: other computers could connect to it. Add --allow-remote if that is what you want`,
    };
  }
  return { ok: true, value: s };
}

export function checkPort(input: string | undefined): Checked<number> {
  if (input === undefined || !/^\d{1,5}$/.test(input) || Number(input) > 65535) {
    return {
      ok: false,
      code: 'invalid-port',
      message: 'the port must be a whole number from 0 to 65535 (0: any free port)',
    };
  }
  return { ok: true, value: Number(input) };
}

export function checkWait(input: string | undefined): Checked<number> {
  const n = input !== undefined && /^\d{1,7}$/.test(input) ? Number(input) : Number.NaN;
  if (!(n >= MIN_WAIT_MS && n <= MAX_WAIT_MS)) {
    return {
      ok: false,
      code: 'invalid-timeout',
      message: `the time to wait for a client must be a whole number of milliseconds from ${MIN_WAIT_MS} to ${MAX_WAIT_MS}`,
    };
  }
  return { ok: true, value: n };
}

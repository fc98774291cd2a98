/**
 * The fuzzed parsers, their seeds (recorded real server replies from test/fixtures/rdp/) and the
 * invariant each must keep on any input. Shared by the fuzz test and by the demonstration that a
 * deliberately broken parser is caught.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Decoded, DecodeError, type DecodeErrorCode } from '../../native-host/rdp/bytes.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/rdp');

export const DECODE_ERROR_CODES: readonly DecodeErrorCode[] = [
  'truncated',
  'bad-length',
  'bad-version',
  'bad-type',
  'bad-signature',
  'bad-der',
  'unsupported',
];

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

/** Every X.224 reply and request recorded from xrdp and the FreeRDP shadow server. */
export function x224Seeds(): Uint8Array[] {
  const rows = readJson<{ request: string; reply: string }[]>('x224-replies.json');
  const all = rows.flatMap((r) => [r.reply, r.request]);
  return [...new Set(all)].map(hex);
}

/** The recorded CredSSP TSRequests (the server's NTLM CHALLENGE and our NEGOTIATE). */
export function tsRequestSeeds(): Uint8Array[] {
  const c = readJson<{ request: string; reply: string }>('credssp-challenge.json');
  return [hex(c.reply), hex(c.request)];
}

/** NTLM messages cut out of the recorded TSRequests at their "NTLMSSP\0" signature. */
export function ntlmSeeds(): Uint8Array[] {
  const sig = Buffer.from('NTLMSSP\0', 'latin1');
  return tsRequestSeeds().map((ts) => {
    const b = Buffer.from(ts);
    const at = b.indexOf(sig);
    if (at < 0) throw new Error('fixture without an NTLM message');
    return new Uint8Array(b.subarray(at));
  });
}

/** The DER certificates the TLS servers presented. */
export function certificateSeeds(): Uint8Array[] {
  const certs = readJson<Record<string, { derBase64: string }>>('certificates.json');
  return Object.values(certs).map((c) => new Uint8Array(Buffer.from(c.derBase64, 'base64')));
}

/**
 * The invariant of a `decode…` function: it returns, never throws, and a failure carries one of the
 * documented codes and a message. A success must not claim more data than the input holds (checked
 * through the JSON size of the value, which bounds what the decoder may have allocated).
 */
export function checkDecoded(what: string, input: Uint8Array, out: Decoded<unknown>): void {
  if (typeof out !== 'object' || out === null) throw new Error(`${what}: returned ${String(out)}`);
  if (out.ok) {
    const size = JSON.stringify(out.value, (_k, v: unknown) =>
      v instanceof Uint8Array ? `bytes:${v.length}` : typeof v === 'bigint' ? String(v) : v,
    ).length;
    // Hex and UTF-16 decoding at most about triple the input; the constant covers field names.
    if (size > 4096 + 6 * input.length)
      throw new Error(`${what}: a ${input.length}-byte input gave ${size} bytes of output`);
    return;
  }
  if (!DECODE_ERROR_CODES.includes(out.code)) throw new Error(`${what}: unknown error code ${String(out.code)}`);
  if (typeof out.message !== 'string' || out.message.length === 0)
    throw new Error(`${what}: failure without a message`);
}

/**
 * The invariant of a streaming length function (`tpktFrameLength`, `derFrameLength`): undefined
 * (need more bytes), a non-negative integer, or a {@link DecodeError}; nothing else.
 */
export function checkFrameLength(what: string, fn: () => number | undefined, max: number): void {
  let n: number | undefined;
  try {
    n = fn();
  } catch (e) {
    if (e instanceof DecodeError && DECODE_ERROR_CODES.includes(e.code)) return;
    throw e;
  }
  if (n === undefined) return;
  if (!Number.isSafeInteger(n) || n < 0 || n > max) throw new Error(`${what}: length ${n} out of range`);
}

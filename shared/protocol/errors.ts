/**
 * Stable error codes of the native-messaging protocol. APPEND-ONLY: a code is never renamed,
 * removed or reused for another meaning, because old extensions and old helpers must keep
 * understanding each other. Each code carries a user-safe message; details go to the helper's log
 * (stderr), never into the message a page or a person sees.
 */

export const PROTOCOL_ERROR_CODES = [
  // framing and parsing (host side, the request could not be read)
  'bad-frame',
  'frame-too-large',
  'invalid-json',
  'invalid-request',
  'unknown-type',
  // request semantics
  'invalid-target',
  'duplicate-id',
  'busy',
  'cancelled',
  'timeout',
  'unsupported-capability',
  'internal',
  // browser side (the background reports these to its callers; the helper never sends them)
  'host-not-found',
  'host-forbidden',
  'host-exited',
  'host-failed-to-start',
  'host-communication-error',
  'host-no-hello',
  'host-incompatible',
  'invalid-response',
  'response-too-large',
] as const;

export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

/** One user-safe sentence per code. */
export const PROTOCOL_ERROR_MESSAGES: Readonly<Record<ProtocolErrorCode, string>> = {
  'bad-frame': 'The helper received a message it could not read (bad length prefix or truncated frame).',
  'frame-too-large': 'The message sent to the helper was larger than it accepts.',
  'invalid-json': 'The message sent to the helper was not valid UTF-8 JSON.',
  'invalid-request': 'The request sent to the helper was missing a field or had a field of the wrong type.',
  'unknown-type': 'The helper does not know this kind of request; it may be older than the extension.',
  'invalid-target':
    'The server name or port is not valid, or is not allowed (only names, IP addresses and ports 1–65535).',
  'duplicate-id': 'A request with the same id is already running.',
  busy: 'The helper is already running as many requests as it allows; try again when one finishes.',
  cancelled: 'The request was cancelled.',
  timeout: 'The request took longer than its time limit.',
  'unsupported-capability': 'This helper cannot do that yet; update the helper to a version that can.',
  internal: 'The helper hit an internal error; the details are in its log.',
  'host-not-found': 'The browser could not find the RDP Doctor helper; it is not installed for this browser.',
  'host-forbidden': 'The RDP Doctor helper is installed but does not allow this extension to use it.',
  'host-exited': 'The RDP Doctor helper stopped unexpectedly.',
  'host-failed-to-start': 'The browser found the RDP Doctor helper but could not start it.',
  'host-communication-error': 'The browser could not read what the RDP Doctor helper sent.',
  'host-no-hello': 'The RDP Doctor helper started but did not introduce itself in time.',
  'host-incompatible': 'The RDP Doctor helper and the extension speak different protocol versions.',
  'invalid-response': 'The RDP Doctor helper sent a reply the extension could not understand.',
  'response-too-large': 'The RDP Doctor helper tried to send a reply larger than the browser allows.',
};

export function isProtocolErrorCode(value: unknown): value is ProtocolErrorCode {
  return typeof value === 'string' && (PROTOCOL_ERROR_CODES as readonly string[]).includes(value);
}

/** Error carrying a stable code; thrown only inside one runtime, sent across as an `error` message. */
export class ProtocolError extends Error {
  readonly code: ProtocolErrorCode;
  constructor(code: ProtocolErrorCode, message?: string) {
    super(message ?? PROTOCOL_ERROR_MESSAGES[code]);
    this.name = 'ProtocolError';
    this.code = code;
  }
}

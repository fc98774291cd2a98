/**
 * Fuzzing the request validator (the helper's gate for everything the browser sends): arbitrary
 * values and near-valid requests with one field replaced by hostile input. A request is either
 * refused with a documented code (and a message that never echoes the input), or accepted with
 * fields that keep every documented bound.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_ERROR_CODES } from '../../shared/protocol/errors.js';
import { REQUEST_ID_PATTERN } from '../../shared/protocol/messages.js';
import { MAX_HOST_LENGTH, MAX_TIMEOUT_MS, MIN_TIMEOUT_MS, parseTarget } from '../../shared/protocol/target.js';
import { validateRequest } from '../../shared/protocol/validate.js';
import { FUZZ_TEST_TIMEOUT_MS, fuzzParams, guarded } from './config.js';

const MARK = 'QZXJ';

function checkAccepted(v: unknown): void {
  const r = v as Record<string, unknown>;
  expect(typeof r.id).toBe('string');
  expect(REQUEST_ID_PATTERN.test(r.id as string)).toBe(true);
  if (r.type === 'probe') {
    const host = r.host as string;
    const port = r.port as number;
    expect(Number.isInteger(port) && port >= 1 && port <= 65535).toBe(true);
    expect(host.length).toBeGreaterThan(0);
    expect(host.length).toBeLessThanOrEqual(MAX_HOST_LENGTH);
    expect(host).not.toMatch(/[\x00-\x20\x7f/?#@\\]|^-/);
    expect(parseTarget(host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`).ok).toBe(true);
    expect(Number.isInteger(r.timeoutMs)).toBe(true);
    expect(r.timeoutMs as number).toBeGreaterThanOrEqual(MIN_TIMEOUT_MS);
    expect(r.timeoutMs as number).toBeLessThanOrEqual(MAX_TIMEOUT_MS);
  }
  if (r.type === 'listen-client') {
    // The page chooses only how long to wait; nothing about where the helper listens.
    expect(Object.keys(r).sort()).toEqual(['id', 'type', 'waitMs']);
    expect(Number.isInteger(r.waitMs) && (r.waitMs as number) >= 1000 && (r.waitMs as number) <= 600_000).toBe(true);
  }
  if (r.type === 'local-checks') {
    expect(r.timeoutMs as number).toBeLessThanOrEqual(MAX_TIMEOUT_MS);
    if (r.checks !== undefined) expect((r.checks as unknown[]).length).toBeLessThanOrEqual(64);
  }
}

function validate(raw: unknown) {
  const r = guarded('validateRequest', () => validateRequest(raw));
  if (r.ok) checkAccepted(r.value);
  else {
    expect(PROTOCOL_ERROR_CODES).toContain(r.code);
    expect(r.id === null || REQUEST_ID_PATTERN.test(r.id)).toBe(true);
    expect(r.message).not.toContain(MARK);
  }
  return r;
}

/** Hostile strings for host fields: option-like, URLs, control characters, overlong names, shell text. */
const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    '-oProxyCommand=x',
    '--help',
    'http://127.0.0.1/',
    'file:///etc/passwd',
    '127.0.0.1;id',
    '$(id)',
    '`id`',
    'a\nb',
    'a\u0000b',
    'host\u202e',
    '127.0.0.1:3389',
    '[::1]:3389',
    '::1%lo',
    'user@host',
    '0x7f000001',
    '2130706433',
    '127.1',
    '..',
    `${'a'.repeat(63)}.`.repeat(4),
    'a'.repeat(254),
  ),
  fc.stringMatching(/^[a-z0-9.:[\]-]{0,300}$/),
);
/** Hostile strings that can never be a host (they start with "!"); the marker shows whether a message echoes them. */
const marked = hostile.map((s) => `!${MARK}${s}`);

const anyValue = fc.oneof(
  fc.anything(),
  hostile,
  marked,
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 65536, 1e21, Number.NaN, Infinity, 2 ** 53, MAX_TIMEOUT_MS + 1, MIN_TIMEOUT_MS - 1, '3389'),
);

const id = fc.stringMatching(/^[A-Za-z0-9._:-]{1,64}$/);
const base = fc.oneof(
  fc.record({ type: fc.constant('ping'), id }),
  fc.record({ type: fc.constant('cancel'), id }),
  fc.record({
    type: fc.constant('probe'),
    id,
    host: fc.constantFrom('127.0.0.200', 'rdp.example.test', '::1'),
    port: fc.integer({ min: 1, max: 65535 }),
    timeoutMs: fc.integer({ min: MIN_TIMEOUT_MS, max: MAX_TIMEOUT_MS }),
  }),
  fc.record({
    type: fc.constant('local-checks'),
    id,
    timeoutMs: fc.integer({ min: MIN_TIMEOUT_MS, max: MAX_TIMEOUT_MS }),
  }),
  fc.record({ type: fc.constant('listen-client'), id, waitMs: fc.integer({ min: 1000, max: 600_000 }) }),
);

describe('fuzz: request validator', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it('any value at all: a typed refusal or a request within its bounds, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fc.object()), (raw) => {
        validate(raw);
      }),
      fuzzParams(2),
    );
  });

  it('the well-formed requests are accepted', () => {
    fc.assert(
      fc.property(base, (raw) => {
        expect(validate(raw).ok).toBe(true);
      }),
      fuzzParams(0.5),
    );
  });

  it('near-valid requests: one field replaced, removed or added', () => {
    const edit = fc.record({
      field: fc.constantFrom(
        'type',
        'id',
        'host',
        'port',
        'timeoutMs',
        'waitMs',
        'checks',
        '__proto__',
        'constructor',
        'extra',
      ),
      action: fc.constantFrom('set', 'delete'),
      value: anyValue,
    });
    fc.assert(
      fc.property(base, fc.array(edit, { minLength: 1, maxLength: 3 }), (req, edits) => {
        const raw: Record<string, unknown> = JSON.parse(JSON.stringify(req)) as Record<string, unknown>;
        for (const e of edits) {
          if (e.action === 'delete') delete raw[e.field];
          else
            Object.defineProperty(raw, e.field, {
              value: e.value,
              enumerable: true,
              configurable: true,
              writable: true,
            });
        }
        const r = validate(raw);
        // A hostile host never gets through.
        if (r.ok && r.value.type === 'probe') expect(String(raw.host)).not.toContain(MARK);
      }),
      fuzzParams(2),
    );
  });

  it('probe requests with hostile hosts, ports and timeouts are refused with invalid-target / invalid-request', () => {
    fc.assert(
      fc.property(marked, anyValue, (host, other) => {
        const r = validate({ type: 'probe', id: 'p1', host, port: 3389, timeoutMs: 1000 });
        expect(r).toMatchObject({ ok: false, code: 'invalid-target', id: 'p1' });
        const port = validate({ type: 'probe', id: 'p2', host: '127.0.0.1', port: other, timeoutMs: 1000 });
        if (port.ok)
          expect(other).toSatisfy((p: unknown) => Number.isInteger(p) && (p as number) >= 1 && (p as number) <= 65535);
        const t = validate({ type: 'probe', id: 'p3', host: '127.0.0.1', port: 3389, timeoutMs: other });
        if (t.ok) expect(other).toSatisfy((v: unknown) => Number.isInteger(v) && (v as number) <= MAX_TIMEOUT_MS);
      }),
      fuzzParams(1),
    );
  });
});

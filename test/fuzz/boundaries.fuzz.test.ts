/**
 * Fuzzing the other validators at trust boundaries: the background's check of what the helper
 * sends (validateHostMessage, validateCheckResult), the background's check of what extension pages
 * and content scripts send (parseRequest, parseRunChecks) and the target parser used by the CLI
 * and the popup (parseTarget, parseTimeout). Each must return a typed value, never throw, and what
 * it accepts must keep the documented bounds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS, parseRequest, parseRunChecks } from '../../extension/lib/messages.js';
import { MAX_HOST_LENGTH, parseTarget, parseTimeout, TARGET_ERROR_CODES } from '../../shared/protocol/target.js';
import { validateCheckResult, validateHostMessage } from '../../shared/protocol/validate.js';
import { FUZZ_TEST_TIMEOUT_MS, fuzzParams, guarded } from './config.js';

const anyInput = fc.oneof(fc.anything(), fc.jsonValue(), fc.object({ maxDepth: 3 }));

/** Objects shaped like the real messages, with fields swapped for anything. */
const shaped = fc
  .tuple(
    fc.constantFrom('hello', 'pong', 'progress', 'result', 'error', 'run-checks', 'open-full-view', 'helper-status'),
    fc.dictionary(
      fc.constantFrom(
        'id',
        'protocolVersion',
        'hostVersion',
        'capabilities',
        'result',
        'results',
        'index',
        'total',
        'code',
        'message',
        'host',
        'port',
        'timeoutMs',
        'text',
        'checkId',
        'status',
        'findings',
        'evidence',
        '__proto__',
      ),
      fc.oneof(fc.anything(), fc.string({ maxLength: 300 }), fc.integer()),
    ),
  )
  .map(([type, rest]) => ({ ...rest, type }));

describe('fuzz: validators at the trust boundaries', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it('validateHostMessage / validateCheckResult (helper → background)', () => {
    fc.assert(
      fc.property(fc.oneof(anyInput, shaped), (raw) => {
        guarded('validateHostMessage', () => {
          const v = validateHostMessage(raw);
          if (!v.ok) expect(v.code).toBe('invalid-response');
          const r = validateCheckResult(raw);
          if (r !== null) {
            expect(typeof r.checkId).toBe('string');
            expect(Array.isArray(r.findings)).toBe(true);
          }
        });
      }),
      fuzzParams(1),
    );
  });

  it('parseRequest / parseRunChecks (pages and content scripts → background)', () => {
    fc.assert(
      fc.property(fc.oneof(anyInput, shaped), (raw) => {
        guarded('parseRequest', () => {
          const p = parseRequest(raw);
          if (p?.type === 'open-full-view') expect(p.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
          const c = parseRunChecks(raw);
          if (c) {
            expect(Number.isInteger(c.port) && c.port >= 1 && c.port <= 65535).toBe(true);
            expect(parseTarget(c.host.includes(':') ? `[${c.host}]:${c.port}` : `${c.host}:${c.port}`).ok).toBe(true);
            expect(parseTimeout(c.timeoutMs).ok).toBe(true);
          }
        });
      }),
      fuzzParams(1),
    );
  });

  it('parseTarget / parseTimeout (CLI argument, popup field)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.stringMatching(/^[-a-zA-Z0-9.:[\]_/@%]{0,270}$/),
      fc.constantFrom('[::1]:3389', '::ffff:127.0.0.1', '127.0.0.1:0', '1.2.3.4:65536', 'a..b', '-x', 'x'.repeat(264)),
    );
    fc.assert(
      fc.property(fc.oneof(text, fc.anything()), (input) => {
        guarded('parseTarget', () => {
          const t = parseTarget(input);
          if (!t.ok) {
            expect(TARGET_ERROR_CODES).toContain(t.code);
            return;
          }
          expect(t.target.host.length).toBeGreaterThan(0);
          expect(t.target.host.length).toBeLessThanOrEqual(MAX_HOST_LENGTH);
          expect(t.target.host).not.toMatch(/^-|[\s/?#@\x00-\x1f\x7f]/);
          expect(Number.isInteger(t.target.port) && t.target.port >= 1 && t.target.port <= 65535).toBe(true);
          // Parsing the display form again gives the same target.
          const again = parseTarget(t.target.display);
          expect(again.ok && again.target).toEqual(t.target);
          const to = parseTimeout(input);
          if (to.ok) expect(Number.isInteger(to.timeoutMs)).toBe(true);
        });
      }),
      fuzzParams(2),
    );
  });
});

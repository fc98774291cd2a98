/**
 * A whole pasted log is read: a 2 MB FreeRDP-style log whose last line holds the failure still gets its
 * code found and explained (the popup once read only the first 100,000 characters, silently).
 */
import { describe, expect, it } from 'vitest';
import { bigLog, TLS_FAILED_LINE } from '../../test/e2e/big-log.js';
import { explainText, MAX_EXPLAIN_CHARS } from './engine.js';

describe('popup reads a whole paste', () => {
  it('finds ERRCONNECT_TLS_CONNECT_FAILED on the last line of a 2 MB log', () => {
    const text = bigLog(2_000_000, TLS_FAILED_LINE);
    expect(text.length).toBeGreaterThan(2_000_000);
    expect(text.length).toBeLessThanOrEqual(MAX_EXPLAIN_CHARS);
    const codes = explainText(text).flatMap((e) => e.codes);
    expect(codes.map((c) => [c.namespace, c.hex, c.raw.startsWith('ERRCONNECT_TLS_CONNECT_FAILED')])).toContainEqual([
      'freerdp',
      '0x20008',
      true,
    ]);
  });

  it('a paste longer than the limit is read up to it (the rest is named as skipped in the view)', () => {
    const text = bigLog(MAX_EXPLAIN_CHARS + 10, 'Error code: 0x904');
    expect(text.length).toBeGreaterThan(MAX_EXPLAIN_CHARS);
    expect(explainText(text).flatMap((e) => e.codes.map((c) => c.hex))).not.toContain('0x904');
  });
});

/**
 * A whole pasted log is read: a 2 MB FreeRDP-style log whose last line holds the failure still gets its
 * code found and explained (the popup once read only the first 100,000 characters, silently).
 */
import { describe, expect, it } from 'vitest';
import { explainText, MAX_EXPLAIN_CHARS } from './engine.js';

function bigLog(bytes: number, lastLine: string): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const ms = String(i % 1000).padStart(3, '0');
    const line = `[12:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${ms}] [4242:4243] [DEBUG][com.freerdp.channels.rdpgfx.client] - RdpGfxRecvPdu: cmdId: 0x${(i % 0x20).toString(16)} pduLength: ${i % 9000} frame ${i}`;
    lines.push(line);
    size += line.length + 1;
  }
  lines.push(lastLine);
  return lines.join('\n');
}

describe('popup reads a whole paste', () => {
  it('finds ERRCONNECT_TLS_CONNECT_FAILED on the last line of a 2 MB log', () => {
    const text = bigLog(
      2_000_000,
      '[12:59:59:999] [4242:4243] [ERROR][com.freerdp.core] - freerdp_set_last_error_ex ERRCONNECT_TLS_CONNECT_FAILED [0x00020008]',
    );
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

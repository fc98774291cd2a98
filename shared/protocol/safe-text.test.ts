import { describe, expect, it } from 'vitest';
import { forPeople, safeBlock, safeText } from './safe-text.js';

describe('safeText: server text made safe for people', () => {
  it.each([
    ['evil\x1b[2J', 'evil\\x1B[2J'],
    ['a\u202eexe.txt', 'a\\u202Eexe.txt'],
    ['csi\u009b31m', 'csi\\x9B31m'],
    ['nul\u0000bell\u0007del\u007f', 'nul\\x00bell\\x07del\\x7F'],
    ['two\nlines\r', 'two\\x0Alines\\x0D'],
    ['iso\u2066late\u2069 lrm\u200e', 'iso\\u2066late\\u2069 lrm\\u200E'],
    ['line\u2028sep', 'line\\u2028sep'],
    ['lone \ud800 surrogate', 'lone \\uD800 surrogate'],
  ])('%j → %j', (input, want) => {
    expect(safeText(input)).toBe(want);
  });
  it('leaves ordinary text, accents, CJK and emoji alone', () => {
    for (const s of ['SRV-01.corp.example', 'Zürich Büro', '東京サーバー', 'rocket 🚀', 'CN=a\\, b']) {
      expect(safeText(s)).toBe(s);
    }
  });
  it('safeBlock keeps the report’s own newlines and tabs, escapes the rest', () => {
    expect(safeBlock('a\tb\nc\x1b[0m\u202e\n')).toBe('a\tb\nc\\x1B[0m\\u202E\n');
  });
});

describe('forPeople', () => {
  it('makes the lines people read safe and keeps the evidence exact', () => {
    const evil = 'srv\x1b[2J\u202e';
    const r = forPeople({
      checkId: 'ntlm-info',
      status: 'pass' as const,
      summary: `Server ${evil}`,
      reason: evil,
      evidence: { dnsComputerName: evil },
      findings: [{ id: 'x', severity: 'info' as const, summary: evil, supports: [], rulesOut: [] }],
      durationMs: 1,
    });
    expect(r.summary).toBe('Server srv\\x1B[2J\\u202E');
    expect(r.reason).toBe('srv\\x1B[2J\\u202E');
    expect(r.findings[0]?.summary).toBe('srv\\x1B[2J\\u202E');
    expect(r.evidence.dnsComputerName).toBe(evil);
  });
});

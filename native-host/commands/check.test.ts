import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CHECK_JSON_KEYS } from '../../test/harness/cli.js';
import { parseCheckArgs, runCheckCommand } from './check.js';
import type { CommandIO } from './types.js';

function io(): { io: CommandIO; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d) => (o += d));
  stderr.on('data', (d) => (e += d));
  return { io: { stdout, stderr, stdin: new PassThrough(), env: {} }, out: () => o, err: () => e };
}
const signal = new AbortController().signal;

describe('parseCheckArgs', () => {
  it('reads the target, --timeout (both spellings) and --json', () => {
    expect(parseCheckArgs(['srv.example:3390', '--timeout', '1500', '--json'])).toMatchObject({
      ok: true,
      args: { target: { host: 'srv.example', port: 3390 }, timeoutMs: 1500, json: true },
    });
    expect(parseCheckArgs(['--timeout=800', '[::1]'])).toMatchObject({
      ok: true,
      args: { target: { host: '::1', port: 3389 }, timeoutMs: 800, json: false },
    });
  });
  it.each([
    [[], 'usage'],
    [['a', 'b'], 'usage'],
    [['--bogus', 'a'], 'usage'],
    [['a', '--timeout'], 'usage'],
    [['a', '--timeout', 'soon'], 'timeout-invalid'],
    [['a', '--timeout', '999999'], 'timeout-out-of-range'],
    [['--', '-oProxyCommand=x'], 'target-option-like'],
    [['http://a/'], 'target-url'],
    [['a b'], 'target-whitespace'],
  ])('%j → %s', (argv, code) => {
    expect(parseCheckArgs(argv)).toMatchObject({ ok: false, code });
  });
});

describe('rdp-doctor check', () => {
  it('usage errors exit 2 with the error code on stderr and nothing on stdout', async () => {
    const t = io();
    expect(await runCheckCommand(['--timeout', 'x', 'host'], t.io, signal)).toBe(2);
    expect(t.err()).toMatch(/\[timeout-invalid\]/);
    expect(t.out()).toBe('');
  });
  it('a refused port exits 3; the human report starts with the findings', async () => {
    const t = io();
    expect(await runCheckCommand(['127.0.0.46:1', '--timeout', '5000'], t.io, signal)).toBe(3);
    const lines = t.out().split('\n');
    expect(lines[0]).toMatch(/^RDP Doctor check of 127\.0\.0\.46:1: problems found/);
    expect(lines[2]).toBe('Findings');
    expect(lines[3]).toMatch(/^ {2}FAIL {2}port-refused/);
  });
  it('--json prints the documented top-level keys', async () => {
    const t = io();
    expect(await runCheckCommand(['127.0.0.46:1', '--json'], t.io, signal)).toBe(3);
    const j = JSON.parse(t.out());
    expect(Object.keys(j).sort()).toEqual([...CHECK_JSON_KEYS]);
    expect(j.findings).toMatchObject([{ id: 'port-refused', severity: 'fail' }]);
    expect(j.negotiation.status).toBe('skipped');
  });
});

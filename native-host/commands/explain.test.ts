import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explainCommand, parseExplainArgs } from './explain.js';
import { type CommandRun, runCommand } from './run-command.testkit.js';

type Run = CommandRun;

function run(argv: string[], stdinText?: string, stdinIsTTY = false): Promise<Run> {
  return runCommand(explainCommand, argv, { ...(stdinText === undefined ? {} : { stdin: stdinText }), stdinIsTTY });
}

describe('rdp-doctor explain', () => {
  it('explains a paired dialog as one event with meaning, actor, causes and fix titles', async () => {
    const r = await run(['Error code: 0x904', 'Extended error code: 0x7'], undefined, true);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Found 1 event');
    expect(r.out).toContain('Error code 0x904 + Extended error code 0x7');
    expect(r.out).toMatch(/Meaning: .*denied/i);
    expect(r.out).toContain('Who must act:');
    expect(r.out).toContain('Likely causes:');
    expect(r.out).toMatch(/Fixes to try, in order:\n\s+1\. \S/);
  });

  it('an unknown code gets no empty "Causes:" or "Fixes" heading: it says no fix can be suggested yet', async () => {
    const r = await run(['Error code: 0x12345678'], undefined, true);
    expect(r.code).toBe(0);
    expect(r.out).toContain('RDP Doctor does not know this code');
    expect(r.out).not.toMatch(/^Causes:\n\n/m);
    expect(r.out).not.toContain('Fixes, most likely first:\n\n');
    expect(r.out).toContain('No fix can be suggested from this evidence yet');
  });

  it('prints JSON with the documented fields', async () => {
    const r = await run(['--json', 'ERRCONNECT_LOGON_FAILURE [0x00020014]'], undefined, true);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { detections: Record<string, unknown>[]; events: unknown[] };
    expect(j.detections[0]).toMatchObject({
      namespace: 'freerdp',
      code: 0x20014,
      hex: '0x20014',
      name: 'ERRCONNECT_LOGON_FAILURE',
      confidence: 'high',
    });
    expect(typeof j.detections[0]?.summary).toBe('string');
    expect(j.events).toHaveLength(1);
  });

  it('reads standard input when given "-" or when stdin is not a terminal', async () => {
    const text = '[WARN][com.freerdp.core.nego] - Error: HYBRID_REQUIRED_BY_SERVER\n';
    expect((await run(['-'], text)).out).toContain('HYBRID_REQUIRED_BY_SERVER');
    expect((await run([], text)).code).toBe(0);
  });

  it('exits 1 when nothing is found, 2 on usage errors', async () => {
    expect((await run(['hello', 'world'], undefined, true)).code).toBe(1);
    const bad = await run(['--nope'], undefined, true);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown option "--nope"');
    expect((await run([], undefined, true)).code).toBe(2);
    expect(() => parseExplainArgs(['-', 'text'])).toThrow(/either/);
  });

  it('keeps negative numbers as text, not options', () => {
    expect(parseExplainArgs(['ConnectionFailedClientDisconnect', '(-2147467259)', '-2147467259']).words).toHaveLength(
      3,
    );
  });

  it('runs for real through the CLI entry point', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(
        'npx',
        ['tsx', 'native-host/cli.ts', 'explain', '--json', 'Error code: 0x204', 'Extended error code: 0x0'],
        { cwd: root, timeout: 60_000 },
        (err, out) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout: out }),
      );
    });
    expect(code).toBe(0);
    const j = JSON.parse(stdout) as { detections: { namespace: string; hex: string; pairedWith?: number }[] };
    expect(j.detections.map((d) => [d.namespace, d.hex, d.pairedWith])).toEqual([
      ['disconnect-reason', '0x204', 1],
      ['extended-reason', '0x0', 0],
    ]);
  });
});

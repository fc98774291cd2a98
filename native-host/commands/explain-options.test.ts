/**
 * `explain --page` and `explain --host --timeout` reach every part of the run: the ranking and all
 * three output formats take the page reading of the text, and the checks of this computer get the
 * same per-step time limit as the probe of the server.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { explainCommand, parseExplainArgs, runHostChecks } from './explain.js';
import { runCommand } from './run-command.testkit.js';

const run = (argv: string[]) => runCommand(explainCommand, argv);

// 0x204 counts when the text is given on purpose, and not on a page that says nothing of Remote Desktop.
const OFF_TOPIC = 'Build failed with error 0x204 in step 3';
// A Remote Desktop dialog, and far below it on the same page the off-topic line: only the dialog's codes count.
const DIALOG = 'Remote Desktop Connection\nError code: 0x904\nExtended error code: 0x7';
const MIXED = `${DIALOG}\n\n${'The weather stayed mild all week. '.repeat(40)}\n\n${OFF_TOPIC}`;

describe('explain --page', () => {
  it('without --page the off-topic code is read, and ranks the fixes of a refused connection', async () => {
    const j = JSON.parse((await run(['--json', OFF_TOPIC])).out);
    expect(j.detections).toHaveLength(1);
    expect(j.fixes.map((f: { id: string }) => f.id)).toContain('enable-remote-desktop');
  });

  it('--json: nothing found means nothing ranked', async () => {
    const r = await run(['--page', '--json', OFF_TOPIC]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.detections).toEqual([]);
    expect(j.causes).toEqual([]);
    expect(j.fixes).toEqual([]);
  });

  it('--json: the ranking is that of the codes the page reading kept', async () => {
    const page = JSON.parse((await run(['--page', '--json', MIXED])).out);
    const dialog = JSON.parse((await run(['--json', DIALOG])).out);
    expect(page.detections.map((d: { hex: string }) => d.hex)).toEqual(['0x904', '0x7']);
    expect(page.causes.map((c: { id: string }) => c.id)).toEqual(dialog.causes.map((c: { id: string }) => c.id));
    expect(page.fixes.map((f: { id: string }) => f.id)).toEqual(dialog.fixes.map((f: { id: string }) => f.id));
  });

  it('--markdown: the report lists only the codes the page reading kept', async () => {
    const md = (await run(['--page', '--markdown', MIXED])).out;
    expect(md).toContain('0x904');
    expect(md).not.toContain('0x204');
    expect((await run(['--markdown', MIXED])).out).toContain('0x204');
  });

  it('text: the ranked fixes are those of the codes the page reading kept', async () => {
    const ranking = (out: string) => out.slice(out.indexOf('Fixes, most likely first:'));
    const page = ranking((await run(['--page', MIXED])).out);
    expect(page).toContain('Fixes, most likely first:');
    expect(page).toBe(ranking((await run([DIALOG])).out));
  });
});

describe.runIf(process.platform === 'linux')('explain --host --timeout', () => {
  it('gives the checks of this computer the same per-step limit as the probe', async () => {
    // A Remote Desktop client that never answers `--version`: only the limit ends it.
    const dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-slow-client-'));
    const slow = join(dir, 'xfreerdp');
    writeFileSync(slow, '#!/bin/sh\nexec sleep 120\n');
    chmodSync(slow, 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${dir}${delimiter}${path ?? ''}`;
    try {
      // Port 1 on loopback refuses at once: the probe ends quickly; the local checks are what is looked at.
      const argv = ['--host', '127.0.0.1:1', '--timeout', '400', 'Error code: 0x204'];
      const opts = parseExplainArgs(argv);
      expect(opts.timeoutMs).toBe(400);
      const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: {} };
      const results = await runHostChecks(opts.host!, opts.timeoutMs, io, new AbortController().signal, false);
      const clients = results.find((c) => c.checkId === 'rdp-clients');
      const notes = JSON.stringify(clients?.evidence.notes);
      expect(notes).toContain('xfreerdp is installed but did not print its version');
      expect(notes).toContain('within 400 ms');
    } finally {
      process.env.PATH = path;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/**
 * Convention test: every file in this folder that exports a check is registered, documented,
 * declares its platforms and has a test file next to it; the one registry (shared/protocol/checks.ts)
 * and the implementations agree; every check is reachable from the popup's Run checks, `explain
 * --host` / `check` (network and client checks) or `local` (server checks); no other file keeps its
 * own list of checks; the index of implementations and docs/checks.md are generated (`npm run build`)
 * and the committed files are up to date.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECK_INDEX, checkExportName, checkFiles, renderCheckIndex } from '../../scripts/generate/check-index.js';
import { CHECKS_DOC, renderChecksDoc } from '../../scripts/generate/checks-doc.js';
import {
  CHECK_SPECS,
  CLIENT_CHECKS,
  PROBE_CHECKS,
  RUN_CHECKS_PLAN,
  SERVER_CHECKS,
} from '../../shared/protocol/checks.js';
import { localChecks, runLocalChecks } from '../engines/local.js';
import { runProbe } from '../engines/probe.js';
import { CHECKS, getCheck } from './registry.js';
import type { Check } from './types.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../..');
const SOURCES = readdirSync(HERE).filter(
  (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !['registry.ts', 'types.ts', 'implementations.ts'].includes(f),
);

/** A generated file, committed, equals what `npm run build` would write now. */
function expectGenerated(path: string, rendered: string): void {
  const stale = `${path} is out of date: run \`npm run build\` (it rewrites the file) and commit it`;
  expect(existsSync(join(ROOT, path)), stale).toBe(true);
  expect(readFileSync(join(ROOT, path), 'utf8'), stale).toBe(rendered);
}

function isCheck(v: unknown): v is Check {
  const c = v as Partial<Check> | null;
  return typeof c === 'object' && c !== null && typeof c.id === 'string' && typeof c.run === 'function' && 'kind' in c;
}

describe('check registry', () => {
  it.each(SOURCES)('%s: exported checks are registered, documented and tested', async (file) => {
    const mod = (await import(`./${file}`)) as Record<string, unknown>;
    for (const [name, check] of Object.entries(mod).filter(([, v]) => isCheck(v)) as [string, Check][]) {
      expect(file, 'a check lives in the file named by its id').toBe(`${check.id}.ts`);
      expect(
        name,
        `${file} must export its check as ${checkExportName(check.id)} (the generated index looks for it)`,
      ).toBe(checkExportName(check.id));
      expect(CHECKS, `${check.id} from ${file} is not in the registry (shared/protocol/checks.ts)`).toContain(check);
      expect(check.title.trim().length).toBeGreaterThan(0);
      expect(check.description.trim().length, `${check.id} needs a description`).toBeGreaterThan(40);
      expect(check.platforms.length, `${check.id} must declare platforms`).toBeGreaterThan(0);
      for (const p of check.platforms) expect(['linux', 'darwin', 'win32']).toContain(p);
      expect(['network', 'client', 'server']).toContain(check.kind);
      expect(existsSync(join(HERE, `${check.id}.test.ts`)), `${check.id}.test.ts is missing`).toBe(true);
    }
  });

  it('ids are unique and resolvable', () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CHECKS) expect(getCheck(c.id)).toBe(c);
  });

  it('every registered check comes from a file in this folder', () => {
    for (const c of CHECKS) expect(SOURCES, `no file ${c.id}.ts`).toContain(`${c.id}.ts`);
  });
});

describe('one check registry', () => {
  it('implementations carry the id, title, kind and platforms of their registry line, in registry order', () => {
    expect(CHECKS.map((c) => c.id)).toEqual(CHECK_SPECS.map((s) => s.id));
    for (const spec of CHECK_SPECS) {
      const c = getCheck(spec.id)!;
      expect(c.title, spec.id).toBe(spec.title);
      expect(c.kind, spec.id).toBe(spec.where);
      expect([...c.platforms].sort(), spec.id).toEqual([...spec.platforms].sort());
      expect(spec.capability, spec.id).toBe(spec.where === 'network' ? 'probe' : 'local-checks');
      expect(spec.decides.length, `${spec.id} must say which causes it decides`).toBeGreaterThan(0);
    }
  });

  it('every check is reachable: network and client checks from Run checks and explain --host, server checks from local', () => {
    for (const spec of CHECK_SPECS) {
      if (spec.where === 'server') expect(SERVER_CHECKS).toContain(spec.id);
      else expect(RUN_CHECKS_PLAN, `${spec.id} is not run by Run checks / explain --host`).toContain(spec.id);
    }
    expect(localChecks().map((c) => c.id)).toEqual([...CLIENT_CHECKS, ...SERVER_CHECKS]);
  });

  it("the probe emits exactly the registry's network checks, in order", async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const seen: string[] = [];
    await runProbe(`127.0.0.1:${port}`, { timeoutMs: 1000, onResult: (r) => seen.push(r.checkId) });
    expect(seen).toEqual([...PROBE_CHECKS]);
  });

  it('the client checks the popup and explain --host ask for each give a result', async () => {
    const seen: string[] = [];
    await runLocalChecks({
      signal: new AbortController().signal,
      only: CLIENT_CHECKS,
      platform: 'linux',
      exec: async (command, args) => ({ command, args, outcome: 'not-found', exitCode: null, stdout: '', stderr: '' }),
      onResult: (r) => seen.push(r.checkId),
    });
    expect([...seen].sort()).toEqual([...CLIENT_CHECKS].sort());
  });

  it('no other module keeps its own list of check ids', () => {
    const files = [
      'native-host/messaging/dispatch.ts',
      'native-host/commands/explain.ts',
      'extension/background/index.ts',
      'extension/background/helper.ts',
      'extension/background/checks-port.ts',
      'shared/diagnose/next-checks.ts',
      'shared/catalog/define.ts',
    ];
    for (const f of files) {
      const src = readFileSync(join(ROOT, f), 'utf8');
      for (const spec of CHECK_SPECS) {
        expect(src.includes(`'${spec.id}'`), `${f} names the check '${spec.id}': derive it from the registry`).toBe(
          false,
        );
      }
    }
  });

  it('docs/checks.md is generated from the registry and up to date', () => {
    expectGenerated(CHECKS_DOC, renderChecksDoc());
  });
});

describe('generated index of implementations', () => {
  it('is up to date with the files of this folder', () => {
    expectGenerated(CHECK_INDEX, renderCheckIndex(ROOT));
  });

  it('lists exactly the files that export a check, under the name the convention gives', () => {
    expect(checkFiles(ROOT).map((c) => c.id)).toEqual(CHECKS.map((c) => c.id).sort());
    expect(checkExportName('rdp-cert-store')).toBe('rdpCertStoreCheck');
    expect(checkExportName('ntlm-info')).toBe('ntlmInfoCheck');
    expect(checkExportName('clock')).toBe('clockCheck');
  });
});

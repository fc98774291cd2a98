/**
 * Convention test: every file in this folder that exports a check is registered, documented,
 * declares its platforms and has a test file next to it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKS, getCheck } from './registry.js';
import type { Check } from './types.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SOURCES = readdirSync(HERE).filter(
  (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !['registry.ts', 'types.ts'].includes(f),
);

function isCheck(v: unknown): v is Check {
  const c = v as Partial<Check> | null;
  return typeof c === 'object' && c !== null && typeof c.id === 'string' && typeof c.run === 'function' && 'kind' in c;
}

describe('check registry', () => {
  it.each(SOURCES)('%s: exported checks are registered, documented and tested', async (file) => {
    const mod = (await import(`./${file}`)) as Record<string, unknown>;
    const checks = Object.values(mod).filter(isCheck);
    for (const check of checks) {
      expect(CHECKS, `${check.id} from ${file} is not in registry.ts`).toContain(check);
      expect(file, 'a check lives in the file named by its id').toBe(`${check.id}.ts`);
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

/**
 * CONTRIBUTING.md names real files: every path it writes in backticks exists (paths with a placeholder
 * such as `<id>` excepted; folders named relative to another, such as `engines/`, are read as written),
 * so a move that leaves the recipes behind fails here. For the recipes whose every step is one file, the
 * measured count in the table is the number of files the steps name, and stays within its target.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const TEXT = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8');
const PATHS = [
  ...new Set([...TEXT.matchAll(/`([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*\/?)`/g)].map((m) => m[1]!)),
].filter((p) => existsSync(join(ROOT, p.split('/')[0]!)) && (p.includes('/') || /\.(md|ts|json|mjs)$/.test(p)));

describe('CONTRIBUTING.md', () => {
  it('names paths', () => expect(PATHS.length).toBeGreaterThan(20));
  it('names only files and folders that exist', () => {
    expect(PATHS.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });
});

/** The recipe under `## <heading>`: the file each numbered step starts with. */
function stepFiles(heading: string): string[] {
  const start = TEXT.indexOf(`## ${heading}`);
  const end = TEXT.indexOf('\n## ', start + 3);
  const section = TEXT.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^\d+\. `([^`]+)`/gm)].map((m) => m[1]!);
}

/** The table row of a change: its measured count (the first number) and its target (`≤ n`, if any). */
function row(change: string): { measured: number; target: number | null } {
  const line = TEXT.split('\n').find((l) => l.startsWith(`| ${change} |`));
  const cells = line?.split('|').map((c) => c.trim()) ?? [];
  const target = /≤\s*(\d+)/.exec(cells[3] ?? '');
  return { measured: Number(/^\d+/.exec(cells[2] ?? '')?.[0]), target: target ? Number(target[1]) : null };
}

describe('CONTRIBUTING.md counts', () => {
  it.each([
    ['a check', 'Add a check'],
    ['an error family', 'Add an error family (namespace)'],
    ['a fix', 'Add a fix'],
    ['a locale', 'Add a locale'],
  ])('%s: the table counts the files its recipe names, within the target', (change, heading) => {
    const files = stepFiles(heading);
    expect(files.length).toBeGreaterThan(0);
    expect(new Set(files).size).toBe(files.length);
    const { measured, target } = row(change);
    expect(measured).toBe(files.length);
    if (target !== null) expect(measured).toBeLessThanOrEqual(target);
  });
});

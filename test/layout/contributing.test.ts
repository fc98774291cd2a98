/**
 * CONTRIBUTING.md names real files: every path it writes in backticks exists (paths with a placeholder
 * such as `<id>` excepted; folders named relative to another, such as `engines/`, are read as written),
 * so a move that leaves the recipes behind fails here.
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

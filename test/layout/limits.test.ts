/**
 * Limits once: every limit in `shared/protocol/limits.ts` (ports, timeouts, waits, message sizes,
 * clock tolerance) is defined there and nowhere else, and the command line, the popup and options,
 * and the helper each read it from there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as limits from '../../shared/protocol/limits.js';
import { ROOT } from '../e2e/browser.js';
import { sourceFiles } from './imports.js';

const LIMITS = 'shared/protocol/limits.ts';
const NAMES = Object.keys(limits);

/** Names that used to hold a copy of a limit under another name. */
const FORMER_COPIES = ['MAX_SKEW_MS', 'TEST_CLIENT_WAIT_MS'];

/** `const NAME =` / `const NAME: T =` (not an import, re-export or use). */
const definitionOf = (name: string) => new RegExp(`\\b(?:const|let|var)\\s+${name}\\s*[:=]`);

describe('limits are defined once', () => {
  const files = sourceFiles(ROOT);

  it('limits.ts defines the limits the runtimes share', () => {
    expect(NAMES).toEqual(
      expect.arrayContaining(['MIN_TIMEOUT_MS', 'MAX_TIMEOUT_MS', 'DEFAULT_TIMEOUT_MS', 'MIN_PORT', 'MAX_PORT']),
    );
    const text = readFileSync(join(ROOT, LIMITS), 'utf8');
    for (const n of NAMES) expect(text, n).toMatch(definitionOf(n));
  });

  it('no other source file defines a limit of the same name, or one of its former copies', () => {
    const twice: string[] = [];
    for (const f of files) {
      if (f.path === LIMITS) continue;
      const text = readFileSync(join(ROOT, f.path), 'utf8');
      for (const n of [...NAMES, ...FORMER_COPIES]) if (definitionOf(n).test(text)) twice.push(`${f.path}: ${n}`);
    }
    expect(twice).toEqual([]);
  });

  it('the command line, the popup and options, and the helper read them from limits.ts', () => {
    const readers = (under: string) =>
      files.filter((f) => f.path.startsWith(under) && f.imports.includes(LIMITS)).map((f) => f.path);
    // The CLI's and the helper's timeout and target parsing; the helper's request validator.
    expect(readers('shared/protocol/')).toEqual(
      expect.arrayContaining(['shared/protocol/target.ts', 'shared/protocol/validate.ts']),
    );
    expect(readers('extension/lib/')).toEqual(
      expect.arrayContaining(['extension/lib/settings.ts', 'extension/lib/messages.ts']),
    );
    expect(readers('extension/popup/').length).toBeGreaterThan(0);
    expect(readers('native-host/').length).toBeGreaterThan(0);
  });

  it('finds a second definition when there is one', () => {
    expect(definitionOf('MIN_TIMEOUT_MS').test('export const MIN_TIMEOUT_MS = 100;')).toBe(true);
    expect(definitionOf('MIN_TIMEOUT_MS').test("import { MIN_TIMEOUT_MS } from './limits.js';")).toBe(false);
    expect(definitionOf('MIN_TIMEOUT_MS').test('if (t < MIN_TIMEOUT_MS) return;')).toBe(false);
  });
});

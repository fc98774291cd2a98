/**
 * Page code stays readable: in the options page (extension/options), no top-level function or
 * component runs longer than {@link MAX_LINES} lines — a longer one is a page of several ideas and is
 * split into the sections and fields it shows. The helper's install folder (`host status`, whose one
 * 180-line function became steps) is held to the same limit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const MAX_LINES = 60;
const DIRS = ['extension/options', 'native-host/install'];

/** Top-level functions (declared at column 0) and their length in lines, up to the closing `}` at column 0. */
function functionSizes(source: string): { name: string; lines: number }[] {
  const lines = source.split('\n');
  const out: { name: string; lines: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(?:export )?(?:async )?function\s+([A-Za-z0-9_]+)/.exec(lines[i] ?? '');
    if (!m) continue;
    let j = i;
    while (j < lines.length && !/^}\s*$/.test(lines[j] ?? '')) j++;
    out.push({ name: m[1] ?? '', lines: j - i + 1 });
  }
  return out;
}

describe('function size', () => {
  it('measures what it claims', () => {
    expect(functionSizes('function a() {\n  x;\n}\nexport function B(p: {\n  x: 1;\n}) {\n  y;\n}\n')).toEqual([
      { name: 'a', lines: 3 },
      { name: 'B', lines: 5 },
    ]);
  });

  it.each(DIRS)('no function in %s is longer than the limit', (dir) => {
    const long = readdirSync(join(ROOT, dir))
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
      .flatMap((f) =>
        functionSizes(readFileSync(join(ROOT, dir, f), 'utf8'))
          .filter((s) => s.lines > MAX_LINES)
          .map((s) => `${f}: ${s.name} (${s.lines} lines)`),
      );
    expect(long).toEqual([]);
  });
});

/**
 * Sizes of what users download and run: the built extension's scripts (raw and gzipped) and the
 * helper bundle, with the largest files listed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './util.js';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const rows: { file: string; bytes: number; gzip: number }[] = [];
for (const base of ['dist/chromium', 'dist/native-host']) {
  for (const f of walk(join(ROOT, base))) {
    if (!/\.(m?js|css|html)$/.test(f)) continue;
    const data = readFileSync(f);
    rows.push({ file: relative(ROOT, f), bytes: data.length, gzip: gzipSync(data, { level: 9 }).length });
  }
}
rows.sort((a, b) => b.bytes - a.bytes);
const total = (prefix: string, k: 'bytes' | 'gzip') =>
  rows.filter((r) => r.file.startsWith(prefix)).reduce((s, r) => s + r[k], 0);
console.log(
  JSON.stringify({
    name: 'bundle-size',
    title: 'Bundle sizes',
    rows: rows
      .slice(0, 12)
      .map((r) => ({ file: r.file, KiB: (r.bytes / 1024).toFixed(1), 'gzip KiB': (r.gzip / 1024).toFixed(1) })),
    totals: {
      'extension scripts (KiB, gzip KiB)': `${(total('dist/chromium', 'bytes') / 1024).toFixed(1)}, ${(total('dist/chromium', 'gzip') / 1024).toFixed(1)}`,
      'helper bundle (KiB, gzip KiB)': `${(total('dist/native-host', 'bytes') / 1024).toFixed(1)}, ${(total('dist/native-host', 'gzip') / 1024).toFixed(1)}`,
    },
  }),
);

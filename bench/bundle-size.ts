/**
 * Sizes of what users download and run: the built extension's scripts (raw and gzipped) and the
 * helper bundle, with the largest files listed; the content script (what every annotated page loads)
 * and the popup's initial scripts (what it loads before its first paint) against their goals.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

const DIST = join(ROOT, 'dist/chromium');
const gz = (f: string) => gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length;
const kib = (n: number) => Math.round((n / 1024) * 10) / 10;

/** Scripts the popup loads before its first paint: its HTML's, and every chunk they import statically. */
function popupInitial(): string[] {
  const html = readFileSync(join(DIST, 'extension/popup/index.html'), 'utf8');
  const queue = [...html.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const f = queue.shift()!;
    if (seen.has(f) || !existsSync(join(DIST, f))) continue;
    seen.add(f);
    // Static imports only (`import"./x.js"`, `from"./x.js"`); `import("./x.js")` loads later.
    for (const m of readFileSync(join(DIST, f), 'utf8').matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) {
      queue.push(`assets/${m[1]}`);
    }
  }
  return [...seen];
}

const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as {
  content_scripts?: { js?: string[] }[];
};
const contentFiles = [...new Set((manifest.content_scripts ?? []).flatMap((c) => c.js ?? []))];
const contentGz = contentFiles.reduce((s, f) => s + gz(f), 0);
const popupFiles = popupInitial();
const popupGz = popupFiles.reduce((s, f) => s + gz(f), 0);
const verdict = (size: number, goal: number) =>
  `${kib(size)} KiB gzipped: ${size <= goal * 1024 ? 'met' : 'NOT met'} (goal ≤ ${goal} KiB)`;
const total = (prefix: string, k: 'bytes' | 'gzip') =>
  rows.filter((r) => r.file.startsWith(prefix)).reduce((s, r) => s + r[k], 0);
console.log(
  JSON.stringify({
    name: 'bundle-size',
    title: 'Bundle sizes',
    rows: rows
      .slice(0, 12)
      .map((r) => ({ file: r.file, KiB: (r.bytes / 1024).toFixed(1), 'gzip KiB': (r.gzip / 1024).toFixed(1) })),
    goals: {
      [`content script (${contentFiles.length} file)`]: verdict(contentGz, 20),
      [`popup initial scripts (${popupFiles.length} files, before its first paint)`]: verdict(popupGz, 60),
    },
    totals: {
      'extension scripts (KiB, gzip KiB)': `${(total('dist/chromium', 'bytes') / 1024).toFixed(1)}, ${(total('dist/chromium', 'gzip') / 1024).toFixed(1)}`,
      'helper bundle (KiB, gzip KiB)': `${(total('dist/native-host', 'bytes') / 1024).toFixed(1)}, ${(total('dist/native-host', 'gzip') / 1024).toFixed(1)}`,
    },
  }),
);

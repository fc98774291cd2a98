#!/usr/bin/env node
// `npm run bench`: builds, runs every benchmark under bench/ (each prints one JSON object as its
// last stdout line, with figures and ratios against a baseline measured in the same run), prints
// the results and writes them to BENCHMARKS.md with the machine and versions.
// Benchmarks never fail a build on timing; one that cannot run is reported as such.
// `npm run bench -- detector probe-vs-nmap` runs only those.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ORDER = ['detector', 'bundle-size', 'startup', 'popup', 'full-view', 'probe-vs-nmap', 'annotate', 'scan'];
const only = process.argv.slice(2);

execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});

const found = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'util.ts')
  .map((f) => f.replace(/\.ts$/, ''));
const names = [...ORDER.filter((n) => found.includes(n)), ...found.filter((n) => !ORDER.includes(n)).sort()].filter(
  (n) => only.length === 0 || only.includes(n),
);

function version(cmd, args, pattern) {
  try {
    const out = execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return (out.match(pattern)?.[0] ?? out.split('\n')[0]).trim();
  } catch {
    return 'not installed';
  }
}

const machine = [
  ['date', new Date().toISOString()],
  ['OS', `${process.platform} ${release()}`],
  ['CPU', `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`],
  ['memory', `${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free at start)`],
  ['node', process.version],
  ['chromium', version('/usr/bin/chromium', ['--version'], /Chromium [\d.]+/)],
  ['xrdp', version('xrdp', ['--version'], /xrdp [\d.]+/)],
  ['nmap', version('nmap', ['--version'], /Nmap version [\d.]+/)],
  ['FreeRDP (xfreerdp package)', version('dpkg-query', ['-W', `-f=\${Version}`, 'freerdp2-x11'], /^[\w.+~:-]+/)],
];

function table(rows) {
  if (!Array.isArray(rows) || rows.length === 0) return '';
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const num = (v) => (typeof v === 'number' && !Number.isInteger(v) ? String(Number(v.toFixed(3))) : v);
  const cell = (v) =>
    String(num(v) ?? '')
      .replace(/\|/g, '\\|')
      .replace(/\n/g, ' ');
  return [
    `| ${cols.join(' | ')} |`,
    `| ${cols.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${cols.map((c) => cell(r[c])).join(' | ')} |`),
  ].join('\n');
}

function render(name, result) {
  const out = [`## ${result.title ?? name}`, '', `Benchmark \`bench/${name}.ts\`.`];
  if (typeof result.baseline === 'string') out.push(`Baseline (same run): ${result.baseline}.`);
  else if (result.baseline?.name) out.push(`Baseline (same run): ${result.baseline.name}.`);
  out.push('');
  for (const [key, value] of Object.entries(result)) {
    if (['name', 'title', 'notes'].includes(key) || (key === 'baseline' && typeof value === 'string')) continue;
    if (Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null)) {
      if (key !== 'rows') out.push('', `**${key}**`, '');
      out.push(table(value), '');
    } else if (typeof value === 'object' && value !== null) {
      out.push(
        '',
        `**${key}**`,
        '',
        table(
          Object.entries(value).map(([k, v]) => ({ measure: k, value: typeof v === 'object' ? JSON.stringify(v) : v })),
        ),
        '',
      );
    } else {
      out.push(`- ${key}: ${value}`);
    }
  }
  if (result.notes) out.push('', ...[].concat(result.notes).map((n) => `> ${n}`));
  return `${out.join('\n')}\n`;
}

const sections = [];
for (const name of names) {
  process.stderr.write(`bench: ${name} …\n`);
  const t0 = Date.now();
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'bench', `${name}.ts`)],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 15 * 60_000,
      maxBuffer: 64 * 2 ** 20,
    },
  );
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  // The result is the last JSON object printed, on one line or pretty-printed over several.
  const out = r.stdout ?? '';
  let result;
  const starts = [...out.matchAll(/^\{/gm)].map((m) => m.index).reverse();
  for (const i of starts) {
    try {
      result = JSON.parse(out.slice(i));
      break;
    } catch {
      // not the start of the final object
    }
  }
  if (r.status !== 0 || !result) {
    const why = (r.error?.message ?? r.stderr ?? '').trim().split('\n').slice(-3).join(' ');
    sections.push(
      `## ${name}\n\nCould not run (exit ${r.status ?? 'timeout'} after ${seconds} s): ${why || 'no JSON result'}\n`,
    );
    process.stderr.write(`bench: ${name} could not run\n${r.stderr ?? ''}\n`);
    continue;
  }
  sections.push(`${render(name, result)}\n_(ran in ${seconds} s)_\n`);
}

const doc = [
  '# Benchmarks',
  '',
  'Generated by `npm run bench` — do not edit by hand. Every ratio compares against a baseline measured in the same run on the same machine.',
  '',
  table(machine.map(([k, v]) => ({ '': k, value: v }))),
  '',
  ...sections,
].join('\n');
if (only.length === 0) writeFileSync(join(root, 'BENCHMARKS.md'), doc);
process.stdout.write(doc);

#!/usr/bin/env node
// Builds everything: the files generated from the source (scripts/generate.mjs), the extension for
// Chromium-family browsers and for Firefox (Vite + crxjs), and the native host + CLI bundles
// (esbuild). Output under dist/.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { generate } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const want = (part) => only.length === 0 || only.includes(part);
const started = Date.now();

// First the files generated from the source (the catalogue's compact index, the index of checks,
// docs/checks.md): rewritten here, only compared in CI, where a committed file that is out of date
// fails the build.
try {
  for (const path of await generate({ check: process.env.CI === 'true' })) console.log(`generated ${path}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}

function vite(mode) {
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', mode], {
    cwd: root,
    stdio: 'inherit',
  });
}

if (want('host')) {
  const out = join(root, 'dist/native-host');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // Split into chunks so each run loads only what it uses: `rdp-doctor check` never loads the
  // catalogue, the fix library or the YAML parser, and the helper says hello before loading an
  // engine. The chunks sit beside host.mjs and cli.mjs (dist/native-host/*.mjs) and are imported
  // by relative path, so that folder is what runs, wherever it is copied or installed.
  // (The single executable is one CommonJS file built from the same sources, with the same lazy
  // loading inlined.)
  await esbuild({
    entryPoints: { host: join(root, 'native-host/main.ts'), cli: join(root, 'native-host/cli.ts') },
    outdir: out,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: '[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    // CommonJS dependencies bundled into ESM (the YAML parser) call require() for Node built-ins.
    // Every output file gets this banner; the require function is made on first use only.
    banner: {
      js: "import { createRequire as __rdpCreateRequire } from 'node:module'; let __rdpRequire; const require = (id) => (__rdpRequire ??= __rdpCreateRequire(import.meta.url))(id);",
    },
  });
  chmodSync(join(out, 'host.mjs'), 0o755);
  chmodSync(join(out, 'cli.mjs'), 0o755);
  console.log(`built dist/native-host/{host,cli}.mjs and ${readdirSync(out).length - 2} chunks`);
}
if (want('chromium')) {
  vite('chromium');
  console.log('built dist/chromium');
}
if (want('firefox')) {
  vite('firefox');
  console.log('built dist/firefox');
}
console.log(`build finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);

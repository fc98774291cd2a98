#!/usr/bin/env node
// Builds everything: the extension for Chromium-family browsers and for Firefox (Vite + crxjs),
// and the native host + CLI bundles (esbuild). Output under dist/.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const want = (part) => only.length === 0 || only.includes(part);
const started = Date.now();

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
  await esbuild({
    entryPoints: { host: join(root, 'native-host/main.ts'), cli: join(root, 'native-host/cli.ts') },
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    // CommonJS dependencies bundled into ESM (the YAML parser) call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __rdpRequire } from 'node:module'; const require = __rdpRequire(import.meta.url);",
    },
  });
  chmodSync(join(out, 'host.mjs'), 0o755);
  chmodSync(join(out, 'cli.mjs'), 0o755);
  console.log('built dist/native-host/{host,cli}.mjs');
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

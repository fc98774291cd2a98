#!/usr/bin/env node
// Builds the helper and the command line as one executable with Node's single-executable-application
// support (nodejs.org/api/single-executable-applications.html): bundle sea-entry.ts to CommonJS, make
// the SEA blob, copy this node binary and inject the blob with postject (a devDependency).
// Usage: node native-host/install/sea.mjs [--out FILE]   (default dist/sea/rdp-doctor[.exe])
// The result needs no Node.js: `rdp-doctor host install` registers the file itself as the helper.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const outArg = process.argv.indexOf('--out');
const exe = resolve(
  outArg > 0
    ? process.argv[outArg + 1]
    : join(root, 'dist/sea', process.platform === 'win32' ? 'rdp-doctor.exe' : 'rdp-doctor'),
);
const work = join(root, 'dist/sea/work');
const mb = (p) => `${(statSync(p).size / 1e6).toFixed(1)} MB`;
const started = Date.now();
mkdirSync(work, { recursive: true });
mkdirSync(dirname(exe), { recursive: true });

await build({
  entryPoints: [join(root, 'native-host/sea-entry.ts')],
  outfile: join(work, 'rdp-doctor.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'error',
});
writeFileSync(
  join(work, 'sea-config.json'),
  JSON.stringify({
    main: join(work, 'rdp-doctor.cjs'),
    output: join(work, 'sea-prep.blob'),
    disableExperimentalSEAWarning: true,
    useCodeCache: false,
  }),
);
execFileSync(process.execPath, ['--experimental-sea-config', join(work, 'sea-config.json')], { stdio: 'inherit' });

let postject;
try {
  postject = createRequire(join(root, 'package.json')).resolve('postject/dist/cli.js');
} catch {
  console.error('postject is not installed (npm ci installs it as a devDependency); stopping after the blob.');
  process.exit(1);
}
rmSync(exe, { force: true });
copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', exe], { stdio: 'inherit' });
const args = [
  postject,
  exe,
  'NODE_SEA_BLOB',
  join(work, 'sea-prep.blob'),
  '--sentinel-fuse',
  'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
];
if (process.platform === 'darwin') args.push('--macho-segment-name', 'NODE_SEA');
execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', exe], { stdio: 'inherit' });
console.log(
  `built ${exe} (${mb(exe)}; bundle ${mb(join(work, 'rdp-doctor.cjs'))}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);

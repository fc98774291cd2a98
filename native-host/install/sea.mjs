#!/usr/bin/env node
// Builds the helper as one executable file with Node's single-executable-application support
// (nodejs.org/api/single-executable-applications.html): bundle to CommonJS, make the SEA blob,
// copy this node binary and inject the blob with postject. Output: dist/sea/rdp-doctor-host[.exe].
// Register it with: rdp-doctor host install --executable dist/sea/rdp-doctor-host
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const out = join(root, 'dist/sea');
const exe = join(out, process.platform === 'win32' ? 'rdp-doctor-host.exe' : 'rdp-doctor-host');
const mb = (p) => `${(statSync(p).size / 1e6).toFixed(1)} MB`;
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(root, 'native-host/main.ts')],
  outfile: join(out, 'host.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
writeFileSync(
  join(out, 'sea-config.json'),
  JSON.stringify({
    main: join(out, 'host.cjs'),
    output: join(out, 'sea-prep.blob'),
    disableExperimentalSEAWarning: true,
  }),
);
execFileSync(process.execPath, ['--experimental-sea-config', join(out, 'sea-config.json')], { stdio: 'inherit' });
console.log(`bundle ${mb(join(out, 'host.cjs'))}, blob ${mb(join(out, 'sea-prep.blob'))}`);

let postject;
try {
  postject = createRequire(join(root, 'package.json')).resolve('postject/dist/cli.js');
} catch {
  console.error('postject is not installed (add it as a devDependency: npm i -D postject); stopping after the blob.');
  process.exit(1);
}
copyFileSync(process.execPath, exe);
if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', exe], { stdio: 'inherit' });
const args = [
  postject,
  exe,
  'NODE_SEA_BLOB',
  join(out, 'sea-prep.blob'),
  '--sentinel-fuse',
  'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
];
if (process.platform === 'darwin') args.push('--macho-segment-name', 'NODE_SEA');
execFileSync(process.execPath, args, { stdio: 'inherit' });
if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', exe], { stdio: 'inherit' });
if (!existsSync(exe)) process.exit(1);
console.log(`built ${exe} (${mb(exe)})`);

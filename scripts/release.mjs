#!/usr/bin/env node
// `npm run release`: everything a person needs without a checkout, in dist/release/:
//   rdp-doctor-V-chromium.zip       the Chrome Web Store / Edge Add-ons package (no `key`: the store assigns the id)
//   rdp-doctor-V-firefox.zip        the addons.mozilla.org package (web-ext build; web-ext lint must find no errors)
//   rdp-doctor-V.tgz                the helper + command line as an npm package (prebuilt, no dependencies)
//   rdp-doctor-V-<os>-<arch>        the helper + command line as one executable (Node SEA), for this machine's OS
// and beside each a `.sha256` file, plus SHA256SUMS for all of them. V is package.json's version.
// Options: --no-sea skips the single executable (it copies and patches the ~100 MB node binary).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/release');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const version = pkg.version;
const withSea = !process.argv.includes('--no-sea');
const node = (args, opts = {}) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit', ...opts });
const webExt = join(root, 'node_modules/web-ext/bin/web-ext.js');
const timings = [];
const step = (name, fn) => {
  const t = Date.now();
  fn();
  timings.push(`${name} ${((Date.now() - t) / 1000).toFixed(1)} s`);
};

const hostVersion = /HOST_VERSION = '([^']+)'/.exec(
  readFileSync(join(root, 'native-host/messaging/version.ts'), 'utf8'),
)?.[1];
if (hostVersion !== version) {
  console.error(
    `release: native-host/messaging/version.ts says ${hostVersion}, package.json ${version}; make them equal first.`,
  );
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

step('build', () => {
  node([join(root, 'scripts/build.mjs'), 'host', 'firefox']);
  node([join(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'store']);
});

const storeDir = join(root, 'dist/store/chromium');
const storeManifest = JSON.parse(readFileSync(join(storeDir, 'manifest.json'), 'utf8'));
if ('key' in storeManifest || storeManifest.version !== version) {
  console.error('release: the store build must carry no key and the package version');
  process.exit(1);
}

step('extension packages', () => {
  const pack = (dir, name) =>
    node([webExt, 'build', '--source-dir', dir, '--artifacts-dir', out, '--filename', name, '--no-config-discovery'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  pack(storeDir, `rdp-doctor-${version}-chromium.zip`);
  let report;
  try {
    report = execFileSync(
      process.execPath,
      [webExt, 'lint', '--source-dir', join(root, 'dist/firefox'), '--output', 'json', '--no-config-discovery'],
      { cwd: root, encoding: 'utf8', maxBuffer: 16 * 2 ** 20 },
    );
  } catch (e) {
    report = e.stdout ?? '';
  }
  const lint = JSON.parse(report.slice(report.indexOf('{')));
  if (lint.summary.errors !== 0) {
    console.error(`release: web-ext lint found ${lint.summary.errors} error(s) in dist/firefox:`);
    for (const e of lint.errors) console.error(`  ${e.code}: ${e.message} (${e.file ?? ''})`);
    process.exit(1);
  }
  pack(join(root, 'dist/firefox'), `rdp-doctor-${version}-firefox.zip`);
});

step('npm package', () => {
  // Staged so the package holds only what runs: the launcher script, the built helper and command
  // line (host.mjs, cli.mjs and the chunks they load), a README. The build includes every
  // dependency, so the package has none and installs offline.
  const stage = join(root, 'dist/store/npm');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, 'bin'), { recursive: true });
  mkdirSync(join(stage, 'dist/native-host'), { recursive: true });
  copyFileSync(join(root, 'bin/rdp-doctor.mjs'), join(stage, 'bin/rdp-doctor.mjs'));
  for (const f of readdirSync(join(root, 'dist/native-host')).filter((n) => n.endsWith('.mjs'))) {
    copyFileSync(join(root, 'dist/native-host', f), join(stage, 'dist/native-host', f));
  }
  copyFileSync(join(root, 'native-host/install/package-readme.md'), join(stage, 'README.md'));
  const published = {
    name: pkg.name,
    version,
    description: pkg.description,
    license: pkg.license,
    type: 'module',
    engines: pkg.engines,
    bin: pkg.bin,
    files: ['bin/', 'dist/native-host/'],
    keywords: ['rdp', 'remote-desktop', 'diagnostics', 'native-messaging'],
  };
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
  execFileSync('npm', ['pack', '--pack-destination', out, '--silent'], {
    cwd: stage,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
});

if (withSea) {
  step('single executable', () => {
    const os = { linux: 'linux', darwin: 'macos', win32: 'win' }[process.platform] ?? process.platform;
    const name = `rdp-doctor-${version}-${os}-${process.arch}${process.platform === 'win32' ? '.exe' : ''}`;
    node([join(root, 'native-host/install/sea.mjs'), '--out', join(out, name)]);
  });
}

const files = readdirSync(out)
  .filter((f) => !f.endsWith('.sha256') && f !== 'SHA256SUMS')
  .sort();
const sums = files.map((f) => {
  const line = `${createHash('sha256')
    .update(readFileSync(join(out, f)))
    .digest('hex')}  ${f}\n`;
  writeFileSync(join(out, `${f}.sha256`), line);
  return line;
});
writeFileSync(join(out, 'SHA256SUMS'), sums.join(''));
console.log(`\nRelease ${version} in ${out} (${timings.join(', ')}):`);
for (const f of files) console.log(`  ${f}  ${(statSync(join(out, f)).size / 1e6).toFixed(2)} MB`);
console.log('  SHA256SUMS, and a .sha256 file beside each (check with: sha256sum -c SHA256SUMS)');

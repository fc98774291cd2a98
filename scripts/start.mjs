#!/usr/bin/env node
// `npm start`: builds everything, registers the native helper (allowing this checkout's development
// id) for the browsers installed on this machine — saying which, and how to undo it — then, where a
// display exists, launches Chromium/Chrome with the extension loaded in a dedicated profile. Without
// a display it says exactly what to load and where. `--no-build` skips the build.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/native-host/cli.mjs');
const ext = join(root, 'dist/chromium');
const profile = join(root, '.tmp/browser-profile');

if (!process.argv.includes('--no-build')) {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
}

const run = (args) => {
  try {
    return execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  } catch (e) {
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
};

// Where each browser's program lives comes from the one browser table (shared/protocol/browsers.ts),
// read through esbuild, which the build already uses: a TypeScript module cannot be imported as it is.
const { build } = await import('esbuild');
const table = await build({
  entryPoints: [join(root, 'shared/protocol/browsers.ts')],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  write: false,
});
const { BROWSER_TABLE } = await import(
  `data:text/javascript;base64,${Buffer.from(table.outputFiles[0].text).toString('base64')}`
);
const winRoots = [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA].filter(Boolean);
const programsOf = (browser) => {
  const list = BROWSER_TABLE[browser].programs[process.platform] ?? [];
  return process.platform === 'win32' ? list.flatMap((p) => winRoots.map((r) => join(r, p))) : list;
};
const installed = Object.keys(BROWSER_TABLE).filter((b) => programsOf(b).some((p) => existsSync(p)));
const cliHint = `node ${relative(process.cwd(), join(root, 'bin/rdp-doctor.mjs')) || 'bin/rdp-doctor.mjs'}`;

if (installed.length === 0) {
  console.log('\nNo installed browser found, so the helper was registered for none in your home folder.');
} else {
  console.log(
    `\nRegistering the RDP Doctor helper (development id of this checkout) for the browsers installed here: ${installed.join(', ')}`,
  );
  console.log(run(['host', 'install', '--browser', installed.join(','), '--dev']).trimEnd());
  console.log(`To undo: ${cliHint} host uninstall --browser ${installed.join(',')}`);
}
mkdirSync(profile, { recursive: true });
console.log(run(['host', 'install', '--browser', 'chromium', '--user-data-dir', profile, '--dev']).trimEnd());
console.log(`(that one is inside the dedicated profile ${profile}; deleting the folder undoes it)`);

const candidates =
  process.platform === 'darwin'
    ? [
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
      ]
    : process.platform === 'win32'
      ? [
          `${process.env.PROGRAMFILES}\\Google\\Chrome\\Application\\chrome.exe`,
          `${process.env['PROGRAMFILES(X86)']}\\Microsoft\\Edge\\Application\\msedge.exe`,
        ]
      : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/microsoft-edge'];
const browserPath = process.env.CHROMIUM_PATH ?? candidates.find((p) => existsSync(p));
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

const manual = `
To load the extension by hand:
  Chrome / Edge / Brave / Chromium: open chrome://extensions (edge://extensions), turn on Developer mode,
    "Load unpacked" → ${ext}
  Firefox: open about:debugging#/runtime/this-firefox → "Load Temporary Add-on…" → ${join(root, 'dist/firefox/manifest.json')}
Then click the RDP Doctor toolbar button. Check the helper with: node ${cli} host status
`;

if (!hasDisplay || !browserPath || process.env.CI) {
  console.log(
    `\nNo display${browserPath ? '' : ' or Chromium-family browser'} found, so no browser was started.${manual}`,
  );
  process.exit(0);
}

console.log(
  `\nStarting ${browserPath} with RDP Doctor loaded (profile: ${profile}). Pin it from the puzzle-piece menu and click its toolbar button.${manual}`,
);
const child = spawn(
  browserPath,
  [
    `--user-data-dir=${profile}`,
    `--load-extension=${ext}`,
    '--no-first-run',
    // Chromium refuses to run as root with its sandbox on (e.g. in a container).
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ],
  { stdio: 'ignore', detached: true },
);
child.unref();

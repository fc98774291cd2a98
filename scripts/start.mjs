#!/usr/bin/env node
// `npm start`: builds everything, registers the native helper for the browsers found on this
// machine, then — where a display exists — launches Chromium/Chrome with the extension loaded in a
// dedicated profile. Without a display it says exactly what to load and where.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/native-host/cli.mjs');
const ext = join(root, 'dist/chromium');
const profile = join(root, '.tmp/browser-profile');

execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });

const run = (args) => {
  try {
    return execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  } catch (e) {
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
};

console.log('\nRegistering the RDP Doctor helper for your browsers:');
console.log(run(['host', 'install', '--browser', 'all', '--dev']).trimEnd());
mkdirSync(profile, { recursive: true });
run(['host', 'install', '--browser', 'chromium', '--user-data-dir', profile, '--dev']);

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

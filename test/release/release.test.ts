/**
 * The release, used the way a person without a checkout uses it: `npm run release` builds every
 * artifact once; then the npm package is installed into an empty prefix with a clean HOME, and the
 * single executable runs with no Node.js on PATH. Each must explain a code, check a live RDP server,
 * register itself for a Chromium profile and answer the store build of the extension in real
 * Chromium — allowed by the id the store copy runs under, not by the development id.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_VERSION } from '../../native-host/messaging/version.js';
import { npmPackageFile, STORE_EXTENSION_IDS, singleExecutableFile } from '../../shared/protocol/release.js';
import { chromiumAvailable, EXTENSION_ID, launchWithExtension, ROOT } from '../e2e/browser.js';
import { missingBinaries, type ServerSet, startRdpServers } from '../harness/rdp-servers.js';
import { unzip } from './unzip.js';

const OUT = join(ROOT, 'dist/release');
const V = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const SERVER = 'xrdp-tls-valid' as const;

let dir: string;
let servers: ServerSet;
let target: string;
let releaseSeconds = 0;

/** A PATH with every program of /usr/bin and /bin except Node.js and its tools. */
function pathWithoutNode(): string {
  const bin = join(dir, 'no-node-bin');
  mkdirSync(bin, { recursive: true });
  for (const d of ['/usr/local/bin', '/usr/bin', '/bin']) {
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d)) {
      if (/^(node|nodejs|npm|npx|corepack)$/.test(f) || existsSync(join(bin, f))) continue;
      symlinkSync(join(d, f), join(bin, f));
    }
  }
  return bin;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: 120_000, maxBuffer: 16 * 2 ** 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

interface Card {
  /** The extension's id (the store copy has no key, so an id of its own). */
  id: string;
  profile: string;
  /** The helper-missing card's main command and its command for a browser with its own profile. */
  command: string;
  profileCommand: string;
}

/**
 * Loads the store package (unzipped) in Chromium with a fresh profile; reads the helper-missing card;
 * `register` then installs the helper the way the card says; the popup must then get the helper's hello.
 */
async function storeCopyMeetsHelper(
  env: NodeJS.ProcessEnv,
  name: string,
  register: (card: Card) => Promise<string>,
): Promise<{ card: Card; installOut: string; status: string | null }> {
  const ext = join(dir, `${name}-extension`);
  unzip(join(OUT, `rdp-doctor-${V}-chromium.zip`), ext);
  const profile = join(dir, `${name}-profile`);
  mkdirSync(profile, { recursive: true });
  const { context, worker } = await launchWithExtension(profile, ext, { env: env as Record<string, string> });
  try {
    const id = new URL(worker.url()).host;
    expect(id).not.toBe(EXTENSION_ID);
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/extension/popup/index.html`);
    const status = page.getByTestId('helper-status');
    await expect.poll(() => status.getAttribute('data-connected'), { timeout: 20_000 }).toBe('false');
    const guidance = page.getByTestId('helper-guidance');
    const card: Card = {
      id,
      profile,
      command: (await guidance.getByTestId('guidance-command').textContent()) ?? '',
      profileCommand: (await guidance.getByTestId('guidance-profile-command').textContent()) ?? '',
    };
    // The card names the release file for this OS and this copy's id — never a checkout or --dev.
    expect(card.command).toBe(
      `install -D -m 755 ${singleExecutableFile(V, 'linux')} ~/.local/bin/rdp-doctor && ~/.local/bin/rdp-doctor host install --browser chromium --extension-id ${id}`,
    );
    expect(card.profileCommand).toBe(
      `rdp-doctor host install --browser chromium --user-data-dir "DIR" --extension-id ${id}`,
    );
    const installOut = await register(card);
    const manifest = JSON.parse(
      readFileSync(join(profile, 'NativeMessagingHosts/com.rdpdoctor.host.json'), 'utf8'),
    ) as { allowed_origins: string[]; path: string };
    expect(manifest.allowed_origins).toEqual(
      [...STORE_EXTENSION_IDS.chromium, id].map((i) => `chrome-extension://${i}/`),
    );
    expect(manifest.allowed_origins).not.toContain(`chrome-extension://${EXTENSION_ID}/`);
    await page.reload();
    await expect.poll(() => status.getAttribute('data-connected'), { timeout: 20_000 }).toBe('true');
    // And a check run from the popup, as the person would: the installed helper probes the live server.
    await page.getByTestId('host-input').fill(target);
    await page.getByTestId('run-checks').click();
    const state = page.getByTestId('check-state');
    await expect.poll(() => state.getAttribute('data-phase'), { timeout: 60_000 }).toMatch(/done|failed/);
    expect(await state.getAttribute('data-phase')).toBe('done');
    const reach = page.locator('[data-testid=check-result][data-check=reachability]');
    expect(await reach.getAttribute('data-status')).toBe('pass');
    // The server's self-signed certificate was read through the installed helper.
    const cert = page.locator('[data-testid=check-result][data-check=certificate]');
    expect(await cert.getAttribute('data-status')).toBe('warn');
    return { card, installOut, status: await status.textContent() };
  } finally {
    await context.close();
  }
}

/** The card's profile command, run with `cli` as rdp-doctor and the profile as DIR (no shell). */
async function runProfileCommand(card: Card, cli: string, env: NodeJS.ProcessEnv): Promise<string> {
  const args = card.profileCommand
    .replace(/^rdp-doctor /, '')
    .split(' ')
    .map((a) => (a === '"DIR"' ? card.profile : a));
  const r = await run(cli, args, env);
  expect(r.code, r.out).toBe(0);
  return r.out;
}

async function commandLine(cli: string, env: NodeJS.ProcessEnv): Promise<void> {
  const version = await run(cli, ['--version'], env);
  expect(version).toEqual({ code: 0, out: `${HOST_VERSION}\n` });
  const explain = await run(cli, ['explain', 'Error code: 0x904 Extended error code: 0x7'], env);
  expect(explain.code, explain.out).toBe(0);
  expect(explain.out).toContain('0x904');
  const check = await run(cli, ['check', target, '--json'], env);
  const report = JSON.parse(check.out.slice(check.out.indexOf('{'))) as { target?: unknown };
  expect(JSON.stringify(report)).toContain(servers.servers[SERVER].host);
  // A valid certificate over TLS: nothing failing, so exit 0.
  expect(check.code, check.out).toBe(0);
}

describe.runIf(chromiumAvailable() && missingBinaries([SERVER]).length === 0)('release artifacts', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-release-'));
    const t = Date.now();
    execFileSync(process.execPath, [join(ROOT, 'scripts/release.mjs')], { cwd: ROOT, stdio: 'ignore' });
    releaseSeconds = (Date.now() - t) / 1000;
    servers = await startRdpServers([SERVER]);
    const s = servers.servers[SERVER];
    target = `${s.host}:${s.port}`;
  }, 600_000);

  afterAll(async () => {
    await servers?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes every artifact with its SHA-256 beside it', () => {
    console.log(`npm run release took ${releaseSeconds.toFixed(1)} s`);
    const names = [
      `rdp-doctor-${V}-chromium.zip`,
      `rdp-doctor-${V}-firefox.zip`,
      npmPackageFile(V),
      singleExecutableFile(V, 'linux'),
    ];
    const sums = readFileSync(join(OUT, 'SHA256SUMS'), 'utf8');
    for (const n of names) {
      const digest = createHash('sha256')
        .update(readFileSync(join(OUT, n)))
        .digest('hex');
      expect(readFileSync(join(OUT, `${n}.sha256`), 'utf8')).toBe(`${digest}  ${n}\n`);
      expect(sums).toContain(`${digest}  ${n}\n`);
    }
  });

  it('the store zip carries no key, the package version, and nothing web-accessible', () => {
    const ext = join(dir, 'store-manifest');
    unzip(join(OUT, `rdp-doctor-${V}-chromium.zip`), ext);
    const m = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8'));
    expect(m.key).toBeUndefined();
    expect(m.version).toBe(V);
    expect(m.web_accessible_resources).toBeUndefined();
  });

  it('web-ext lint finds no errors in the Firefox package', async () => {
    const ext = join(dir, 'firefox');
    unzip(join(OUT, `rdp-doctor-${V}-firefox.zip`), ext);
    const lint = await run(
      process.execPath,
      [join(ROOT, 'node_modules/web-ext/bin/web-ext.js'), 'lint', '--source-dir', ext, '--output', 'json'],
      { ...process.env },
    );
    const report = JSON.parse(lint.out.slice(lint.out.indexOf('{')));
    expect(report.errors, JSON.stringify(report.errors)).toEqual([]);
    expect(JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8')).version).toBe(V);
  }, 120_000);

  it('the npm package holds only what runs and works from an empty prefix with a clean HOME', async () => {
    const files = execFileSync('tar', ['tzf', join(OUT, npmPackageFile(V))], { encoding: 'utf8' })
      .trim()
      .split('\n');
    // The helper and the command line are host.mjs, cli.mjs and the chunks they load: every built one.
    const built = readdirSync(join(ROOT, 'dist/native-host')).filter((f) => f.endsWith('.mjs'));
    expect(built.length).toBeGreaterThan(2);
    expect(files.sort()).toEqual(
      [
        'package/README.md',
        'package/bin/rdp-doctor.mjs',
        ...built.map((f) => `package/dist/native-host/${f}`),
        'package/package.json',
      ].sort(),
    );
    const home = join(dir, 'npm-home');
    const prefix = join(dir, 'npm-prefix');
    mkdirSync(home);
    mkdirSync(prefix);
    const env = { PATH: process.env.PATH ?? '', HOME: home };
    const install = await run(
      'npm',
      ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(OUT, npmPackageFile(V))],
      env,
    );
    expect(install.code, install.out).toBe(0);
    const cli = join(prefix, 'bin/rdp-doctor');
    await commandLine(cli, env);
    const r = await storeCopyMeetsHelper(env, 'npm', (card) => runProfileCommand(card, cli, env));
    expect(r.installOut).toContain(join(prefix, 'lib/node_modules/rdp-doctor/dist/native-host/host.mjs'));
    expect(r.status).toContain(HOST_VERSION);
  }, 180_000);

  it('the single executable works with no Node.js on PATH', async () => {
    const bin = pathWithoutNode();
    const home = join(dir, 'sea-home');
    mkdirSync(home);
    const env = { PATH: bin, HOME: home };
    expect((await run('/bin/sh', ['-c', 'command -v node || echo none'], env)).out.trim()).toBe('none');
    const downloads = join(dir, 'Downloads');
    mkdirSync(downloads);
    execFileSync('cp', [join(OUT, singleExecutableFile(V, 'linux')), downloads]);
    await commandLine(join(downloads, singleExecutableFile(V, 'linux')), env);
    const exe = join(home, '.local/bin/rdp-doctor');
    const r = await storeCopyMeetsHelper(env, 'sea', async (card) => {
      // The card's own command, as a person pastes it into a shell in the download folder.
      const first = await new Promise<{ code: number; out: string }>((resolve) =>
        execFile('/bin/sh', ['-c', card.command], { cwd: downloads, env }, (err, stdout, stderr) =>
          resolve({ code: err ? 1 : 0, out: `${stdout}${stderr}` }),
        ),
      );
      expect(first.code, first.out).toBe(0);
      expect(first.out).toContain(join(home, '.config/chromium/NativeMessagingHosts/com.rdpdoctor.host.json'));
      return runProfileCommand(card, exe, env);
    });
    expect(r.installOut).toContain(`Registered the RDP Doctor helper (${exe})`);
    expect(r.status).toContain(HOST_VERSION);
  }, 180_000);
});

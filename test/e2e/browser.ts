/**
 * End-to-end harness: launches Debian's Chromium headless with the built extension loaded and a
 * fresh (or given) profile, optionally with the real native helper registered in that profile.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { ensureDevKey } from '../../native-host/install/dev-key.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION_DIR = join(ROOT, 'dist/chromium');
export const CLI = join(ROOT, 'dist/native-host/cli.mjs');
export const ARTIFACTS = join(ROOT, 'test/artifacts');
/** Development id: fixed by this checkout's own key, which the development build carries (made when missing). */
export const EXTENSION_ID = ensureDevKey(ROOT).id;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export function assertBuilt(): void {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')) || !existsSync(CLI)) {
    throw new Error('The extension is not built: run "npm run build" first (npm test does it for you).');
  }
}

export interface LaunchOptions {
  /** Profile directory; a fresh temporary one when absent (removed on close). */
  userDataDir?: string;
  /** Register the real helper in the profile with `rdp-doctor host install` (default true). */
  installHost?: boolean;
  /** Extra Chromium arguments (e.g. --host-resolver-rules). */
  args?: string[];
}

export interface Launched {
  context: BrowserContext;
  worker: Worker;
  userDataDir: string;
  extensionId: string;
  /** Opens an extension page (e.g. `extension/popup/index.html`) in a tab. */
  openPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

export function installHostInto(userDataDir: string, extra: string[] = []): string {
  return execFileSync(
    process.execPath,
    [CLI, 'host', 'install', '--browser', 'chromium', '--user-data-dir', userDataDir, '--dev', ...extra],
    { encoding: 'utf8' },
  );
}

/**
 * Debian's Chromium, headless, with the unpacked extension in `extensionDir` loaded into the profile
 * `userDataDir`: its context and the extension's service worker once it runs.
 */
export async function launchWithExtension(
  userDataDir: string,
  extensionDir: string,
  extra: { args?: string[]; env?: Record<string, string> } = {},
): Promise<{ context: BrowserContext; worker: Worker }> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    ...(extra.env ? { env: extra.env } : {}),
    args: [
      '--headless=new',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      ...(extra.args ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  return { context, worker };
}

export async function launch(opts: LaunchOptions = {}): Promise<Launched> {
  assertBuilt();
  const temporary = opts.userDataDir === undefined;
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'rdp-doctor-e2e-'));
  mkdirSync(userDataDir, { recursive: true });
  if (opts.installHost !== false) installHostInto(userDataDir);
  const { context, worker } = await launchWithExtension(userDataDir, EXTENSION_DIR, {
    args: ['--disable-quic', '--disable-sync', ...(opts.args ?? [])],
  });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    userDataDir,
    extensionId,
    async openPage(path: string) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close() {
      await context.close();
      if (temporary) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

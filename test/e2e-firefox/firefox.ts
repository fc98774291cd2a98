/**
 * End-to-end harness for Firefox: Debian's stock `firefox-esr`, headless, driven over WebDriver BiDi
 * (puppeteer-core), with the built `dist/firefox` installed as a temporary add-on.
 *
 * - The add-on gets a fixed moz-extension UUID (pref `extensions.webextensions.uuids`), so its pages
 *   have known addresses. Firefox sends no BiDi load event for those pages: they are opened with a raw
 *   `browsingContext.navigate {wait: 'none'}` and the test waits for the document itself.
 * - `--remote-allow-system-access` lets the test reach the browser window (chrome scope): the toolbar
 *   button, the context menu, the add-on's permissions (as about:addons changes them) and the console.
 * - Every host name resolves to the pages server's loopback address (`network.dns.forceResolve`), and
 *   the pages server's test CA is added to the profile with NSS `certutil`: no certificate switches.
 * - The real helper is registered under an isolated HOME (`~/.mozilla/native-messaging-hosts`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { artifactPath, CLI, ROOT } from '../e2e/browser.js';
import type { PagesServer } from '../e2e/pages-server.js';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The Firefox build under test (another build's folder through RDP_DOCTOR_FIREFOX_DIST, e.g. to show a test fails on it). */
export const FIREFOX_DIR = process.env.RDP_DOCTOR_FIREFOX_DIST ?? join(ROOT, 'dist/firefox');
/** `browser_specific_settings.gecko.id` of the build (vite.config.ts). */
export const GECKO_ID = 'rdp-doctor@rdpdoctor.dev';
/** The moz-extension UUID the test profile assigns to the add-on. */
export const UUID = '5f0c2a8e-3d41-4b6a-9c7e-1a2b3c4d5e6f';
export const EXTENSION_ORIGIN = `moz-extension://${UUID}`;

export function firefoxAvailable(): boolean {
  return existsSync(FIREFOX) && existsSync('/usr/bin/certutil');
}

export function firefoxVersion(): string {
  return execFileSync(FIREFOX, ['--version'], { encoding: 'utf8', env: { ...process.env, HOME: tmpdir() } }).trim();
}

export interface FirefoxOptions {
  /** Register the real helper under the isolated HOME (default true). */
  installHost?: boolean;
  /** Serve pages under their real host names from this server. */
  pages?: PagesServer;
  /** Extra preferences. */
  prefs?: Record<string, unknown>;
}

export interface Firefox {
  browser: Browser;
  home: string;
  profile: string;
  /** Opens an extension page (e.g. `extension/popup/index.html`) in a new tab and waits for it. */
  open(path: string): Promise<Page>;
  /** Evaluates an expression in the browser window (chrome scope); its value must be JSON-serialisable. */
  chrome<T = unknown>(expression: string): Promise<T>;
  /** Errors the add-on (background, pages, content scripts) logged since launch, or since the last `clearErrors`. */
  errors(): Promise<string[]>;
  clearErrors(): Promise<void>;
  close(): Promise<void>;
}

interface RemoteValue {
  type: string;
  value?: unknown;
}

function registerHost(home: string): void {
  execFileSync(process.execPath, [CLI, 'host', 'install', '--browser', 'firefox'], {
    encoding: 'utf8',
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
  });
}

function trustCa(profile: string, caPem: string): void {
  const ca = join(profile, 'test-ca.pem');
  writeFileSync(ca, caPem);
  execFileSync('certutil', ['-N', '-d', `sql:${profile}`, '--empty-password'], { stdio: 'ignore' });
  execFileSync('certutil', ['-A', '-n', 'rdp-doctor-test-ca', '-t', 'C,,', '-i', ca, '-d', `sql:${profile}`], {
    stdio: 'ignore',
  });
}

/** Waits for the page's document (extension pages send no load event over BiDi). */
export async function ready(page: Page, url: string): Promise<void> {
  const until = Date.now() + 20_000;
  for (;;) {
    const state = await page
      .evaluate(() => ({ href: location.href, state: document.readyState }))
      .catch(() => ({ href: '', state: 'loading' }));
    if (state.href === url && state.state === 'complete') return;
    if (Date.now() > until) throw new Error(`${url} did not load (at ${state.href}, ${state.state})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function launchFirefox(opts: FirefoxOptions = {}): Promise<Firefox> {
  if (!existsSync(join(FIREFOX_DIR, 'manifest.json')) || !existsSync(CLI)) {
    throw new Error('The extension is not built: run "npm run build" first (npm test does it for you).');
  }
  const home = mkdtempSync(join(tmpdir(), 'rdp-doctor-ff-home-'));
  const profile = join(home, 'profile');
  mkdirSync(profile, { recursive: true });
  if (opts.installHost !== false) registerHost(home);
  if (opts.pages) trustCa(profile, opts.pages.caPem);
  const loopback = opts.pages ? opts.pages.address : '127.0.0.1';
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), MOZ_CRASHREPORTER_DISABLE: '1' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
      'network.dns.forceResolve': loopback,
      'network.trr.mode': 5,
      'network.proxy.type': 0,
      'dom.security.https_first': false,
      'dom.security.https_first_schemeless': false,
      'extensions.background.idle.timeout': 5000,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      ...(opts.prefs ?? {}),
    },
  });
  await browser.installExtension(FIREFOX_DIR);
  const connection = (
    browser as unknown as { connection: { send(m: string, p: unknown): Promise<{ result: unknown }> } }
  ).connection;

  let chromeContext: string | null = null;
  const chrome = async <T>(expression: string): Promise<T> => {
    if (!chromeContext) {
      const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as {
        result: { contexts: { context: string; url: string }[] };
      };
      chromeContext =
        tree.result.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml')?.context ?? null;
      if (!chromeContext) throw new Error('no browser window in chrome scope');
    }
    const r = (await connection.send('script.evaluate', {
      expression: `(async () => JSON.stringify(await (async () => { ${expression} })() ?? null))()`,
      target: { context: chromeContext },
      awaitPromise: true,
      resultOwnership: 'none',
    })) as { result: { type: string; result?: RemoteValue; exceptionDetails?: { text: string } } };
    if (r.result.type === 'exception') throw new Error(`chrome scope: ${r.result.exceptionDetails?.text}`);
    return JSON.parse(String(r.result.result?.value ?? 'null')) as T;
  };

  // Errors: the console service (script errors, also content scripts and the background page) and
  // the console API store (console.error calls), filtered on the add-on.
  const errorsExpr = `
    const uuid = ${JSON.stringify(UUID)}, id = ${JSON.stringify(GECKO_ID)};
    const since = globalThis.__rdpErrorsSince ?? 0;
    const out = [];
    for (const m of Services.console.getMessageArray() ?? []) {
      if (!(m instanceof Ci.nsIScriptError) || (m.flags & Ci.nsIScriptError.warningFlag) || (m.flags & Ci.nsIScriptError.infoFlag)) continue;
      if (m.timeStamp < since) continue;
      const text = m.errorMessage + ' @ ' + m.sourceName;
      // Firefox's messaging layer reports removing a listener from a Port it has already closed;
      // nothing the extension's code sees or can do differently.
      if (/ on closed conduit /.test(m.errorMessage) && m.sourceName.startsWith('resource://gre/')) continue;
      // Firefox reports a page closed while one of its requests was unanswered (a person closes the
      // popup whenever they like); the request is still served. What must survive that — the run's
      // history — is kept by the background and asserted by the tests themselves.
      if (/^Promise rejected after context unloaded: Actor 'Conduits' destroyed before query 'RuntimeMessage'/.test(m.errorMessage)) continue;
      if (text.includes(uuid) || text.includes(id) || /localization message/i.test(text)) out.push(text);
    }
    const store = Cc['@mozilla.org/consoleAPI-storage;1'].getService(Ci.nsIConsoleAPIStorage);
    for (const e of store.getEvents()) {
      if (e.level !== 'error' || e.timeStamp < since) continue;
      if (e.addonId === id || String(e.filename).includes(uuid)) out.push('console.error: ' + [...e.arguments].map(String).join(' ') + ' @ ' + e.filename);
    }
    return out;`;

  const pages: Page[] = [];
  return {
    browser,
    home,
    profile,
    async open(path) {
      const page = await browser.newPage();
      pages.push(page);
      const url = `${EXTENSION_ORIGIN}/${path}`;
      await connection.send('browsingContext.navigate', {
        context: (page.mainFrame() as unknown as { _id: string })._id,
        url,
        wait: 'none',
      });
      await ready(page, url);
      return page;
    },
    chrome,
    errors: () => chrome<string[]>(errorsExpr),
    clearErrors: () => chrome(`globalThis.__rdpErrorsSince = Date.now(); return null;`),
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A screenshot into test/artifacts, named for Firefox. */
export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: artifactPath(`firefox-${name}.png`) as `${string}.png`, fullPage });
}

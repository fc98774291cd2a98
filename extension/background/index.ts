/**
 * The service worker: the only part of the extension that talks to the native helper.
 *
 * Routing rules (see ../lib/messages.ts for the shapes):
 * - every message is validated from `unknown`; anything else is ignored;
 * - extension pages (popup, full view, options) may ask for the helper's status and run checks;
 * - content scripts may only ask to open the full view with a text to explain — never for a probe,
 *   so a web page can never make the helper connect anywhere;
 * - checks run over a runtime Port, so results stream to the page and closing the page cancels.
 */

import { PROBE_CHECKS, RUN_CHECKS_PLAN } from '../../shared/protocol/checks.js';
import { serverTimeOf } from '../../shared/protocol/evidence.js';
import { forPeople } from '../../shared/protocol/safe-text.js';
import browser from '../lib/browser.js';
import { syncCustomScripts } from '../lib/custom-sites.js';
import { LEGACY_HISTORY_KEY } from '../lib/history.js';
import {
  CHECKS_PORT,
  type ChecksEvent,
  CONTENT_SCRIPT_TYPES,
  isExtensionPage,
  type OpenFullViewRequest,
  parseListenClient,
  parsePageRequest,
  parseRunChecks,
  type SenderLike,
} from '../lib/messages.js';
import { loadSettings } from '../lib/settings.js';
import { MENU_ID } from './context-menu.js';
import { CLIENT_CHECKS, HelperError, runClientChecks, runListenClient, runProbe, status } from './helper.js';
import { HistoryStore, indexedDbCell } from './history-store.js';
import './context-menu.js';

// --- Storage access -----------------------------------------------------------------------------
// The history of checked servers is kept here (history-store.ts), in the extension's IndexedDB, and
// served only to extension pages: content scripts can read and write storage.local in Firefox
// (setAccessLevel is Chromium-only), and a page must not read the hosts or plant one for the person
// to check by mistake. The list's old place in storage.local is emptied, not carried over (a page
// may have written it). storage.local stays closed to content scripts where the browser allows it.
interface AccessLevelArea {
  setAccessLevel?(o: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }): Promise<void>;
}
const localArea = (globalThis as { chrome?: { storage?: { local?: AccessLevelArea } } }).chrome?.storage?.local;
Promise.resolve()
  .then(() => localArea?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }))
  .catch(() => undefined);
const history = new HistoryStore(indexedDbCell);
browser.storage.local.remove(LEGACY_HISTORY_KEY).catch(() => undefined);

// --- Context menu -------------------------------------------------------------------------------
// "Explain this error": the click handler and the in-page card live in context-menu.ts (annotation
// area), imported above for its listeners. The item itself is (re)created here on install/update.
browser.runtime.onInstalled.addListener(() => {
  browser.contextMenus.removeAll().then(() =>
    browser.contextMenus.create({
      id: MENU_ID,
      title: browser.i18n.getMessage('contextMenuExplain') || 'Explain this error',
      contexts: ['selection'],
    }),
  );
});

// Custom RD Web origins: re-register their content scripts after install, update and browser start.
const resyncCustomSites = () => {
  loadSettings(browser.storage.sync)
    .then(syncCustomScripts)
    .catch(() => undefined);
};
browser.runtime.onInstalled.addListener(resyncCustomSites);
browser.runtime.onStartup.addListener(resyncCustomSites);

// --- Helpers ------------------------------------------------------------------------------------

function senderIsPage(sender: SenderLike): boolean {
  return isExtensionPage(sender, browser.runtime.id, browser.runtime.getURL(''));
}

/** URL of the full view with a prefilled text. */
export function fullViewUrl(text: string): string {
  const q = new URLSearchParams({ view: 'full', text });
  return browser.runtime.getURL(`extension/popup/index.html?${q.toString()}`);
}

async function openFullView(req: OpenFullViewRequest): Promise<{ ok: true }> {
  await browser.tabs.create({ url: fullViewUrl(req.text) });
  return { ok: true };
}

// --- One-shot requests --------------------------------------------------------------------------

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  const req = parsePageRequest(message);
  if (!req) return undefined;
  const page = senderIsPage(sender as SenderLike);
  if (!page && !CONTENT_SCRIPT_TYPES.includes(req.type)) return undefined;
  switch (req.type) {
    case 'helper-status':
      return status();
    case 'open-full-view':
      return openFullView(req);
    case 'history-get':
      return history.list();
    case 'history-remember':
      return history.remember(req.host);
    case 'history-clear':
      return history.clear();
    case 'history-entries':
      return history.entries();
    case 'history-remove':
      return history.remove(req.host);
  }
});

// --- Streaming checks ---------------------------------------------------------------------------

browser.runtime.onConnect.addListener((port: browser.Runtime.Port) => {
  if (port.name !== CHECKS_PORT) return;
  if (!port.sender || !senderIsPage(port.sender as SenderLike)) {
    port.disconnect();
    return;
  }
  const controller = new AbortController();
  let started = false;
  let open = true;
  const send = (e: ChecksEvent) => {
    if (!open) return;
    try {
      port.postMessage(e);
    } catch {
      open = false;
    }
  };
  port.onDisconnect.addListener(() => {
    open = false;
    controller.abort();
  });
  port.onMessage.addListener((raw: unknown) => {
    if (started) return; // one run per port
    const listen = parseListenClient(raw);
    if (listen) {
      started = true;
      send({ type: 'started', total: 2 });
      void listenForClient(listen.waitMs, send, controller.signal);
      return;
    }
    const req = parseRunChecks(raw);
    if (!req) {
      send({ type: 'failed', code: 'invalid-request', message: 'The check request was not valid.' });
      return;
    }
    started = true;
    send({ type: 'started' });
    void runAllChecks(req, send, controller.signal);
  });
});

/**
 * The network checks against the server, then this computer's client-side checks (installed
 * client, CredSSP policy, clock against the server's, proxy, security products). Results stream to
 * the page as they finish; a helper too old for the client checks still gives the network ones.
 */
async function runAllChecks(
  req: { host: string; port: number; timeoutMs: number; typedByUser?: boolean },
  send: (e: ChecksEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const started = Date.now();
  let serverTime: string | undefined;
  let count = 0;
  try {
    const probe = await runProbe(
      // The checks port accepts only this extension's pages (above); `typedByUser` comes from the
      // check form's own input, so only a target a person typed may reach restricted addresses.
      {
        host: req.host,
        port: req.port,
        timeoutMs: req.timeoutMs,
        ...(req.typedByUser ? { allowRestricted: true } : {}),
      },
      (result, index) => {
        serverTime = serverTimeOf(result) ?? serverTime;
        // Pages show these lines to people: server-sent text passes the one sanitiser (evidence stays exact).
        send({ type: 'progress', index, total: RUN_CHECKS_PLAN.length, result: forPeople(result) });
      },
      signal,
    );
    count = probe.count;
  } catch (e) {
    const err = HelperError.from(e);
    send({ type: 'failed', code: err.code, message: err.message, guidance: err.guidance });
    return;
  }
  try {
    const local = await runClientChecks(
      { host: req.host, timeoutMs: req.timeoutMs, ...(serverTime ? { serverTime } : {}) },
      (result, index) =>
        send({
          type: 'progress',
          index: count + index,
          total: Math.max(count, PROBE_CHECKS.length) + CLIENT_CHECKS.length,
          result,
        }),
      signal,
    );
    count += local.count;
  } catch (e) {
    if (signal.aborted) return;
    console.warn('RDP Doctor: client checks did not run', e);
  }
  send({ type: 'done', count, durationMs: Date.now() - started });
}

/** "Test my RDP client": the helper's listener on 127.0.0.1, streamed to the page like the checks. */
async function listenForClient(waitMs: number, send: (e: ChecksEvent) => void, signal: AbortSignal): Promise<void> {
  try {
    const out = await runListenClient(
      { waitMs },
      (result, index) => send({ type: 'progress', index, total: 2, result }),
      signal,
    );
    send({ type: 'done', count: out.count, durationMs: out.durationMs });
  } catch (e) {
    const err = HelperError.from(e);
    send({ type: 'failed', code: err.code, message: err.message, guidance: err.guidance });
  }
}

// Exposed for end-to-end tests, which drive the worker through Playwright's serviceWorker.evaluate.
(globalThis as Record<string, unknown>).rdpDoctor = { helperStatus: status };

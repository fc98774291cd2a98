/**
 * The service worker: the router. Every browser event the background answers is registered here, and
 * each route is a small module:
 *
 * - one-shot requests (`runtime.onMessage`), one table ({@link ROUTES}) over the request types of
 *   ../lib/messages.ts, which also says who may send each:
 *     helper-status            → helper.ts (through the one native client, native.ts)   pages
 *     open-full-view           → full-view.ts                                             pages, content scripts
 *     history-get/remember/clear/entries/outcome/remove → history-store.ts                pages
 *     annotation-explain       → meaning.ts (the hover/focus card's lookup)               content scripts
 *     annotation-off           → site-switch.ts (the sender's own site only)              content scripts
 * - ports (`runtime.onConnect`), one table ({@link PORTS}):
 *     rdp-doctor-checks        → checks-port.ts (run checks / test my client, streamed)  pages
 *     rdp-doctor-annotation-find → annotation-find.ts (the codes in page text, batched) content scripts
 * - the "Explain this error" menu item (`contextMenus`) → context-menu.ts;
 * - custom RD Web origins' content scripts re-registered at install, update and start → ../lib/custom-sites.ts.
 *
 * Every message is validated from `unknown` (anything else is ignored) and its sender's kind checked
 * against the table: web pages never reach the background, and content scripts cannot start checks or
 * read the history — only extension pages, after a person's action, can make the helper connect.
 */

import browser from '../lib/browser.js';
import { syncCustomScripts } from '../lib/custom-sites.js';
import { FIND_PORT } from '../lib/find-messages.js';
import { LEGACY_HISTORY_KEY } from '../lib/history.js';
import {
  type AnswerOf,
  type AnyRequest,
  CHECKS_PORT,
  mayAsk,
  parseRequest,
  type RequestOf,
  type RequestType,
  type SenderKind,
  type SenderLike,
  senderKind,
} from '../lib/messages.js';
import { loadSettings, pageIsAboutRdp } from '../lib/settings.js';
import { serveFindPort } from './annotation-find.js';
import { serveChecks } from './checks-port.js';
import { createMenu, onMenuClick } from './context-menu.js';
import { openFullView } from './full-view.js';
import { createHelper } from './helper.js';
import { HistoryStore, indexedDbCell } from './history-store.js';
import { meaningOf } from './meaning.js';
import { NativeClient } from './native.js';
import { turnOffFor } from './site-switch.js';

// --- Storage access -----------------------------------------------------------------------------
// The history of checked servers is kept in the extension's IndexedDB (history-store.ts) and served
// only to extension pages: content scripts can read and write storage.local in Firefox
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

/** The background's one native client (its port comes from this browser's `runtime.connectNative`). */
const helper = createHelper(new NativeClient());

// --- One-shot requests --------------------------------------------------------------------------

type Route<K extends RequestType> = (req: RequestOf<K>, sender: SenderLike) => AnswerOf<K> | Promise<AnswerOf<K>>;

/** One route per request type; who may send each is in ../lib/messages.ts `REQUESTS`. */
const ROUTES: { readonly [K in RequestType]: Route<K> } = {
  'helper-status': () => helper.status(),
  'open-full-view': (req) => openFullView(req.text),
  'history-get': () => history.list(),
  'history-remember': (req) => history.remember(req.host),
  'history-clear': () => history.clear(),
  'history-entries': () => history.entries(),
  'history-outcome': (req) => history.record(req.host, req.outcome),
  'history-remove': (req) => history.remove(req.host),
  'annotation-explain': (req) => meaningOf(req, req.pair),
  // The site comes from the sender (its page's URL), never from the message.
  'annotation-off': (_req, sender) => turnOffFor(sender.url ?? ''),
};

const kindOf = (sender: SenderLike) => senderKind(sender, browser.runtime.id, browser.runtime.getURL(''));

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  const req = parseRequest(message);
  if (!req || !mayAsk(req.type, kindOf(sender as SenderLike))) return undefined;
  const route = ROUTES[req.type] as Route<AnyRequest['type']>;
  return Promise.resolve(route(req as never, sender as SenderLike));
});

// --- Ports --------------------------------------------------------------------------------------

/** One route per port name, with the one kind of sender it serves (a port that is not one of these is left alone). */
const PORTS: Readonly<Record<string, { from: SenderKind; serve: (port: browser.Runtime.Port) => void }>> = {
  [CHECKS_PORT]: { from: 'page', serve: (port) => serveChecks(port, helper, history) },
  // The page's site (Remote Desktop context or not) comes from the sender's address, never from a message.
  [FIND_PORT]: { from: 'content', serve: (port) => serveFindPort(port, pageIsAboutRdp(port.sender?.url ?? '')) },
};

browser.runtime.onConnect.addListener((port: browser.Runtime.Port) => {
  const route = Object.hasOwn(PORTS, port.name) ? PORTS[port.name] : undefined;
  if (!route) return;
  if (!port.sender || kindOf(port.sender as SenderLike) !== route.from) {
    port.disconnect();
    return;
  }
  route.serve(port);
});

// --- Context menu and custom sites --------------------------------------------------------------

browser.contextMenus.onClicked.addListener(onMenuClick);

// Custom RD Web origins: re-register their content scripts after install, update and browser start.
const resyncCustomSites = () => {
  loadSettings(browser.storage.sync)
    .then(syncCustomScripts)
    .catch(() => undefined);
};
browser.runtime.onInstalled.addListener(() => {
  createMenu().catch(() => undefined);
  resyncCustomSites();
});
browser.runtime.onStartup.addListener(resyncCustomSites);

// Exposed for end-to-end tests, which drive the worker through Playwright's serviceWorker.evaluate.
(globalThis as Record<string, unknown>).rdpDoctor = { helperStatus: () => helper.status() };

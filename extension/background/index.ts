/**
 * The service worker: the only part of the extension that talks to the native helper.
 * Extension pages ask it for work through runtime messages; content scripts can only ask
 * for explanations (never for a probe).
 */
import browser from '../lib/browser.js';
import { helperStatus } from './helper-status.js';

browser.runtime.onInstalled.addListener(() => {
  browser.contextMenus.removeAll().then(() =>
    browser.contextMenus.create({
      id: 'rdp-doctor-explain',
      title: browser.i18n.getMessage('contextMenuExplain') || 'Explain this error',
      contexts: ['selection'],
    }),
  );
});

/** True when a message comes from one of this extension's own pages (popup, options, full view), not a content script. */
function fromExtensionPage(sender: browser.Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.tab === undefined && (sender.url ?? '').startsWith(browser.runtime.getURL(''));
}

browser.runtime.onMessage.addListener((message: unknown, sender) => {
  if (typeof message !== 'object' || message === null) return undefined;
  const type = (message as { type?: unknown }).type;
  if (type === 'helper-status' && fromExtensionPage(sender)) return helperStatus();
  return undefined;
});

// Exposed for end-to-end tests, which drive the worker through Playwright's serviceWorker.evaluate.
(globalThis as Record<string, unknown>).rdpDoctor = { helperStatus };

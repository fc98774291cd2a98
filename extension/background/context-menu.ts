/**
 * "Explain this error" on selected text (any site; the menu click grants activeTab for that tab) and
 * the background side of automatic annotation.
 *
 * - The menu click explains the selection here (detector + catalogue + fixes, text alone) and injects
 *   the in-page card into the clicked frame with `scripting.executeScript({func, args})`: the card is a
 *   self-contained function and the explanation travels as plain data, so no page-reachable
 *   extension resource is needed.
 * - Content scripts may ask for two things only, both validated here: the plain meaning of one code
 *   (`annotation-explain`) and turning annotation off for the sender's own site (`annotation-off`).
 *   Neither can start a probe; the site is taken from the sender, never from the message.
 */

import { analyzeAvd } from '../../shared/avd/index.js';
import { explainText } from '../../shared/detect/events.js';
import { diagnoseText } from '../../shared/diagnose/index.js';
import { type CardFix, type CardModel, type CardShown, SHOW_CARD, showRdpCard } from '../content/card-view.js';
import { isAnnotationOff, parseExplainRequest } from '../content/messages.js';
import browser from '../lib/browser.js';
import { builtInSiteFor, loadSettings, saveSettings } from '../lib/settings.js';
import { ACTOR_WORDS, meaningOf } from './meaning.js';

export const MENU_ID = 'rdp-doctor-explain';

/** Longest selection explained (characters); longer selections are cut. */
export const MAX_SELECTION_CHARS = 20_000;

function label(key: string, fallback: string): string {
  try {
    return browser.i18n.getMessage(key) || fallback;
  } catch {
    return fallback;
  }
}

function labels(): CardModel['labels'] {
  return {
    heading: label('cardHeading', 'RDP Doctor'),
    nothing: label('cardNothing', 'No Remote Desktop error code found in this text.'),
    fixes: label('cardFixes', 'Most likely fixes'),
    check: label('cardCheck', 'Check the server…'),
    fullView: label('cardFullView', 'Open in RDP Doctor…'),
    off: label('cardSiteOff', 'Turn off on this site'),
    close: label('cardClose', 'Close'),
    whoActs: label('cardWhoActs', 'Who acts'),
  };
}

/** Ranked fixes from the text alone: the same diagnosis the popup and the CLI use, with no check results. */
function fixesFromText(text: string, events: ReturnType<typeof explainText>['events']): CardFix[] {
  if (events.every((ev) => ev.notAnError)) return [];
  return diagnoseText(text).fixes.map((f) => ({ title: f.title, why: f.why }));
}

/** The card's content for a piece of selected text. */
export function explainSelectionModel(text: string): CardModel {
  const clipped = text.slice(0, MAX_SELECTION_CHARS);
  const ex = explainText(clipped, { assumeRdp: true, maxDetections: 50 });
  const { events } = ex;
  const activity = analyzeAvd(clipped, ex).activities[0];
  const codes = events.slice(0, 6).map((ev) => ({
    code: ev.title,
    name: null,
    summary: ev.summary,
    actor: ACTOR_WORDS[ev.actor] ?? ev.actor,
    ...(ev.hasUnknown ? { unknown: true } : {}),
  }));
  return {
    mode: 'selection',
    nothing: events.length === 0,
    codes,
    fixes: fixesFromText(clipped, events).slice(0, 5),
    fullViewText: clipped,
    ...(activity
      ? {
          avd: {
            heading: label('cardAvdHeading', 'Azure Virtual Desktop logs'),
            activityLine: `Activity ID ${activity.activityId}`,
            owner: activity.owner.sentence,
            kql: activity.correlation.kql,
            copy: label('cardAvdCopy', 'Copy Log Analytics query'),
            copied: label('copied', 'Copied'),
            copyFailed: label('copyFailed', 'Could not copy to the clipboard'),
          },
        }
      : {}),
    siteSwitch: false,
    labels: labels(),
  };
}

/**
 * Shows the card for `text` in a tab (and frame). The menu handler calls this; e2e tests call it too,
 * through `rdpDoctorContextMenu.explainSelection` on the worker, because automation cannot click the
 * browser's native context menu.
 */
export async function explainSelection(tabId: number, text: string, frameId = 0): Promise<CardShown> {
  if (!Number.isInteger(tabId) || tabId < 0 || typeof text !== 'string') return { shown: false, text: '' };
  const model = explainSelectionModel(text);
  const frame = Number.isInteger(frameId) && frameId >= 0 ? frameId : 0;
  // Where RDP Doctor's content script already runs (annotated sites), it shows the card itself.
  try {
    const shown = (await browser.tabs.sendMessage(tabId, { type: SHOW_CARD, model }, { frameId: frame })) as
      | CardShown
      | undefined;
    if (shown?.shown) return shown;
  } catch {
    /* no content script in that frame: inject the card (the menu click granted activeTab) */
  }
  const [res] = await browser.scripting.executeScript({
    target: { tabId, frameIds: [frame] },
    func: showRdpCard,
    args: [model],
  });
  return (res?.result as CardShown | undefined) ?? { shown: false, text: '' };
}

browser.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
  void explainSelection(tab.id, info.selectionText ?? '', info.frameId ?? 0).catch((e: unknown) => {
    console.warn('RDP Doctor: could not show the card on this page', e);
  });
});

function fromContentScript(sender: browser.Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.tab !== undefined && typeof sender.url === 'string';
}

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  if (!fromContentScript(sender)) return undefined;
  const req = parseExplainRequest(message);
  if (req) return Promise.resolve(meaningOf(req.namespace, req.code));
  if (isAnnotationOff(message)) {
    return turnOffFor(sender.url ?? '');
  }
  return undefined;
});

/** Turns annotation off for the sender's site: its built-in switch, or removes its custom origin. */
async function turnOffFor(url: string): Promise<{ ok: boolean }> {
  const site = builtInSiteFor(url);
  if (site) {
    await saveSettings(browser.storage.sync, { sites: { [site]: false } });
    return { ok: true };
  }
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return { ok: false };
  }
  const current = await loadSettings(browser.storage.sync);
  if (!current.customOrigins.includes(origin)) return { ok: false };
  await saveSettings(browser.storage.sync, { customOrigins: current.customOrigins.filter((o) => o !== origin) });
  return { ok: true };
}

// For end-to-end tests (see explainSelection).
(globalThis as Record<string, unknown>).rdpDoctorContextMenu = { explainSelection, explainSelectionModel, showRdpCard };

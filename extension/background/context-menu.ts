/**
 * "Explain this error" on selected text (any site; the menu click grants activeTab for that tab).
 *
 * The menu click explains the selection here (detector + catalogue + fixes, text alone) and shows the
 * in-page card in the clicked frame: through the content script where one runs (annotated sites),
 * otherwise by injecting the card with `scripting.executeScript({func, args})` — the card is a
 * self-contained function and the explanation travels as plain data, so no page-reachable extension
 * resource is needed. The router (index.ts) registers the menu item and its click listener.
 */

import { analyzeAvd } from '../../shared/avd/index.js';
import { diagnoseText } from '../../shared/diagnose/index.js';
import { explainText } from '../../shared/explain/events.js';
import { actorWords, cardLabels } from '../content/card-labels.js';
import { type CardFix, type CardModel, type CardShown, SHOW_CARD, showRdpCard } from '../content/card-view.js';
import browser, { type Menus, type Tabs } from '../lib/browser.js';
import { t } from '../lib/i18n.js';

export const MENU_ID = 'rdp-doctor-explain';

/** Longest selection explained (characters); longer selections are cut. */
export const MAX_SELECTION_CHARS = 20_000;

/** (Re)creates the menu item (on install and update). */
export async function createMenu(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: MENU_ID, title: t('contextMenuExplain'), contexts: ['selection'] });
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
    actor: actorWords(ev.actor),
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
            heading: t('cardAvdHeading'),
            activityLine: t('avdActivity', activity.activityId),
            owner: activity.owner.sentence,
            kql: activity.correlation.kql,
            copy: t('cardAvdCopy'),
            copied: t('copied'),
            copyFailed: t('copyFailed'),
          },
        }
      : {}),
    siteSwitch: false,
    labels: cardLabels(),
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

/** The menu item's click: the card for the selection, in the frame it was made in. */
export function onMenuClick(info: Menus.OnClickData, tab: Tabs.Tab | undefined): void {
  if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
  void explainSelection(tab.id, info.selectionText ?? '', info.frameId ?? 0).catch((e: unknown) => {
    console.warn('RDP Doctor: could not show the card on this page', e);
  });
}

// For end-to-end tests (see explainSelection).
(globalThis as Record<string, unknown>).rdpDoctorContextMenu = { explainSelection, explainSelectionModel, showRdpCard };

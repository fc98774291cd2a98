/**
 * Content script on Azure portal, AVD web client and RD Web pages (and custom RD Web origins): marks
 * RDP error codes where they stand and explains them on hover or focus.
 *
 * It never writes the page's nodes (CSS Custom Highlight API + an overlay in a closed shadow root),
 * works in time-sliced chunks, and talks to the background only to ask which codes a batch of page
 * text holds (the detector and the catalogue live there, off the page's thread; the page's site is
 * their context there), what a code means, or to turn itself off for this site. Nothing the page sends
 * (postMessage, DOM events) is listened to.
 */
import type { Namespace } from '../../shared/catalog/types.js';
import browser from '../lib/browser.js';
import { ask, connectFinder } from '../lib/client.js';
import { t } from '../lib/i18n.js';
import type { CodeMeaning } from '../lib/messages.js';
import { annotationEnabled, loadSettings, SETTINGS_KEY } from '../lib/settings.js';
import { Annotator, type AnnotatorStats, type Found } from './annotate.js';
import { actorWords, cardLabels } from './card-labels.js';
import { type CardModel, showRdpCard } from './card-view.js';
import { portFinder } from './find-client.js';
import { HoverLayer } from './hover.js';
import type { Mark } from './marks.js';
import { parseShowCard } from './messages.js';

/** Asks the background (on the find port) for the codes in a batch of page text. */
const find: (texts: string[]) => Promise<Found[][]> = portFinder(connectFinder);

const meanings = new Map<string, Promise<CodeMeaning | null>>();

function meaning(mark: Mark): Promise<CodeMeaning | null> {
  const { namespace, code, pair } = mark.info;
  const key = `${namespace}:${code}${pair ? `:${pair.map((p) => `${p.namespace}:${p.code}`).join('+')}` : ''}`;
  let p = meanings.get(key);
  if (!p) {
    p = ask('annotation-explain', { namespace: namespace as Namespace, code, ...(pair ? { pair } : {}) }).catch(
      () => null,
    );
    meanings.set(key, p);
  }
  return p;
}

type CardHandle = { host: Element; cleanup: () => void };
const cardHandle = () => (window as unknown as { __rdpDoctorCard?: CardHandle }).__rdpDoctorCard;

let annotator: Annotator | null = null;
let hover: HoverLayer | null = null;
let showing = 0;
let pointerInCard = false;

/** Performance marks for tests and the benchmark: `annotated` when idle, `progress` while a page keeps changing. */
function report(name: string, stats: AnnotatorStats): void {
  try {
    performance.mark(`rdp-doctor:${name}`, { detail: { ...stats } });
  } catch {
    /* marks are a diagnostic only */
  }
}

function onIdle(stats: AnnotatorStats): void {
  hover?.layout();
  report('annotated', stats);
}

async function showFor(mark: Mark, rect: DOMRect, via: 'pointer' | 'focus'): Promise<void> {
  const ticket = ++showing;
  const m = await meaning(mark);
  if (ticket !== showing || !annotator) return;
  const model: CardModel = {
    mode: 'hover',
    nothing: m === null,
    codes: m
      ? [{ code: m.code, name: m.name, summary: m.summary, actor: actorWords(m.actor), unknown: m.unknown }]
      : [],
    fixes: [],
    fullViewText: mark.info.context,
    siteSwitch: true,
    anchor: { x: rect.left, y: rect.top, width: rect.width, height: rect.height },
    labels: cardLabels(),
  };
  showRdpCard(model);
  const h = cardHandle();
  if (h) {
    h.host.addEventListener('pointerenter', () => {
      pointerInCard = true;
    });
    h.host.addEventListener('pointerleave', () => {
      pointerInCard = false;
      hover?.pointerAway();
    });
  }
  void via;
}

function hideCard(): void {
  showing++;
  pointerInCard = false;
  cardHandle()?.cleanup();
}

function start(): void {
  if (annotator) return;
  try {
    performance.mark('rdp-doctor:start');
  } catch {
    /* diagnostic only */
  }
  annotator = new Annotator(document, { find, onIdle, onProgress: (s) => report('progress', s) });
  hover = new HoverLayer(document, {
    marks: annotator.marks,
    show: (mark, rect, via) => void showFor(mark, rect, via),
    hide: hideCard,
    cardActive: () => pointerInCard,
    label: (mark) => `${t('markLabel')} ${mark.info.label}`,
  });
  annotator.start();
  hover.start();
}

function stop(): void {
  hideCard();
  hover?.stop();
  annotator?.stop();
  hover = null;
  annotator = null;
}

async function apply(): Promise<void> {
  const settings = await loadSettings(browser.storage.sync);
  if (annotationEnabled(location.href, settings)) start();
  else stop();
}

/** The background asks to show the "Explain this error" card (menu click on this frame's selection). */
browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  // Only the extension's background (no tab) may ask; pages cannot reach this listener at all.
  if (sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
  const model = parseShowCard(message);
  return model ? Promise.resolve(showRdpCard(model)) : undefined;
});

if (typeof CSS !== 'undefined' && 'highlights' in CSS) {
  void apply();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && SETTINGS_KEY in changes) void apply();
  });
}

/**
 * Content script on Azure portal, AVD web client and RD Web pages (and custom RD Web origins): marks
 * RDP error codes where they stand and explains them on hover or focus.
 *
 * It never writes the page's nodes (CSS Custom Highlight API + an overlay in a closed shadow root),
 * works in time-sliced chunks, and talks to the background only to ask what a code means or to turn
 * itself off for this site. Nothing the page sends (postMessage, DOM events) is listened to.
 */
import { displayCode } from '../../shared/catalog/compact.js';
import type { Namespace } from '../../shared/catalog/types.js';
import type { Detection } from '../../shared/detect/types.js';
import browser from '../lib/browser.js';
import { ask } from '../lib/client.js';
import { t } from '../lib/i18n.js';
import type { CodeMeaning, CodeRef } from '../lib/messages.js';
import { type PageCode, pageCodes } from '../lib/page-codes.js';
import { annotationEnabled, loadSettings, pageIsAboutRdp, SETTINGS_KEY } from '../lib/settings.js';
import { Annotator, type Found } from './annotate.js';
import { actorWords, cardLabels } from './card-labels.js';
import { type CardModel, showRdpCard } from './card-view.js';
import { HoverLayer } from './hover.js';
import type { Mark } from './marks.js';
import { parseShowCard } from './messages.js';

/** A Remote Desktop product's own page (RD Web, AVD web client): the page is the codes' context. */
const aboutRdp = pageIsAboutRdp(location.href);

const refOf = (d: Detection): CodeRef => ({ namespace: d.namespace, code: d.code });

/** A code read with its partner (error code + extended code): the pair in page order. */
function pairOf(d: PageCode): Pick<Found, 'pair'> {
  const other = d.partner;
  if (!other) return {};
  return { pair: d.span[0] <= other.span[0] ? [refOf(d), refOf(other)] : [refOf(other), refOf(d)] };
}

function find(text: string): Found[] {
  return pageCodes(text, aboutRdp).map((d) => ({
    start: d.span[0],
    end: d.span[1],
    namespace: d.namespace,
    code: d.code,
    hex: d.hex,
    name: d.name,
    ...pairOf(d),
  }));
}

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

function onIdle(): void {
  hover?.layout();
  const stats = annotator?.statistics;
  try {
    performance.mark('rdp-doctor:annotated', { detail: stats ? { ...stats } : null });
  } catch {
    /* marks are a diagnostic only */
  }
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
  annotator = new Annotator(document, { find, onIdle });
  hover = new HoverLayer(document, {
    marks: annotator.marks,
    show: (mark, rect, via) => void showFor(mark, rect, via),
    hide: hideCard,
    cardActive: () => pointerInCard,
    label: (mark) =>
      `${t('markLabel')} ${
        mark.info.hex === null
          ? (mark.info.name ?? mark.info.raw)
          : (displayCode(mark.info.namespace as Namespace, mark.info.code) ?? mark.info.hex)
      }`,
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

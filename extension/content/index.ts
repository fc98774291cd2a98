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
import browser from '../lib/browser.js';
import { pageCodes } from '../lib/page-codes.js';
import { annotationEnabled, loadSettings, pageIsAboutRdp, SETTINGS_KEY } from '../lib/settings.js';
import { Annotator, type Found } from './annotate.js';
import { type CardModel, showRdpCard } from './card-view.js';
import { HoverLayer } from './hover.js';
import type { Mark } from './marks.js';
import { parseShowCard } from './messages.js';

/** A Remote Desktop product's own page (RD Web, AVD web client): the page is the codes' context. */
const aboutRdp = pageIsAboutRdp(location.href);

function find(text: string): Found[] {
  return pageCodes(text, aboutRdp).map((d) => ({
    start: d.span[0],
    end: d.span[1],
    namespace: d.namespace,
    code: d.code,
    hex: d.hex,
    name: d.name,
  }));
}

interface Meaning {
  code: string;
  name: string | null;
  summary: string;
  actor: string;
  unknown: boolean;
}

const meanings = new Map<string, Promise<Meaning | null>>();

function meaning(mark: Mark): Promise<Meaning | null> {
  const key = `${mark.info.namespace}:${mark.info.code}`;
  let p = meanings.get(key);
  if (!p) {
    p = (
      browser.runtime.sendMessage({
        type: 'annotation-explain',
        namespace: mark.info.namespace,
        code: mark.info.code,
      }) as Promise<Meaning | null>
    ).catch(() => null);
    meanings.set(key, p);
  }
  return p;
}

function msg(key: string, fallback: string): string {
  try {
    return browser.i18n.getMessage(key) || fallback;
  } catch {
    return fallback;
  }
}

function cardLabels(): CardModel['labels'] {
  return {
    heading: msg('cardHeading', 'RDP Doctor'),
    nothing: msg('cardNothing', 'No Remote Desktop error code found in this text.'),
    fixes: msg('cardFixes', 'Most likely fixes'),
    check: msg('cardCheck', 'Check the server…'),
    fullView: msg('cardFullView', 'Open in RDP Doctor…'),
    off: msg('cardSiteOff', 'Turn off on this site'),
    close: msg('cardClose', 'Close'),
    whoActs: msg('cardWhoActs', 'Who acts'),
  };
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
    codes: m ? [{ code: m.code, name: m.name, summary: m.summary, actor: m.actor, unknown: m.unknown }] : [],
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
      `${msg('markLabel', 'Remote Desktop error code')} ${
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

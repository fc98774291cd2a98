/**
 * The in-page explanation card: a closed shadow root with its own styles, built only with
 * createElement + textContent (page text is never parsed as HTML).
 *
 * `showRdpCard` is SELF-CONTAINED on purpose: the background injects it with
 * `scripting.executeScript({func, args})`, which serialises the function's source, so it may use only
 * its argument and browser globals — no imports, no module-level helpers. The annotation content
 * script calls the same function directly for the hover/focus card. Its two requests to the
 * background are typed against the one table (../lib/messages.ts); types cost nothing at run time.
 */
import type { RequestOf } from '../lib/messages.js';

/** Message from the background to a content script: show the card with this model. */
export const SHOW_CARD = 'rdp-doctor-show-card';

export interface CardCode {
  /** Code as shown (hex, decimal event id, a written name for name-only codes, or a pair's title). */
  code: string;
  /** The catalogue's symbolic name: shown in the details, never as the heading. */
  name: string | null;
  /** The plain meaning from the catalogue: the item's heading. */
  summary: string;
  /** Who must act, in words ("Your administrator"). */
  actor: string;
  unknown?: boolean;
}

export interface CardFix {
  title: string;
  why?: string;
}

/** Azure Virtual Desktop: the selection's Activity ID, who owns the fix, and the query to copy (texts localised by the caller). */
export interface CardAvd {
  heading: string;
  /** "Activity ID 2f8a…" */
  activityLine: string;
  /** Who owns the fix, one sentence. */
  owner: string;
  /** The Log Analytics query the copy button puts on the clipboard. */
  kql: string;
  copy: string;
  copied: string;
  copyFailed: string;
}

export interface CardModel {
  mode: 'selection' | 'hover';
  /** Nothing recognised in the text. */
  nothing: boolean;
  codes: CardCode[];
  /** Ranked fixes from the text alone, best first (selection mode). */
  fixes: CardFix[];
  /** Text the full view opens with. */
  fullViewText: string;
  /** Offer "Turn off on this site" (annotated sites only). */
  siteSwitch: boolean;
  /** Azure Virtual Desktop logs for the selection's Activity ID, when it has one. */
  avd?: CardAvd;
  /** Viewport rectangle to place the card next to; the current selection when absent. */
  anchor?: { x: number; y: number; width: number; height: number };
  /** Labels (already localised by the caller: card-labels.ts). */
  labels: CardLabels;
}

/** The card's labels and the message name of each (public/_locales); card-labels.ts localises them. */
export const CARD_LABEL_KEYS = {
  heading: 'cardHeading',
  nothing: 'cardNothing',
  fixes: 'cardFixes',
  check: 'cardCheck',
  fullView: 'cardFullView',
  off: 'cardSiteOff',
  close: 'cardClose',
  whoActs: 'cardWhoActs',
  symbol: 'cardSymbol',
} as const;

export type CardLabels = Record<keyof typeof CARD_LABEL_KEYS, string>;

/** What the card ended up showing (returned to the caller; tests read it). */
export interface CardShown {
  shown: boolean;
  text: string;
}

export function showRdpCard(model: CardModel): CardShown {
  const w = window as unknown as Record<string, unknown>;
  const KEY = '__rdpDoctorCard';
  const prev = w[KEY] as { host: Element; cleanup: () => void } | undefined;
  if (prev) prev.cleanup();

  const doc = document;
  const host = doc.createElement('div');
  host.setAttribute('data-rdp-doctor-ui', 'card');
  host.style.cssText =
    'all:initial;position:fixed;z-index:2147483647;left:0;top:0;width:0;height:0;contain:layout style;';
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = [
    ':host{all:initial}',
    '.card{position:fixed;box-sizing:border-box;width:min(380px,calc(100vw - 16px));max-height:min(420px,calc(100vh - 16px));display:flex;flex-direction:column;',
    'background:#fff;color:#1b1b1b;border:1px solid #8a8886;border-radius:6px;box-shadow:0 6px 20px rgba(0,0,0,.25);',
    'font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;padding:10px 12px;text-align:left}',
    '.top{display:flex;align-items:center;gap:8px;margin-bottom:6px}.body{overflow:auto;min-height:0;flex:1}',
    'h2{font-size:13px;font-weight:600;margin:0;flex:1}',
    '.code{font-family:ui-monospace,Consolas,monospace}',
    '.item{margin:6px 0}.summary{font-weight:600}.who{color:#605e5c;font-size:12px}',
    'ol{margin:4px 0 6px 18px;padding:0}li{margin:2px 0}.why{color:#605e5c;font-size:12px}',
    'h3{font-size:12px;margin:8px 0 2px;font-weight:600}',
    '.actions{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}',
    'button{font:inherit;font-size:12px;padding:4px 10px;border-radius:4px;border:1px solid #8a8886;background:#f3f2f1;color:#1b1b1b;cursor:pointer}',
    'button.primary{background:#0f6cbd;border-color:#0f6cbd;color:#fff}',
    'button.x{border:none;background:transparent;font-size:16px;line-height:1;padding:2px 6px}',
    'button:focus-visible{outline:2px solid #0f6cbd;outline-offset:1px}',
    '@media (prefers-color-scheme:dark){.card{background:#292929;color:#f0f0f0;border-color:#666}',
    '.who,.why{color:#c8c6c4}button{background:#3b3a39;color:#f0f0f0;border-color:#777}}',
  ].join('');
  root.appendChild(style);

  const el = (tag: string, cls?: string, text?: string): HTMLElement => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const card = el('div', 'card');
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-label', model.labels.heading);
  const top = el('div', 'top');
  top.appendChild(el('h2', undefined, model.labels.heading));
  const close = el('button', 'x', '×');
  close.setAttribute('aria-label', model.labels.close);
  top.appendChild(close);
  card.appendChild(top);
  const body = el('div', 'body');
  card.appendChild(body);

  if (model.nothing || model.codes.length === 0) {
    body.appendChild(el('p', 'nothing', model.labels.nothing));
  }
  for (const c of model.codes.slice(0, 6)) {
    // People read the plain meaning first; the code and its symbolic name are the details under it.
    const item = el('div', 'item');
    item.appendChild(el('div', 'summary', c.summary));
    item.appendChild(el('div', 'code', c.code));
    if (c.actor) item.appendChild(el('div', 'who', `${model.labels.whoActs}: ${c.actor}`));
    if (c.name && c.name !== c.code) item.appendChild(el('div', 'who', `${model.labels.symbol}: ${c.name}`));
    body.appendChild(item);
  }
  let copyAvd: HTMLElement | null = null;
  if (model.avd) {
    body.appendChild(el('h3', undefined, model.avd.heading));
    body.appendChild(el('div', 'who', model.avd.activityLine));
    body.appendChild(el('div', undefined, model.avd.owner));
    copyAvd = el('button', undefined, model.avd.copy);
    copyAvd.setAttribute('data-action', 'copy-avd-query');
    const row = el('div', 'actions');
    row.appendChild(copyAvd);
    body.appendChild(row);
  }
  if (model.fixes.length > 0) {
    body.appendChild(el('h3', undefined, model.labels.fixes));
    const ol = el('ol');
    for (const f of model.fixes.slice(0, 5)) {
      const li = el('li', undefined, f.title);
      if (f.why) li.appendChild(el('div', 'why', f.why));
      ol.appendChild(li);
    }
    body.appendChild(ol);
  }
  const actions = el('div', 'actions');
  const open = el(
    'button',
    'primary',
    model.mode === 'selection' && !model.nothing ? model.labels.check : model.labels.fullView,
  );
  open.setAttribute('data-action', 'full-view');
  actions.appendChild(open);
  let off: HTMLElement | null = null;
  if (model.siteSwitch) {
    off = el('button', undefined, model.labels.off);
    off.setAttribute('data-action', 'site-off');
    actions.appendChild(off);
  }
  card.appendChild(actions);
  root.appendChild(card);
  (doc.documentElement ?? doc.body).appendChild(host);

  // Place next to the anchor (or the selection), inside the viewport.
  let r = model.anchor;
  if (!r) {
    const sel = window.getSelection();
    if (sel && sel.rangeCount > 0) {
      const b = sel.getRangeAt(0).getBoundingClientRect();
      r = { x: b.left, y: b.top, width: b.width, height: b.height };
    }
  }
  const vw = doc.documentElement.clientWidth || window.innerWidth;
  const vh = doc.documentElement.clientHeight || window.innerHeight;
  const cw = card.offsetWidth;
  const ch = card.offsetHeight;
  const ax = r ? r.x : 8;
  const ay = r ? r.y + r.height + 6 : 8;
  const left = Math.max(8, Math.min(ax, vw - cw - 8));
  const top0 = ay + ch > vh - 8 && r ? r.y - ch - 6 : ay;
  card.style.left = `${left}px`;
  card.style.top = `${Math.max(8, Math.min(top0, vh - ch - 8))}px`;

  const send = (message: unknown) => {
    const rt = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (m: unknown) => unknown } } }).chrome
      ?.runtime;
    try {
      const p = rt?.sendMessage?.(message) as Promise<unknown> | undefined;
      p?.catch?.(() => undefined);
    } catch {
      /* extension reloaded: nothing to do */
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') cleanup();
  };
  const onDown = (e: Event) => {
    if (!e.composedPath().includes(host)) cleanup();
  };
  function cleanup(): void {
    doc.removeEventListener('keydown', onKey, true);
    doc.removeEventListener('pointerdown', onDown, true);
    host.remove();
    if (w[KEY] && (w[KEY] as { host: Element }).host === host) delete w[KEY];
  }
  close.addEventListener('click', (e) => {
    if (e.isTrusted) cleanup();
  });
  open.addEventListener('click', (e) => {
    if (!e.isTrusted) return;
    send({ type: 'open-full-view', text: model.fullViewText } satisfies RequestOf<'open-full-view'>);
    cleanup();
  });
  copyAvd?.addEventListener('click', async (e) => {
    const avd = model.avd;
    if (!e.isTrusted || !avd || !copyAvd) return;
    let ok = false;
    try {
      await navigator.clipboard.writeText(avd.kql);
      ok = true;
    } catch {
      // Pages without the async clipboard (insecure origins): copy from a hidden field inside the card.
      const ta = doc.createElement('textarea');
      ta.value = avd.kql;
      ta.setAttribute('readonly', '');
      ta.style.cssText = 'position:fixed;opacity:0;left:0;top:0';
      root.appendChild(ta);
      ta.select();
      ok = doc.execCommand('copy');
      ta.remove();
      copyAvd.focus({ preventScroll: true });
    }
    copyAvd.textContent = ok ? avd.copied : avd.copyFailed;
  });
  off?.addEventListener('click', (e) => {
    if (!e.isTrusted) return;
    send({ type: 'annotation-off' } satisfies RequestOf<'annotation-off'>);
    cleanup();
  });
  doc.addEventListener('keydown', onKey, true);
  doc.addEventListener('pointerdown', onDown, true);
  w[KEY] = { host, cleanup };
  if (model.mode === 'selection') open.focus({ preventScroll: true });
  return { shown: true, text: card.innerText || card.textContent || '' };
}

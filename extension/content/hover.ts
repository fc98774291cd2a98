/**
 * Hover and keyboard access to the marks.
 *
 * - Pointer: pointermove is sampled (at most every {@link HOVER_EVERY_MS}); the point is turned into a
 *   text position with the caret hit test, looked up in the marks, and confirmed against the range's
 *   client rects. No per-mark listeners, nothing added to the page's nodes.
 * - Keyboard: a layer in a CLOSED shadow root holds one transparent, focusable button over each mark in
 *   the viewport (pointer-events: none, so the page keeps its clicks); focusing one shows the card. The
 *   layer is built once the person presses Tab on the page, and follows scrolling and resizing.
 */
import type { Mark, MarkStore } from './marks.js';
import { OWN_HOST_ATTR } from './walk.js';

export const HOVER_EVERY_MS = 80;
/**
 * How long the card stays once the pointer has left both the code and the card: long enough to cross
 * the gap from the code into the card, short enough that the card does not sit over the page.
 */
export const HIDE_GRACE_MS = 400;
/** At most this many keyboard buttons (marks in the viewport, in document order). */
const MAX_BUTTONS = 60;

export interface HoverOptions {
  marks: MarkStore;
  /** Shows the card for a mark next to `rect`. */
  show(mark: Mark, rect: DOMRect, via: 'pointer' | 'focus'): void;
  /** Hides the card. */
  hide(): void;
  /** True while the pointer or focus is inside the card. */
  cardActive(): boolean;
  label(mark: Mark): string;
}

type CaretDoc = Document & {
  caretPositionFromPoint?: (
    x: number,
    y: number,
    options?: { shadowRoots?: ShadowRoot[] },
  ) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

/**
 * The text position under a point. The open shadow roots that hold marks are passed along: without
 * them the hit test stops at the shadow host and marks inside shadow trees get no card.
 */
function caretAt(
  doc: CaretDoc,
  x: number,
  y: number,
  shadowRoots: ShadowRoot[],
): { node: Node; offset: number } | null {
  if (doc.caretPositionFromPoint) {
    const p =
      shadowRoots.length > 0 ? doc.caretPositionFromPoint(x, y, { shadowRoots }) : doc.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = doc.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

function rectContaining(range: Range, x: number, y: number): DOMRect | null {
  for (const r of range.getClientRects()) {
    if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return r;
  }
  return null;
}

export class HoverLayer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastX = 0;
  private lastY = 0;
  private current: Mark | null = null;
  /** How the current card was opened: only a pointer card follows the pointer away. */
  private via: 'pointer' | 'focus' = 'pointer';
  private grace: ReturnType<typeof setTimeout> | null = null;
  private host: HTMLElement | null = null;
  private layer: HTMLElement | null = null;
  private buttons: HTMLButtonElement[] = [];
  private buttonMarks = new Map<HTMLButtonElement, Mark>();
  private raf = 0;

  constructor(
    private readonly doc: Document,
    private readonly opts: HoverOptions,
  ) {}

  private readonly onMove = (e: PointerEvent) => {
    this.lastX = e.clientX;
    this.lastY = e.clientY;
    if (this.timer === null) this.timer = setTimeout(this.check, HOVER_EVERY_MS);
  };

  private readonly check = () => {
    this.timer = null;
    const pos = caretAt(this.doc as CaretDoc, this.lastX, this.lastY, this.opts.marks.shadowRoots(this.doc));
    const mark = pos
      ? (this.opts.marks.at(pos.node, pos.offset) ?? this.opts.marks.at(pos.node, Math.max(0, pos.offset - 1)))
      : null;
    const rect = mark ? rectContaining(mark.range, this.lastX, this.lastY) : null;
    if (mark && rect) {
      this.cancelGrace();
      if (mark !== this.current) {
        this.current = mark;
        this.via = 'pointer';
        this.opts.show(mark, rect, 'pointer');
      }
    } else {
      this.pointerAway();
    }
  };

  /**
   * The pointer is off the code (or has left the card): unless it is on the card, the card goes after
   * {@link HIDE_GRACE_MS}, without waiting for more pointer moves (the pointer may rest on the page).
   */
  pointerAway(): void {
    if (!this.current || this.via !== 'pointer' || this.opts.cardActive() || this.grace !== null) return;
    this.grace = setTimeout(() => {
      this.grace = null;
      if (!this.current || this.via !== 'pointer' || this.opts.cardActive()) return;
      this.current = null;
      this.opts.hide();
    }, HIDE_GRACE_MS);
  }

  private cancelGrace(): void {
    if (this.grace !== null) clearTimeout(this.grace);
    this.grace = null;
  }

  /** The pointer left the window (no more moves will come). */
  private readonly onOut = (e: PointerEvent) => {
    if (e.relatedTarget === null) this.pointerAway();
  };

  private readonly onViewport = () => {
    // The card is placed for where the code was: it goes when the page scrolls under it.
    if (this.current && !this.opts.cardActive()) {
      this.current = null;
      this.opts.hide();
    }
    if (this.raf) return;
    this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      this.layout();
    });
  };

  /**
   * Keyboard buttons are kept only once the person uses the keyboard on the page (Tab): placing them
   * reads layout, which a mouse user should not pay for after every change of a busy page.
   */
  private keyboard = false;

  private readonly onKeyboard = (e: KeyboardEvent) => {
    if (e.key !== 'Tab' || this.keyboard) return;
    this.keyboard = true;
    this.layout();
  };

  start(): void {
    const win = this.doc.defaultView;
    win?.addEventListener('keydown', this.onKeyboard, { capture: true, passive: true });
    win?.addEventListener('pointermove', this.onMove, { passive: true, capture: true });
    this.doc.addEventListener('pointerout', this.onOut, { passive: true, capture: true });
    win?.addEventListener('scroll', this.onViewport, { passive: true, capture: true });
    win?.addEventListener('resize', this.onViewport, { passive: true });
  }

  stop(): void {
    const win = this.doc.defaultView;
    win?.removeEventListener('pointermove', this.onMove, { capture: true });
    this.doc.removeEventListener('pointerout', this.onOut, { capture: true });
    this.cancelGrace();
    win?.removeEventListener('keydown', this.onKeyboard, { capture: true });
    win?.removeEventListener('scroll', this.onViewport, { capture: true });
    win?.removeEventListener('resize', this.onViewport);
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.raf) cancelAnimationFrame(this.raf);
    this.host?.remove();
    this.host = null;
    this.layer = null;
    this.buttons = [];
    this.buttonMarks.clear();
  }

  /** Re-places the keyboard buttons over the marks now in the viewport (after scans, scrolls, resizes). */
  layout(): void {
    if (!this.keyboard) return;
    const vw = this.doc.documentElement.clientWidth;
    const vh = this.doc.documentElement.clientHeight;
    const visible: { mark: Mark; rect: DOMRect }[] = [];
    let looked = 0;
    for (const mark of this.opts.marks.all()) {
      if (++looked > 2000 || visible.length >= MAX_BUTTONS) break;
      if (mark.range.startContainer.ownerDocument !== this.doc) continue;
      const r = mark.range.getClientRects()[0];
      if (!r || r.width === 0 || r.bottom < 0 || r.right < 0 || r.top > vh || r.left > vw) continue;
      visible.push({ mark, rect: r });
    }
    visible.sort((a, b) => a.rect.top - b.rect.top || a.rect.left - b.rect.left);
    if (visible.length === 0 && !this.host) return;
    const layer = this.ensureLayer();
    const focused = this.buttons.find((b) => b.matches(':focus'));
    this.buttonMarks.clear();
    visible.forEach(({ mark, rect }, i) => {
      let b = this.buttons[i];
      if (!b) {
        b = this.doc.createElement('button');
        b.type = 'button';
        b.addEventListener('focus', this.onFocus);
        b.addEventListener('keydown', this.onKey);
        layer.appendChild(b);
        this.buttons.push(b);
      }
      b.hidden = false;
      b.style.left = `${rect.left}px`;
      b.style.top = `${rect.top}px`;
      b.style.width = `${rect.width}px`;
      b.style.height = `${rect.height}px`;
      b.setAttribute('aria-label', this.opts.label(mark));
      this.buttonMarks.set(b, mark);
    });
    for (let i = visible.length; i < this.buttons.length; i++) {
      const b = this.buttons[i]!;
      if (b !== focused) b.hidden = true;
    }
  }

  private readonly onFocus = (e: FocusEvent) => {
    const b = e.currentTarget as HTMLButtonElement;
    const mark = this.buttonMarks.get(b);
    if (!mark) return;
    this.cancelGrace();
    this.current = mark;
    this.via = 'focus';
    this.opts.show(mark, b.getBoundingClientRect(), 'focus');
  };

  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      this.cancelGrace();
      this.current = null;
      this.opts.hide();
    }
  };

  private ensureLayer(): HTMLElement {
    if (this.layer && this.host?.isConnected) return this.layer;
    const host = this.doc.createElement('div');
    host.setAttribute(OWN_HOST_ATTR, 'keys');
    host.style.cssText = 'all:initial;position:fixed;left:0;top:0;width:0;height:0;z-index:2147483646;';
    const root = host.attachShadow({ mode: 'closed' });
    const style = this.doc.createElement('style');
    style.textContent =
      'button{position:fixed;margin:0;padding:0;border:0;background:transparent;pointer-events:none;opacity:1}' +
      'button:focus-visible{outline:2px solid #0f6cbd;outline-offset:2px;border-radius:2px}';
    root.appendChild(style);
    const layer = this.doc.createElement('div');
    root.appendChild(layer);
    this.doc.documentElement.appendChild(host);
    this.host = host;
    this.layer = layer;
    this.buttons = [];
    return layer;
  }
}

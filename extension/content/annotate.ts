/**
 * The annotator: reads a document's visible text in bounded, time-sliced chunks, finds codes with the
 * detector, and marks them through {@link MarkStore}. Content that appears later is picked up by a
 * MutationObserver (batched into the same queue); open shadow roots and about:blank / srcdoc frames
 * (which get no content script of their own) are followed. Idle when the page is idle: nothing runs
 * until a mutation queues work.
 */
import { HIGHLIGHT_RULE, type MarkInfo, MarkStore } from './marks.js';
import { BlockCache, blockOf, insideSkipped, isRendered, isSkippedElement, skipSubtree, textWalker } from './walk.js';

/** One code found in a piece of text: UTF-16 offsets `[start, end)` plus what it is. */
export interface Found {
  start: number;
  end: number;
  namespace: string;
  code: number;
  hex: string | null;
  name: string | null;
  /** When the code was read as one of a pair (error code + extended code): the pair, in page order. */
  pair?: MarkInfo['pair'];
}

export type Finder = (text: string) => Found[];

export interface AnnotatorOptions {
  find: Finder;
  /** Longest slice of work per task, ms (well under the 50 ms long-task limit). */
  sliceMs?: number;
  /** Called after a pass that emptied the queue (tests and the bench read the marks then). */
  onIdle?: (stats: AnnotatorStats) => void;
}

export interface AnnotatorStats {
  marks: number;
  slices: number;
  /** Sum of the slices' durations, ms. */
  busyMs: number;
  /** Longest single slice, ms. */
  longestSliceMs: number;
  textNodes: number;
}

/** Text longer than this is read in windows of this size (with an overlap), one window per step. */
const WINDOW = 16_384;
const OVERLAP = 256;
/** A group bigger than this is read node by node instead (huge blocks, hostile pages). */
const MAX_GROUP_CHARS = 32_768;
/** Hidden blocks remembered for a re-read when they may become visible (bounded: checked per attribute change). */
const MAX_HIDDEN = 256;
/** Mutation records handled per observer callback before the rest is treated as "rescan the root". */
const MAX_RECORDS = 2000;

interface Piece {
  node: Text;
  /** Offset of this node's text in the group text. */
  at: number;
}

/** A group of text being read, one window per step. */
interface Pending {
  pieces: Piece[];
  text: string;
  from: number;
}

interface Job {
  pending: Pending | null;
  root: Node;
  walker: TreeWalker;
  block: Element | null;
  pieces: Piece[];
  text: string;
}

type IdleWindow = Window & {
  requestIdleCallback?: (cb: (d: IdleDeadline) => void, o?: { timeout: number }) => number;
};

export class Annotator {
  readonly marks = new MarkStore();
  private readonly find: Finder;
  private readonly sliceMs: number;
  private readonly onIdle: ((s: AnnotatorStats) => void) | undefined;
  private readonly queue = new Set<Node>();
  private job: Job | null = null;
  private scheduled = false;
  private stopped = false;
  private readonly observer: MutationObserver;
  private readonly observed = new WeakSet<Node>();
  /** Blocks skipped because they were not rendered; re-read when an attribute change may show them. */
  private readonly hidden = new Set<Element>();
  private readonly stats: AnnotatorStats = { marks: 0, slices: 0, busyMs: 0, longestSliceMs: 0, textNodes: 0 };
  private visibility = new Map<Element, boolean>();
  private cache = new BlockCache();

  constructor(
    private readonly doc: Document,
    opts: AnnotatorOptions,
  ) {
    this.find = opts.find;
    this.sliceMs = opts.sliceMs ?? 8;
    this.onIdle = opts.onIdle;
    this.observer = new MutationObserver((records) => this.onMutations(records));
  }

  start(): void {
    this.stopped = false;
    this.watch(this.doc);
    if (this.doc.body) this.enqueue(this.doc.body);
  }

  stop(): void {
    this.stopped = true;
    this.observer.disconnect();
    this.queue.clear();
    this.job = null;
    this.hidden.clear();
    this.marks.clear();
  }

  get statistics(): AnnotatorStats {
    return { ...this.stats, marks: this.marks.size };
  }

  private watch(root: Node): void {
    if (this.observed.has(root)) return;
    this.observed.add(root);
    this.observer.observe(root, {
      childList: true,
      characterData: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['hidden', 'style', 'class', 'open', 'aria-hidden'],
    });
  }

  private enqueue(node: Node): void {
    if (this.stopped) return;
    this.queue.add(node);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    const win = this.doc.defaultView as IdleWindow | null;
    if (win?.requestIdleCallback) win.requestIdleCallback(() => this.slice(), { timeout: 200 });
    else setTimeout(() => this.slice(), 16);
  }

  private onMutations(records: MutationRecord[]): void {
    if (this.stopped) return;
    let n = 0;
    for (const r of records) {
      if (++n > MAX_RECORDS) {
        this.enqueue(r.target.getRootNode());
        break;
      }
      if (r.type === 'characterData') {
        const b = blockOf(r.target);
        if (b) this.enqueue(b);
      } else if (r.type === 'childList') {
        if (r.addedNodes.length > 0) {
          const b = blockOf(r.target);
          // Added blocks are read on their own; added text or inline content changes its block.
          for (const added of r.addedNodes) {
            if (added.nodeType === Node.ELEMENT_NODE && blockOf(added) === added) this.enqueue(added);
            else if (added.nodeType === Node.TEXT_NODE && !/\S/.test((added as Text).data)) continue;
            else if (b) this.enqueue(b);
          }
        }
        if (r.removedNodes.length > 0) {
          const b = blockOf(r.target);
          if (b && r.target.isConnected) this.enqueue(b);
        }
      } else if (r.type === 'attributes' && this.hidden.size > 0 && r.target.nodeType === Node.ELEMENT_NODE) {
        for (const h of this.hidden) {
          if (!h.isConnected) this.hidden.delete(h);
          else if ((r.target as Element).contains(h)) {
            this.hidden.delete(h);
            this.enqueue(h);
          }
        }
      }
    }
  }

  private slice(): void {
    this.scheduled = false;
    if (this.stopped) return;
    const t0 = performance.now();
    const deadline = t0 + this.sliceMs;
    this.visibility = new Map();
    this.cache = new BlockCache();
    let steps = 0;
    while (performance.now() < deadline) {
      if (!this.job) {
        const next = this.queue.values().next();
        if (next.done) break;
        this.queue.delete(next.value);
        this.job = this.open(next.value);
        if (!this.job) continue;
      }
      // A bounded number of nodes between clock reads.
      for (let i = 0; i < 64 && this.job; i++) {
        if (this.job.pending) {
          this.readWindow(this.job);
          break; // a window is the biggest step: look at the clock after each one
        }
        if (!this.step(this.job)) {
          this.flush(this.job);
          if (!this.job.pending) this.job = null;
        }
        steps++;
      }
    }
    const took = performance.now() - t0;
    this.stats.slices++;
    this.stats.busyMs += took;
    this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, took);
    if (this.job || this.queue.size > 0) {
      this.schedule();
    } else {
      this.marks.prune();
      this.onIdle?.(this.statistics);
    }
    void steps;
  }

  private open(root: Node): Job | null {
    if (!root.isConnected) return null;
    if (root.nodeType !== Node.DOCUMENT_FRAGMENT_NODE && insideSkipped(root)) return null;
    if (root.nodeType === Node.ELEMENT_NODE && !isRendered(root as Element)) {
      if (this.hidden.size < MAX_HIDDEN) this.hidden.add(root as Element);
      return null;
    }
    return { pending: null, root, walker: textWalker(root), block: null, pieces: [], text: '' };
  }

  /** Advances the walker by one node; false when the root is done. */
  private step(job: Job): boolean {
    const node = job.walker.nextNode();
    if (!node) return false;
    if (node.nodeType === Node.ELEMENT_NODE) {
      const el = node as Element;
      if (isSkippedElement(el)) return skipSubtree(job.walker);
      if (el.tagName === 'IFRAME') {
        this.frame(el as HTMLIFrameElement);
        return true;
      }
      const shadow = el.shadowRoot;
      if (shadow) {
        // Firefox applies the document's ::highlight rule to the document tree only: the shadow
        // root gets the rule too (a no-op where the browser already paints it there).
        ensureHighlightRule(shadow);
        this.watch(shadow);
        this.enqueue(shadow);
      }
      return true;
    }
    const text = node as Text;
    this.stats.textNodes++;
    const parent = text.parentElement;
    const block = parent ? this.cache.blockOfElement(parent) : null;
    if (block !== job.block) {
      this.flush(job);
      job.block = block;
    }
    if (block && !this.rendered(block)) {
      this.marks.clearNode(text);
      return true;
    }
    if (job.pieces.length > 0 && job.text.length + text.data.length > MAX_GROUP_CHARS) this.flush(job);
    const last = job.pieces[job.pieces.length - 1];
    const sep = last && this.cellOf(last.node) !== this.cellOf(text) ? '\t' : '';
    job.text += sep;
    job.pieces.push({ node: text, at: job.text.length });
    job.text += text.data;
    return true;
  }

  /**
   * Same-origin about:blank / srcdoc frames get no content script of their own: read them from here.
   * Frames with a real URL run their own instance (all_frames), cross-origin ones are out of reach.
   */
  private frame(iframe: HTMLIFrameElement): void {
    const hook = () => {
      let doc: Document | null = null;
      try {
        doc = iframe.contentDocument;
      } catch {
        doc = null;
      }
      if (!doc || !/^about:(blank|srcdoc)$/.test(doc.URL) || !doc.body) return;
      ensureHighlightRule(doc);
      this.watch(doc);
      this.enqueue(doc.body);
    };
    if (!this.observed.has(iframe)) {
      this.observed.add(iframe);
      iframe.addEventListener('load', hook);
    }
    hook();
  }

  private cellOf(node: Text): Element | null {
    const p = node.parentElement;
    return p ? this.cache.cellOfElement(p) : null;
  }

  private rendered(block: Element): boolean {
    let v = this.visibility.get(block);
    if (v === undefined) {
      v = isRendered(block);
      this.visibility.set(block, v);
      if (!v && this.hidden.size < MAX_HIDDEN) this.hidden.add(block);
    }
    return v;
  }

  /** Replaces the collected group's marks: short text is read at once, long text one window per step. */
  private flush(job: Job): void {
    const { pieces, text } = job;
    job.pieces = [];
    job.text = '';
    if (pieces.length === 0) return;
    for (const p of pieces) this.marks.clearNode(p.node);
    if (!/[0-9A-Za-z_]/.test(text)) return;
    if (text.length <= WINDOW) {
      for (const f of this.safeFind(text)) this.mark(pieces, text, f);
      return;
    }
    job.pending = { pieces, text, from: 0 };
  }

  /** Reads the next window of the pending group and marks what it finds. */
  private readWindow(job: Job): void {
    const p = job.pending!;
    const { text, from } = p;
    const part = text.length <= WINDOW ? text : text.slice(from, from + WINDOW);
    for (const f of this.safeFind(part)) {
      // A match starting inside the overlap was already read by the previous window.
      if (from > 0 && f.start < OVERLAP) continue;
      this.mark(p.pieces, text, { ...f, start: f.start + from, end: f.end + from });
    }
    const next = from + WINDOW - OVERLAP;
    if (text.length <= WINDOW || next >= text.length - OVERLAP) job.pending = null;
    else p.from = next;
  }

  private safeFind(text: string): Found[] {
    try {
      return this.find(text);
    } catch {
      return [];
    }
  }

  private mark(pieces: Piece[], text: string, f: Found): void {
    const a = locate(pieces, f.start, false);
    const b = locate(pieces, f.end, true);
    if (!a || !b) return;
    const info: MarkInfo = {
      namespace: f.namespace,
      code: f.code,
      hex: f.hex,
      name: f.name,
      ...(f.pair ? { pair: f.pair } : {}),
      raw: text.slice(f.start, f.end),
      context: text.slice(Math.max(0, f.start - 160), Math.min(text.length, f.end + 160)).replace(/\t/g, ' '),
    };
    this.marks.add(a.node, a.offset, b.node, b.offset, info);
  }
}

/** One constructed sheet with the highlight rule per document, shared by the roots that adopt it. */
const ruleSheets = new WeakMap<Document, CSSStyleSheet | null>();
const withRule = new WeakSet<Document | ShadowRoot>();

/**
 * The manifest's content-script CSS is not applied to about:blank / srcdoc frames, nor (in Firefox) inside
 * shadow trees, so the one rule is adopted by such a frame's document or such a shadow root, once, as a
 * constructed sheet.
 */
export function ensureHighlightRule(root: Document | ShadowRoot): void {
  if (withRule.has(root)) return;
  withRule.add(root);
  const doc = root.nodeType === Node.DOCUMENT_NODE ? (root as Document) : (root as ShadowRoot).ownerDocument;
  let sheet = ruleSheets.get(doc);
  if (sheet === undefined) {
    sheet = null;
    const view = doc.defaultView as (Window & typeof globalThis) | null;
    try {
      if (view) {
        sheet = new view.CSSStyleSheet();
        sheet.replaceSync(HIGHLIGHT_RULE);
      }
    } catch {
      sheet = null; /* no constructable stylesheets: the root stays unpainted */
    }
    ruleSheets.set(doc, sheet);
  }
  if (!sheet) return;
  try {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    /* a root that refuses adopted sheets stays unpainted */
  }
}

/** The text node and offset of a group offset (`end` picks the node a span ends in). */
function locate(pieces: Piece[], pos: number, end: boolean): { node: Text; offset: number } | null {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const p = pieces[mid]!;
    if (end ? p.at < pos : p.at <= pos) lo = mid;
    else hi = mid - 1;
  }
  const p = pieces[lo];
  if (!p) return null;
  const offset = pos - p.at;
  if (offset < 0 || offset > p.node.data.length) return null;
  return { node: p.node, offset };
}

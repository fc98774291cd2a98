/**
 * The annotator: reads a document's visible text in bounded, time-sliced chunks and marks the codes in
 * it through {@link MarkStore}. The page's thread only walks the DOM and groups its text; the codes are
 * found by a {@link Finder} (in the extension, the background, where the detector runs), asked in
 * batches, and their marks are placed in later slices after checking that the text is unchanged. Content
 * that appears later is picked up by a MutationObserver (batched into the same queue); open shadow roots
 * and about:blank / srcdoc frames (which get no content script of their own) are followed. Idle when the
 * page is idle: nothing runs until a mutation queues work.
 */

import { type FoundCode, MAX_FIND_CHARS, MAX_FIND_TEXTS } from '../lib/find-messages.js';
import { HIGHLIGHT_RULE, type MarkInfo, MarkStore } from './marks.js';
import {
  BlockCache,
  blockOf,
  insideSkipped,
  isRendered,
  openShadowRoot,
  skippedTag,
  skipSubtree,
  textWalker,
} from './walk.js';

/** One code found in a piece of text, as the background answers it (`extension/lib/find-messages.ts`). */
export type Found = FoundCode;

/** The codes of each text, in order (synchronously or later). */
export type Finder = (texts: string[]) => Found[][] | Promise<Found[][]>;

export interface AnnotatorOptions {
  find: Finder;
  /** Shortest slice of work per task, ms; an idle period longer than this is used up to {@link MAX_SLICE_MS}. */
  sliceMs?: number;
  /** Called after a pass that emptied the queue with no question pending (tests and the bench read the marks then). */
  onIdle?: (stats: AnnotatorStats) => void;
  /** Called at most once a second while work goes on without an idle moment (a page that never stops changing). */
  onProgress?: (stats: AnnotatorStats) => void;
}

export interface AnnotatorStats {
  marks: number;
  slices: number;
  /** Sum of the slices' durations, ms. */
  busyMs: number;
  /** Longest single slice, ms. */
  longestSliceMs: number;
  textNodes: number;
  /** Batches of text sent to the finder, and their characters. */
  requests: number;
  chars: number;
  /** Time spent handing the questions over (the synchronous part of sending them), ms. */
  sendMs: number;
}

/** Text longer than this is asked about in windows of this size (with an overlap). */
const WINDOW = 16_384;
const OVERLAP = 256;
/** A group bigger than this is read node by node instead (huge blocks, hostile pages). */
const MAX_GROUP_CHARS = 32_768;
/** Hidden blocks remembered for a re-read when they may become visible (bounded: checked per attribute change). */
const MAX_HIDDEN = 256;
/** Mutation records handled per observer callback before the rest is treated as "rescan the root". */
const MAX_RECORDS = 2000;
/** Longest slice when the browser reports a longer idle period (well under the 50 ms long-task limit). */
const MAX_SLICE_MS = 24;
/** While work goes on, new marks are shown at most this often (each batch repaints the page's highlights once). */
const COMMIT_EVERY_MS = 250;
/** Characters read between two looks at the clock at most (besides the node that crosses it). */
const CHARS_PER_CHECK = 32_768;
/** Text with none of these characters holds no code (nor any message the detector knows). */
const WORD = /[0-9A-Za-z_]/;

interface Piece {
  node: Text;
  /** Offset of this node's text in the group text. */
  at: number;
  /** The node's text when it was read (a mark is placed only while it is unchanged). */
  data: string;
}

/** Text read together (one block), waiting for the codes of its windows. */
interface Group {
  pieces: Piece[];
  text: string;
  waiting: number;
  found: Found[];
}

/** One window of a group's text, as sent to the finder. */
interface Ask {
  group: Group;
  from: number;
  text: string;
}

interface Reply {
  asks: Ask[];
  lists: Found[][] | null;
  /** Next ask to place (a reply is placed over several slices when it holds many codes). */
  next: number;
}

interface Job {
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
  private readonly onProgress: ((s: AnnotatorStats) => void) | undefined;
  private lastReport = 0;
  /** Characters read since the clock was last read. */
  private readChars = 0;
  private lastCommit = 0;
  private readonly queue = new Set<Node>();
  private job: Job | null = null;
  private scheduled = false;
  private stopped = false;
  /** Incremented by stop(): answers to questions asked before are dropped. */
  private epoch = 0;
  private outbox: Ask[] = [];
  private outboxChars = 0;
  private pending = 0;
  private readonly replies: Reply[] = [];
  private readonly observer: MutationObserver;
  private readonly observed = new WeakSet<Node>();
  /** Blocks skipped because they were not rendered; re-read when an attribute change may show them. */
  private readonly hidden = new Set<Element>();
  private readonly stats: AnnotatorStats = {
    marks: 0,
    slices: 0,
    busyMs: 0,
    longestSliceMs: 0,
    textNodes: 0,
    requests: 0,
    chars: 0,
    sendMs: 0,
  };
  private visibility = new Map<Element, boolean>();
  private cache = new BlockCache();

  constructor(
    private readonly doc: Document,
    opts: AnnotatorOptions,
  ) {
    this.find = opts.find;
    this.sliceMs = opts.sliceMs ?? 8;
    this.onIdle = opts.onIdle;
    this.onProgress = opts.onProgress;
    this.observer = new MutationObserver((records) => this.onMutations(records));
  }

  start(): void {
    this.stopped = false;
    this.lastCommit = performance.now();
    this.watch(this.doc);
    if (this.doc.body) this.enqueue(this.doc.body);
  }

  stop(): void {
    this.stopped = true;
    this.observer.disconnect();
    this.queue.clear();
    this.job = null;
    this.epoch++;
    this.outbox = [];
    this.outboxChars = 0;
    this.pending = 0;
    this.replies.length = 0;
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
    if (win?.requestIdleCallback) win.requestIdleCallback((d) => this.slice(d.timeRemaining()), { timeout: 200 });
    else setTimeout(() => this.slice(0), 16);
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

  /** One slice of work: place answered marks, then walk, within the budget; then send what was read. */
  private slice(idleMs: number): void {
    this.scheduled = false;
    if (this.stopped) return;
    const t0 = performance.now();
    const deadline = t0 + Math.min(MAX_SLICE_MS, Math.max(this.sliceMs, idleMs - 1));
    this.visibility = new Map();
    this.cache = new BlockCache();
    while (performance.now() < deadline) {
      const reply = this.replies[0];
      if (reply) {
        if (this.place(reply, deadline)) this.replies.shift();
        continue;
      }
      if (!this.job) {
        const next = this.queue.values().next();
        if (next.done) break;
        this.queue.delete(next.value);
        this.job = this.open(next.value);
        if (!this.job) continue;
      }
      // A bounded number of nodes, and of characters, between clock reads (a node may hold megabytes).
      this.readChars = 0;
      for (let i = 0; i < 64 && this.job && this.readChars < CHARS_PER_CHECK; i++) {
        if (!this.step(this.job)) {
          this.flush(this.job);
          this.job = null;
        }
      }
    }
    this.send();
    const took = performance.now() - t0;
    this.stats.slices++;
    this.stats.busyMs += took;
    this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, took);
    if (this.job || this.queue.size > 0 || this.replies.length > 0) {
      this.schedule();
    } else if (this.pending === 0) {
      this.marks.commit();
      this.lastCommit = t0;
      this.marks.prune();
      this.lastReport = t0;
      this.onIdle?.(this.statistics);
      return;
    }
    if (t0 - this.lastCommit >= COMMIT_EVERY_MS && this.marks.uncommitted > 0) {
      this.lastCommit = t0;
      this.marks.commit();
    }
    if (t0 - this.lastReport >= 1000) {
      this.lastReport = t0;
      this.onProgress?.(this.statistics);
    }
    // Otherwise an answer is on its way: its arrival schedules the next slice.
  }

  private open(root: Node): Job | null {
    if (!root.isConnected) return null;
    if (root.nodeType !== Node.DOCUMENT_FRAGMENT_NODE && insideSkipped(root)) return null;
    if (root.nodeType === Node.ELEMENT_NODE && !isRendered(root as Element)) {
      if (this.hidden.size < MAX_HIDDEN) this.hidden.add(root as Element);
      return null;
    }
    return { root, walker: textWalker(root), block: null, pieces: [], text: '' };
  }

  /** Advances the walker by one node; false when the root is done. */
  private step(job: Job): boolean {
    const node = job.walker.nextNode();
    if (!node) return false;
    if (node.nodeType === 1) {
      const el = node as Element;
      const tag = el.tagName;
      if (skippedTag(el, tag)) return skipSubtree(job.walker);
      if (tag === 'IFRAME') {
        this.frame(el as HTMLIFrameElement);
        return true;
      }
      const shadow = openShadowRoot(el, tag);
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
    job.pieces.push({ node: text, at: job.text.length, data: text.data });
    this.readChars += text.data.length;
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

  /** Queues the collected group's text (in windows when long) for the finder. */
  private flush(job: Job): void {
    const { pieces, text } = job;
    job.pieces = [];
    job.text = '';
    if (pieces.length === 0) return;
    if (!WORD.test(text)) {
      for (const p of pieces) this.marks.clearNode(p.node);
      return;
    }
    const group: Group = { pieces, text, waiting: 0, found: [] };
    for (let from = 0; ; from += WINDOW - OVERLAP) {
      this.ask(group, from, text.length <= WINDOW ? text : text.slice(from, from + WINDOW));
      if (from + WINDOW >= text.length) break;
    }
  }

  private ask(group: Group, from: number, text: string): void {
    if (this.outboxChars + text.length > MAX_FIND_CHARS || this.outbox.length >= MAX_FIND_TEXTS) this.send();
    group.waiting++;
    this.outbox.push({ group, from, text });
    this.outboxChars += text.length;
  }

  /** Sends the queued windows as one question; the answer is placed by a later slice. */
  private send(): void {
    const asks = this.outbox;
    if (asks.length === 0) return;
    this.outbox = [];
    this.stats.requests++;
    this.stats.chars += this.outboxChars;
    this.outboxChars = 0;
    this.pending++;
    const epoch = this.epoch;
    const done = (lists: Found[][] | null) => {
      if (epoch !== this.epoch) return;
      this.pending--;
      this.replies.push({ asks, lists, next: 0 });
      this.schedule();
    };
    const t0 = performance.now();
    try {
      Promise.resolve(this.find(asks.map((a) => a.text))).then(done, () => done(null));
    } catch {
      done(null);
    }
    this.stats.sendMs += performance.now() - t0;
  }

  /** Places the marks of answered groups whose text is still what was read; true when the reply is done. */
  private place(reply: Reply, deadline: number): boolean {
    while (reply.next < reply.asks.length) {
      const i = reply.next++;
      const a = reply.asks[i]!;
      const g = a.group;
      for (const f of reply.lists?.[i] ?? []) {
        // A code starting inside the overlap was already read by the previous window.
        if (a.from > 0 && f.start < OVERLAP) continue;
        g.found.push(a.from === 0 ? f : { ...f, start: f.start + a.from, end: f.end + a.from });
      }
      if (--g.waiting > 0) continue;
      // Changed text was queued again by the MutationObserver: its new reading replaces these marks.
      if (g.pieces.some((p) => p.node.data !== p.data || !p.node.isConnected)) continue;
      for (const p of g.pieces) this.marks.clearNode(p.node);
      for (const f of g.found) this.mark(g.pieces, g.text, f);
      if (g.found.length > 0 && performance.now() >= deadline) break;
    }
    return reply.next >= reply.asks.length;
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
      label: f.label,
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

/**
 * The marks: live Ranges over codes in the page's own text nodes, painted by ONE CSS Custom Highlight
 * per document. The page's DOM is never written: no node is split, wrapped or re-parented. When a
 * framework rewrites a text node its ranges collapse (nothing is corrupted) and the scanner re-reads it.
 */
import type { CodeRef } from '../lib/messages.js';

/** Name of the highlight; the `::highlight(rdp-doctor)` rule ships in the manifest's content-script CSS. */
export const HIGHLIGHT_NAME = 'rdp-doctor';

/** The rule, as in `highlight.css` (used for frames the manifest CSS does not reach). */
export const HIGHLIGHT_RULE =
  '::highlight(rdp-doctor){background-color:rgba(255,196,0,.35);text-decoration:underline dotted #b35900 2px}';

/** What the content script knows about one marked code (no text from the page beyond the code itself). */
export interface MarkInfo {
  namespace: string;
  code: number;
  hex: string | null;
  name: string | null;
  /** The code as people read it (event ids in decimal, names as written): the mark's accessible label. */
  label: string;
  /** The code as written on the page (used as the full view's text together with its label). */
  raw: string;
  /** The surrounding text read with it, truncated, for "open in full view". */
  context: string;
  /** When it was read as one of a pair (error code + extended code): the pair, in page order. */
  pair?: [CodeRef, CodeRef];
}

export interface Mark {
  range: Range;
  info: MarkInfo;
}

export class MarkStore {
  private readonly byNode = new Map<Text, Mark[]>();
  private readonly highlights = new Map<Document, Highlight>();
  /**
   * Ranges placed but not yet in their highlight: every change to a registered highlight repaints the
   * page's highlights, so new marks join in one batch ({@link commit}), not one by one.
   */
  private readonly fresh = new Map<Highlight, Set<Range>>();
  /** Open shadow roots that have held marks, per document (for the caret hit test). */
  private readonly roots = new Map<Document, Set<ShadowRoot>>();

  /** Number of live marks. */
  get size(): number {
    let n = 0;
    for (const h of this.highlights.values()) n += h.size;
    return n;
  }

  private highlightFor(doc: Document): Highlight | null {
    let h = this.highlights.get(doc);
    if (h) return h;
    const view = doc.defaultView as (Window & typeof globalThis) | null;
    if (!view || typeof view.Highlight !== 'function' || !view.CSS?.highlights) return null;
    h = new view.Highlight();
    view.CSS.highlights.set(HIGHLIGHT_NAME, h);
    this.highlights.set(doc, h);
    return h;
  }

  /** Removes every mark that starts or ends in `node`. */
  clearNode(node: Text): void {
    const marks = this.byNode.get(node);
    if (!marks) return;
    this.byNode.delete(node);
    const h = this.highlights.get(node.ownerDocument);
    const fresh = h ? this.fresh.get(h) : undefined;
    for (const m of marks) {
      if (!fresh?.delete(m.range)) h?.delete(m.range);
      const other = m.range.endContainer;
      if (other !== node && other.nodeType === Node.TEXT_NODE) {
        const rest = this.byNode.get(other as Text)?.filter((x) => x !== m);
        if (rest && rest.length > 0) this.byNode.set(other as Text, rest);
        else this.byNode.delete(other as Text);
      }
      const start = m.range.startContainer;
      if (start !== node && start.nodeType === Node.TEXT_NODE) {
        const rest = this.byNode.get(start as Text)?.filter((x) => x !== m);
        if (rest && rest.length > 0) this.byNode.set(start as Text, rest);
        else this.byNode.delete(start as Text);
      }
    }
  }

  add(start: Text, startOffset: number, end: Text, endOffset: number, info: MarkInfo): boolean {
    const h = this.highlightFor(start.ownerDocument);
    if (!h) return false;
    const range = start.ownerDocument.createRange();
    try {
      range.setStart(start, startOffset);
      range.setEnd(end, endOffset);
    } catch {
      return false;
    }
    const mark: Mark = { range, info };
    let fresh = this.fresh.get(h);
    if (!fresh) {
      fresh = new Set();
      this.fresh.set(h, fresh);
    }
    fresh.add(range);
    const root = start.getRootNode();
    if (root.nodeType === Node.DOCUMENT_FRAGMENT_NODE && 'host' in root) {
      const set = this.roots.get(start.ownerDocument) ?? new Set<ShadowRoot>();
      set.add(root as ShadowRoot);
      this.roots.set(start.ownerDocument, set);
    }
    this.push(start, mark);
    if (end !== start) this.push(end, mark);
    return true;
  }

  private push(node: Text, mark: Mark): void {
    const list = this.byNode.get(node);
    if (list) list.push(mark);
    else this.byNode.set(node, [mark]);
  }

  /** Ranges placed since the last {@link commit}. */
  get uncommitted(): number {
    let n = 0;
    for (const f of this.fresh.values()) n += f.size;
    return n;
  }

  /** Adds the ranges placed since the last call to their highlights (one repaint for the batch). */
  commit(): void {
    for (const [h, ranges] of this.fresh) for (const r of ranges) h.add(r);
    this.fresh.clear();
  }

  /** Marks whose range contains `offset` of `node` (from a caret hit test). */
  at(node: Node, offset: number): Mark | null {
    const marks = node.nodeType === Node.TEXT_NODE ? this.byNode.get(node as Text) : undefined;
    if (!marks) return null;
    for (const m of marks) {
      if (m.range.collapsed) continue;
      try {
        if (m.range.comparePoint(node, offset) === 0) return m;
      } catch {
        /* node moved to another document */
      }
    }
    return null;
  }

  /** Open shadow roots of `doc` that hold marks and are still in the document. */
  shadowRoots(doc: Document): ShadowRoot[] {
    const set = this.roots.get(doc);
    if (!set) return [];
    for (const r of set) if (!r.host.isConnected) set.delete(r);
    return [...set];
  }

  /** Every live (non-collapsed) mark, in no particular order. */
  *all(): Generator<Mark> {
    const seen = new Set<Mark>();
    for (const marks of this.byNode.values()) {
      for (const m of marks) {
        if (seen.has(m) || m.range.collapsed) continue;
        seen.add(m);
        yield m;
      }
    }
  }

  /** Drops marks whose text left the document or whose range collapsed; returns how many nodes were dropped. */
  prune(limit = 5000): number {
    let dropped = 0;
    let seen = 0;
    for (const [node, marks] of this.byNode) {
      if (++seen > limit) break;
      if (!node.isConnected || marks.every((m) => m.range.collapsed)) {
        this.clearNode(node);
        dropped++;
      }
    }
    return dropped;
  }

  /** Removes everything (annotation turned off). */
  clear(): void {
    for (const [doc, h] of this.highlights) {
      h.clear();
      const view = doc.defaultView as (Window & typeof globalThis) | null;
      if (view?.CSS?.highlights.get(HIGHLIGHT_NAME) === h) view.CSS.highlights.delete(HIGHLIGHT_NAME);
    }
    this.highlights.clear();
    this.fresh.clear();
    this.roots.clear();
    this.byNode.clear();
  }
}

/**
 * Which text a page shows, grouped the way a reader sees it: text nodes of one block (a paragraph,
 * a notification, a grid row) are read together, so a label in one `<span>` and its code in the next
 * are one piece of text for the detector. DOM only; no extension APIs.
 */

/** Elements whose subtree is never scanned: not visible text, form fields, or editable content. */
const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'HEAD',
  'TITLE',
  'OBJECT',
  'CANVAS',
  'VIDEO',
  'AUDIO',
]);

/** Inline elements: their text belongs to the surrounding block. */
const INLINE_TAGS = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'CITE',
  'CODE',
  'DATA',
  'DFN',
  'EM',
  'FONT',
  'I',
  'KBD',
  'LABEL',
  'MARK',
  'Q',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'TT',
  'U',
  'VAR',
  'WBR',
]);

/** Cells are read with their whole row, so a column's label-like context stays near the value. */
const CELL_SELECTOR = 'td,th,[role="gridcell"],[role="cell"],[role="rowheader"],[role="columnheader"]';
const ROW_SELECTOR = 'tr,[role="row"]';

const CELL_ROLES = new Set(['gridcell', 'cell', 'rowheader', 'columnheader']);

/** Same as `el.matches(CELL_SELECTOR)`, without the selector engine (asked for every text node). */
function isCell(el: Element): boolean {
  const t = el.tagName;
  if (t === 'TD' || t === 'TH') return true;
  const role = el.getAttribute('role');
  return role !== null && CELL_ROLES.has(role);
}

/** Same as `el.closest(ROW_SELECTOR)`. */
function rowOf(el: Element): Element | null {
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (e.tagName === 'TR' || e.getAttribute('role') === 'row') return e;
  }
  return null;
}

/** Attribute put on the extension's own host elements so the scanner never reads its own UI. */
export const OWN_HOST_ATTR = 'data-rdp-doctor-ui';

export function isSkippedElement(el: Element): boolean {
  return SKIP_TAGS.has(el.tagName) || (el.hasAttributes() && skippedByAttributes(el));
}

/** Elements that may hold a shadow root (`attachShadow` refuses every other element but custom ones). */
const SHADOW_HOSTS = new Set([
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'DIV',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'MAIN',
  'NAV',
  'P',
  'SECTION',
  'SPAN',
]);

/** The element's open shadow root, asked only of elements that can have one (the walk asks every element). */
export function openShadowRoot(el: Element, tag: string): ShadowRoot | null {
  return SHADOW_HOSTS.has(tag) || tag.includes('-') ? el.shadowRoot : null;
}

/** The walk's test for an element (its tag already read): skipped subtree? */
export function skippedTag(el: Element, tag: string): boolean {
  return SKIP_TAGS.has(tag) || (el.hasAttributes() && skippedByAttributes(el));
}

function skippedByAttributes(el: Element): boolean {
  if (el.hasAttribute(OWN_HOST_ATTR)) return true;
  const ce = el.getAttribute('contenteditable');
  if (ce !== null && ce !== 'false') return true;
  if (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden')) return true;
  return false;
}

/** True when the element or an ancestor (within its tree) is skipped. */
export function insideSkipped(node: Node): boolean {
  for (let el = node.parentElement; el; el = el.parentElement) if (isSkippedElement(el)) return true;
  return false;
}

/** The element whose text is read as one piece for a node: nearest non-inline ancestor, widened to a grid row. */
export function blockOf(node: Node): Element | null {
  let el: Element | null = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (el && INLINE_TAGS.has(el.tagName) && el.parentElement) el = el.parentElement;
  if (!el) return null;
  if (el.matches(CELL_SELECTOR)) return el.closest(ROW_SELECTOR) ?? el;
  return el;
}

/**
 * A walker over the elements and text nodes under `root`. It has no JS filter (a filter callback per
 * node is the main cost of a walk); the caller skips excluded subtrees with {@link skipSubtree}.
 */
export function textWalker(root: Node): TreeWalker {
  const doc = root.ownerDocument ?? (root as Document);
  return doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
}

/** Moves the walker (standing on an element) past that element's subtree; false when the walk is over. */
export function skipSubtree(walker: TreeWalker): boolean {
  for (;;) {
    if (walker.nextSibling()) {
      // nextNode() would step into this sibling's children: step back so the next nextNode() lands on it.
      const landed = walker.currentNode;
      if (walker.previousNode() === null) walker.currentNode = landed;
      return true;
    }
    if (walker.parentNode() === null) return false;
  }
}

/**
 * Per-pass caches of the questions asked for every text node: the block its text belongs to and the grid
 * cell it sits in. The DOM may change between passes, so a cache lives for one slice only.
 */
export class BlockCache {
  private readonly blocks = new Map<Element, Element>();
  private readonly cells = new Map<Element, Element | null>();

  blockOfElement(el: Element): Element {
    let b = this.blocks.get(el);
    if (b) return b;
    if (INLINE_TAGS.has(el.tagName) && el.parentElement) b = this.blockOfElement(el.parentElement);
    else if (isCell(el)) b = rowOf(el) ?? el;
    else b = el;
    this.blocks.set(el, b);
    return b;
  }

  cellOfElement(el: Element): Element | null {
    let c = this.cells.get(el);
    if (c !== undefined) return c;
    if (isCell(el)) c = el;
    else if (INLINE_TAGS.has(el.tagName) && el.parentElement) c = this.cellOfElement(el.parentElement);
    else c = null;
    this.cells.set(el, c);
    return c;
  }
}

/** Whether an element is rendered (not display:none, not visibility:hidden, not in a closed <details>). */
export function isRendered(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check === 'function') return check.call(el, { checkVisibilityCSS: true });
  return (el as HTMLElement).offsetParent !== null || el.getClientRects().length > 0;
}

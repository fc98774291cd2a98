/**
 * Helpers for the annotation / context-menu e2e tests: read what the page shows of RDP Doctor's own UI
 * (it lives in CLOSED shadow roots, which page scripts and Playwright locators cannot enter; the
 * DevTools protocol's pierce mode can), and read the marks from the page's main world.
 */
import type { BrowserContext, CDPSession, Frame, Page, Worker } from 'playwright-core';

interface CdpNode {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

export interface OwnUi {
  /** `card` or `keys`. */
  kind: string;
  /** Visible text of the host's shadow tree, style sheets excluded. */
  text: string;
  buttons: { text: string; label: string; nodeId: number }[];
}

function attr(n: CdpNode, name: string): string | null {
  const a = n.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1] ?? '';
  return null;
}

function textOf(n: CdpNode): string {
  if (n.nodeType === 3) return n.nodeValue ?? '';
  if (n.nodeName === 'STYLE') return '';
  const inner = [...(n.shadowRoots ?? []), ...(n.children ?? [])].map(textOf).join('');
  return /^(DIV|P|LI|H2|H3|OL|BUTTON)$/.test(n.nodeName) ? `${inner}\n` : inner;
}

function collect(n: CdpNode, out: OwnUi[]): void {
  const kind = attr(n, 'data-rdp-doctor-ui');
  if (kind !== null) {
    const buttons: OwnUi['buttons'] = [];
    const findButtons = (m: CdpNode) => {
      if (m.nodeName === 'BUTTON') {
        buttons.push({ text: textOf(m).trim(), label: attr(m, 'aria-label') ?? '', nodeId: m.nodeId });
      }
      for (const c of [...(m.shadowRoots ?? []), ...(m.children ?? [])]) findButtons(c);
    };
    findButtons(n);
    out.push({ kind, text: textOf(n).replace(/\n+/g, '\n').trim(), buttons });
  }
  for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) collect(c, out);
  if (n.contentDocument) collect(n.contentDocument, out);
}

export async function cdp(page: Page): Promise<CDPSession> {
  return page.context().newCDPSession(page);
}

/** RDP Doctor's UI hosts in the page (closed shadow roots included). */
export async function ownUi(session: CDPSession): Promise<OwnUi[]> {
  const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  const out: OwnUi[] = [];
  collect(root, out);
  return out;
}

/** The centre of a node of the UI, in viewport coordinates. */
export async function cardPoint(session: CDPSession, nodeId: number): Promise<{ x: number; y: number }> {
  const { model } = (await session.send('DOM.getBoxModel', { nodeId })) as { model: { content: number[] } };
  const q = model.content;
  return { x: ((q[0] ?? 0) + (q[4] ?? 0)) / 2, y: ((q[1] ?? 0) + (q[5] ?? 0)) / 2 };
}

/** Clicks a node of the UI with a real (trusted) mouse click at its centre. */
export async function clickNode(page: Page, session: CDPSession, nodeId: number): Promise<void> {
  const { x, y } = await cardPoint(session, nodeId);
  await page.mouse.click(x, y);
}

export interface MarkView {
  text: string;
  /** `data-expect` of the closest marked ancestor element, or null. */
  expect: string | null;
  noise: boolean;
}

/** In the page's main world: the marks of its document (the highlight registry is per document). */
export function marksInPage(): { size: number; marks: MarkView[] } | null {
  const reg = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
  const h = reg?.get('rdp-doctor');
  if (!h) return null;
  const marks = [...h]
    .filter((r) => !r.collapsed)
    .map((r) => {
      // Closest matching ancestor, crossing shadow-root boundaries.
      const up = (sel: string): Element | null => {
        for (let el: Element | null = r.startContainer.parentElement; el; ) {
          const hit = el.closest(sel);
          if (hit) return hit;
          el = (el.getRootNode() as ShadowRoot).host ?? null;
        }
        return null;
      };
      return {
        text: r.toString(),
        expect: up('[data-expect]')?.getAttribute('data-expect') ?? null,
        noise: up('[data-noise]') !== null,
      };
    });
  return { size: marks.length, marks };
}

/** The marks of a frame's document, read from the page's main world. */
export function readMarks(frame: Frame | Page): Promise<{ size: number; marks: MarkView[] } | null> {
  return frame.evaluate(marksInPage);
}

/** In the page: `data-expect` values of the rendered elements (every one must be marked). */
export function expectedInPage(): string[] {
  return [...document.querySelectorAll('[data-expect]')]
    .filter((e) => (e as Element & { checkVisibility(): boolean }).checkVisibility())
    .map((e) => e.getAttribute('data-expect') ?? '');
}

export function expectedCodes(frame: Frame | Page): Promise<string[]> {
  return frame.evaluate(expectedInPage);
}

/** In the page: is a mark inside the open shadow root of element `id`? */
export function shadowMarkedInPage(id: string): boolean {
  const host = document.getElementById(id);
  const h = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights?.get('rdp-doctor');
  if (!host?.shadowRoot || !h) return false;
  return [...h].some((r) => !r.collapsed && host.shadowRoot!.contains(r.startContainer));
}

/** Marks from a shadow root are not under a `data-expect` element of the document: read them by host. */
export function shadowMarked(frame: Frame | Page, hostId: string): Promise<boolean> {
  return frame.evaluate(shadowMarkedInPage, hostId);
}

/** Reads the clipboard back the way a person would: paste with the keyboard into a scratch box on the page. */
export async function pasteBack(page: Page): Promise<string> {
  await page.evaluate(() => {
    document.getElementById('scratch')?.remove();
    const ta = document.createElement('textarea');
    ta.id = 'scratch';
    document.body.append(ta);
  });
  await page.locator('#scratch').focus();
  await page.keyboard.press('Control+V');
  return page.locator('#scratch').inputValue();
}

/** Selects the text of an element as a person would, and returns the selection text. */
export function selectText(page: Page, id: string): Promise<string> {
  return page.evaluate((elId) => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById(elId)!);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    return sel.toString();
  }, id);
}

/** A web page opened in the front tab, with the tab's id as the extension sees it. */
export async function openFrontTab(
  context: BrowserContext,
  worker: Worker,
  url: string,
): Promise<{ page: Page; tabId: number }> {
  const page = await context.newPage();
  await page.goto(url);
  await page.bringToFront();
  const tabId = await worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab!.id!;
  });
  return { page, tabId };
}

/** "Explain this error" on a selection, as the context-menu click runs it (the handler called on the worker). */
export function explainSelection(
  worker: Worker,
  tabId: number,
  text: string,
): Promise<{ shown: boolean; text: string }> {
  return worker.evaluate(
    ([id, t]) =>
      (
        globalThis as unknown as {
          rdpDoctorContextMenu: {
            explainSelection(tab: number, text: string): Promise<{ shown: boolean; text: string }>;
          };
        }
      ).rdpDoctorContextMenu.explainSelection(id as number, t as string),
    [tabId, text] as const,
  );
}

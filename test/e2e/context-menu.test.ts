/**
 * "Explain this error" on selected text, end to end in real Chromium with the production build.
 *
 * Automation cannot open or click the browser's native context menu, so the tests call the same
 * handler the menu item calls — `explainSelection(tabId, selectionText, frameId)` — exposed on the
 * service worker for tests, with the tab id and the page's real selection.
 *
 * On a page where RDP Doctor's content script runs (RD Web), the card is shown by that content script.
 * On any other site the menu click grants `activeTab` and the card is injected with
 * `scripting.executeScript({func: showRdpCard, args})`; automation cannot produce that grant (the
 * action/menu click is browser UI), so for the forum page the test injects the very function the
 * worker would serialise (read from the built worker) with the model the worker builds.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { diagnoseText } from '../../shared/diagnose/index.js';
import { explainText } from '../../shared/explain/events.js';
import { artifactPath, chromiumAvailable, EXTENSION_ID } from './browser.js';
import { usePagesBrowser } from './pages-suite.js';
import { cdp, clickNode, explainSelection, openFrontTab, ownUi, selectText } from './pages-ui.js';
import { CARD } from './scenarios.js';

describe.runIf(chromiumAvailable())('Explain this error (context menu)', () => {
  let tabId: number;
  let page: Page;
  const s = usePagesBrowser(async ({ b, srv }) => {
    ({ page, tabId } = await openFrontTab(
      b.context,
      b.worker,
      `${srv.origin('client.wvd.microsoft.com')}/RDWeb/thread.html`,
    ));
  });

  const explain = (text: string) => explainSelection(s.b.worker, tabId, text);

  it('shows the card next to a selected code with the right explanation and ranked fixes', async () => {
    const text = await selectText(page, 'code');
    expect(text).toBe('Error code: 0x904 Extended error code: 0x7');
    const shown = await explain(text);
    expect(shown.shown).toBe(true);
    const ev = explainText(text, { assumeRdp: true }).events[0]!;
    // The card ranks fixes with the same diagnosis as the popup and the CLI (text alone, no checks).
    const firstFix = diagnoseText(text).fixes[0]!.title;
    const session = await cdp(page);
    const card = (await ownUi(session)).find((u) => u.kind === 'card')!;
    expect(card.text).toContain('Error code 0x904 + Extended error code 0x7');
    expect(card.text).toContain(ev.summary);
    expect(card.text).toContain(CARD.actor);
    expect(card.text).toContain(firstFix);
    expect(shown.text).toContain(ev.summary);
    await page.screenshot({ path: artifactPath('context-menu-card.png') });
    // "Check the server…" opens the full view with the text prefilled.
    const check = card.buttons.find((x) => x.text === 'Check the server…')!;
    expect(check).toBeDefined();
    const opened = s.b.context.waitForEvent('page', { timeout: 15_000 });
    await clickNode(page, session, check.nodeId);
    const full = await opened;
    await full.waitForLoadState('domcontentloaded');
    const url = new URL(full.url());
    expect(`${url.protocol}//${url.host}`).toBe(`chrome-extension://${EXTENSION_ID}`);
    expect(url.pathname).toBe('/extension/popup/index.html');
    expect(url.searchParams.get('view')).toBe('full');
    expect(url.searchParams.get('text')).toBe(text);
    await full.close();
    expect((await ownUi(session)).some((u) => u.kind === 'card')).toBe(false);
  });

  it('says so when the selection holds no code, and still offers the full view', async () => {
    const text = await selectText(page, 'plain');
    const shown = await explain(text);
    expect(shown.shown).toBe(true);
    const card = (await ownUi(await cdp(page))).find((u) => u.kind === 'card')!;
    expect(card.text).toContain('No Remote Desktop error code found in this text.');
    expect(card.buttons.map((x) => x.text)).toContain('Open in RDP Doctor…');
    expect(card.text).not.toContain('Most likely fixes');
  });

  it('shows markup-looking selected text as text: nothing runs', async () => {
    const text = await selectText(page, 'html-like');
    expect(text).toContain('<img');
    const shown = await explain(text);
    expect(shown.text).toContain('Error code 0x204');
    const state = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      images: document.images.length,
    }));
    expect(state).toEqual({ pwned: null, images: 0 });
  });

  it('on any other site: the card function the worker injects works on its own, from its serialised source', async () => {
    const forum = await s.b.context.newPage();
    await forum.goto(`${s.srv.origin('forum.example.test')}/forum/thread.html`);
    const text = await selectText(forum, 'code');
    const { source, model } = await s.b.worker.evaluate((t) => {
      const api = (
        globalThis as unknown as {
          rdpDoctorContextMenu: { showRdpCard: () => unknown; explainSelectionModel(s: string): unknown };
        }
      ).rdpDoctorContextMenu;
      return { source: api.showRdpCard.toString(), model: api.explainSelectionModel(t) };
    }, text);
    // The same thing scripting.executeScript does with {func, args}: call the serialised function with the args.
    const shown = (await forum.evaluate(`(${source})(${JSON.stringify(model)})`)) as { shown: boolean; text: string };
    expect(shown.shown).toBe(true);
    const card = (await ownUi(await cdp(forum))).find((u) => u.kind === 'card')!;
    expect(card.text).toContain(explainText(text, { assumeRdp: true }).events[0]!.summary);
    // Without the menu click's activeTab grant the worker cannot touch the page at all (and says why).
    await forum.bringToFront();
    const forumTab = await s.b.worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab!.id!;
    });
    const refused = await s.b.worker.evaluate(
      ([id, t]) =>
        (
          globalThis as unknown as {
            rdpDoctorContextMenu: { explainSelection(a: number, b: string): Promise<unknown> };
          }
        ).rdpDoctorContextMenu
          .explainSelection(id as number, t as string)
          .then(
            () => 'shown',
            (e: Error) => e.message,
          ),
      [forumTab, text] as const,
    );
    expect(refused).toMatch(/Cannot access contents of the page/);
    await forum.close();
  });
});

if (!chromiumAvailable()) {
  it('chromium is installed (required for e2e)', () => {
    throw new Error('Chromium not found at /usr/bin/chromium: install the Debian package "chromium".');
  });
}

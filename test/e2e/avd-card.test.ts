/**
 * "Explain this error" on a selected Azure Virtual Desktop dialog: the in-page card names the Activity ID
 * and its copy button puts the Log Analytics query on the clipboard (read back by pasting). The menu
 * click is simulated by calling its handler on the worker, as in context-menu.test.ts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { correlationQuery } from '../../shared/avd/kql.js';
import { artifactPath, chromiumAvailable } from './browser.js';
import { usePagesBrowser } from './pages-suite.js';
import { cdp, clickNode, explainSelection, openFrontTab, ownUi, pasteBack, selectText } from './pages-ui.js';

const ID = '2f8a9c61-3d0e-4b7a-9a1e-5c6d7e8f9012';
const DIALOG = `We couldn't connect because there are currently no available resources. Error code: 0x3000046 Extended error code: 0x0 Timestamp (UTC): 2025-07-19T03:14:35.123Z Activity ID: ${ID}`;

describe.runIf(chromiumAvailable())('in-page card: Azure Virtual Desktop query', () => {
  let page: Page;
  let tabId: number;
  const s = usePagesBrowser(async ({ b, srv }) => {
    ({ page, tabId } = await openFrontTab(
      b.context,
      b.worker,
      `${srv.origin('client.wvd.microsoft.com')}/RDWeb/thread.html`,
    ));
  });

  it('names the Activity ID and copies exactly the query for it', async () => {
    await page.evaluate((t) => {
      const p = document.createElement('p');
      p.id = 'avd-dialog';
      p.textContent = t;
      document.body.prepend(p);
    }, DIALOG);
    const shown = await explainSelection(s.b.worker, tabId, await selectText(page, 'avd-dialog'));
    expect(shown.shown).toBe(true);
    const session = await cdp(page);
    const card = (await ownUi(session)).find((u) => u.kind === 'card')!;
    expect(card.text).toContain('Azure Virtual Desktop logs');
    expect(card.text).toContain(`Activity ID ${ID}`);
    const copy = card.buttons.find((x) => x.text === 'Copy Log Analytics query')!;
    expect(copy).toBeDefined();
    await session.send('DOM.scrollIntoViewIfNeeded', { nodeId: copy.nodeId });
    await clickNode(page, session, copy.nodeId);
    await expect
      .poll(async () => (await ownUi(session)).find((u) => u.kind === 'card')?.buttons.map((x) => x.text))
      .toContain('Copied');
    await page.screenshot({ path: artifactPath('avd-card.png') });
    // Paste where a person would: a text box on the page.
    expect(await pasteBack(page)).toBe(correlationQuery({ activityId: ID, timestampIso: '2025-07-19T03:14:35.123Z' }));
  }, 60_000);
});

/**
 * Marks on an RD Web-shaped page (the HTML5 web client's error dialogs, test/fixtures/pages/RDWeb/webclient):
 * the production build in real Chromium, the page served over HTTPS on loopback. The web client is the
 * same on an organisation's RD Web address and on the Azure Virtual Desktop web client; it is served
 * here under the built-in AVD web client's name, because Chromium cannot answer the permission prompt
 * an added RD Web address needs (the Firefox suite adds one through the options page).
 *
 * Its dialogs show a code with no product words beside it ("Your session ended. Error code:
 * 0x3000046"; "Error code: 0x907", a code whose meaning is undocumented): on a Remote Desktop site the
 * page itself says the codes are Remote Desktop's, so both are marked; hex that is not a code is not.
 */
import { describe, expect, it } from 'vitest';
import { lookup } from '../../shared/catalog/index.js';
import { chromiumAvailable } from './browser.js';
import { usePagesBrowser } from './pages-suite.js';
import { cdp, expectedCodes, ownUi, readMarks } from './pages-ui.js';

const POLL = { timeout: 15_000, interval: 200 };

describe.runIf(chromiumAvailable())('annotation on an RD Web client page', () => {
  const s = usePagesBrowser();

  it('marks "Error code: 0x907" and "Your session ended. Error code: 0x3000046", and explains them on hover', async () => {
    const page = await s.b.context.newPage();
    await page.goto(`${s.srv.origin('client.wvd.microsoft.com')}/RDWeb/webclient/index.html`);
    expect(await expectedCodes(page)).toEqual(['0x3000046', '0x907']);
    const marked = async () =>
      ((await readMarks(page))?.marks ?? []).map((m) => `${m.text}${m.noise ? ' (noise)' : ''}`).sort();
    await expect.poll(marked, POLL).toEqual(['0x3000046', '0x907']);
    // Hover the undocumented one: the card says what little is known, as known.
    const box = await page.evaluate(() => {
      const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('rdp-doctor')!;
      const r = [...h].find((x) => x.toString() === '0x907')!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    const session = await cdp(page);
    await page.mouse.move(box.x - 40, box.y);
    await page.mouse.move(box.x, box.y, { steps: 4 });
    const summary = lookup('disconnect-reason', 0x907)!.summary;
    await expect
      .poll(async () => (await ownUi(session)).find((u) => u.kind === 'card')?.text ?? '', POLL)
      .toContain(summary.slice(0, 60));
    await page.close();
  });
});

/**
 * Verdict first, at the popup's real size (440×600): after checking the expired-certificate server
 * (real helper, real xrdp on 127.0.0.52), the one-line verdict, fix #1's title and its first command
 * sit inside the first 600 px of the page; the causes, the explanation card and the check rows follow.
 * Writes its screenshot to test/artifacts/popup-verdict-first.png, as the other e2e tests do (the copy in
 * docs/screenshots/ is refreshed from there by hand).
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingBinaries, type ServerSet, startRdpServers } from '../harness/rdp-servers.js';
import { artifactPath, chromiumAvailable, type Launched, launch } from './browser.js';
import { GOLDEN, PASTED } from './scenarios.js';

const VIEWPORT = { width: 440, height: 600 };
const ADDRESS = '127.0.0.52';
const SERVER = 'xrdp-negotiate-expired';
const ready = chromiumAvailable() && missingBinaries([SERVER]).length === 0;

/** Top and bottom of an element in page coordinates (from the top of the document). */
async function span(page: Page, loc: Locator): Promise<{ top: number; bottom: number }> {
  const box = await loc.boundingBox();
  if (!box) throw new Error('element not laid out');
  const scrollY = await page.evaluate(() => window.scrollY);
  return { top: box.y + scrollY, bottom: box.y + scrollY + box.height };
}

/** Runs the checks against the expired-certificate server and waits until the fixes are ranked with their results. */
async function checkServer(page: Page): Promise<void> {
  await page.getByTestId('host-input').fill(ADDRESS);
  await page.getByTestId('run-checks').click();
  await expect.poll(() => page.getByTestId('check-state').getAttribute('data-phase'), { timeout: 60_000 }).toBe('done');
  // The fixes are ranked again with the last results (in the popup's worker) before they count.
  await page.locator('[data-testid=fixes-section][data-state=current]').waitFor({ timeout: 30_000 });
}

describe.runIf(ready)('popup at 440×600: the verdict and the first fix come first', () => {
  let servers: ServerSet;
  let b: Launched;
  beforeAll(async () => {
    servers = await startRdpServers([SERVER], { addressOf: () => ADDRESS });
    b = await launch();
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await servers?.stop();
  });

  it('expired certificate: verdict, fix #1 title and its first command within 0–600 px', async () => {
    const page = await b.openPage('extension/popup/index.html');
    await page.setViewportSize(VIEWPORT);
    await page.getByTestId('paste').fill(PASTED.text);
    await page.getByTestId('event-card').first().waitFor({ timeout: 10_000 });
    await checkServer(page);
    const verdict = page.getByTestId('verdict');
    await expect.poll(() => verdict.getAttribute('data-provisional')).toBe('false');
    expect(await verdict.textContent()).toMatch(/RDP certificate expired \d+ days? ago/);

    const top = page.getByTestId('fix').first();
    expect(await top.getAttribute('data-fix')).toBe(GOLDEN.expired.firstFix);
    const title = top.locator('h3');
    const command = top.locator('pre').first();
    expect((await command.textContent())?.trim().length).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const loc of [verdict, title, command]) {
      const s = await span(page, loc);
      expect(s.top).toBeGreaterThanOrEqual(0);
      expect(s.bottom).toBeLessThanOrEqual(VIEWPORT.height);
      expect(await loc.isVisible()).toBe(true);
    }
    // What comes after: the causes, the explanation card, then the check rows (failing first).
    const fixTitle = await span(page, title);
    const causes = await span(page, page.getByTestId('causes'));
    const card = await span(page, page.getByTestId('event-card').first());
    const rows = await span(page, page.getByTestId('check-result').first());
    expect(causes.top).toBeGreaterThan(fixTitle.bottom);
    expect(card.top).toBeGreaterThan(fixTitle.bottom);
    expect(rows.top).toBeGreaterThan(fixTitle.bottom);
    expect(await page.getByTestId('check-result').first().getAttribute('data-status')).toBe('fail');
    await page.screenshot({ path: artifactPath('popup-verdict-first.png') });
    await page.close();
  }, 120_000);

  it('full view: the verdict heads the page too', async () => {
    const page = await b.openPage('extension/popup/index.html?view=full');
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.getByTestId('paste').fill(PASTED.text);
    await checkServer(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const verdict = await span(page, page.getByTestId('verdict'));
    const paste = await span(page, page.getByTestId('paste'));
    const rows = await span(page, page.getByTestId('check-result').first());
    expect(verdict.bottom).toBeLessThanOrEqual(800);
    expect(verdict.top).toBeLessThan(paste.top);
    expect(verdict.top).toBeLessThan(rows.top);
    await page.close();
  }, 120_000);
});

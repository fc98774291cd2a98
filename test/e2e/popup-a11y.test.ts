/**
 * Accessibility of the popup and the options page in real Chromium: axe-core finds no serious or
 * critical violations (light and dark), and the golden path works from the keyboard alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, chromiumAvailable, type Launched, launch, ROOT } from './browser.js';

/** Screenshots at the popup's own width. */
const POPUP_VIEWPORT = { width: 470, height: 900 };

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  // The extension's CSP (script-src 'self') blocks an inline <script>; DevTools evaluation is not a page script.
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: Document): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document)).violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.runIf(chromiumAvailable())('accessibility', () => {
  let b: Launched;
  beforeAll(async () => {
    b = await launch({ installHost: false });
  });
  afterAll(async () => {
    await b?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`popup with an explained error and the helper guidance has no serious violations (${scheme})`, async () => {
      const page = await b.openPage('extension/popup/index.html');
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByTestId('paste').fill('Error code: 0x904 Extended error code: 0x7');
      await page.getByTestId('event-card').first().waitFor({ timeout: 10_000 });
      await page.getByTestId('helper-guidance').waitFor({ timeout: 15_000 });
      await page
        .locator('details')
        .first()
        .evaluate((d) => d.setAttribute('open', ''));
      expect(await seriousViolations(page)).toEqual([]);
      await page.setViewportSize(POPUP_VIEWPORT);
      await page.screenshot({ path: artifactPath(`popup-${scheme}.png`), fullPage: true });
      await page.close();
    }, 60_000);

    it(`options page has no serious violations (${scheme})`, async () => {
      const page = await b.openPage('extension/options/index.html');
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByTestId('site-azure-portal').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('the audit does catch a planted violation (so the checks above can fail)', async () => {
    const page = await b.openPage('extension/options/index.html');
    await page.getByTestId('site-azure-portal').waitFor();
    await page.evaluate(() => document.querySelector('main')?.append(document.createElement('button')));
    expect((await seriousViolations(page)).join('\n')).toContain('button-name');
    await page.close();
  }, 60_000);

  it('works from the keyboard alone, with a visible focus ring', async () => {
    const page = await b.openPage('extension/popup/index.html');
    await page.getByTestId('helper-status').waitFor();
    // Tab from the top of the page until the paste box has focus.
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'paste');
    }
    expect(reached).toBe(true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.type('Error code: 0x904 Extended error code: 0x7');
    await page.getByTestId('event-card').first().waitFor({ timeout: 10_000 });
    // Open the technical details with the keyboard.
    let onSummary = false;
    for (let i = 0; i < 10 && !onSummary; i++) {
      await page.keyboard.press('Tab');
      onSummary = await page.evaluate(() => document.activeElement?.tagName === 'SUMMARY');
    }
    expect(onSummary).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('event-card').locator('details').getAttribute('open')).not.toBeNull();
    await page.close();
  }, 60_000);
});

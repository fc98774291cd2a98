/**
 * The popup's reading in real Firefox (its worker runs in a moz-extension page): paste A, its card; paste
 * B: once the paste is rendered, neither A's card nor A's fixes are shown (the reading line and
 * "updating" are), then B's; a 2 MB log shows the reading line at once, is held beside the paste box and
 * reaches its result. No errors from the extension meanwhile. Behaviour only, no durations.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainText } from '../../extension/popup/engine.js';
import { bigLog, TLS_FAILED_LINE } from '../e2e/big-log.js';
import { PASTED } from '../e2e/scenarios.js';
import { attr, byTestId, count, fill, POLL, text } from './dom.js';
import { type Firefox, firefoxAvailable, launchFirefox } from './firefox.js';

const headingOf = (t: string) => explainText(t)[0]?.summary ?? '';

interface Look {
  state: string | null;
  cards: string[];
  reading: boolean;
  fixes: number;
  fixesUpdating: boolean;
}

/** Pastes `value` (one input event) and returns what shows once the paste is rendered (a zero-delay timer later). */
function pasteAndLook(page: Page, value: string): Promise<Look> {
  return page.evaluate(async (v) => {
    const box = document.querySelector('[data-testid="paste"]') as HTMLTextAreaElement;
    box.value = v;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    const list = document.querySelector('[data-testid="events"]');
    return {
      state: list?.getAttribute('data-state') ?? null,
      cards: [...(list?.querySelectorAll('[data-testid="event-card"] h3') ?? [])].map((h) => h.textContent ?? ''),
      reading: !!list?.querySelector('[data-testid="reading"]'),
      fixes: document.querySelectorAll('[data-testid="fix"]').length,
      fixesUpdating: !!document.querySelector('[data-testid="fixes-updating"]'),
    };
  }, value);
}

const cardHeadings = (page: Page) =>
  page.$$eval('[data-testid="event-card"] h3', (l) => l.map((h) => h.textContent ?? ''));

describe.runIf(firefoxAvailable())('Firefox: the popup reading a text', () => {
  let ff: Firefox;
  beforeAll(async () => {
    ff = await launchFirefox({ installHost: false });
  });
  afterAll(async () => {
    await ff?.close();
  });

  it("never shows the previous paste's card or fixes while a new one is read; a 2 MB log reaches its result", async () => {
    await ff.clearErrors();
    const page = await ff.open('extension/popup/index.html');
    const [a, b] = [headingOf(PASTED.text), headingOf(TLS_FAILED_LINE)];
    await fill(page, byTestId('paste'), PASTED.text);
    await expect.poll(() => cardHeadings(page), POLL).toEqual([a]);
    await expect.poll(() => count(page, byTestId('fix')), POLL).toBeGreaterThan(0);

    const during = await pasteAndLook(page, TLS_FAILED_LINE);
    expect(during).toMatchObject({ state: 'reading', reading: true, cards: [], fixes: 0, fixesUpdating: true });
    await expect.poll(() => cardHeadings(page), POLL).toEqual([b]);
    await expect.poll(() => attr(page, byTestId('fixes-section'), 'data-state'), POLL).toBe('current');

    const log = bigLog(2_000_000);
    const reading = await pasteAndLook(page, log);
    expect(reading).toMatchObject({ state: 'reading', reading: true, cards: [] });
    await expect.poll(() => count(page, byTestId('large-text')), POLL).toBe(1);
    expect(await page.$eval(byTestId('paste'), (e) => (e as HTMLTextAreaElement).value)).toBe('');
    expect(await text(page, byTestId('large-text-tail'))).toContain('ERRCONNECT_TLS_CONNECT_FAILED');
    await expect.poll(() => cardHeadings(page), { ...POLL, timeout: 60_000 }).toEqual([b]);
    await expect.poll(() => attr(page, byTestId('events'), 'data-state'), POLL).toBe('current');
    expect(await ff.errors()).toEqual([]);
    await page.close();
  }, 180_000);
});

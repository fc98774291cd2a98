/** Small DOM readers for the Firefox suite (Puppeteer over WebDriver BiDi). */
import type { Frame, Page } from 'puppeteer-core';

export const byTestId = (id: string) => `[data-testid="${id}"]`;

export function text(page: Page | Frame, selector: string): Promise<string | null> {
  return page.$eval(selector, (e) => e.textContent ?? '').catch(() => null);
}

export function attr(page: Page | Frame, selector: string, name: string): Promise<string | null> {
  return page.$eval(selector, (e, n) => e.getAttribute(n), name).catch(() => null);
}

export function count(page: Page | Frame, selector: string): Promise<number> {
  return page.$$eval(selector, (l) => l.length).catch(() => 0);
}

export async function fill(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(selector).fill(value);
}

export const POLL = { timeout: 20_000, interval: 200 };

/**
 * The popup reads a text off the page's thread and never shows one text's results as another's, in real
 * Chromium with the built extension:
 * - paste A, its card shows; paste B: from the render that follows the paste until B's card arrives,
 *   neither A's card nor A's fixes are on the page (the reading line and "updating" are), then B's;
 * - a 2 MB log: the reading line with its progress at once, the reading done by the popup's worker, a
 *   short paste made while the worker reads the log replaces it (the log's result never shows), and the
 *   log pasted again with the keyboard is held beside the paste box (not laid out in it) and reaches its
 *   result (the failure on its last line).
 * - "Open full view" with a 2 MB paste: the full view opens with the whole text and reads it.
 * Behaviour only: every wait is for something on the page, never for a duration.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainText } from '../../extension/popup/engine.js';
import { bigLog, TLS_FAILED_LINE } from './big-log.js';
import { chromiumAvailable, type Launched, launch } from './browser.js';
import { PASTED } from './scenarios.js';

const A = PASTED.text;
const B = TLS_FAILED_LINE;
const headingOf = (text: string) => explainText(text)[0]?.summary ?? '';

interface Snapshot {
  state: string | null;
  cards: string[];
  reading: boolean;
  step: string | null;
  stepText: string | null;
  progress: boolean;
  fixes: string[];
  fixesUpdating: boolean;
  /** Set on the entry recorded when the page pasted a text by itself (see {@link pasteAndLook}'s `then`). */
  pasted?: string;
}

/**
 * In the page: `__snap()` is what the explanation and fixes show now; `__paste(text)` pastes (one input
 * event, as a paste gives) and from then on records every state in `__seen` (a MutationObserver), pasting
 * `__then.text` itself as soon as the reading line shows `__then.step`.
 */
const HELPERS = `(() => {
  window.__snap = () => {
    const list = document.querySelector('[data-testid="events"]');
    const reading = list && list.querySelector('[data-testid="reading"]');
    const step = list && list.querySelector('[data-testid="reading-step"]');
    return {
      state: list ? list.getAttribute('data-state') : null,
      cards: list ? [...list.querySelectorAll('[data-testid="event-card"] h3')].map((h) => h.textContent) : [],
      reading: !!reading,
      step: reading ? reading.getAttribute('data-step') : null,
      stepText: step ? step.textContent : null,
      progress: !!(list && list.querySelector('progress')),
      fixes: [...document.querySelectorAll('[data-testid="fix"]')].map((f) => f.getAttribute('data-fix')),
      fixesUpdating: !!document.querySelector('[data-testid="fixes-updating"]'),
    };
  };
  window.__put = (text) => {
    const box = document.querySelector('[data-testid="paste"]');
    box.value = text;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  };
  window.__paste = (text, then) => {
    window.__seen = [];
    window.__observer?.disconnect();
    window.__observer = new MutationObserver(() => {
      const s = window.__snap();
      window.__seen.push(s);
      if (then && s.step === then.step) {
        const t = then.text;
        then = null;
        window.__put(t);
        window.__seen.push({ ...window.__snap(), pasted: t });
      }
    });
    window.__observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    window.__put(text);
  };
})()`;

/**
 * Pastes `text` and returns what the page shows once the popup has rendered the change: after a
 * zero-delay timer queued behind the paste, well before the typing debounce lets any reading of the new
 * text start. `then`: a text the page pastes itself the moment the reading line shows that step.
 */
async function pasteAndLook(page: Page, text: string, then?: { step: string; text: string }): Promise<Snapshot> {
  await page.evaluate(HELPERS);
  return (await page.evaluate(
    `(async ([text, then]) => {
      window.__paste(text, then);
      await new Promise((r) => setTimeout(r, 0));
      return window.__snap();
    })(${JSON.stringify([text, then ?? null])})`,
  )) as Snapshot;
}

const seen = async (page: Page) => (await page.evaluate('window.__seen')) as Snapshot[];
const look = async (page: Page) => (await page.evaluate('window.__snap()')) as Snapshot;

describe.runIf(chromiumAvailable())('popup: reading a text', () => {
  let b: Launched;
  beforeAll(async () => {
    b = await launch({ installHost: false });
  });
  afterAll(async () => {
    await b?.close();
  });

  it("while a new paste is read, the previous paste's card and fixes are not shown as current", async () => {
    const page = await b.openPage('extension/popup/index.html');
    const [headingA, headingB] = [headingOf(A), headingOf(B)];
    expect(headingA).not.toBe('');
    expect(headingB).not.toBe(headingA);
    await page.getByTestId('paste').fill(A);
    await page.getByTestId('event-card').getByText(headingA).waitFor({ timeout: 15_000 });
    await page.getByTestId('fix').first().waitFor({ timeout: 15_000 });
    await page.evaluate(HELPERS);
    const fixesA = await look(page);
    expect(fixesA.fixes.length).toBeGreaterThan(0);

    const during = await pasteAndLook(page, B);
    expect(during.cards).toEqual([]);
    expect(during.state).toBe('reading');
    expect(during.reading).toBe(true);
    expect(during.fixes).toEqual([]);
    expect(during.fixesUpdating).toBe(true);

    await page.getByTestId('event-card').getByText(headingB).waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="fixes-section"][data-state="current"]').waitFor({ timeout: 15_000 });
    const states = await seen(page);
    // From the paste on, A's card never showed again: the list went from reading straight to B's card.
    expect(states.length).toBeGreaterThan(0);
    expect(states.some((s) => s.cards.includes(headingA))).toBe(false);
    expect(states.filter((s) => s.cards.length > 0).every((s) => s.cards.join() === headingB)).toBe(true);
    // B's fixes are B's own: the diagnosis was made again, not A's kept.
    const now = await look(page);
    expect(now.fixesUpdating).toBe(false);
    expect(now.fixes).not.toEqual(fixesA.fixes);
    await page.close();
  }, 90_000);

  it('reads a 2 MB log in its worker: progress at once, a new paste replaces it, then its result', async () => {
    const page = await b.openPage('extension/popup/index.html?view=full');
    await page.getByTestId('paste').waitFor();
    const log = bigLog(2_000_000);
    const headingLog = headingOf(TLS_FAILED_LINE);
    const headingA = headingOf(A);

    // 1. The log: the reading line with a progress bar at once. 2. The worker announces its scan with the
    // size it reads; at that moment the page pastes A: the log's result never shows, A's does.
    const first = await pasteAndLook(page, log, { step: 'codes', text: A });
    expect(first).toMatchObject({ state: 'reading', reading: true, progress: true, cards: [] });
    await page.getByTestId('event-card').getByText(headingA).waitFor({ timeout: 60_000 });
    const states = await seen(page);
    const at = states.findIndex((s) => s.pasted === A);
    expect(at).toBeGreaterThan(0);
    expect(states[at - 1]?.stepText).toContain(log.length.toLocaleString('en-US'));
    expect(states.some((s) => s.cards.includes(headingLog))).toBe(false);
    // The reading runs in the popup's own worker, not on the page's thread.
    expect(page.workers().some((w) => /reader\.worker/.test(w.url()))).toBe(true);

    // 3. The log again, pasted with the keyboard and left to finish: it is held beside the box (the box
    // stays empty and light), its last line shown, and the failure on that line is found and explained.
    await page.evaluate((t) => navigator.clipboard.writeText(t), log);
    await page.getByTestId('paste').fill('');
    await page.getByTestId('paste').focus();
    await page.keyboard.press('Control+V');
    await page.getByTestId('large-text').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('paste').inputValue()).toBe('');
    expect(await page.getByTestId('large-text').textContent()).toContain(log.length.toLocaleString('en-US'));
    expect(await page.getByTestId('large-text-tail').textContent()).toContain('ERRCONNECT_TLS_CONNECT_FAILED');
    await page.getByTestId('event-card').getByText(headingLog).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('event-card').count()).toBe(1);
    await page.locator('[data-testid="fixes-section"][data-state="current"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('reading').count()).toBe(0);
    // The page stayed usable: a person types a server name meanwhile and it is there, as typed.
    await page.getByTestId('host-input').fill('rdp.example.test');
    expect(await page.getByTestId('host-input').inputValue()).toBe('rdp.example.test');
    // Clearing the long text empties the explanation.
    await page.getByTestId('large-text-clear').click();
    expect(await page.getByTestId('large-text').count()).toBe(0);
    expect(await page.getByTestId('event-card').count()).toBe(0);
    await page.close();
  }, 180_000);

  it('Open full view carries a 2 MB paste whole (past the address limit) and the full view reads it', async () => {
    const page = await b.openPage('extension/popup/index.html');
    const log = bigLog(2_000_000);
    await page.evaluate((t) => navigator.clipboard.writeText(t), log);
    await page.getByTestId('paste').focus();
    await page.keyboard.press('Control+V');
    await page.getByTestId('large-text').waitFor({ timeout: 30_000 });
    const opened = b.context.waitForEvent('page', { timeout: 30_000 });
    await page.getByTestId('open-full').click();
    const full = await opened;
    await full.getByTestId('large-text').waitFor({ timeout: 30_000 });
    expect(full.url()).toContain('view=full');
    expect(full.url().length).toBeLessThan(1000);
    expect(await full.getByTestId('large-text').textContent()).toContain(log.length.toLocaleString('en-US'));
    await full.getByTestId('event-card').getByText(headingOf(TLS_FAILED_LINE)).waitFor({ timeout: 60_000 });
    // Handed over once: nothing is left behind in the session storage.
    const left = await full.evaluate(async () => Object.keys(await chrome.storage.session.get(null)));
    expect(left.filter((k) => k.startsWith('fullViewText-'))).toEqual([]);
    await full.close();
    await page.close();
  }, 180_000);
});

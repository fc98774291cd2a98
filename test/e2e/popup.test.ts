/**
 * The popup in real Chromium: explaining a pasted error with the real helper installed, and the same
 * without the helper (guidance with the exact install command; explaining keeps working). The full
 * view is the same page with `?view=full&text=…`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, chromiumAvailable, type Launched, launch } from './browser.js';
import { HELPER_MISSING, PASTED } from './scenarios.js';

/** Screenshots at the popup's own width. */
const POPUP_VIEWPORT = { width: 470, height: 900 };

const PASTE = PASTED.text;

describe.runIf(chromiumAvailable())('popup: explain as you type', () => {
  let b: Launched;
  beforeAll(async () => {
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('explains a pasted error: plain sentence, who must act, causes, collapsed details, ranked fixes', async () => {
    const page = await b.openPage('extension/popup/index.html');
    await page.getByTestId('paste').fill(PASTE);
    const card = page.getByTestId('event-card');
    await card.first().waitFor({ timeout: 10_000 });
    expect(await card.count()).toBe(1);
    expect(await card.locator('h3').textContent()).toMatch(PASTED.heading);
    expect(await card.getByTestId('event-actor').textContent()).toMatch(PASTED.actor);
    const details = card.locator('details');
    expect(await details.getAttribute('open')).toBeNull();
    const tech = await details.textContent();
    for (const d of PASTED.details) expect(tech).toContain(d);
    // Opened as a tab on its own page, "Codes on this page" has nothing it may read: it stays away quietly.
    expect(await page.getByTestId('page-codes').count()).toBe(0);
    // Fixes without evidence, from the catalogue entry (ranked in the popup's worker after the events).
    await page.locator('[data-testid=fixes-section][data-state=current]').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('fix').count()).toBeGreaterThan(1);
    await page.setViewportSize(POPUP_VIEWPORT);
    await page.screenshot({ path: artifactPath('popup-explained.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('says plainly when the text holds no RDP code', async () => {
    const page = await b.openPage('extension/popup/index.html');
    await page.getByTestId('paste').fill('the printer is out of paper');
    await page.getByTestId('no-codes').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('event-card').count()).toBe(0);
    await page.close();
  }, 60_000);

  it('an unknown code shows no empty fix list: it says no fix can be suggested yet', async () => {
    const page = await b.openPage('extension/popup/index.html');
    await page.getByTestId('paste').fill('Error code: 0x12345678');
    await page.getByTestId('event-card').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('event-card').first().textContent()).toContain('does not know this code');
    await page.locator('[data-testid=fixes-section][data-state=current]').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('fixes').count()).toBe(0);
    expect(await page.getByTestId('no-fix').textContent()).toContain('No fix can be suggested');
    await page.close();
  }, 60_000);

  it('opens as a wider full view with the text prefilled', async () => {
    const page = await b.openPage(`extension/popup/index.html?view=full&text=${encodeURIComponent(PASTE)}`);
    expect(await page.getByTestId('paste').inputValue()).toBe(PASTE);
    await page.getByTestId('event-card').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('main.full').count()).toBe(1);
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.screenshot({ path: artifactPath('full-view.png') });
    await page.close();
  }, 60_000);

  it('refuses an invalid server name before anything runs', async () => {
    const page = await b.openPage('extension/popup/index.html');
    await page.getByTestId('host-input').fill('-oProxyCommand=evil');
    await page.getByTestId('run-checks').click();
    expect(await page.getByTestId('host-error').textContent()).toBeTruthy();
    expect(await page.getByTestId('check-state').getAttribute('data-phase')).toBe('idle');
    await page.close();
  }, 60_000);

  it("refuses ::1:3389 as the command line does and clears the last server's results", async () => {
    const page = await b.openPage('extension/popup/index.html');
    await page.getByTestId('host-input').fill('127.0.0.1:9');
    await page.getByTestId('run-checks').click();
    const phase = () => page.getByTestId('check-state').getAttribute('data-phase');
    await expect.poll(phase, { timeout: 30_000 }).toMatch(/done|failed/);
    expect(await page.getByTestId('check-result').count()).toBeGreaterThan(0);
    await page.getByTestId('host-input').fill('::1:3389');
    await page.getByTestId('run-checks').click();
    expect(await page.getByTestId('host-error').textContent()).toContain('[::1]:3389');
    expect(await page.getByTestId('check-result').count()).toBe(0);
    expect(await phase()).toBe('idle');
    await page.close();
  }, 60_000);
});

describe.runIf(chromiumAvailable())('popup without the helper', () => {
  let b: Launched;
  beforeAll(async () => {
    b = await launch({ installHost: false });
  });
  afterAll(async () => {
    await b?.close();
  });

  it('shows the install guidance with the exact command, and explaining still works', async () => {
    const page = await b.openPage('extension/popup/index.html');
    const status = page.getByTestId('helper-status');
    await expect.poll(() => status.getAttribute('data-connected'), { timeout: 15_000 }).toBe('false');
    expect(await status.getAttribute('data-code')).toBe(HELPER_MISSING.code);
    const guidance = page.getByTestId('helper-guidance');
    expect(await guidance.textContent()).toMatch(HELPER_MISSING.guidance);
    expect(await guidance.getByTestId('guidance-command').textContent()).toContain(HELPER_MISSING.command('chromium'));
    // A development build registers from its checkout, with its own id (--dev).
    expect(await guidance.getByTestId('guidance-command').textContent()).toBe(
      'rdp-doctor host install --browser chromium --dev',
    );
    expect(await guidance.getByTestId('guidance-profile-command').textContent()).toBe(
      'rdp-doctor host install --browser chromium --user-data-dir "DIR" --dev',
    );
    // And the command that shows what exactly is wrong (the helper's registration as the browser sees it).
    expect(await guidance.getByTestId('guidance-diagnose').textContent()).toBe(
      'rdp-doctor host status --browser chromium',
    );
    await page.getByTestId('paste').fill(PASTE);
    await page.getByTestId('event-card').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('event-card').locator('h3').textContent()).toMatch(/denied/i);
    await page.setViewportSize(POPUP_VIEWPORT);
    await page.screenshot({ path: artifactPath('popup-helper-missing.png'), fullPage: true });

    // Running checks fails with the same guidance, not a hang.
    await page.getByTestId('host-input').fill('127.0.0.1');
    await page.getByTestId('run-checks').click();
    const failed = page.getByTestId('check-failed');
    await failed.waitFor({ timeout: 15_000 });
    expect(await failed.textContent()).toContain('rdp-doctor host install');
    // One card, not the status card and the failed run's card saying the same thing twice.
    expect(await page.getByTestId('helper-guidance').count()).toBe(0);
    expect(await page.getByTestId('check-failed').count()).toBe(1);
    expect(await page.getByTestId('guidance-command').count()).toBe(1);
    await page.close();
  }, 60_000);
});

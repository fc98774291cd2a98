/**
 * The popup in real Firefox with the real helper and real xrdp servers on loopback: the helper's hello
 * and version, paste and explain, Run checks against the expired-certificate and valid servers with the
 * ranked fixes, the history kept away from content scripts, and the event page waking after idle
 * suspension. Then the same browser build without the helper: guidance for Firefox.
 */

import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_VERSION } from '../../native-host/messaging/version.js';
import { GOLDEN, HELPER_MISSING, PASTED } from '../e2e/scenarios.js';
import { missingBinaries, type ServerSet, startRdpServers } from '../harness/rdp-servers.js';
import { attr, byTestId, count, fill, POLL, text } from './dom.js';
import { type Firefox, firefoxAvailable, GECKO_ID, launchFirefox, shot } from './firefox.js';

const ready = firefoxAvailable() && missingBinaries([...GOLDEN.servers]).length === 0;
const POPUP = 'extension/popup/index.html';

/**
 * The background records how the run ended, so the popup may close the moment the run is done (as a
 * person closes it): another extension page then sees the server with its outcome.
 */
async function outcomeRecorded(ff: Firefox, host: string, outcome: RegExp): Promise<void> {
  const page = await ff.open('extension/options/index.html');
  await expect
    .poll(
      () =>
        page.evaluate(
          async (h) =>
            (
              (await browser.runtime.sendMessage({ type: 'history-entries' })) as { host: string; result?: string }[]
            ).find((e) => e.host === h)?.result,
          host,
        ),
      { timeout: 10_000 },
    )
    .toMatch(outcome);
  await page.close();
}

async function runChecks(page: Page, host: string): Promise<void> {
  // The popup settles first (the helper's hello answered), then the field is replaced as a person
  // does it: focus, select all, type. Clearing the value behind the page's back would be undone by
  // the next render of the prefilled field.
  await expect.poll(() => attr(page, byTestId('helper-status'), 'data-connected'), POLL).toBe('true');
  await page.focus(byTestId('host-input'));
  await page.$eval(byTestId('host-input'), (e) => (e as HTMLInputElement).select());
  await page.keyboard.type(host);
  expect(await page.$eval(byTestId('host-input'), (e) => (e as HTMLInputElement).value)).toBe(host);
  // The field offers the servers checked before (a datalist): typing can open Firefox's suggestion
  // list over the button, which would take the click. Close it as a person would.
  // Firefox's native suggestion list can still take a pointer click at the button's position after
  // Escape; click the button itself, as a keyboard user pressing it would.
  await page.keyboard.press('Escape');
  await page.$eval(byTestId('run-checks'), (b) => (b as HTMLButtonElement).click());
  await expect
    .poll(() => attr(page, byTestId('check-state'), 'data-phase'), { timeout: 60_000 })
    .toMatch(/done|failed/);
  expect(await attr(page, byTestId('check-state'), 'data-phase')).toBe('done');
  // The fixes are ranked again with the last results (in the popup's worker) before they count.
  await expect.poll(() => attr(page, byTestId('fixes-section'), 'data-state'), POLL).toBe('current');
}

const firstFix = (page: Page) => attr(page, byTestId('fix'), 'data-fix');
const certificate = '[data-testid=check-result][data-check=certificate]';

describe.runIf(ready)('Firefox: popup with the helper', () => {
  let servers: ServerSet;
  let ff: Firefox;
  beforeAll(async () => {
    servers = await startRdpServers([...GOLDEN.servers], {
      addressOf: (n) => (n === 'xrdp-negotiate-expired' ? GOLDEN.expired.address : GOLDEN.valid.address),
    });
    ff = await launchFirefox();
  }, 180_000);
  afterAll(async () => {
    await ff?.close();
    await servers?.stop();
  });

  it('shows the helper version from its hello', async () => {
    const page = await ff.open(POPUP);
    await expect.poll(() => attr(page, byTestId('helper-status'), 'data-connected'), POLL).toBe('true');
    expect(await text(page, byTestId('helper-status'))).toContain(HOST_VERSION);
    await shot(page, 'popup-connected');
    await page.close();
  });

  it('explains a pasted error: plain sentence, who must act, collapsed details, ranked fixes', async () => {
    const page = await ff.open(POPUP);
    await fill(page, byTestId('paste'), PASTED.text);
    await expect.poll(() => count(page, byTestId('event-card')), POLL).toBe(1);
    expect(await text(page, `${byTestId('event-card')} h3`)).toMatch(PASTED.heading);
    expect(await text(page, byTestId('event-actor'))).toMatch(PASTED.actor);
    expect(await attr(page, `${byTestId('event-card')} details`, 'open')).toBeNull();
    const details = (await text(page, `${byTestId('event-card')} details`)) ?? '';
    for (const d of PASTED.details) expect(details).toContain(d);
    expect(await count(page, byTestId('fix'))).toBeGreaterThan(1);
    await shot(page, 'popup-explained', true);
    await page.close();
  });

  it('expired certificate: the finding shows it and the certificate fix comes first', async () => {
    const page = await ff.open(POPUP);
    await fill(page, byTestId('paste'), PASTED.text);
    await runChecks(page, GOLDEN.expired.address);
    expect(await attr(page, certificate, 'data-status')).toBe('fail');
    expect(await text(page, `${certificate} [data-finding=${GOLDEN.expired.finding}]`)).toMatch(
      GOLDEN.expired.evidence,
    );
    expect(await firstFix(page)).toBe(GOLDEN.expired.firstFix);
    expect(await attr(page, `[data-testid=cause][data-cause=${GOLDEN.expired.cause}]`, 'data-level')).toBe('confirmed');
    await shot(page, 'golden-expired-certificate', true);
    await page.close();
    await outcomeRecorded(ff, GOLDEN.expired.address, /^problems$/);
  }, 120_000);

  it('valid certificate: the certificate fix is not first; the last server is offered first', async () => {
    const page = await ff.open(POPUP);
    await expect
      .poll(() => page.$eval(byTestId('host-input'), (e) => (e as HTMLInputElement).value), POLL)
      .toBe(GOLDEN.expired.address);
    await fill(page, byTestId('paste'), PASTED.text);
    await runChecks(page, GOLDEN.valid.address);
    expect(await attr(page, certificate, 'data-status')).not.toBe('fail');
    expect(await count(page, `${certificate} [data-finding=${GOLDEN.valid.finding}]`)).toBe(1);
    expect(await firstFix(page)).not.toBe(GOLDEN.valid.notFirstFix);
    await shot(page, 'golden-valid-certificate', true);
    await page.close();
    // A finished run: not "unfinished", whatever its findings.
    await outcomeRecorded(ff, GOLDEN.valid.address, /^(healthy|warnings|problems)$/);
  }, 120_000);

  it('keeps the checked hosts where content scripts cannot read or plant them', async () => {
    const page = await ff.open('extension/options/index.html');
    // storage.local is open to content scripts in Firefox: nothing of the history is there …
    expect(await page.evaluate(() => browser.storage.local.get('recentHosts'))).toEqual({});
    // … and what a page's content script could write there is not offered as a host to check.
    await page.evaluate(() => browser.storage.local.set({ recentHosts: ['planted.example.test'] }));
    const popup = await ff.open(POPUP);
    await expect
      .poll(() => popup.$eval(byTestId('host-input'), (e) => (e as HTMLInputElement).value), POLL)
      .toBe(GOLDEN.valid.address);
    const list = (await popup.evaluate(() => browser.runtime.sendMessage({ type: 'history-get' }))) as string[];
    expect(list).toEqual([GOLDEN.valid.address, GOLDEN.expired.address]);
    await popup.close();
    await page.close();
  });

  it('the event page wakes after idle suspension and reaches the helper again', async () => {
    for (const p of await ff.browser.pages()) if (p.url().startsWith('moz-extension:')) await p.close();
    const state = () =>
      ff.chrome<string>(`
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        return ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)}).backgroundState;`);
    await expect.poll(state, { timeout: 90_000, interval: 500 }).toBe('stopped');
    const page = await ff.open(POPUP);
    await expect.poll(() => attr(page, byTestId('helper-status'), 'data-connected'), POLL).toBe('true');
    expect(await state()).toBe('running');
    await page.close();
  }, 120_000);

  it('logged no errors from the extension', async () => {
    expect(await ff.errors()).toEqual([]);
  });
});

describe.runIf(firefoxAvailable())('Firefox: popup without the helper', () => {
  let ff: Firefox;
  beforeAll(async () => {
    ff = await launchFirefox({ installHost: false });
  });
  afterAll(async () => {
    await ff?.close();
  });

  it('shows Firefox guidance with the exact command, and explaining still works', async () => {
    const page = await ff.open(POPUP);
    await expect.poll(() => attr(page, byTestId('helper-status'), 'data-connected'), POLL).toBe('false');
    expect(await attr(page, byTestId('helper-status'), 'data-code')).toBe(HELPER_MISSING.code);
    const guidance = (await text(page, byTestId('helper-guidance'))) ?? '';
    expect(guidance).toMatch(HELPER_MISSING.guidance);
    expect(guidance).toContain('Firefox');
    expect(await text(page, byTestId('guidance-command'))).toContain(HELPER_MISSING.command('firefox'));
    await fill(page, byTestId('paste'), PASTED.text);
    await expect.poll(() => count(page, byTestId('event-card')), POLL).toBe(1);
    await shot(page, 'popup-helper-missing', true);
    await page.close();
    expect(await ff.errors()).toEqual([]);
  });
});

if (!firefoxAvailable()) {
  it('firefox-esr and certutil are installed (required for the Firefox e2e)', () => {
    throw new Error('Install the Debian packages "firefox-esr" and "libnss3-tools" (bash .ci/run does).');
  });
}

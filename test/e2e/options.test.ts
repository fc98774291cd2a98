/**
 * The options page in real Chromium: settings are stored in storage.sync and survive a browser
 * restart (the same persistent profile launched twice); the servers checked before are listed with
 * when each was checked and how that check ended, one can be removed and all cleared; a bad custom
 * RD Web address (a wildcard, another scheme, a path, text that is not an address at all) is refused
 * with a typed message before any permission prompt, and nothing is saved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { artifactPath, chromiumAvailable, launch } from './browser.js';

describe.runIf(chromiumAvailable())('options page', () => {
  const profile = mkdtempSync(join(tmpdir(), 'rdp-doctor-options-'));
  afterAll(() => rmSync(profile, { recursive: true, force: true }));

  it('keeps site switches, default port, timeout and history across a browser restart', async () => {
    const first = await launch({ userDataDir: profile });
    try {
      const page = await first.openPage('extension/options/index.html');
      const avd = page.getByTestId('site-avd-web-client');
      await avd.waitFor();
      expect(await avd.isChecked()).toBe(true);
      // Chromium grants the built-in sites through the content scripts' matches: no "withheld" line.
      await page.waitForTimeout(500);
      expect(await page.locator('[data-granted="false"]').count()).toBe(0);
      await avd.click();
      await page.getByTestId('default-port').fill('3390');
      await page.getByTestId('default-port').press('Tab');
      await page.getByTestId('timeout').fill('5000');
      await page.getByTestId('timeout').press('Tab');
      await expect.poll(() => page.getByTestId('saved').textContent()).toBe('Saved.');
      // A recent host, as the popup records it (the background keeps the list).
      await page.evaluate(() =>
        chrome.runtime.sendMessage({ type: 'history-remember', host: 'rdp.example.test:3390' }),
      );
      await expect
        .poll(() => first.worker.evaluate(() => chrome.storage.sync.get('settings')), { timeout: 5000 })
        .toMatchObject({ settings: { defaultPort: 3390, timeoutMs: 5000, sites: { 'avd-web-client': false } } });
      await page.screenshot({ path: artifactPath('options.png'), fullPage: true });
    } finally {
      await first.close();
    }

    const second = await launch({ userDataDir: profile, installHost: false });
    try {
      const page = await second.openPage('extension/options/index.html');
      await page.getByTestId('site-avd-web-client').waitFor();
      expect(await page.getByTestId('site-avd-web-client').isChecked()).toBe(false);
      expect(await page.getByTestId('site-azure-portal').isChecked()).toBe(true);
      expect(await page.getByTestId('default-port').inputValue()).toBe('3390');
      expect(await page.getByTestId('timeout').inputValue()).toBe('5000');
      // The servers checked before are listed, newest first, each with when it was checked.
      await page.evaluate(() => chrome.runtime.sendMessage({ type: 'history-remember', host: 'second.example.test' }));
      await page.reload();
      const entries = page.getByTestId('history-entry');
      await expect
        .poll(() => entries.evaluateAll((li) => li.map((e) => e.getAttribute('data-host'))))
        .toEqual(['second.example.test', 'rdp.example.test:3390']);
      expect(await entries.first().getByTestId('history-when').textContent()).toMatch(/^last checked .*\d/);
      // One removed: the list and the background's copy both lose it, and only it.
      await entries.nth(1).getByRole('button', { name: 'Remove rdp.example.test:3390' }).click();
      await expect
        .poll(() => entries.evaluateAll((li) => li.map((e) => e.getAttribute('data-host'))))
        .toEqual(['second.example.test']);
      expect(await page.evaluate(() => chrome.runtime.sendMessage({ type: 'history-get' }))).toEqual([
        'second.example.test',
      ]);
      // All removed.
      await page.getByTestId('history-clear').click();
      await expect.poll(() => page.getByTestId('history-none').textContent()).toBe('No server checked yet.');
      expect(await page.evaluate(() => chrome.runtime.sendMessage({ type: 'history-get' }))).toEqual([]);
      // Nothing of it in storage.local, which content scripts can reach in Firefox.
      expect(await second.worker.evaluate(() => chrome.storage.local.get('recentHosts'))).toEqual({});

      // The popup uses the stored default port.
      const popup = await second.openPage('extension/popup/index.html');
      await expect.poll(() => popup.getByTestId('host-input').getAttribute('placeholder')).toContain('3390');
    } finally {
      await second.close();
    }
  }, 90_000);

  it('lists how the last check of each server ended, from a real run in the popup', async () => {
    const b = await launch();
    try {
      // Nothing listens on 127.0.0.1:9: the run finishes with the port refused, a problem.
      const popup = await b.openPage('extension/popup/index.html');
      await popup.getByTestId('host-input').fill('127.0.0.1:9');
      await popup.getByTestId('run-checks').click();
      await expect
        .poll(() => popup.getByTestId('check-state').getAttribute('data-phase'), { timeout: 60_000 })
        .toBe('done');
      const options = await b.openPage('extension/options/index.html');
      const entry = options.locator('[data-testid="history-entry"][data-host="127.0.0.1:9"]');
      await expect
        .poll(
          () =>
            entry
              .getByTestId('history-result')
              .getAttribute('data-result')
              .catch(() => null),
          {
            timeout: 15_000,
          },
        )
        .toBe('problems');
      expect(await entry.textContent()).toMatch(/last checked .+ — problems found/);
    } finally {
      await b.close();
    }
  }, 120_000);

  it('refuses a bad custom RD Web address with a clear message', async () => {
    const b = await launch({ installHost: false });
    try {
      const page = await b.openPage('extension/options/index.html');
      for (const [input, text] of [
        ['https://*.contoso.com', /Wildcards/],
        ['ftp://rdweb.contoso.com', /https/],
        ['https://rdweb.contoso.com/owa/?x=1', /without a page path/],
        ['not a url', /not a valid web address/],
      ] as const) {
        await page.getByTestId('custom-origin').fill(input);
        await page.getByTestId('custom-add').click();
        await expect.poll(() => page.getByTestId('custom-origin-error').textContent()).toMatch(text);
      }
      expect(await page.getByTestId('custom-origins').count()).toBe(0);
      expect(await b.worker.evaluate(() => chrome.storage.sync.get('settings'))).not.toMatchObject({
        settings: { customOrigins: [expect.anything()] },
      });
      await page.getByTestId('default-port').fill('70000');
      await page.getByTestId('default-port').press('Tab');
      expect(await page.getByRole('alert').filter({ hasText: '1 to 65535' }).count()).toBe(1);
      await page.getByTestId('timeout').fill('20');
      await page.getByTestId('timeout').press('Tab');
      expect(await page.getByRole('alert').filter({ hasText: 'from 50 to 60000 milliseconds' }).count()).toBe(1);
    } finally {
      await b.close();
    }
  }, 90_000);
});

/**
 * The service worker terminated during a check, in real Chromium with the real helper: the popup
 * shows a clear error instead of spinning, the helper (its stdin closed by the browser) exits with
 * its loopback connections (127.0.0.221) closed, no helper process is left, and the next check works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, type Launched, launch } from '../e2e/browser.js';
import { type HoldingListener, listenHolding } from '../harness/listener.js';
import { cmdline, helpersOf } from './procs.js';

const ADDRESS = '127.0.0.221';
const POLL = { timeout: 30_000, interval: 100 };

describe.runIf(chromiumAvailable())('service worker terminated during a check', () => {
  let b: Launched;
  let listener: HoldingListener;
  let port = 0;

  beforeAll(async () => {
    listener = await listenHolding(ADDRESS);
    port = listener.port;
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
    await listener?.close();
  });

  it('the popup says the connection was lost, the helper exits, and the next check works', async () => {
    const page = await b.openPage('extension/popup/index.html');
    await page.getByTestId('host-input').fill(`${ADDRESS}:${port}`);
    await page.getByTestId('run-checks').click();
    // The helper is connected to the silent listener and waits on it.
    await expect.poll(() => listener.accepted, POLL).toBeGreaterThan(0);
    const helpers = helpersOf(b.userDataDir);
    expect(helpers.length).toBeGreaterThan(0);

    const cdp = await b.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');

    const failed = page.getByTestId('check-failed');
    await failed.waitFor(POLL);
    expect(await failed.textContent()).toMatch(/connection to the background was lost/i);
    expect(await page.getByTestId('check-state').getAttribute('data-phase')).not.toBe('running');

    // The browser closed the helper's stdin: it exits, and with it every connection it had opened.
    await expect.poll(() => helpers.filter((p) => cmdline(p) !== ''), POLL).toEqual([]);
    await expect.poll(() => listener.open(), POLL).toBe(0);

    // The next request starts a new worker and a new helper, and completes.
    await page.getByTestId('host-input').fill(`${ADDRESS}:1`);
    await page.getByTestId('run-checks').click();
    await expect.poll(() => page.getByTestId('check-state').getAttribute('data-phase'), POLL).toBe('done');
    expect(await page.locator('[data-testid="finding"][data-finding="port-refused"]').count()).toBe(1);
    await page.close();
    // Once the page is gone nothing stays behind that this test started.
    await expect.poll(() => listener.open(), POLL).toBe(0);
  }, 120_000);
});

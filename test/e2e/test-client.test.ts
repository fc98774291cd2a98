/**
 * "Test my RDP client" in real Chromium with the real helper: the popup shows the address the
 * helper listens on, the real FreeRDP client connects to it, and the popup shows what that client
 * offered — with its user name redacted and its password nowhere. Cancel stops the listener.
 * Starts a browser: run under the live lock.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXfreerdp, startXvfb, stop, stopAll } from '../listen/clients.js';
import { artifactPath, chromiumAvailable, type Launched, launch } from './browser.js';

const PASSWORD = 'Popup-Secr3t-Pw';
const USER = 'popup.user';

describe.runIf(chromiumAvailable())('popup: Test my RDP client', () => {
  let b: Launched;
  let display = '';
  beforeAll(async () => {
    display = (await startXvfb()).display;
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
    await stopAll();
  });

  it('shows the address, and what xfreerdp offered once it connects', async () => {
    const page = await b.openPage('extension/popup/index.html');
    await page.getByTestId('test-client-start').click({ timeout: 15_000 });
    const address = (await page.getByTestId('test-client-address').textContent({ timeout: 15_000 })) ?? '';
    expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
    const x = startXfreerdp(display, address, [`/u:${USER}`, `/p:${PASSWORD}`, '/sec:nla']);
    const offer = page.getByTestId('test-client-offer');
    await offer.waitFor({ timeout: 30_000 });
    await stop(x.child);
    expect(await offer.getAttribute('data-reached')).toBe('credssp');
    const text = (await offer.textContent()) ?? '';
    expect(text).toContain('TLS, CredSSP (NLA)');
    expect(text).toContain(`[redacted, ${USER.length} characters]`);
    expect(text).toContain('6.1.7601');
    const whole = (await page.content()) + text;
    expect(whole).not.toContain(PASSWORD);
    expect(whole).not.toContain(USER);
    await page.setViewportSize({ width: 470, height: 1100 });
    await page.screenshot({ path: artifactPath('popup-test-client.png'), fullPage: true });
    await page.close();
  }, 90_000);

  it('cancel stops listening: the button comes back and the port is closed', async () => {
    const page = await b.openPage('extension/popup/index.html');
    await page.getByTestId('test-client-start').click({ timeout: 15_000 });
    const address = (await page.getByTestId('test-client-address').textContent({ timeout: 15_000 })) ?? '';
    const port = Number(address.split(':')[1]);
    await page.getByTestId('test-client-cancel').click();
    await page.getByTestId('test-client-start').waitFor({ timeout: 10_000 });
    const refused = async () =>
      new Promise<boolean>((resolve) => {
        const s = net.connect({ host: '127.0.0.1', port });
        s.once('connect', () => {
          s.destroy();
          resolve(false);
        });
        s.once('error', () => resolve(true));
      });
    await expect.poll(refused, { timeout: 10_000 }).toBe(true);
    await page.close();
  }, 60_000);
});

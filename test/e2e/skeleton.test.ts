/**
 * The walking skeleton, end to end: the built extension in real headless Chromium talks to the
 * real native helper over real stdio, registered in the test profile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_VERSION } from '../../native-host/messaging/version.js';
import { artifactPath, chromiumAvailable, EXTENSION_ID, type Launched, launch } from './browser.js';

describe.runIf(chromiumAvailable())('skeleton: extension ↔ native helper in Chromium', () => {
  let b: Launched;
  beforeAll(async () => {
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('loads with the id fixed by the manifest key', () => {
    expect(b.extensionId).toBe(EXTENSION_ID);
  });

  it('popup shows the helper version from its hello', async () => {
    const page = await b.openPage('extension/popup/index.html');
    const status = page.getByTestId('helper-status');
    await expect.poll(() => status.getAttribute('data-connected'), { timeout: 15_000 }).toBe('true');
    expect(await status.textContent()).toContain(HOST_VERSION);
    await page.screenshot({ path: artifactPath('skeleton-popup-connected.png') });
    await page.close();
  });
});

if (!chromiumAvailable()) {
  it('chromium is installed (required for e2e)', () => {
    throw new Error(
      'Chromium not found at /usr/bin/chromium: install the Debian package "chromium" (bash .ci/run does).',
    );
  });
}

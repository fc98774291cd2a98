/**
 * The golden path in real Chromium with the real helper and real xrdp servers on loopback: paste
 * `Error code: 0x904 Extended error code: 0x7`, check the expired-certificate server → the findings
 * show the expired certificate and the first fix is the certificate fix; against the
 * valid-certificate server the certificate fix is not first. The servers come from the probe
 * harness, on this suite's own addresses (127.0.0.50–51).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingBinaries, type ServerSet, startRdpServers } from '../harness/rdp-servers.js';
import { artifactPath, chromiumAvailable, type Launched, launch, ROOT } from './browser.js';
import { pasteBack } from './pages-ui.js';
import { GOLDEN, PASTED } from './scenarios.js';

/** Screenshots at the popup's own width. */
const POPUP_VIEWPORT = { width: 470, height: 900 };

const PASTE = PASTED.text;
const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const EXPIRED = GOLDEN.expired.address;
const VALID = GOLDEN.valid.address;
const SERVERS = GOLDEN.servers;
const ready = chromiumAvailable() && missingBinaries([...SERVERS]).length === 0;

async function runChecks(page: Page, host: string): Promise<void> {
  await page.getByTestId('paste').fill(PASTE);
  await page.getByTestId('event-card').first().waitFor({ timeout: 10_000 });
  await page.getByTestId('host-input').fill(host);
  await page.getByTestId('run-checks').click();
  await expect
    .poll(() => page.getByTestId('check-state').getAttribute('data-phase'), { timeout: 60_000 })
    .toMatch(/done|failed/);
  expect(await page.getByTestId('check-state').getAttribute('data-phase')).toBe('done');
  // The fixes are ranked again with the last results (in the popup's worker) before they count.
  await page.locator('[data-testid=fixes-section][data-state=current]').waitFor({ timeout: 30_000 });
}

const firstFix = (page: Page) => page.getByTestId('fix').first().getAttribute('data-fix');

describe.runIf(ready)('golden path: pasted error → checks → ranked fix', () => {
  let servers: ServerSet;
  let b: Launched;
  beforeAll(async () => {
    servers = await startRdpServers([...SERVERS], {
      addressOf: (n) => (n === 'xrdp-negotiate-expired' ? EXPIRED : VALID),
    });
    b = await launch();
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await servers?.stop();
  });

  it('expired certificate: the finding shows it with evidence and the certificate fix comes first', async () => {
    const page = await b.openPage('extension/popup/index.html');
    await page.setViewportSize(POPUP_VIEWPORT);
    await page.screenshot({ path: artifactPath('golden-1-open.png'), fullPage: true });
    await runChecks(page, EXPIRED);
    const cert = page.locator('[data-testid=check-result][data-check=certificate]');
    expect(await cert.getAttribute('data-status')).toBe('fail');
    const expired = cert.locator('[data-finding=cert-expired]');
    expect(await expired.textContent()).toMatch(GOLDEN.expired.evidence);
    expect(await firstFix(page)).toBe(GOLDEN.expired.firstFix);
    const top = page.getByTestId('fix').first();
    expect(await top.getByTestId('fix-why').textContent()).toMatch(/certificate/i);
    expect(await top.locator('details').getAttribute('open')).not.toBeNull();
    expect(await page.locator('[data-testid=cause][data-cause=cert-expired]').getAttribute('data-level')).toBe(
      'confirmed',
    );
    // The richest screen (findings, causes, fixes with commands) passes the accessibility audit too.
    await page.evaluate(AXE_SOURCE);
    const violations = (await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(d: Document): Promise<{ violations: unknown[] }> } }).axe;
      return (await axe.run(document)).violations;
    })) as { id: string; impact: string | null }[];
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await page.setViewportSize(POPUP_VIEWPORT);
    await page.screenshot({ path: artifactPath('golden-2-expired-certificate.png'), fullPage: true });

    // Copy report → the Markdown report with the finding and the fix is on the clipboard.
    await page.getByTestId('copy-report').click();
    await expect.poll(() => page.getByTestId('copy-report').textContent()).toBe('Copied');
    // Read it back the way a person would: paste with the keyboard into a scratch box.
    const report = await pasteBack(page);
    expect(report).toMatch(/^# /);
    expect(report).toContain('expired');
    expect(report).toContain(`${EXPIRED}:3389`);
    expect(report).toMatch(/Regenerate the server's self-signed RDP certificate/);

    // The host is remembered for next time, by the background (not in storage.local, which content
    // scripts can reach in Firefox).
    const recent = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'history-get' }))) as string[];
    expect(recent[0]).toBe(EXPIRED);
    expect(await b.worker.evaluate(() => chrome.storage.local.get('recentHosts'))).toEqual({});
    await page.close();
  }, 120_000);

  it('valid certificate: the certificate fix is not first', async () => {
    const page = await b.openPage('extension/popup/index.html');
    // The server checked last is offered first.
    await expect.poll(() => page.getByTestId('host-input').inputValue()).toBe(EXPIRED);
    await runChecks(page, VALID);
    const cert = page.locator('[data-testid=check-result][data-check=certificate]');
    expect(await cert.getAttribute('data-status')).not.toBe('fail');
    expect(await cert.locator('[data-finding=cert-expired]').count()).toBe(0);
    expect(await cert.locator('[data-finding=cert-valid]').count()).toBe(1);
    expect(await firstFix(page)).not.toBe('regenerate-rdp-certificate');
    expect(await page.locator('[data-testid=cause][data-cause=cert-expired]').count()).toBe(0);
    await page.setViewportSize(POPUP_VIEWPORT);
    await page.screenshot({ path: artifactPath('golden-3-valid-certificate.png'), fullPage: true });
    await page.close();
  }, 120_000);

  it('a closed port is a finding, not a crash', async () => {
    const page = await b.openPage('extension/popup/index.html');
    await page.getByTestId('host-input').fill('127.0.0.52:3389');
    await page.getByTestId('run-checks').click();
    await expect
      .poll(() => page.getByTestId('check-state').getAttribute('data-phase'), { timeout: 60_000 })
      .toMatch(/done|failed/);
    expect(await page.locator('[data-testid=check-result][data-check=reachability]').getAttribute('data-status')).toBe(
      'fail',
    );
    await page.close();
  }, 120_000);
});

if (chromiumAvailable() && !ready) {
  it('RDP servers for the golden path are installed', () => {
    throw new Error(`Missing binaries for the golden-path e2e: ${missingBinaries([...SERVERS]).join(', ')}`);
  });
}

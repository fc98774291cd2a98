import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, chromiumAvailable, type Launched, launch } from './browser.js';
import { pasteBack } from './pages-ui.js';

const ID = '2f8a9c61-3d0e-4b7a-9a1e-5c6d7e8f9012';
const WS = '11111111-2222-3333-4444-555555555555';
const RID = `/subscriptions/${WS}/resourceGroups/rg-avd/providers/Microsoft.OperationalInsights/workspaces/law-avd`;
const DIALOG = [
  "We couldn't connect because there are currently no available resources. Try again later or contact tech support for help if this keeps happening.",
  'Error code: 0x3000046',
  'Extended error code: 0x0',
  'Timestamp (UTC): 2025-07-19T03:14:35.123Z',
  `Activity ID: ${ID}`,
].join('\n');

describe.runIf(chromiumAvailable())('popup: Azure Virtual Desktop logs for an Activity ID', () => {
  let b: Launched;
  beforeAll(async () => {
    b = await launch({ installHost: false });
  });
  afterAll(async () => {
    await b?.close();
  });

  it('shows the query for the dialog and its copy button puts exactly that query on the clipboard', async () => {
    const page = await b.openPage('extension/popup/index.html');
    await page.getByTestId('paste').fill(DIALOG);
    const activity = page.getByTestId('avd-activity');
    await activity.first().waitFor({ timeout: 10_000 });
    expect(await activity.count()).toBe(1);
    expect(await activity.getAttribute('data-activity-id')).toBe(ID);
    const kql = (await page.getByTestId('avd-query-correlation').getByTestId('avd-kql').textContent()) ?? '';
    expect(kql).toContain(`let activityId = "${ID}";`);
    expect(kql).toContain('union isfuzzy=true WVDConnections, WVDCheckpoints, WVDErrors');
    expect(kql).toContain('datetime(2025-07-18T03:14:35.123Z) .. datetime(2025-07-19T05:14:35.123Z)');
    // No workspace yet: the page says where to set it, and there is no portal link.
    expect(await page.getByTestId('avd-no-workspace').count()).toBe(1);
    expect(await page.getByTestId('avd-portal-correlation').count()).toBe(0);
    expect(await page.getByTestId('avd-owner').getAttribute('data-basis')).toBe('catalogue');

    await page.getByTestId('avd-copy-kql-correlation').click();
    await expect.poll(() => page.getByTestId('avd-copy-kql-correlation').textContent()).toBe('Copied');
    expect(await pasteBack(page)).toBe(kql);
    await page.setViewportSize({ width: 470, height: 1400 });
    await page.screenshot({ path: artifactPath('avd-logs-popup.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('with the workspace saved in Options, the Azure CLI command names it and the portal link opens the query', async () => {
    const options = await b.openPage('extension/options/index.html');
    await options.getByTestId('avd-workspace-id').fill('not-a-guid');
    await options.getByTestId('avd-workspace-save').click();
    await options.getByTestId('avd-workspace-id-error').waitFor({ timeout: 5000 });
    await options.getByTestId('avd-workspace-id').fill(WS);
    await options.getByTestId('avd-workspace-rid').fill(RID);
    await options.getByTestId('avd-workspace-save').click();
    await expect.poll(() => options.getByTestId('saved').textContent()).toBe('Saved.');
    const stored = await b.worker.evaluate(() => chrome.storage.local.get('avdWorkspace'));
    expect(stored).toEqual({ avdWorkspace: { workspaceId: WS, workspaceResourceId: RID } });
    // Local only: nothing went to the synced settings.
    expect(JSON.stringify(await b.worker.evaluate(() => chrome.storage.sync.get(null)))).not.toContain(WS);
    await options.close();

    const page = await b.openPage('extension/popup/index.html');
    await page.getByTestId('paste').fill(DIALOG);
    await page.getByTestId('avd-activity').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('avd-no-workspace').count()).toBe(0);
    const link = await page.getByTestId('avd-portal-correlation').getAttribute('href');
    expect(link).toContain(encodeURIComponent(RID));
    expect(decodeURIComponent(link ?? '')).toContain(`let activityId = "${ID}";`);
    await page.getByTestId('avd-copy-cli-scope').click();
    await expect.poll(() => page.getByTestId('avd-copy-cli-scope').textContent()).toBe('Copied');
    const cli = await pasteBack(page);
    expect(cli.startsWith(`az monitor log-analytics query --workspace ${WS} --analytics-query '`)).toBe(true);
    expect(cli).toContain('dcountif(CorrelationId, UserName =~ user)');
    await page.close();
  }, 60_000);

  it('pasted WVDErrors rows with ServiceError = true: Microsoft owns the fix, support case first', async () => {
    const rows = JSON.stringify([
      {
        CorrelationId: ID,
        ServiceError: 'True',
        Source: 'RDBroker',
        CodeSymbolic: 'ConnectionFailedNoHealthyRdshAvailable',
      },
    ]);
    const page = await b.openPage('extension/popup/index.html');
    await page.getByTestId('paste').fill(`${DIALOG}\n\n${rows}`);
    const owner = page.getByTestId('avd-owner');
    await owner.first().waitFor({ timeout: 10_000 });
    expect(await owner.getAttribute('data-owner')).toBe('microsoft');
    expect(await owner.textContent()).toContain('Microsoft service — open a support case with this Activity ID');
    expect(await page.getByTestId('avd-support-case').textContent()).toContain(ID);
    await page.getByTestId('paste').fill(`${DIALOG}\n\n${rows.replace('"True"', '"False"')}`);
    await expect.poll(() => owner.getAttribute('data-owner')).toBe('customer');
    expect(await page.getByTestId('avd-support-case').count()).toBe(0);
    // Broker-side failure on your side: the session-host fix leads the owner's list.
    expect(await page.getByTestId('avd-owner-fixes').locator('li').first().getAttribute('data-fix')).toBe(
      'check-avd-session-host',
    );
    await page.close();
  }, 60_000);
});

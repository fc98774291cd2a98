/**
 * The servers checked before are the person's: a web page's content script (the extension's own code,
 * running inside the page) can neither read the list nor remove a host from it. The message is sent
 * from the content script's real isolated world (found through the DevTools protocol) on an annotated
 * page served over HTTPS on loopback; the list is then read back from an extension page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, type Launched, launch } from './browser.js';
import { type PagesServer, startPagesServer } from './pages-server.js';
import { cdp, readMarks } from './pages-ui.js';

const POLL = { timeout: 15_000, interval: 200 };

describe.runIf(chromiumAvailable())('history access', () => {
  let srv: PagesServer;
  let b: Launched;
  beforeAll(async () => {
    srv = await startPagesServer();
    b = await launch({ installHost: false, args: srv.chromiumArgs });
  });
  afterAll(async () => {
    await b?.close();
    await srv?.close();
  });

  it('a content script cannot read the servers checked before, nor remove one', async () => {
    const options = await b.openPage('extension/options/index.html');
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'history-remember', host: 'kept.example.test' }));

    const page = await b.context.newPage();
    const session = await cdp(page);
    const worlds: { id: number; origin: string; type: string }[] = [];
    session.on(
      'Runtime.executionContextCreated',
      (e: { context: { id: number; origin: string; auxData?: { type?: string } } }) => {
        worlds.push({ id: e.context.id, origin: e.context.origin, type: e.context.auxData?.type ?? '' });
      },
    );
    await session.send('Runtime.enable');
    await page.goto(`${srv.origin('client.wvd.microsoft.com')}/RDWeb/webclient/index.html`);
    // The content script is running (it marked the page's codes).
    await expect.poll(async () => (await readMarks(page))?.size ?? 0, POLL).toBeGreaterThan(0);
    const world = worlds.find((w) => w.type === 'isolated' && w.origin === `chrome-extension://${b.extensionId}`);
    expect(world).toBeDefined();
    const inContentScript = async (expression: string) => {
      const r = (await session.send('Runtime.evaluate', {
        expression,
        contextId: world!.id,
        awaitPromise: true,
        returnByValue: true,
      })) as { result: { value?: unknown } };
      return r.result.value;
    };
    // It is the extension's content script: it has the extension's runtime.
    expect(await inContentScript('chrome.runtime.id')).toBe(b.extensionId);
    const ask = (msg: object) =>
      inContentScript(
        `chrome.runtime.sendMessage(${JSON.stringify(msg)}).then((v) => ({ answer: v ?? null }), (e) => ({ refused: String(e) }))`,
      );
    for (const msg of [
      { type: 'history-remove', host: 'kept.example.test' },
      { type: 'history-clear' },
      { type: 'history-outcome', host: 'kept.example.test', outcome: 'healthy' },
      { type: 'history-get' },
      { type: 'history-entries' },
    ]) {
      const r = (await ask(msg)) as { answer?: unknown; refused?: string };
      expect(r.answer ?? null, msg.type).toBeNull();
    }
    // The list is as it was.
    expect(await options.evaluate(() => chrome.runtime.sendMessage({ type: 'history-get' }))).toEqual([
      'kept.example.test',
    ]);
    await page.close();
    await options.close();
  });
});

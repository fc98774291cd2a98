/**
 * A hostile page on a site where the content script runs (https://portal.azure.com, served on
 * loopback by the e2e pages server) tries every route to the helper: window.postMessage, custom DOM
 * events, a direct runtime.sendMessage from the page, forged runtime messages and a forged checks
 * port from the content script's own isolated world (as a compromised content script would), and
 * an oversized selection. A loopback listener (127.0.0.220) named in every attempt must see no
 * connection, and no helper process may start; a check from the extension's own page then reaches
 * the same listener, which shows the counter counts.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, EXTENSION_ID, type Launched, launch } from '../e2e/browser.js';
import { type PagesServer, startPagesServer } from '../e2e/pages-server.js';
import { helpersOf } from '../faults/procs.js';
import { startTripwire, type Tripwire } from './tripwire.js';

const ADDRESS = '127.0.0.220';
const POLL = { timeout: 30_000, interval: 100 };
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

function hostilePage(target: string, port: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Azure Virtual Desktop</title></head><body>
<h1>Remote Desktop connection failed</h1>
<p id="err">Remote Desktop can't connect to the remote computer ${target}:${port}. Error code: 0x204. Extended error code: 0x0.</p>
<div id="big"></div>
<script>
  const req = { type: 'probe', id: 'p1', host: '${target}', port: ${port}, timeoutMs: 2000 };
  const run = { type: 'run-checks', host: '${target}', port: ${port}, timeoutMs: 2000 };
  const all = [req, run, { type: 'helper-status' }, { type: 'open-full-view', text: '${target}:${port}' }];
  window.__attempts = [];
  for (const m of all) {
    window.postMessage(m, '*');
    window.postMessage(JSON.stringify(m), '*');
    for (const name of ['message', 'rdp-doctor', 'rdp-doctor-probe', 'run-checks', 'probe', 'explain']) {
      document.dispatchEvent(new CustomEvent(name, { detail: m, bubbles: true }));
      window.dispatchEvent(new CustomEvent(name, { detail: m }));
    }
  }
  try {
    chrome.runtime.sendMessage('${EXTENSION_ID}', run, () => {});
    window.__attempts.push('sendMessage accepted');
  } catch (e) { window.__attempts.push('sendMessage: ' + e.message); }
  try {
    chrome.runtime.connect('${EXTENSION_ID}', { name: 'rdp-doctor-checks' }).postMessage(run);
    window.__attempts.push('connect accepted');
  } catch (e) { window.__attempts.push('connect: ' + e.message); }
</script></body></html>`;
}

/** The content script's isolated world in the page's main frame (waits for it). */
async function contentWorld(cdp: CDPSession, extensionId: string): Promise<number> {
  const worlds: { id: number; origin: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
  await cdp.send('Runtime.enable');
  for (let i = 0; i < 300; i++) {
    const w = worlds.find((c) => c.auxData?.type === 'isolated' && c.origin.includes(extensionId));
    if (w) return w.id;
    await settle(100);
  }
  throw new Error(`the content script never ran: worlds ${JSON.stringify(worlds)}`);
}

/** What a compromised content script can try, run inside the content script's world. */
const COMPROMISED = (target: string, port: number) => `(async () => {
  const run = { type: 'run-checks', host: '${target}', port: ${port}, timeoutMs: 2000 };
  const out = {};
  const ask = async (m) => {
    try { const r = await chrome.runtime.sendMessage(m); return r === undefined ? 'no answer' : JSON.stringify(r); }
    catch (e) { return 'refused: ' + e.message; }
  };
  out.status = await ask({ type: 'helper-status' });
  out.runChecks = await ask(run);
  out.probe = await ask({ type: 'probe', id: 'p1', host: '${target}', port: ${port}, timeoutMs: 2000 });
  out.ping = await ask({ type: 'ping', id: 'x' });
  out.oversizedFullView = await ask({ type: 'open-full-view', text: '${target}:${port} '.repeat(400000) });
  // Allowed for content scripts: opens the full view with the text; it must not start a check by itself.
  out.fullView = await ask({ type: 'open-full-view', text: 'Error code: 0x204 on ${target}:${port}' });
  // Plant the target in the history of checked servers, which the popup starts from.
  try { await chrome.storage.local.set({ recentHosts: ['${target}:${port}'] }); out.history = 'written'; }
  catch (e) { out.history = 'refused: ' + e.message; }
  out.connectNative = typeof chrome.runtime.connectNative;
  out.sendNativeMessage = typeof chrome.runtime.sendNativeMessage;
  out.port = await new Promise((resolve) => {
    const got = [];
    let p;
    try { p = chrome.runtime.connect({ name: 'rdp-doctor-checks' }); } catch (e) { resolve('refused: ' + e.message); return; }
    p.onMessage.addListener((m) => got.push(m));
    p.onDisconnect.addListener(() => resolve({ disconnected: true, got }));
    p.postMessage(run);
    setTimeout(() => resolve({ disconnected: false, got }), 3000);
  });
  return out;
})()`;

describe.runIf(chromiumAvailable())('a hostile page cannot reach the helper', () => {
  let srv: PagesServer;
  let b: Launched;
  let wire: Tripwire;
  let port = 0;
  let page: Page;

  beforeAll(async () => {
    wire = await startTripwire(ADDRESS);
    port = wire.port;
    srv = await startPagesServer();
    b = await launch({ args: srv.chromiumArgs });
    await b.context.route('**/hostile/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: hostilePage(ADDRESS, port) }),
    );
  });
  afterAll(async () => {
    await b?.close();
    await srv?.close();
    await wire?.close();
  });

  it('page-world routes: postMessage, custom events and runtime messaging from the page do nothing', async () => {
    page = await b.context.newPage();
    await page.goto(`${srv.origin('portal.azure.com')}/hostile/index.html`);
    const attempts = await page.evaluate(() => (window as unknown as { __attempts: string[] }).__attempts);
    // Without externally_connectable a page has no runtime messaging to the extension at all.
    expect(attempts.length).toBe(2);
    expect(attempts.every((a) => !a.includes('accepted'))).toBe(true);
    await settle(1500);
    expect(wire.connections).toBe(0);
  });

  it('a compromised content script: forged messages and a forged checks port are refused; an oversized selection is harmless', async () => {
    const cdp = await b.context.newCDPSession(page);
    const world = await contentWorld(cdp, b.extensionId);
    const r = await cdp.send('Runtime.evaluate', {
      expression: COMPROMISED(ADDRESS, port),
      contextId: world,
      awaitPromise: true,
      returnByValue: true,
    });
    const out = r.result.value as Record<string, unknown>;
    if (process.env.DEBUG_HOSTILE) console.log(JSON.stringify(out).slice(0, 600));
    expect(out, JSON.stringify(r.exceptionDetails ?? null)).toBeDefined();
    expect(out.connectNative).toBe('undefined');
    expect(out.sendNativeMessage).toBe('undefined');
    for (const k of ['status', 'runChecks', 'probe', 'ping', 'oversizedFullView']) {
      expect(String(out[k]), k).toMatch(/^(no answer|refused: )/);
    }
    expect(out.port).toEqual({ disconnected: true, got: [] });
    expect(String(out.history)).toMatch(/^refused: /);
    expect(out.fullView).toBe('{"ok":true}');
    await expect.poll(() => b.context.pages().some((p) => p.url().includes('view=full')), POLL).toBe(true);
    const fullView = b.context.pages().find((p) => p.url().includes('view=full'))!;
    await fullView.getByTestId('check-state').waitFor({ ...POLL, state: 'attached' });
    expect(await fullView.getByTestId('check-state').getAttribute('data-phase')).toBe('idle');

    // An oversized selection (2 MB of codes and addresses), selected and right-clicked.
    await page.evaluate((target) => {
      const big = document.getElementById('big')!;
      big.textContent = `Error code: 0x204 ${target} `.repeat(70_000);
      getSelection()?.selectAllChildren(document.body);
      for (const type of ['selectionchange', 'mouseup', 'contextmenu']) document.dispatchEvent(new Event(type));
    }, `${ADDRESS}:${port}`);
    await settle(2000);
    expect(await page.evaluate(() => document.title)).toBe('Azure Virtual Desktop'); // the page still runs
    expect(wire.connections).toBe(0);
    expect(helpersOf(b.userDataDir)).toEqual([]);
  }, 60_000);

  it('the extension page itself does reach the listener (the zero above is real)', async () => {
    const popup = await b.openPage('extension/popup/index.html');
    // Nothing the page planted is offered as the server to check.
    await settle(500);
    expect(await popup.getByTestId('host-input').inputValue()).not.toContain(ADDRESS);
    await popup.getByTestId('host-input').fill(`${ADDRESS}:${port}`);
    await popup.getByTestId('run-checks').click();
    await expect.poll(() => wire.connections, POLL).toBeGreaterThan(0);
    await popup.close();
  }, 60_000);
});

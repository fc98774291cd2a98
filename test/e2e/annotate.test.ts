/**
 * Automatic annotation, end to end: the production build in real Chromium, on portal-like pages served
 * over HTTPS on loopback under the real host names (so the manifest's content-script matches apply).
 */
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { lookup } from '../../shared/catalog/index.js';
import { explainText } from '../../shared/explain/events.js';
import { artifactPath, chromiumAvailable } from './browser.js';
import { usePagesBrowser } from './pages-suite.js';
import { cardPoint, cdp, clickNode, expectedCodes, ownUi, readMarks, shadowMarked } from './pages-ui.js';
import { PORTAL } from './scenarios.js';

const POLL = { timeout: 15_000, interval: 200 };

/** Console errors and uncaught exceptions of a page and all its frames. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Every rendered `data-expect` element of a frame is covered by at least one mark. */
async function unmarked(frame: Frame | Page): Promise<string[]> {
  const want = await expectedCodes(frame);
  const got = await readMarks(frame);
  const have = new Set((got?.marks ?? []).map((m) => m.expect));
  return want.filter((w) => !have.has(w));
}

describe.runIf(chromiumAvailable())('annotation on portal-like pages', () => {
  const s = usePagesBrowser();

  it('marks every code in the shell, its shadow root, its srcdoc frame and the cross-origin blade, including late ones', async () => {
    const page = await s.b.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${s.srv.origin('portal.azure.com')}/portal/index.html`);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __lateAdded: boolean }).__lateAdded), POLL)
      .toBe(true);
    // Top frame: notifications, gateway error, and the notification added 2 s after load.
    await expect.poll(() => unmarked(page), POLL).toEqual([]);
    expect(await expectedCodes(page)).toContain('0x204');
    const top = (await readMarks(page))!;
    expect(top.marks.map((m) => m.text)).toEqual(expect.arrayContaining(['0x904', '0x7', '0x204']));
    // Nothing in noise (GUIDs, colours, flags), the KQL textarea or the hidden blade.
    expect(top.marks.filter((m) => m.noise)).toEqual([]);
    expect(top.marks.filter((m) => m.expect === null)).toEqual([]);
    expect(await shadowMarked(page, 'shadow-host')).toBe(true);
    // The srcdoc frame (no content script of its own) and the cross-origin blade frame.
    const srcdoc = page.frames().find((f) => f.url() === 'about:srcdoc')!;
    await expect.poll(() => unmarked(srcdoc), POLL).toEqual([]);
    const blade = page.frames().find((f) => f.url().includes('reactblade.portal.azure.net'))!;
    expect(blade).toBeDefined();
    await expect.poll(() => unmarked(blade), POLL).toEqual([]);
    // The page's own text and DOM are untouched.
    const state = await page.evaluate(() => {
      const w = window as unknown as { __foreign: string[]; __kqlBefore: string; __errors: string[] };
      const kql = document.getElementById('kql') as HTMLTextAreaElement;
      return {
        foreign: w.__foreign,
        kql: kql.value === w.__kqlBefore && kql.defaultValue === w.__kqlBefore,
        marksInBody: document.body.querySelectorAll('mark, [data-rdp-doctor-ui]').length,
        pageErrors: w.__errors,
      };
    });
    expect(state).toEqual({ foreign: [], kql: true, marksInBody: 0, pageErrors: [] });
    await page.screenshot({ path: artifactPath('annotate-portal.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a mark inside an open shadow root shows its card on hover', async () => {
    const page = await s.b.context.newPage();
    await page.goto(`${s.srv.origin('portal.azure.com')}${PORTAL.path}`);
    await expect.poll(() => shadowMarked(page, PORTAL.shadowHost), POLL).toBe(true);
    const box = await page.evaluate((id) => {
      const root = document.getElementById(id)!.shadowRoot!;
      const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('rdp-doctor')!;
      const r = [...h].find((x) => !x.collapsed && root.contains(x.startContainer))!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }, PORTAL.shadowHost);
    const session = await cdp(page);
    await page.mouse.move(box.x, box.y, { steps: 3 });
    await expect
      .poll(async () => (await ownUi(session)).find((u) => u.kind === 'card')?.text ?? '', POLL)
      .toContain(PORTAL.shadowCode);
    await page.close();
  });

  it('keeps marks right through React-like re-renders and recycled list rows, without changing the page', async () => {
    const page = await s.b.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${s.srv.origin('sandbox-1.reactblade.portal.azure.net')}/blade/index.html`);
    // The renderer re-renders 8 times (in-place text updates and a keyed row replacement).
    await expect.poll(() => page.evaluate(() => (window as unknown as { __renders: number }).__renders), POLL).toBe(9);
    await expect.poll(() => unmarked(page), POLL).toEqual([]);
    // Each rendered row holds exactly one current mark per code (no stale marks from earlier renders).
    const marks = (await readMarks(page))!.marks;
    const rows = marks.filter((m) => m.expect !== '0x904');
    expect(rows.map((m) => m.text).sort()).toEqual(
      [
        '0x11',
        '0x3',
        'ConnectionFailedAdTrustedRelationshipFailure',
        'ERRCONNECT_CONNECT_TRANSPORT_FAILED',
        'HYBRID_REQUIRED_BY_SERVER',
      ].sort(),
    );
    // Scroll the virtualised list: rows are recycled (same text nodes, new text).
    for (const top of [700, 1900, 4440, 0]) {
      await page.evaluate((t) => {
        document.getElementById('list')!.scrollTop = t;
      }, top);
      await expect.poll(() => unmarked(page), POLL).toEqual([]);
      // A recycled row that no longer holds a code holds no mark.
      const stale = (await readMarks(page))!.marks.filter((m) => m.expect === null);
      expect(stale).toEqual([]);
    }
    const integrity = await page.evaluate(() => ({
      ...(window as unknown as { __integrity(): object }).__integrity(),
      foreign: (window as unknown as { __foreign: string[] }).__foreign,
    }));
    expect(integrity).toEqual({ failures: 0, renders: 9, foreign: [] });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explains a mark on hover and on keyboard focus, and turns itself off for the site from the card', async () => {
    const page = await s.b.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${s.srv.origin('portal.azure.com')}/portal/index.html`);
    await expect.poll(async () => (await readMarks(page))?.marks.map((m) => m.text), POLL).toContain('0x904');
    const session = await cdp(page);
    // Hover: move the real pointer over the code.
    const box = await page.evaluate(() => {
      const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('rdp-doctor')!;
      const r = [...h].find((x) => x.toString() === '0x904')!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.mouse.move(box.x - 40, box.y);
    await page.mouse.move(box.x, box.y, { steps: 4 });
    const summary = lookup('disconnect-reason', 0x904)!.summary;
    await expect
      .poll(async () => (await ownUi(session)).find((u) => u.kind === 'card')?.text ?? '', POLL)
      .toContain(summary);
    await page.screenshot({ path: artifactPath('annotate-hover-card.png') });
    // 0x904 is read with its extended code 0x7: the card says what the pair means, as explain does.
    const card = (await ownUi(session)).find((u) => u.kind === 'card')!;
    const pair = explainText('Error code: 0x904 Extended error code: 0x7').events[0]!;
    expect(card.text).toContain(pair.summary);
    expect(card.text).toContain(lookup('extended-reason', 0x7)!.summary);
    // Plain meaning first: the line under the card's title bar is the meaning; the code and its
    // symbolic name are details under it.
    const lines = card.text.split('\n');
    expect(lines[lines.indexOf('×') + 1]).toBe(pair.summary);
    expect(lines).toContain('0x904');
    expect(lines.filter((l) => l.includes('disconnectReasonAtClientWinsockFDCLOSE'))).toEqual([
      'Symbol: disconnectReasonAtClientWinsockFDCLOSE',
    ]);
    // The pointer can cross into the card and stay there; once it leaves code and card, the card goes,
    // even when the pointer then rests on the page.
    const inCard = await cardPoint(session, card.buttons[0]!.nodeId);
    await page.mouse.move(inCard.x, inCard.y, { steps: 4 });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await ownUi(session)).some((u) => u.kind === 'card')).toBe(true);
    await page.mouse.move(1200, 880);
    await expect.poll(async () => (await ownUi(session)).some((u) => u.kind === 'card'), POLL).toBe(false);
    // Back on the code, the card comes back.
    await page.mouse.move(box.x, box.y, { steps: 4 });
    await expect
      .poll(async () => (await ownUi(session)).find((u) => u.kind === 'card')?.text ?? '', POLL)
      .toContain(summary);
    // Keyboard: the overlay button over the code is focusable; focusing it shows the card.
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await ownUi(session)).some((u) => u.kind === 'card'), POLL).toBe(false);
    await page.keyboard.press('Tab'); // keyboard use builds the layer of focusable buttons over the marks
    await expect.poll(async () => (await ownUi(session)).some((u) => u.kind === 'keys'), POLL).toBe(true);
    const keys = (await ownUi(session)).find((u) => u.kind === 'keys')!;
    const button = keys.buttons.find((x) => x.label.endsWith('0x7'))!;
    expect(button).toBeDefined();
    await session.send('DOM.focus', { nodeId: button.nodeId });
    const ext = lookup('extended-reason', 0x7)!.summary;
    await expect
      .poll(async () => (await ownUi(session)).find((u) => u.kind === 'card')?.text ?? '', POLL)
      .toContain(ext);
    // Turn off on this site: the marks go away and the switch is stored.
    // A real (trusted) click: the card ignores synthetic ones. On a loaded machine the card can still be
    // moving when the click lands, so look the button up again and retry a few times.
    const portalOff = async () => {
      const settings = (await s.b.worker.evaluate(async () => (await chrome.storage.sync.get('settings')).settings)) as
        | { sites?: Record<string, boolean> }
        | undefined;
      return settings?.sites?.['azure-portal'] === false;
    };
    for (let attempt = 0; attempt < 4 && !(await portalOff()); attempt++) {
      const card = (await ownUi(session)).find((u) => u.kind === 'card');
      const off = card?.buttons.find((x) => x.text === 'Turn off on this site');
      if (off) await clickNode(page, session, off.nodeId);
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(await portalOff()).toBe(true);
    await expect.poll(async () => (await readMarks(page))?.size ?? 0, POLL).toBe(0);
    // And on again (as from the options page): marks come back without a reload.
    await s.b.worker.evaluate(async () => {
      const settings = (await chrome.storage.sync.get('settings')).settings as { sites: Record<string, boolean> };
      await chrome.storage.sync.set({ settings: { ...settings, sites: { ...settings.sites, 'azure-portal': true } } });
    });
    await expect.poll(async () => (await readMarks(page))?.marks.map((m) => m.text) ?? [], POLL).toContain('0x904');
    await page.close();
  });

  it('keyboard only: Tab reaches each marked code and shows its meaning; Escape closes the card', async () => {
    const page = await s.b.context.newPage();
    await page.goto(`${s.srv.origin('client.wvd.microsoft.com')}/RDWeb/thread.html`);
    await expect.poll(async () => (await readMarks(page))?.marks.map((m) => m.text) ?? [], POLL).toContain('0x7');
    const session = await cdp(page);
    const cardText = async () => (await ownUi(session)).find((u) => u.kind === 'card')?.text ?? '';
    // The card's first code is the one focused; each Tab moves to the next marked code in reading order.
    const cardCode = async () => /^0x[0-9A-F]+$/m.exec(await cardText())?.[0] ?? null;
    for (const code of ['0x904', '0x7', '0x204']) {
      await page.keyboard.press('Tab');
      await expect.poll(cardCode, POLL).toBe(code);
    }
    await page.keyboard.press('Escape');
    await expect.poll(cardText, POLL).toBe('');
    await page.close();
  });

  it('a hostile page runs no script through the annotator and cannot drive it', async () => {
    const page = await s.b.context.newPage();
    const tabsBefore = s.b.context.pages().length;
    await page.goto(`${s.srv.origin('client.wvd.microsoft.com')}/RDWeb/hostile.html`);
    // Codes beside markup-looking text are marked, including one 2 MB into a huge text node.
    await expect.poll(() => unmarked(page), { ...POLL, timeout: 30_000 }).toEqual([]);
    const session = await cdp(page);
    const box = await page.evaluate(() => {
      const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('rdp-doctor')!;
      const r = [...h].find((x) => x.toString() === '0x904')!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.mouse.move(box.x, box.y, { steps: 3 });
    await expect.poll(async () => (await ownUi(session)).some((u) => u.kind === 'card'), POLL).toBe(true);
    await page.waitForFunction(() => true); // let the page's 200 ms attempts run against the open card
    await page.evaluate(() => new Promise((r) => setTimeout(r, 1000)));
    const state = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      images: document.images.length,
      shadowVisible: [...document.querySelectorAll('[data-rdp-doctor-ui]')].some((e) => e.shadowRoot !== null),
      errors: (window as unknown as { __errors: string[] }).__errors,
    }));
    expect(state).toEqual({ pwned: null, images: 0, shadowVisible: false, errors: [] });
    // The page's postMessage / CustomEvent attempts opened nothing and changed no setting.
    expect(s.b.context.pages().length).toBe(tabsBefore);
    const stored = await s.b.worker.evaluate(async () => (await chrome.storage.sync.get('settings')).settings ?? null);
    expect((stored as { sites?: Record<string, boolean> } | null)?.sites?.['avd-web-client'] ?? true).toBe(true);
    // Nothing was fetched but the page itself.
    expect(
      s.srv.requests.filter((r) => r.startsWith('client.wvd.microsoft.com')).map((r) => r.replace(/^[^/]+/, '')),
    ).toEqual(expect.arrayContaining(['/RDWeb/hostile.html', '/RDWeb/hostile.js']));
    expect(s.srv.requests.filter((r) => !/^[a-z0-9.-]+:\d+\/(portal|blade|RDWeb|forum|favicon)/.test(r))).toEqual([]);
    await page.close();
  });
});

if (!chromiumAvailable()) {
  it('chromium is installed (required for e2e)', () => {
    throw new Error('Chromium not found at /usr/bin/chromium: install the Debian package "chromium".');
  });
}

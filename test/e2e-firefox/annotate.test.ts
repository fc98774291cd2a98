/**
 * Annotation, the context-menu card and the options page in real Firefox, on pages served over HTTPS
 * on loopback under their real host names: the manifest's content-script matches apply as in use.
 * One browser for the whole file.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PagesServer, startPagesServer } from '../e2e/pages-server.js';
import { expectedInPage, marksInPage, shadowMarkedInPage } from '../e2e/pages-ui.js';
import { decodePng, markTintShare } from '../e2e/png.js';
import { CARD, PORTAL, RD_WEB } from '../e2e/scenarios.js';
import { byTestId, POLL } from './dom.js';
import { type Firefox, firefoxAvailable, GECKO_ID, launchFirefox, shot } from './firefox.js';

async function unmarked(frame: Page | Frame): Promise<string[]> {
  const want = await frame.evaluate(expectedInPage);
  const got = await frame.evaluate(marksInPage);
  const have = new Set((got?.marks ?? []).map((m) => m.expect));
  return want.filter((w) => !have.has(w));
}

const markTexts = async (frame: Page | Frame) => ((await frame.evaluate(marksInPage))?.marks ?? []).map((m) => m.text);

/** Where the first mark inside an open shadow root is drawn (main world reads the registry). */
function shadowMarkRect(page: Page, hostId: string) {
  return page.evaluate((id) => {
    const root = document.getElementById(id)?.shadowRoot;
    const h = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights?.get('rdp-doctor');
    const r = [...(h ?? [])].find((x) => !x.collapsed && root?.contains(x.startContainer));
    const b = r?.getBoundingClientRect();
    return b ? { x: b.left, y: b.top, width: b.width, height: b.height } : null;
  }, hostId);
}

const cardShown = (page: Page) => page.$('[data-rdp-doctor-ui="card"]').then((e) => e !== null);

/** The text a screen reader gets from the selected tab (closed shadow roots included). */
function accessibleText(ff: Firefox): Promise<string> {
  return ff.chrome<string>(`
    const svc = Cc['@mozilla.org/accessibilityService;1'].getService(Ci.nsIAccessibilityService);
    const out = [];
    const walk = (a, depth) => {
      if (!a || depth > 60) return;
      if (a.role === Ci.nsIAccessibleRole.ROLE_TEXT_LEAF || a.role === Ci.nsIAccessibleRole.ROLE_PUSHBUTTON) out.push(a.name ?? '');
      for (let c = a.firstChild; c; c = c.nextSibling) walk(c, depth + 1);
    };
    walk(svc.getAccessibleFor(gBrowser.selectedBrowser), 0);
    return out.join('\\n');`);
}

describe.runIf(firefoxAvailable())('Firefox: annotation, context menu and options', () => {
  let srv: PagesServer;
  let ff: Firefox;
  beforeAll(async () => {
    srv = await startPagesServer();
    // Optional permission requests are granted without the doorhanger (the prompt is Firefox's own UI).
    ff = await launchFirefox({
      installHost: false,
      pages: srv,
      prefs: { 'extensions.webextOptionalPermissionPrompts': false },
    });
  }, 120_000);
  afterAll(async () => {
    await ff?.close();
    await srv?.close();
  });

  it('asks at install for the Microsoft sites only, not for every site', async () => {
    const origins = await ff.chrome<string[]>(
      `return WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).allowedOrigins.patterns.map((p) => p.pattern);`,
    );
    const sites = origins.filter((o) => !o.startsWith('moz-extension:'));
    expect(sites.length).toBeGreaterThan(0);
    for (const o of sites)
      expect(o).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]*(azure\.com|azure\.net|microsoft\.com|microsoft)\/\*$/);
  });

  it('marks the portal shell, late content, the srcdoc and cross-origin blade frames and an open shadow root — painted', async () => {
    const page = await ff.browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${srv.origin('portal.azure.com')}${PORTAL.path}`);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __lateAdded: boolean }).__lateAdded), POLL)
      .toBe(true);
    await expect.poll(() => unmarked(page), POLL).toEqual([]);
    expect(await markTexts(page)).toEqual(expect.arrayContaining([...PORTAL.top]));
    expect((await page.evaluate(marksInPage))?.marks.filter((m) => m.noise || m.expect === null)).toEqual([]);
    expect(await page.evaluate(shadowMarkedInPage, PORTAL.shadowHost)).toBe(true);
    const srcdoc = page.frames().find((f) => f.url() === 'about:srcdoc');
    expect(srcdoc).toBeDefined();
    await expect.poll(() => unmarked(srcdoc!), POLL).toEqual([]);
    const blade = page.frames().find((f) => f.url().includes(PORTAL.bladeHost));
    expect(blade).toBeDefined();
    await expect.poll(() => unmarked(blade!), POLL).toEqual([]);
    expect(await page.evaluate(() => document.body.querySelectorAll('mark, [data-rdp-doctor-ui]').length)).toBe(0);

    // The shadow-root mark is drawn, not only registered (Firefox applies the page's ::highlight rule
    // to the document tree only).
    const rect = (await shadowMarkRect(page, PORTAL.shadowHost))!;
    expect(rect).not.toBeNull();
    const png = await page.screenshot({ clip: rect, type: 'png' });
    expect(markTintShare(decodePng(png))).toBeGreaterThan(0.2);
    await shot(page, 'annotate-portal');

    // Hovering that mark shows the card (the hit test has to look into the shadow root).
    await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2, { steps: 3 });
    await expect.poll(() => cardShown(page), POLL).toBe(true);
    // The card's own button (the page's text is in the accessible tree too).
    await expect.poll(() => accessibleText(ff), POLL).toContain('Turn off on this site');
    await shot(page, 'annotate-shadow-hover');
    await page.close();
  }, 90_000);

  it('Explain this error: the context-menu item shows the card next to the selection', async () => {
    const page = await ff.browser.newPage();
    await page.goto(`${srv.origin('forum.example.test')}${CARD.page}`);
    const box = await page.evaluate((id) => {
      const el = document.getElementById(id)!;
      const range = document.createRange();
      range.selectNodeContents(el);
      const sel = getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      const b = el.getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2, text: sel.toString() };
    }, CARD.selectionId);
    expect(box.text).toBe(CARD.selection);
    await page.mouse.click(box.x, box.y, { button: 'right' });
    const activated = await ff.chrome<string>(`
      const menu = document.getElementById('contentAreaContextMenu');
      for (let i = 0; i < 100 && menu.state !== 'open'; i++) await new Promise((r) => setTimeout(r, 50));
      const item = [...menu.querySelectorAll('menuitem')].find((m) => m.label === 'Explain this error');
      if (!item) { menu.hidePopup(); return 'no item: ' + menu.state; }
      menu.activateItem(item);
      return item.label;`);
    expect(activated).toBe('Explain this error');
    await expect.poll(() => cardShown(page), POLL).toBe(true);
    await expect.poll(() => accessibleText(ff), POLL).toContain(CARD.heading);
    const said = await accessibleText(ff);
    expect(said).toContain(CARD.actor);
    expect(said).toContain(CARD.checkButton);
    await shot(page, 'context-menu-card');
    await page.close();
  }, 60_000);

  it('options: a site switch turns marking off and on without a reload', async () => {
    const portal = await ff.browser.newPage();
    await portal.goto(`${srv.origin('portal.azure.com')}${PORTAL.path}`);
    await expect.poll(() => markTexts(portal), POLL).toContain('0x904');
    const options = await ff.open('extension/options/index.html');
    await options.locator(byTestId('site-azure-portal')).click();
    await expect.poll(() => markTexts(portal), POLL).toEqual([]);
    await options.locator(byTestId('site-azure-portal')).click();
    await expect.poll(() => markTexts(portal), POLL).toContain('0x904');
    await options.close();
    await portal.close();
  }, 60_000);

  it('options: site access withheld in about:addons is shown, and the button asks for it again', async () => {
    const withhold = `
      const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
      const policy = WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)});
      await ExtensionPermissions.remove(policy.id, { permissions: [], origins: ['https://portal.azure.com/*'] }, policy.extension);
      return policy.allowedOrigins.patterns.map((p) => p.pattern);`;
    const left = await ff.chrome<string[]>(withhold);
    expect(left).not.toContain('https://portal.azure.com/*');
    const options = await ff.open('extension/options/index.html');
    await expect.poll(() => options.$(byTestId('site-access-azure-portal')).then((e) => e !== null), POLL).toBe(true);
    await shot(options, 'options-withheld', true);
    await options.locator(byTestId('site-allow-azure-portal')).click();
    await expect.poll(() => options.$(byTestId('site-access-azure-portal')).then((e) => e === null), POLL).toBe(true);
    const portal = await ff.browser.newPage();
    await portal.goto(`${srv.origin('portal.azure.com')}${PORTAL.path}`);
    await expect.poll(() => markTexts(portal), POLL).toContain('0x904');
    await portal.close();
    await options.close();
  }, 60_000);

  it('RD Web is off until its address is added; then its pages are marked', async () => {
    const url = `${srv.origin(RD_WEB.host)}${RD_WEB.path}`;
    const before = await ff.browser.newPage();
    await before.goto(url);
    await new Promise((r) => setTimeout(r, 1500)); // content scripts run at document_idle
    expect(await before.evaluate(marksInPage)).toBeNull();
    await before.close();

    const options = await ff.open('extension/options/index.html');
    await options.locator(byTestId('custom-origin')).fill(srv.origin(RD_WEB.host));
    await options.locator(byTestId('custom-add')).click();
    await expect
      .poll(() => options.$eval(byTestId('custom-state'), (e) => e.getAttribute('data-state')).catch(() => null), POLL)
      .toBe('active');
    await shot(options, 'options-rd-web-added', true);
    const after = await ff.browser.newPage();
    await after.goto(url);
    await expect.poll(() => markTexts(after), POLL).toContain(RD_WEB.code);
    await after.close();
    await options.close();
  }, 60_000);

  it('logged no errors from the extension', async () => {
    expect(await ff.errors()).toEqual([]);
  });
});

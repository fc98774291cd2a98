/**
 * Popup speed and weight: first-render time of the built popup in real headless Chromium (the
 * `rdp-doctor-first-render` mark set right after Preact's synchronous render, and first contentful
 * paint), against a baseline measured in the same run — a one-line page, Chromium's floor for
 * painting anything — plus the bytes the popup loads (its HTML's scripts and styles and every chunk
 * they import), raw and gzipped, and the cost of explaining the golden-path text.
 *
 * Run: `npx tsx bench/popup.ts` (needs `npm run build` and Debian's chromium). Prints one JSON line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { explainText } from '../shared/explain/events.js';
import { chromiumAvailable, launch } from '../test/e2e/browser.js';
import { median, ROOT } from './util.js';

const RUNS = 15;
const DIST = join(ROOT, 'dist/chromium');
const GOLDEN = 'Error code: 0x904 Extended error code: 0x7';

/** Files the popup loads: from its HTML, following static imports between chunks. */
function popupFiles(): string[] {
  const html = readFileSync(join(DIST, 'extension/popup/index.html'), 'utf8');
  const queue = [...html.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const f = queue.shift()!;
    if (seen.has(f) || !existsSync(join(DIST, f))) continue;
    seen.add(f);
    if (!f.endsWith('.js')) continue;
    const src = readFileSync(join(DIST, f), 'utf8');
    for (const m of src.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) queue.push(`assets/${m[1]}`);
  }
  return [...seen];
}

function bundle() {
  const files = popupFiles();
  let bytes = 0;
  let gzip = 0;
  for (const f of files) {
    const data = readFileSync(join(DIST, f));
    bytes += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }
  return { files: files.length, KiB: +(bytes / 1024).toFixed(1), gzipKiB: +(gzip / 1024).toFixed(1) };
}

function explainCost(): number {
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    explainText(GOLDEN, { assumeRdp: true });
    times.push(performance.now() - t0);
  }
  return +median(times.slice(20)).toFixed(3);
}

async function render() {
  const b = await launch({ installHost: false });
  try {
    const popupRender: number[] = [];
    const popupFcp: number[] = [];
    const baseFcp: number[] = [];
    const page = await b.context.newPage();
    // A string, not a function: tsx's helpers (e.g. __name) do not exist in the page.
    const FCP_SCRIPT = `new Promise((resolve) => {
      const e = performance.getEntriesByName('first-contentful-paint')[0];
      if (e) return resolve(e.startTime);
      new PerformanceObserver((l) => {
        const p = l.getEntriesByName('first-contentful-paint')[0];
        if (p) resolve(p.startTime);
      }).observe({ type: 'paint', buffered: true });
    })`;
    const fcp = async () => Number(await page.evaluate(FCP_SCRIPT));
    for (let i = 0; i < RUNS + 2; i++) {
      await page.goto('data:text/html,<!doctype html><title>baseline</title><p>RDP Doctor</p>');
      const base = await fcp();
      await page.goto(`chrome-extension://${b.extensionId}/extension/popup/index.html`);
      await page.getByTestId('paste').waitFor();
      const mark = await page.evaluate(
        () => performance.getEntriesByName('rdp-doctor-first-render')[0]?.startTime ?? -1,
      );
      const paint = await fcp();
      if (i < 2) continue; // warm-up
      baseFcp.push(base);
      popupRender.push(mark);
      popupFcp.push(paint);
    }
    return { popupRender: median(popupRender), popupFcp: median(popupFcp), baseFcp: median(baseFcp) };
  } finally {
    await b.close();
  }
}

const size = bundle();
const explainMs = explainCost();
const r = chromiumAvailable() ? await render() : null;
console.log(
  JSON.stringify({
    name: 'popup',
    title: 'Popup first render and bundle size',
    baseline: 'first contentful paint of a one-line data: page in the same Chromium, same run',
    rows: [
      {
        measure: 'popup first render (ms after navigation start, median)',
        value: r ? r.popupRender.toFixed(1) : 'chromium not installed',
      },
      { measure: 'popup first contentful paint (ms, median)', value: r ? r.popupFcp.toFixed(1) : 'n/a' },
      { measure: 'baseline first contentful paint (ms, median)', value: r ? r.baseFcp.toFixed(1) : 'n/a' },
      { measure: 'popup FCP ÷ baseline FCP', value: r ? (r.popupFcp / r.baseFcp).toFixed(2) : 'n/a' },
      { measure: `popup bundle (${size.files} files) KiB`, value: size.KiB },
      { measure: 'popup bundle gzip KiB', value: size.gzipKiB },
      { measure: 'explain the golden-path text (ms, median, Node)', value: explainMs },
    ],
    notes: [`${RUNS} measured loads after 2 warm-ups; headless Chromium, no GPU.`],
  }),
);

/**
 * Annotation benchmark (`npx tsx bench/annotate.ts`, part of `npm run bench`): the production build's
 * content script in real headless Chromium on a generated portal-like page (≈ 51,000 nodes), side by
 * side, in the same run and browser, with
 * - the find-only floor: a TreeWalker over the page's text nodes running a plain code pattern, no writes;
 * - mark.js 8.11.1 `markRegExp` with that pattern (what a highlighter library costs);
 * - a control window in which nothing runs.
 *
 * Every approach starts on a loaded, quiet page (RDP Doctor's annotation is switched on through its
 * settings only then), and is measured per fresh page load (median of REPS) by:
 * - main-thread work: the renderer's task time (CDP `Performance.getMetrics` TaskDuration) from the start
 *   until 300 ms after the work is done, so style, layout and paint the work causes are counted;
 * - time until every mark is placed (RDP Doctor: from its start mark to the idle mark that first holds
 *   the final number of marks; mark.js: to the next rendered frame);
 * - the longest main-thread task (PerformanceObserver `longtask`, registered at document start).
 * Then a hostile page (10 MB of long runs, constant DOM churn) with and without RDP Doctor: its longest
 * task while annotating against the page's own. Prints one JSON object (last line); timings fail nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { chromiumAvailable, type Launched, launch, ROOT } from '../test/e2e/browser.js';
import { startPagesServer } from '../test/e2e/pages-server.js';
import { HOSTILE_CHARS, hostilePage, PORTAL_ROWS, portalPage } from './lib/annotate-pages.js';

const REPS = Number(process.env.BENCH_REPS ?? 3);
/** The plain pattern a highlighter would use (mark.js and the floor); RDP Doctor uses its detector. */
const PLAIN_RE = '\\b(?:0x[0-9a-f]{1,8}|ERRCONNECT_[A-Z_]+|ConnectionFailed[A-Za-z]+)\\b';
const HOSTILE_WINDOW_MS = 6000;

// tsx (esbuild keepNames) wraps named functions in `__name(...)`; functions sent to page.evaluate need it too.
const INIT = `(() => {
  window.__name = window.__name || ((f) => f);
  window.__longtasks = [];
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longtasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true }); } catch {}
})();`;

const longestIn = (p: Page, from: number, to: number) =>
  p.evaluate(
    ([a, b]) =>
      Math.max(
        0,
        ...(window as unknown as { __longtasks: [number, number][] }).__longtasks
          .filter(([s, d]) => s + d >= a! && s <= b!)
          .map(([, d]) => d),
      ),
    [from, to],
  );

type Detail = { marks: number; busyMs: number; slices: number; longestSliceMs: number };
type IdleMark = { t: number; d: Detail };

const idleMarks = (p: Page): Promise<IdleMark[]> =>
  p.evaluate(() =>
    performance
      .getEntriesByName('rdp-doctor:annotated')
      .map((e) => ({ t: e.startTime, d: (e as PerformanceMark).detail as Detail })),
  );

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = (p: Page) => p.evaluate(() => performance.now());

interface Work {
  /** The renderer main thread's CPU time (ThreadTime), ms: what the work costs, whatever else the machine runs. */
  cpu: number;
  /** Its tasks' wall time (TaskDuration), ms. */
  task: number;
}

/** The renderer main thread's work so far. */
async function taskMs(cdp: CDPSession): Promise<Work> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const get = (n: string) => (metrics.find((m) => m.name === n)?.value ?? 0) * 1000;
  return { cpu: get('ThreadTime'), task: get('TaskDuration') };
}

/**
 * Waits until the annotator has been idle with no new idle mark for `quietMs` (timed in the page, so the
 * wait adds no DevTools traffic to the main thread's work); its idle marks since `from`.
 */
async function settle(p: Page, from: number, quietMs = 600, maxMs = 60_000): Promise<IdleMark[]> {
  await p.evaluate(
    ([since0, quiet, max]) =>
      new Promise<void>((resolve, reject) => {
        const count = () =>
          performance.getEntriesByName('rdp-doctor:annotated').filter((e) => e.startTime >= since0!).length;
        let last = count();
        let since = performance.now();
        const end = since + max!;
        const tick = () => {
          const n = count();
          if (n !== last) {
            last = n;
            since = performance.now();
          } else if (n > 0 && performance.now() - since >= quiet!) {
            resolve();
            return;
          }
          if (performance.now() > end) reject(new Error('benchmark timed out waiting for the annotator'));
          else setTimeout(tick, 100);
        };
        tick();
      }),
    [from, quietMs, maxMs],
  );
  return (await idleMarks(p)).filter((m) => m.t >= from);
}

async function setAnnotation(b: Launched, on: boolean): Promise<void> {
  await b.worker.evaluate(async (value) => {
    const c = (globalThis as unknown as { chrome: typeof chrome }).chrome;
    const cur = ((await c.storage.sync.get('settings')) as { settings?: Record<string, unknown> }).settings ?? {};
    const sites = { ...((cur.sites as object) ?? {}), 'azure-portal': value };
    await c.storage.sync.set({ settings: { ...cur, sites } });
  }, on);
}

async function freshPage(b: Launched, url: string): Promise<{ p: Page; cdp: CDPSession }> {
  const p = await b.context.newPage();
  await p.setViewportSize({ width: 1440, height: 900 });
  await p.addInitScript(INIT);
  await p.goto(url, { waitUntil: 'load' });
  const cdp = await b.context.newCDPSession(p);
  await cdp.send('Performance.enable');
  await sleep(800);
  return { p, cdp };
}

interface Sample {
  workMs: number;
  taskMs: number;
  allMarkedMs: number;
  longestTaskMs: number;
  ownMs: number;
  longestSliceMs: number;
  marks: number;
  burstOwnMs?: number;
  burstLongestTaskMs?: number;
  burstMarks?: number;
}

async function ours(b: Launched, url: string, burst: string): Promise<Sample> {
  await setAnnotation(b, false);
  const { p, cdp } = await freshPage(b, url);
  try {
    const t0 = await now(p);
    const w0 = await taskMs(cdp);
    await setAnnotation(b, true);
    const marks = await settle(p, t0);
    const w1 = await taskMs(cdp);
    const start = await p.evaluate(
      (t) => performance.getEntriesByName('rdp-doctor:start').find((e) => e.startTime >= t)!.startTime,
      t0,
    );
    const final = marks.at(-1)!;
    const done = marks.find((m) => m.d.marks === final.d.marks)!;
    // A burst of rows appended through the page's own DOM calls, picked up by the MutationObserver.
    const before = marks.length;
    const tb = await p.evaluate(
      (html) =>
        new Promise<number>((resolve) =>
          setTimeout(() => {
            const t = performance.now();
            document.getElementById('rows')!.insertAdjacentHTML('beforeend', html);
            resolve(t);
          }),
        ),
      burst,
    );
    const after = (await settle(p, t0)).slice(before);
    const last = after.at(-1) ?? final;
    return {
      // The settle wait (600 ms of quiet) is inside the window: the control row shows what idle costs.
      workMs: w1.cpu - w0.cpu,
      taskMs: w1.task - w0.task,
      allMarkedMs: done.t - start,
      longestTaskMs: await longestIn(p, t0, final.t),
      ownMs: final.d.busyMs,
      longestSliceMs: final.d.longestSliceMs,
      marks: final.d.marks,
      burstOwnMs: last.d.busyMs - final.d.busyMs,
      burstLongestTaskMs: await longestIn(p, tb, last.t),
      burstMarks: last.d.marks - final.d.marks,
    };
  } finally {
    await p.close();
  }
}

/** Runs `job` (a page function returning a match count) in its own task and waits a frame plus `quietMs`. */
async function inPage(
  b: Launched,
  url: string,
  job: string,
  lib: string | null,
  quietMs: number,
): Promise<Sample & { callMs: number }> {
  const { p, cdp } = await freshPage(b, url);
  try {
    if (lib) {
      await p.addScriptTag({ content: lib });
      await sleep(500);
    }
    const w0 = await taskMs(cdp);
    const r = await p.evaluate(
      ([src, re, quiet]) =>
        new Promise<{ t0: number; t1: number; tf: number; n: number }>((resolve) =>
          setTimeout(() => {
            const fn = new Function('RE', src!) as (re: RegExp) => number;
            const t0 = performance.now();
            const n = fn(new RegExp(re!, 'gi'));
            const t1 = performance.now();
            requestAnimationFrame(() =>
              setTimeout(() => {
                const tf = performance.now();
                setTimeout(() => resolve({ t0, t1, tf, n }), quiet as number);
              }),
            );
          }),
        ),
      [job, PLAIN_RE, quietMs] as const,
    );
    const w1 = await taskMs(cdp);
    return {
      workMs: w1.cpu - w0.cpu,
      taskMs: w1.task - w0.task,
      allMarkedMs: r.tf - r.t0,
      longestTaskMs: await longestIn(p, r.t0, r.tf),
      ownMs: r.t1 - r.t0,
      longestSliceMs: r.t1 - r.t0,
      marks: r.n,
      callMs: r.t1 - r.t0,
    };
  } finally {
    await p.close();
  }
}

/** The find-only floor: every text node (mark.js's exclusions), the plain pattern, no writes. */
const FLOOR = `
  const skip = new Set(['SCRIPT', 'STYLE', 'TITLE', 'HEAD', 'HTML']);
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n = 0;
  for (let t = w.nextNode(); t; t = w.nextNode()) {
    if (skip.has(t.parentNode.nodeName)) continue;
    RE.lastIndex = 0;
    while (RE.exec(t.data)) n++;
  }
  return n;`;
const MARKJS = `let n = 0; new Mark(document.body).markRegExp(RE, { done: (c) => { n = c; } }); return n;`;
const CONTROL = 'return 0;';

/** Hostile page: longest task and work over a fixed window, with RDP Doctor switched on at its start or not at all. */
async function hostile(b: Launched, url: string, annotate: boolean) {
  await setAnnotation(b, false);
  const { p, cdp } = await freshPage(b, url);
  try {
    const t0 = await now(p);
    const w0 = await taskMs(cdp);
    if (annotate) await setAnnotation(b, true);
    await sleep(HOSTILE_WINDOW_MS);
    const w1 = await taskMs(cdp);
    const t1 = await now(p);
    const marks = (await idleMarks(p)).filter((m) => m.t >= t0);
    // The newest statistics: the last idle mark, or the last progress mark of a page that never goes quiet.
    const stats = await p.evaluate(() => {
      const all = performance
        .getEntriesByType('mark')
        .filter((e) => e.name === 'rdp-doctor:annotated' || e.name === 'rdp-doctor:progress');
      return (all.at(-1) as PerformanceMark | undefined)?.detail as Detail | undefined;
    });
    return {
      longestTaskMs: await longestIn(p, t0, t1),
      workMs: w1.cpu - w0.cpu,
      idleMarks: marks.length,
      marks: stats?.marks ?? 0,
      ownMs: stats?.busyMs ?? 0,
      longestSliceMs: stats?.longestSliceMs ?? 0,
    };
  } finally {
    await p.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};
const round = (n: number) => Math.round(n * 10) / 10;
const med = <T>(xs: T[], k: keyof T) => round(median(xs.map((x) => Number(x[k] ?? 0))));

async function countNodes(b: Launched, url: string, burst: string): Promise<{ nodes: number; burstNodes: number }> {
  const p = await b.context.newPage();
  try {
    await p.goto(url);
    const count = () => {
      const w = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
      let n = 0;
      while (w.nextNode()) n++;
      return n;
    };
    const nodes = await p.evaluate(count);
    await p.evaluate((h) => document.getElementById('rows')!.insertAdjacentHTML('beforeend', h), burst);
    return { nodes, burstNodes: (await p.evaluate(count)) - nodes };
  } finally {
    await p.close();
  }
}

async function main(): Promise<void> {
  if (!chromiumAvailable()) throw new Error('Chromium not found at /usr/bin/chromium');
  const { html, burst } = portalPage();
  const srv = await startPagesServer({ extra: { '/bench/page.html': html, '/bench/hostile.html': hostilePage() } });
  const b = await launch({ installHost: false, args: srv.chromiumArgs });
  const lib = readFileSync(join(ROOT, 'node_modules/mark.js/dist/mark.min.js'), 'utf8');
  // portal.azure.com: the production content script runs here; forum.example.test: no content script.
  const annotated = `${srv.origin('portal.azure.com')}/bench/page.html`;
  const plain = `${srv.origin('forum.example.test')}/bench/page.html`;
  const s: Record<'ours' | 'floor' | 'markjs' | 'control', Sample[]> = { ours: [], floor: [], markjs: [], control: [] };
  const h: Record<'with' | 'without', Awaited<ReturnType<typeof hostile>>[]> = { with: [], without: [] };
  let page = { nodes: 0, burstNodes: 0 };
  try {
    page = await countNodes(b, plain, burst);
    const order = ['ours', 'floor', 'markjs', 'control'] as const;
    for (let i = 0; i < REPS; i++) {
      for (let k = 0; k < order.length; k++) {
        const which = order[(i + k) % order.length]!;
        const t = Date.now();
        if (which === 'ours') s.ours.push(await ours(b, annotated, burst));
        else if (which === 'floor') s.floor.push(await inPage(b, plain, FLOOR, null, 300));
        else if (which === 'markjs') s.markjs.push(await inPage(b, plain, MARKJS, lib, 300));
        else s.control.push(await inPage(b, plain, CONTROL, null, 300));
        process.stderr.write(`bench annotate: ${which} rep ${i + 1} in ${Date.now() - t} ms\n`);
      }
    }
    const hostileUrl = (origin: string) => `${srv.origin(origin)}/bench/hostile.html`;
    for (let i = 0; i < (process.env.BENCH_SKIP_HOSTILE ? 0 : Math.max(1, REPS - 1)); i++) {
      h.with.push(await hostile(b, hostileUrl('portal.azure.com'), true));
      h.without.push(await hostile(b, hostileUrl('forum.example.test'), false));
      process.stderr.write(`bench annotate: hostile rep ${i + 1}\n`);
    }
  } finally {
    await setAnnotation(b, true).catch(() => undefined);
    await b.close();
    await srv.close();
  }
  const row = (name: string, xs: Sample[]) => ({
    approach: name,
    'main-thread CPU (ms)': med(xs, 'workMs'),
    'main-thread tasks, wall (ms)': med(xs, 'taskMs'),
    'all marks placed (ms)': med(xs, 'allMarkedMs'),
    'longest task (ms)': med(xs, 'longestTaskMs'),
    'own script (ms)': med(xs, 'ownMs'),
    'longest own slice (ms)': med(xs, 'longestSliceMs'),
    'marks / matches': med(xs, 'marks'),
  });
  const work = (xs: Sample[]) => median(xs.map((x) => x.workMs));
  const ratio = (a: number, c: number) => (c <= 0 ? null : Math.round((a / c) * 100) / 100);
  const oursWork = work(s.ours);
  const floorWork = work(s.floor);
  const allMarked = median(s.ours.map((x) => x.allMarkedMs));
  const oursLongest = Math.max(...s.ours.map((x) => x.longestTaskMs));
  const hostileLongest = Math.max(0, ...h.with.map((x) => x.longestTaskMs));
  const hostileOwn = Math.max(0, ...h.without.map((x) => x.longestTaskMs));
  const hostileSlice = Math.max(0, ...h.with.map((x) => x.longestSliceMs));
  const verdict = (ok: boolean, text: string) => `${ok ? 'met' : 'NOT met'}: ${text}`;
  console.log(
    JSON.stringify({
      name: 'annotate',
      title: 'Annotation of a 50k-node portal-like page: RDP Doctor vs the find-only floor and mark.js',
      baseline:
        'the find-only floor (TreeWalker + plain code pattern, no writes) and mark.js 8.11.1 markRegExp, on the same page in the same browser and run',
      page: { nodes: page.nodes, codesPlanted: Math.ceil(PORTAL_ROWS / 5), burstNodes: page.burstNodes, reps: REPS },
      rows: [
        row('RDP Doctor (content script, detector)', s.ours),
        row('find-only floor (TreeWalker + pattern)', s.floor),
        row('mark.js markRegExp', s.markjs),
        row('control (nothing runs)', s.control),
      ],
      burst: [
        {
          annotator: 'RDP Doctor, 30 rows appended',
          'own script (ms)': med(s.ours, 'burstOwnMs'),
          'longest task (ms)': med(s.ours, 'burstLongestTaskMs'),
          marks: med(s.ours, 'burstMarks'),
        },
      ],
      ratios: {
        'main-thread work: RDP Doctor / find-only floor': ratio(oursWork, floorWork),
        'main-thread work: RDP Doctor / mark.js': ratio(oursWork, work(s.markjs)),
        'main-thread work: mark.js / find-only floor': ratio(work(s.markjs), floorWork),
      },
      hostile: [
        {
          page: `hostile page (${HOSTILE_CHARS / 1e6} MB of runs, DOM churn every 20 ms), RDP Doctor on`,
          'longest task (ms)': round(hostileLongest),
          'main-thread CPU in 6 s (ms)': med(h.with, 'workMs'),
          'own script (ms)': med(h.with, 'ownMs'),
          'longest own slice (ms)': round(hostileSlice),
          marks: med(h.with, 'marks'),
        },
        {
          page: 'the same page, no annotator',
          'longest task (ms)': round(hostileOwn),
          'main-thread CPU in 6 s (ms)': med(h.without, 'workMs'),
        },
      ],
      goals: {
        'main-thread work ≤ 2× the find-only floor': verdict(
          oursWork <= 2 * floorWork,
          `${round(oursWork)} ms vs ${round(floorWork)} ms (${ratio(oursWork, floorWork)}×)`,
        ),
        'all marks placed within 200 ms on an idle page': verdict(allMarked <= 200, `${round(allMarked)} ms`),
        'no task ≥ 50 ms while annotating': verdict(oursLongest < 50, `longest ${round(oursLongest)} ms`),
        'hostile page: no long task from the annotator': verdict(
          hostileSlice < 50 && hostileLongest <= Math.max(hostileOwn, 0),
          `longest task ${round(hostileLongest)} ms with RDP Doctor, ${round(hostileOwn)} ms without; longest own slice ${round(hostileSlice)} ms`,
        ),
      },
      notes: [
        "Main-thread CPU is the renderer main thread's CPU time (CDP Performance.getMetrics ThreadTime; tasks, wall: TaskDuration, which a busy machine inflates) from the start of the work until the page has been quiet for 300 ms (RDP Doctor: 600 ms with no new idle mark, so its window is longer; the control row is what an idle window of the floor's length costs). It counts style, layout and paint caused by the work, and for RDP Doctor the messages to and from the background, where the detector runs (off the page's thread). The goal compares CPU times.",
        'RDP Doctor is switched on through its settings on the loaded, quiet page; all marks placed is from its start mark to the first idle mark holding the final number of marks. mark.js and the floor run in one task; their time to marks placed runs to the next rendered frame.',
        'Longest task 0 means no main-thread task of 50 ms or more was observed during the work.',
        'mark.js and the floor match a plain pattern (including unrelated hex); RDP Doctor marks only detector hits, with Custom Highlights, and writes no node of the page.',
        "Where the distance to the goals comes from, as far as measured: the floor only walks text nodes and runs one pattern in one task; RDP Doctor also walks elements (to find open shadow roots and frames), groups text by block, checks each block's visibility, sends the block text (~300,000 characters here) to the background where the detector runs, creates a range per mark and repaints the highlight in batches, all in time slices that yield to the page. Which of these dominates was not profiled (the machine was loaded when it was built). On the hostile page the annotator's own slices stay under 50 ms; the long task there is outside them (style and paint of ~15,000 highlighted ranges while the page churns), so the next step is fewer ranges painted at once, not faster script.",
      ],
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

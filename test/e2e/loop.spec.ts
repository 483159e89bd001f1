// The self-consuming loop in the browser (headless Chromium, WebGPU through SwiftShader): the page loads without
// console errors and the loop worker's badge says webgpu; Start (tiny settings from the URL) trains generation 0 in
// the worker (the counter advances, every chart gains a point, the run is listed); a reload while generation 1
// trains resumes the run from IndexedDB; generation 1 completes (no generation lost or repeated: two points per
// chart) and the viewer canvas is not blank. On this CPU rasteriser the viewer pauses itself, with a note, when the run
// starts and when it resumes (asserted). A PerformanceObserver records main-thread long tasks while the run trains;
// they go to longtasks.json (figures.ts; a figure for docs/performance.md: the test asserts behaviour).
// The run must stay on webgpu throughout: every warning/error notice and every backend badge text shown while it
// trains is recorded (polled in the page, so a dismissed notice still counts), and a lost WebGPU device or a switch
// to another backend fails the test (it used to pass while the run silently fell back to WebGL).

import os from 'node:os';
import { expect, type Page, test } from '@playwright/test';
import { TINY_RUN_QUERY } from './browserSetup';
import { figureCommand, writeFigures } from './figures';
import { collectPageErrors } from './pageErrors';
import { pixelCounts } from './pixels';
import { countProgramLinks, programLinks } from './webglLinks';

test.describe.configure({ mode: 'serial' });

const CHARTS = ['chart-fid', 'chart-diversity', 'chart-rprecision', 'chart-physerr'] as const;

interface LongTask {
  start: number;
  duration: number;
}

declare global {
  interface Window {
    __longTasks: LongTask[];
    /** Every distinct warning/error notice text and backend badge text seen on this page (polled every 250 ms). */
    __seen: { notices: string[]; backends: string[] };
  }
}

/** A notice that says the GPU device was lost or the run left webgpu (src/worker/runDriver.ts wording). */
const BACKEND_LOSS = /device lost|switched to|webgl|generation 0 starts again|resumed the run from its last checkpoint/i;

let page: Page;
let errors: string[] = [];
const t0 = Date.now();


/** On SwiftShader (a CPU rasteriser) the viewer pauses by itself while the run trains, and says why
 *  (src/app/viewer/softwarePlayback.ts). */
async function expectViewerPausedForRun(): Promise<void> {
  await expect(page.getByTestId('play-pause')).toHaveText(/Play/, { timeout: 30_000 });
  await expect(page.getByTestId('software-pause')).toBeVisible();
}

async function generation(): Promise<number> {
  return Number(await page.getByTestId('generation').getAttribute('data-generation'));
}

async function chartPoints(id: string): Promise<number> {
  return Number(await page.getByTestId(id).getAttribute('data-points'));
}

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  errors = collectPageErrors(page);
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    window.__seen = { notices: [], backends: [] };
    setInterval(() => {
      const seen = window.__seen;
      for (const el of document.querySelectorAll('[data-testid="notice-warning"] > span, [data-testid="notice-error"] > span')) {
        const t = el.textContent ?? '';
        if (t && !seen.notices.includes(t)) seen.notices.push(t);
      }
      const b = document.querySelector('[data-testid="backend"]')?.textContent ?? '';
      if (b && !seen.backends.includes(b)) seen.backends.push(b);
    }, 250);
  });
});

test.afterAll(async () => {
  await page.close();
  console.log(`loop.spec total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
});

test('the page loads without console errors and the loop worker runs on webgpu', async () => {
  test.setTimeout(180_000);
  await page.goto(TINY_RUN_QUERY);
  await expect(page.getByTestId('backend')).toHaveText('webgpu', { timeout: 150_000 });
  await expect(page.getByTestId('backend')).toHaveAttribute('title', /webgpu: first choice/);
  await expect(page.getByTestId('runs-empty')).toBeVisible();
  for (const id of CHARTS) expect(await chartPoints(id)).toBe(0);
  expect(errors).toEqual([]);
});

test('Start trains generation 0 in the worker; a reload during generation 1 resumes it; generation 1 completes', async () => {
  test.setTimeout(1_500_000);
  const windows: { page: string; seconds: number; tasks: LongTask[]; warnings: string[]; backends: string[] }[] = [];
  const loadAverages: string[] = [];
  const noteLoad = (when: string) => loadAverages.push(`${when}: ${os.loadavg().map((x) => x.toFixed(2)).join(', ')}`);
  const collect = async (label: string, from: number): Promise<void> => {
    const to = await page.evaluate(() => performance.now());
    const tasks = await page.evaluate((a) => window.__longTasks.filter((t) => t.start >= a), from);
    // Warnings shown while it trained (e.g. a lost WebGPU device and the switch to WebGL): they change what the
    // main thread shares the GPU process with, so they belong next to the figures.
    const shown = await page.getByTestId('notice-warning').allTextContents();
    const seen = await page.evaluate(() => window.__seen);
    const warnings = [...new Set([...seen.notices, ...shown.map((w) => w.replace(/×$/, ''))])];
    windows.push({ page: label, seconds: Number(((to - from) / 1000).toFixed(1)), tasks, warnings, backends: seen.backends.filter((b) => b !== 'not started') });
    noteLoad(`end of "${label}"`);
  };
  noteLoad('start');

  // The viewer plays, as on any first page; Start pauses it by itself on this CPU rasteriser (every frame would wait
  // for the training's GPU work), so the long tasks measured are those of the app as a user gets it.
  await expect(page.getByTestId('play-pause')).toHaveText(/Pause/);
  const startedAt = await page.evaluate(() => performance.now());
  await page.getByTestId('start').click();
  await expectViewerPausedForRun();
  await expect(page.getByTestId('progress')).toHaveAttribute('data-phase', /setup|training|evaluating|checkpoint/, { timeout: 60_000 });
  // The busy progress bar's shine animates only what the compositor moves by itself (transform): a painted
  // property such as background-position made the main thread paint every frame of the run (12 s of 51 s in a trace).
  const animated = await page.evaluate(() => document.getAnimations()
    .filter((a) => a instanceof CSSAnimation && a.animationName === 'run-progress-shine')
    .flatMap((a) => (a.effect instanceof KeyframeEffect ? a.effect.getKeyframes() : []))
    .flatMap((k) => Object.keys(k).filter((p) => !['offset', 'computedOffset', 'easing', 'composite'].includes(p))));
  expect(animated.length).toBeGreaterThan(0);
  expect([...new Set(animated)]).toEqual(['transform']);
  await expect(page.getByTestId('generation')).toHaveAttribute('data-generation', '0', { timeout: 900_000 });
  // every chart gained the point of generation 0; the run is saved and listed
  for (const id of CHARTS) await expect.poll(() => chartPoints(id), { timeout: 10_000 }).toBe(1);
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await expect(page.getByTestId('run-row').first()).toContainText(/tiny, n = 64, λ = 0.1, γ = ∞/);
  // generation 1 is training: reload the page in the middle of it
  await expect(page.getByTestId('phase')).toContainText(/generation 1/, { timeout: 60_000 });
  await page.waitForTimeout(3000);
  await collect('before the reload (Start → generation 0 → into generation 1)', startedAt);
  expect(errors).toEqual([]);
  await page.reload();

  // the saved history is back (generation 0) and the run continues by itself on webgpu
  await expect(page.getByTestId('backend')).toHaveText('webgpu', { timeout: 150_000 });
  await expectViewerPausedForRun();
  const resumedAt = await page.evaluate(() => performance.now());
  // From here the viewer compiles no shader: its figures' programs were compiled with its first frame and the
  // labels' when it was made, so the generation's labelled "before" / "after" figures below link no WebGL program
  // (the label shader used to be compiled in the frame that drew them, a commit of about 200 ms on SwiftShader while
  // the run trained).
  await expect.poll(async () => Number(await page.getByTestId('viewer').getAttribute('data-figures')), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.waitForTimeout(500);
  await countProgramLinks(page);
  await expect(page.getByTestId('generation')).toHaveAttribute('data-generation', '0', { timeout: 120_000 });
  try {
    for (const id of CHARTS) await expect.poll(() => chartPoints(id), { timeout: 30_000 }).toBe(1);
  } catch (e) {
    const points = await page.evaluate(() => [...document.querySelectorAll('[data-points]')].map((el) => `${el.getAttribute('data-testid')}=${el.getAttribute('data-points')}`));
    console.log(`after reload: ${JSON.stringify(points)}; errors ${JSON.stringify(errors)}; page: ${(await page.locator('body').innerText()).slice(0, 1500)}`);
    throw e;
  }
  await expect(page.getByTestId('notice-info').filter({ hasText: /Resumed run/ })).toBeVisible();
  await expect(page.getByTestId('phase')).toContainText(/generation 1/, { timeout: 60_000 });
  await expect(page.getByTestId('generation')).toHaveAttribute('data-generation', '1', { timeout: 900_000 });
  await collect('after the reload (resumed generation 1 until it completed)', resumedAt);
  // no generation lost or repeated: every chart has exactly generations 0 and 1
  for (const id of CHARTS) await expect.poll(() => chartPoints(id), { timeout: 10_000 }).toBe(2);
  await expect(page.getByTestId('phase')).toHaveText('done', { timeout: 60_000 });
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await expect(page.getByTestId('run-row').first()).toContainText('1 / 1 generations');
  expect(await generation()).toBe(1);
  // the viewer shows the run's samples: the canvas is not blank and holds figures
  const stats = await pixelCounts(page, page.getByTestId('viewer'));
  expect(stats.nonClear / stats.total).toBeGreaterThan(0.05);
  expect(stats.orange / stats.total).toBeGreaterThan(0.003); // the generated ("before") figure, orange
  expect(stats.teal / stats.total).toBeGreaterThan(0.003); // the corrected ("after") figure, teal
  expect(await programLinks(page)).toBe(0);

  const all = windows.flatMap((w) => w.tasks);
  const report = {
    what: 'Main-thread long tasks (PerformanceObserver "longtask": tasks over 50 ms) while a run trains in the loop worker: from Start through generation 0 into generation 1, then, after a reload, from the resumed page being ready until generation 1 completed',
    command: figureCommand('test/e2e/loop.spec.ts'),
    browser: 'headless Chromium (Debian /usr/bin/chromium), --enable-unsafe-webgpu, WebGPU on SwiftShader (CPU)',
    machine: `shared 2-core container (other agents' jobs may run); load average (1, 5, 15 min) ${loadAverages.join('; ')}`,
    attribution: 'What the long tasks are, from CPU profiles and traces of this test: each chart\'s update when a generation lands (recharts 3 re-renders synchronously from its own store), the viewer\'s redraw of new figures while the software GPU process is busy (a long compositor commit: software compositing reads every WebGL frame back on the main thread), the resumed page\'s own load tasks when they fall after the badge, and V8 memory-reducing GCs. The evaluator reads its results asynchronously (a synchronous WebGPU read in the worker crashed the GPU process under SwiftShader and lost the viewer\'s WebGL context).',
    viewer: 'playing until Start; the app pauses it by itself when the run starts and again when it resumes after the reload, because WebGL runs on a CPU rasteriser here (src/app/viewer/softwarePlayback.ts: a viewer kept playing during training blocked the main thread for 42.7 s of 52 s on SwiftShader, longest task 22.4 s; bench/long-tasks.ts)',
    url: TINY_RUN_QUERY,
    longestMs: Number(all.reduce((m, t) => Math.max(m, t.duration), 0).toFixed(1)),
    longTasks: all.length,
    windows: windows.map((w) => ({ page: w.page, seconds: w.seconds, longTasks: w.tasks.length, durationsMs: w.tasks.map((t) => Number(t.duration.toFixed(1))), warnings: w.warnings, backends: w.backends })),
    measured: new Date().toISOString(),
  };
  await writeFigures('longtasks', report);
  console.log(`long tasks while training: ${report.longTasks}, longest ${report.longestMs} ms; windows ${windows.map((w) => `${w.seconds} s`).join(', ')}`);
  expect(errors).toEqual([]);
  // Checked after the figures are written (they are kept either way): the run never lost its WebGPU device and
  // never left webgpu, on either page.
  for (const w of windows) {
    expect(w.warnings.filter((t) => BACKEND_LOSS.test(t)), `notices during "${w.page}"`).toEqual([]);
    expect(w.backends, `backend badge during "${w.page}"`).toEqual(['webgpu']);
  }
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
});

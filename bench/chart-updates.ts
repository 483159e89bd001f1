// Main-thread cost of the stability charts' redraw, without training: a fresh page (viewer paused) imports two run
// files with known metrics (test/e2e/knownRun.ts; 8 and 9 generations) and opens them in turn:
//   first   the 8-generation run: the five charts, built empty while the page was idle, get their first points;
//   update  the 9-generation run: every chart's data and axes change;
//   back    the 8-generation run again.
// For each, from the click until every chart shows its points plus one second: the main thread's busy time (CDP
// Performance.getMetrics TaskDuration), its longest tasks (a "toplevel" trace of the renderer's main thread) and the
// long tasks the page observed (over 50 ms). Rounds use a new page each; the JSON gives each round and the medians.
// --busy N runs N busy loops (node processes) beside the browser, to stand in for a training run's CPU load.
// Needs the built app served, e.g. `npx vite build && npx vite preview --port 4173`.
// Usage: npx tsx bench/chart-updates.ts [--url http://127.0.0.1:4173] [--rounds 5] [--busy 0]

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { launchChromium, VIEWPORT } from '../test/e2e/browserSetup';
import { knownRunText } from '../test/e2e/knownRun';

const USAGE = 'usage: npx tsx bench/chart-updates.ts [--url http://127.0.0.1:4173] [--rounds 5] [--busy 0]';
const CHARTS = ['chart-fid', 'chart-diversity', 'chart-rprecision', 'chart-physerr', 'chart-drift'];
/** The two imported runs, and the order they are opened in. */
const SHORT = { label: 'Known metrics, 8 generations', generations: 8 };
const LONG = { label: 'Known metrics, 9 generations', generations: 9 };
const STEPS = [
  { step: 'first', run: SHORT },
  { step: 'update', run: LONG },
  { step: 'back', run: SHORT },
] as const;

interface StepResult {
  busyMs: number;
  longestTasksMs: number[];
  longTasksMs: number[];
}

function parseArgs(argv: string[]): { url: string; rounds: number; busy: number } {
  let url = 'http://127.0.0.1:4173';
  let rounds = 5;
  let busy = 0;
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag}: missing value\n${USAGE}`);
    if (flag === '--url') url = value.replace(/\/$/, '');
    else if (flag === '--rounds' || flag === '--busy') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < (flag === '--rounds' ? 1 : 0) || n > 64) throw new Error(`${flag}: expected a whole number ${flag === '--rounds' ? '1' : '0'}–64, got "${value}"\n${USAGE}`);
      if (flag === '--rounds') rounds = n;
      else busy = n;
    } else throw new Error(`unknown flag ${flag}\n${USAGE}`);
  }
  return { url, rounds, busy };
}

declare global {
  interface Window {
    __benchLongTasks: [number, number][];
  }
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/** Durations (ms, longest first) of the renderer main thread's tasks over 5 ms in a "toplevel" trace file. */
function mainThreadTasks(trace: string): number[] {
  const parsed = JSON.parse(trace) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents ?? [];
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events
    .filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && main.has(`${e.pid}:${e.tid}`) && (e.dur ?? 0) > 5000)
    .map((e) => Math.round((e.dur ?? 0) / 1000))
    .sort((a, b) => b - a);
}

async function round(browser: Browser, url: string, dir: string): Promise<Record<string, StepResult>> {
  const context = await browser.newContext({ viewport: { ...VIEWPORT } });
  const page: Page = await context.newPage();
  await page.addInitScript(() => {
    window.__benchLongTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__benchLongTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  try {
    await page.goto(url + '/');
    await page.getByTestId('backend').filter({ hasText: /webgpu|webgl|wasm|cpu/ }).waitFor({ timeout: 150_000 });
    // the charts are built (empty, hidden) while the page is idle after load
    await page.waitForFunction((ids) => ids.every((id) => document.querySelector(`[data-testid="${id}"] svg.recharts-surface`)), CHARTS, { timeout: 60_000 });
    const playPause = page.getByTestId('play-pause');
    if ((await playPause.textContent())?.includes('Pause')) await playPause.click();
    for (const { label, generations } of [SHORT, LONG]) {
      await page.getByTestId('run-import').setInputFiles({ name: `${generations}.json`, mimeType: 'application/json', buffer: Buffer.from(knownRunText(label, generations)) });
      await page.getByTestId('run-row').filter({ hasText: label }).waitFor();
    }
    await page.waitForTimeout(1500);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskMs = async (): Promise<number> => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
    };
    const out: Record<string, StepResult> = {};
    for (const s of STEPS) {
      const tracePath = path.join(dir, `${s.step}.json`);
      await browser.startTracing(page, { path: tracePath, categories: ['toplevel'] });
      const t0 = await page.evaluate(() => performance.now());
      const busy0 = await taskMs();
      // a click event without scrolling the runs list into view (scrolling would build the theory lab below it)
      await page.getByTestId('run-row').filter({ hasText: s.run.label }).getByTestId('run-open').dispatchEvent('click');
      // every chart shows the run's points: generations 0 … n
      await page.waitForFunction(({ ids, n }) => ids.every((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-points') === String(n)),
        { ids: CHARTS, n: s.run.generations + 1 }, { timeout: 60_000 });
      await page.waitForTimeout(1000);
      const busy1 = await taskMs();
      await browser.stopTracing();
      const long = await page.evaluate((from) => window.__benchLongTasks.filter(([t]) => t >= from).map(([, d]) => Math.round(d)), t0);
      out[s.step] = { busyMs: Math.round(busy1 - busy0), longestTasksMs: mainThreadTasks(await readFile(tracePath, 'utf8')).slice(0, 5), longTasksMs: long };
    }
    return out;
  } finally {
    await context.close();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const { url, rounds, busy } = parseArgs(process.argv.slice(2));
  const loops: ChildProcess[] = [];
  for (let i = 0; i < busy; i++) loops.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scsc-chart-bench-'));
  const browser = await launchChromium();
  try {
    const results: Record<string, StepResult>[] = [];
    for (let r = 0; r < rounds; r++) results.push(await round(browser, url, dir));
    const medians = Object.fromEntries(STEPS.map((s) => [s.step, {
      busyMs: median(results.map((x) => x[s.step].busyMs)),
      longestTaskMs: median(results.map((x) => x[s.step].longestTasksMs[0] ?? 0)),
      longTasks: median(results.map((x) => x[s.step].longTasksMs.length)),
    }]));
    console.log(JSON.stringify({ what: 'main-thread cost of opening runs with known metrics (the five stability charts redraw)', url, rounds, busyLoops: busy, medians, perRound: results }, null, 1));
  } finally {
    await browser.close();
    for (const p of loops) p.kill();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});

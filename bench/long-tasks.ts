// Main-thread long tasks (PerformanceObserver "longtask", over 50 ms) while the app trains the tiny loop of
// test/e2e/loop.spec.ts in headless Chromium (WebGPU and WebGL on SwiftShader), from Start until generation 1 is
// training, for one viewer setting:
//   auto   the app's own behaviour (on a CPU rasteriser the viewer pauses itself when the run starts);
//   play   Play is pressed again after that pause, so the viewer keeps drawing during training;
//   pause  the viewer is paused before Start.
// Needs the built app served, e.g. `npx vite build && npx vite preview --port 4173`.
// Usage: npx tsx bench/long-tasks.ts [--url http://127.0.0.1:4173] [--viewer auto|play|pause]
// Prints one JSON object: the tasks' start (ms after Start) and duration, their count, sum and maximum.

import { launchChromium, TINY_RUN_QUERY, VIEWPORT } from '../test/e2e/browserSetup';

const USAGE = 'usage: npx tsx bench/long-tasks.ts [--url http://127.0.0.1:4173] [--viewer auto|play|pause]';
const VIEWER_MODES = ['auto', 'play', 'pause'] as const;
type ViewerMode = (typeof VIEWER_MODES)[number];

function parseArgs(argv: string[]): { url: string; viewer: ViewerMode } {
  let url = 'http://127.0.0.1:4173';
  let viewer: ViewerMode = 'auto';
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag}: missing value\n${USAGE}`);
    if (flag === '--url') url = value.replace(/\/$/, '');
    else if (flag === '--viewer') {
      if (!(VIEWER_MODES as readonly string[]).includes(value)) throw new Error(`--viewer: expected auto, play or pause, got "${value}"\n${USAGE}`);
      viewer = value as ViewerMode;
    } else throw new Error(`unknown flag ${flag}\n${USAGE}`);
  }
  return { url, viewer };
}

declare global {
  interface Window {
    __benchLongTasks: [number, number][];
  }
}

async function main(): Promise<void> {
  const { url, viewer } = parseArgs(process.argv.slice(2));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { ...VIEWPORT } });
    await page.addInitScript(() => {
      window.__benchLongTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__benchLongTasks.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url + TINY_RUN_QUERY);
    await page.getByTestId('backend').filter({ hasText: 'webgpu' }).waitFor({ timeout: 150_000 });
    // the page is settled: the stability charts are built (empty, hidden) while it is idle after load
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="chart-"] svg.recharts-surface').length >= 5, null, { timeout: 60_000 });
    const playPause = page.getByTestId('play-pause');
    if (viewer === 'pause' && (await playPause.textContent())?.includes('Pause')) await playPause.click();
    const t0 = await page.evaluate(() => performance.now());
    await page.getByTestId('start').click();
    if (viewer === 'play') {
      // wait for the app's own pause, then play again
      await page.getByTestId('play-pause').filter({ hasText: 'Play' }).waitFor({ timeout: 30_000 }).catch(() => undefined);
      if ((await playPause.textContent())?.includes('Play')) await playPause.click();
    }
    await page.locator('[data-testid="generation"][data-generation="0"]').waitFor({ timeout: 900_000 });
    await page.getByTestId('phase').filter({ hasText: /generation 1/ }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(3000);
    const t1 = await page.evaluate(() => performance.now());
    const tasks = (await page.evaluate((from) => window.__benchLongTasks.filter(([s]) => s >= from), t0)).map(([s, d]) => [Math.round(s - t0), Math.round(d)]);
    const durations = tasks.map(([, d]) => d);
    console.log(JSON.stringify({
      viewer, seconds: Number(((t1 - t0) / 1000).toFixed(1)), longTasks: tasks.length,
      sumMs: durations.reduce((a, b) => a + b, 0), longestMs: Math.max(0, ...durations), tasks,
    }));
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});

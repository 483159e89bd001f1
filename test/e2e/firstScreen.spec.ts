// The first screen of the built app (served by `vite preview`, see playwright.config.ts): how long after navigation
// start it is interactive. An init script watches the DOM from the first byte and notes (performance.now(), i.e. ms
// since navigation start) when the Start button is first present and enabled, when the viewer canvas first draws a
// figure, when the first chart (the theory lab's W2 chart) is rendered, and when the loop worker's backend badge is
// filled; with the navigation timing (DOMContentLoaded, load) and where each element sits on the page these go to
// first-screen.json (figures.ts: test-results/figures/, or docs/benchmarks/ from `npm run bench:browser`). "Interactive" is the later of the marks in the first viewport. The theory lab
// is 2.6 screens further down and is built only when the reader scrolls near it: the test checks that it is not
// built with the first screen, scrolls to it once the first viewport is ready, and reports how long its chart took
// after the scroll. The test asserts behaviour (the controls become interactive, Start and the viewer are in the
// first viewport, the lab waits for the scroll), not speed.

import os from 'node:os';
import { expect, test } from '@playwright/test';
import { figureCommand, writeFigures } from './figures';
import { collectPageErrors } from './pageErrors';

interface FirstScreenMarks {
  start?: number;
  figure?: number;
  chart?: number;
  backend?: number;
}

declare global {
  interface Window {
    __firstScreen: FirstScreenMarks;
  }
}

test('the first screen becomes interactive: Start enabled, a figure drawn; the theory lab is built when scrolled to', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectPageErrors(page);
  await page.addInitScript(() => {
    const marks: FirstScreenMarks = {};
    window.__firstScreen = marks;
    const check = (): boolean => {
      const now = performance.now();
      const start = document.querySelector<HTMLButtonElement>('[data-testid="start"]');
      if (marks.start === undefined && start && !start.disabled) marks.start = now;
      const viewer = document.querySelector('[data-testid="viewer"]');
      if (marks.figure === undefined && viewer && Number(viewer.getAttribute('data-figures')) > 0) marks.figure = now;
      if (marks.chart === undefined && document.querySelector('[data-testid="theory-chart"] .recharts-line-curve')) marks.chart = now;
      const backend = document.querySelector('[data-testid="backend"]');
      if (marks.backend === undefined && backend && /webgpu|webgl|wasm|cpu/.test(backend.textContent ?? '')) marks.backend = now;
      return marks.start !== undefined && marks.figure !== undefined && marks.chart !== undefined && marks.backend !== undefined;
    };
    const observer = new MutationObserver(() => {
      if (check()) observer.disconnect();
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });

  const loadAvg = os.loadavg().map((x) => x.toFixed(2)).join(', ');
  await page.goto('/');
  await expect(page.getByTestId('start')).toBeEnabled();
  await expect.poll(async () => Number(await page.getByTestId('viewer').getAttribute('data-figures'))).toBeGreaterThan(0);
  await expect(page.getByTestId('backend')).toHaveText(/webgpu|webgl|wasm|cpu/, { timeout: 150_000 });
  // The theory lab, 2.6 screens down, is built only when the reader scrolls near it: not on the first screen.
  await expect(page.getByTestId('theory-chart')).toHaveCount(0);
  const scrolledAt = await page.evaluate(() => performance.now());
  await page.getByTestId('theory-lab').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('theory-chart').locator('.recharts-line-curve').first()).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  const marks = await page.evaluate(() => window.__firstScreen);
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const paint = Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime]));
    return { responseEnd: n.responseEnd, domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd, firstContentfulPaint: paint['first-contentful-paint'] ?? null };
  });
  await expect(page.getByTestId('start')).toBeVisible();

  // Where each element sits on the page (top edge, px from the top of the document, not scrolled): what is in the
  // first viewport is the first screen; the theory lab is further down the page.
  const layout = await page.evaluate(() => {
    const top = (id: string) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      return el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null;
    };
    return { viewportHeight: window.innerHeight, start: top('start'), viewer: top('viewer'), backend: top('backend'), theoryChart: top('theory-chart') };
  });
  const inFirstViewport = (y: number | null) => y !== null && y < layout.viewportHeight;
  expect(inFirstViewport(layout.start) && inFirstViewport(layout.viewer)).toBe(true);

  const ms = (v: number | undefined | null) => (v === undefined || v === null ? null : Math.round(v));
  // Interactive: every first-viewport element of the three (Start, the viewer's figure, the theory chart) is ready.
  const marked: [number | undefined, number | null][] = [
    [marks.start, layout.start],
    [marks.figure, layout.viewer],
    [marks.chart, layout.theoryChart],
  ];
  const firstViewport = marked.filter(([, y]) => inFirstViewport(y)).map(([t]) => t ?? Infinity);
  const interactive = Math.max(...firstViewport);
  const report = {
    what: 'Time from navigation start of the built app (vite build served by vite preview, localhost) until the first screen (the first viewport) is interactive: Start enabled and the viewer drawing its first figure; also the loop worker\'s backend badge, how long the theory lab\'s W2 chart (further down the page, built when scrolled near) takes after scrolling to it, the navigation timing and where each element sits',
    command: figureCommand('test/e2e/firstScreen.spec.ts'),
    browser: 'headless Chromium (Debian /usr/bin/chromium), --enable-unsafe-webgpu (WebGPU/WebGL on SwiftShader, i.e. on the CPU), cold page (new browser context, empty cache)',
    machine: `shared 2-core container; load average at the start ${loadAvg}`,
    interactiveMs: ms(interactive),
    interactiveMeans: 'the later of the marks whose element is in the first viewport (viewportHeight px tall): Start enabled and the first figure drawn; the theory chart counts only if it is in the first viewport (see layoutPx)',
    theoryChartAfterScrollMs: ms((marks.chart ?? Infinity) - scrolledAt),
    theoryChartMeans: 'the theory lab is built when the reader scrolls near it (src/app/nearViewport.ts); the test scrolls to it once the first viewport is ready, and this is the time from that scroll until its W2 chart is drawn',
    marksMs: { startEnabled: ms(marks.start), firstFigureDrawn: ms(marks.figure), firstChartRendered: ms(marks.chart), backendBadge: ms(marks.backend) },
    layoutPx: layout,
    navigationMs: { responseEnd: ms(nav.responseEnd), firstContentfulPaint: ms(nav.firstContentfulPaint), domContentLoaded: ms(nav.domContentLoaded), load: ms(nav.load) },
    measured: new Date().toISOString(),
  };
  await writeFigures('first-screen', report);
  console.log(`first screen (first viewport) interactive after ${report.interactiveMs} ms; theory chart ${report.theoryChartAfterScrollMs} ms after scrolling to it (${JSON.stringify(report.marksMs)}; layout ${JSON.stringify(layout)}; navigation ${JSON.stringify(report.navigationMs)})`);
  expect(marks.start).toBeDefined();
  expect(marks.figure).toBeDefined();
  expect(marks.chart).toBeDefined();
  expect(errors).toEqual([]);
});

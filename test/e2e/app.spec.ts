// The first page as a person sees it: it loads without console errors, the viewer canvas shows a figure on a
// floor, the caption line names the clip, the clip picker changes it, and playback advances and pauses.
// One page is shared by the tests in order (loading it costs seconds under SwiftShader); the last test checks
// that nothing during the whole session logged a console error.

import { expect, test, type Page } from '@playwright/test';
import { openSharedPage } from './pageErrors';
import { pixelCounts } from './pixels';
import { countProgramLinks, programLinks } from './webglLinks';

test.describe.configure({ mode: 'serial' });

let page: Page;
let errors: string[] = [];

test.beforeAll(async ({ browser }) => {
  ({ page, errors } = await openSharedPage(browser));
});

test.afterAll(async () => {
  await page.close();
});

/** How many animation frames the page requests during `ms` milliseconds. */
async function animationFramesRequested(p: Page, ms: number): Promise<number> {
  return p.evaluate((wait) => new Promise<number>((resolve) => {
    let n = 0;
    const raf = window.requestAnimationFrame;
    window.requestAnimationFrame = (cb) => {
      n++;
      return raf(cb);
    };
    setTimeout(() => {
      window.requestAnimationFrame = raf;
      resolve(n);
    }, wait);
  }), ms);
}

test('the first page loads: title, viewer, caption of the first clip', async () => {
  await expect(page.getByRole('heading', { name: 'SCSC Lab' })).toBeVisible();
  await expect(page.getByTestId('viewer')).toBeVisible();
  await expect(page.getByTestId('frame')).toHaveText(/frame \d+ \/ 60/);
  const caption = page.getByTestId('caption');
  await expect(caption).not.toHaveText(/loading/);
  expect(((await caption.textContent()) ?? '').trim().length).toBeGreaterThan(10);
});

test('the viewer canvas is not blank and shows the figure', async () => {
  const stats = await pixelCounts(page, page.getByTestId('viewer'));
  expect(stats.total).toBeGreaterThan(100_000);
  // Floor, grid and figure cover much of the view; the clear colour alone would give 0.
  expect(stats.nonClear / stats.total).toBeGreaterThan(0.2);
  // The capsule figure (orange) covers a visible area.
  expect(stats.orange / stats.total).toBeGreaterThan(0.003);
});

test('the figure moves while playing; pause holds it; play resumes', async () => {
  const viewer = page.getByTestId('viewer');
  const frame = page.getByTestId('frame');
  const button = page.getByTestId('play-pause');
  await expect(button).toHaveText('Pause');
  const f0 = (await frame.textContent()) ?? '';
  await expect(frame).not.toHaveText(f0, { timeout: 10_000 });
  const a = await viewer.screenshot();
  await page.waitForTimeout(400);
  const b = await viewer.screenshot();
  expect(a.equals(b)).toBe(false);

  await button.click();
  await expect(button).toHaveText('Play');
  await page.waitForTimeout(300);
  const held = (await frame.textContent()) ?? '';
  const c = await viewer.screenshot();
  await page.waitForTimeout(600);
  const d = await viewer.screenshot();
  expect(c.equals(d)).toBe(true);
  await expect(frame).toHaveText(held);
  // A paused, untouched viewer draws on demand only: it asks for no animation frame (a loop running every frame
  // cost the page a frame and commit per display refresh during a whole run).
  expect(await animationFramesRequested(page, 1000)).toBe(0);

  await button.click();
  await expect(button).toHaveText('Pause');
  await expect(frame).not.toHaveText(held, { timeout: 10_000 });
});

test('the clip picker lists the embedded dataset, grouped by ≥ 10 actions', async () => {
  const picker = page.getByTestId('clip-picker');
  // The whole embedded set arrives from a worker shortly after the first clip.
  await expect.poll(() => picker.locator('option').count(), { timeout: 30_000 }).toBe(64);
  const groups = await picker.locator('optgroup').evaluateAll((els) => els.map((e) => e.getAttribute('label')));
  expect(new Set(groups).size).toBeGreaterThanOrEqual(10);
  const options = await picker.locator('option').allTextContents();
  for (const o of options) expect(o).toMatch(/^\S+ — \S.{5,}/); // "label — caption"
});

test('picking another clip changes the caption line', async () => {
  const caption = page.getByTestId('caption');
  const picker = page.getByTestId('clip-picker');
  const first = (await caption.textContent()) ?? '';
  const options = await picker.locator('option').allTextContents();
  const firstCaption = options.find((o) => first.endsWith(o.split(' — ')[1]))?.split(' — ')[1];
  expect(firstCaption).toBeTruthy();
  const other = options.find((o) => o.split(' — ')[1] !== firstCaption);
  expect(other).toBeTruthy();
  await picker.selectOption({ label: other! });
  await expect(caption).not.toHaveText(first);
  await expect(caption).toContainText(other!.split(' — ')[1]);
  await expect(page.getByTestId('clip-label')).toHaveText(other!.split(' — ')[0]);
});

test('a new clip reuses the compiled shaders: switching figures links no WebGL program', async () => {
  const picker = page.getByTestId('clip-picker');
  const frame = page.getByTestId('frame');
  // count program links from here on (three.js links one per new shader program)
  await countProgramLinks(page);
  for (const v of ['3', '9']) {
    const before = await page.getByTestId('viewer').screenshot();
    await picker.selectOption(v);
    await expect(frame).toHaveText(/frame \d+ \/ \d+/);
    await expect.poll(async () => (await page.getByTestId('viewer').screenshot()).equals(before), { timeout: 5000 }).toBe(false);
  }
  expect(await programLinks(page)).toBe(0);
});

test('first page screenshot', async ({}, testInfo) => {
  await expect(page.getByTestId('frame')).toHaveText(/frame \d+ \/ 60/);
  await page.getByTestId('clip-picker').selectOption('0');
  await page.waitForTimeout(1200);
  const path = process.env.SCSC_SCREENSHOT ?? testInfo.outputPath('first-page.png');
  const png = await page.screenshot({ path });
  expect(png.length).toBeGreaterThan(10_000);
});

test('a paused viewer draws again when the camera is turned (frames on demand)', async () => {
  const viewer = page.getByTestId('viewer');
  const button = page.getByTestId('play-pause');
  await button.click();
  await expect(button).toHaveText('Play');
  await page.waitForTimeout(300);
  expect(await animationFramesRequested(page, 500)).toBe(0);
  const before = await viewer.screenshot();
  const box = (await viewer.boundingBox())!;
  const turned = animationFramesRequested(page, 1500);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  expect(await turned).toBeGreaterThan(0);
  await expect.poll(async () => (await viewer.screenshot()).equals(before), { timeout: 5000 }).toBe(false);
  // once the camera has settled (its damping takes a number of frames, slower on a loaded machine), no more frames
  await expect.poll(() => animationFramesRequested(page, 500), { timeout: 30_000, intervals: [0] }).toBe(0);
});

test('no console errors or uncaught exceptions during the whole session', async () => {
  await page.waitForTimeout(500);
  expect(errors).toEqual([]);
});

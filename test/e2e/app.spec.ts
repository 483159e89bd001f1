// The first page as a person sees it: it loads without console errors, the viewer canvas shows a figure on a
// floor, the caption line names the clip, the clip picker changes it, and playback advances and pauses.

import { expect, test, type Locator, type Page } from '@playwright/test';

/** Console errors and uncaught exceptions of a page, collected from the moment it is created. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

interface PixelStats {
  total: number;
  /** Pixels that differ from the clear colour by more than a small tolerance. */
  nonClear: number;
  /** Pixels in the figure's orange (red well above blue, bright enough). */
  figure: number;
}

/** Screenshots the element and counts pixels by decoding the PNG in the page (no image library needed in Node). */
async function pixelStats(page: Page, el: Locator): Promise<PixelStats> {
  const png = await el.screenshot({ animations: 'allow' });
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    const clear = [0x14, 0x17, 0x1c];
    let nonClear = 0;
    let figure = 0;
    for (let i = 0; i < d.length; i += 4) {
      const r = d[i], g = d[i + 1], b = d[i + 2];
      if (Math.abs(r - clear[0]) + Math.abs(g - clear[1]) + Math.abs(b - clear[2]) > 12) nonClear++;
      if (r > 90 && r - b > 60 && g > b) figure++;
    }
    return { total: d.length / 4, nonClear, figure };
  }, png.toString('base64'));
}

async function openFirstPage(page: Page): Promise<string[]> {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'SCSC Lab' })).toBeVisible();
  await expect(page.getByTestId('viewer')).toBeVisible();
  // Wait until the viewer has rendered at least one frame of the clip.
  await expect(page.getByTestId('frame')).toHaveText(/frame \d+ \/ \d+/);
  await page.waitForTimeout(500);
  return errors;
}

test('the first page loads with no console errors', async ({ page }) => {
  const errors = await openFirstPage(page);
  await page.waitForTimeout(1500); // let a few frames play
  expect(errors).toEqual([]);
});

test('the viewer canvas is not blank and shows the figure', async ({ page }) => {
  await openFirstPage(page);
  const stats = await pixelStats(page, page.getByTestId('viewer'));
  expect(stats.total).toBeGreaterThan(100_000);
  // Floor, grid and figure cover much of the view; the clear colour alone would give 0.
  expect(stats.nonClear / stats.total).toBeGreaterThan(0.2);
  // The capsule figure (orange) covers a visible area.
  expect(stats.figure / stats.total).toBeGreaterThan(0.003);
});

test('the caption line shows the clip, and picking another clip changes it', async ({ page }) => {
  await openFirstPage(page);
  const caption = page.getByTestId('caption');
  await expect(caption).not.toHaveText(/loading/);
  const first = (await caption.textContent()) ?? '';
  expect(first.trim().length).toBeGreaterThan(10);

  const picker = page.getByTestId('clip-picker');
  const options = await picker.locator('option').allTextContents();
  expect(options.length).toBeGreaterThan(1);
  // Each option reads "label — caption"; the first matches the caption line.
  expect(options[0]).toMatch(/^\S.* — \S/);
  const firstCaption = options[0].split(' — ')[1];
  expect(first).toContain(firstCaption);
  const other = options.findIndex((o) => o.split(' — ')[1] !== firstCaption);
  expect(other).toBeGreaterThan(0);
  await picker.selectOption(String(other));
  await expect(caption).not.toHaveText(first);
  await expect(caption).toContainText(options[other].split(' — ')[1]);
});

test('play advances frames; pause holds them', async ({ page }) => {
  await openFirstPage(page);
  const frame = page.getByTestId('frame');
  const button = page.getByTestId('play-pause');
  await expect(button).toHaveText('Pause');
  const a = await frame.textContent();
  await expect(frame).not.toHaveText(a ?? '', { timeout: 5000 });
  await button.click();
  await expect(button).toHaveText('Play');
  await page.waitForTimeout(200);
  const held = await frame.textContent();
  await page.waitForTimeout(600);
  await expect(frame).toHaveText(held ?? '');
  await button.click();
  await expect(frame).not.toHaveText(held ?? '', { timeout: 5000 });
});

test('first page screenshot', async ({ page }, testInfo) => {
  await openFirstPage(page);
  await page.waitForTimeout(800);
  const path = process.env.SCSC_SCREENSHOT ?? testInfo.outputPath('first-page.png');
  const png = await page.screenshot({ path });
  expect(png.length).toBeGreaterThan(10_000);
});

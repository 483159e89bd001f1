// The viewer panel's own features in the built app: importing the Mixamo BVH fixture adds a clip to the picker
// and shows it (also by drag and drop); a malformed BVH file gives an error notice naming the file and line while the page keeps working;
// the Simulate toggle runs the physics corrector in a worker and draws the ragdoll beside the motion (two figures,
// blue pixels, the report's MPJPE and Phys-Err) on the same canvas. No console errors in the whole session.

import { writeFileSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openSharedPage } from './pageErrors';
import { pixelCounts } from './pixels';

test.describe.configure({ mode: 'serial' });

let page: Page;
let errors: string[] = [];

test.beforeAll(async ({ browser }) => {
  ({ page, errors } = await openSharedPage(browser));
});

test.afterAll(async () => {
  await page.close();
});

const FIXTURE = 'test/fixtures/mixamo-sample.bvh';


async function frameAdvances(): Promise<void> {
  const frame = page.getByTestId('frame');
  const f0 = (await frame.textContent()) ?? '';
  await expect(frame).not.toHaveText(f0, { timeout: 10_000 });
}

test('importing the Mixamo BVH sample adds a clip to the picker and shows it', async () => {
  const picker = page.getByTestId('clip-picker');
  await expect.poll(() => picker.locator('option').count(), { timeout: 30_000 }).toBe(64);
  await expect(page.getByTestId('import-button')).toBeDisabled();
  await page.getByTestId('import-file').setInputFiles(FIXTURE);
  await page.getByTestId('import-caption').fill('a person is dancing in place');
  await expect(page.getByTestId('import-derived-label')).toHaveText('dance');
  await page.getByTestId('import-button').click();

  await expect.poll(() => picker.locator('option').count()).toBe(65);
  await expect(picker.locator('option', { hasText: 'a person is dancing in place' })).toHaveCount(1);
  // The new clip is shown at once, at the model's 60 frames.
  await expect(page.getByTestId('caption')).toContainText('a person is dancing in place');
  await expect(page.getByTestId('clip-label')).toHaveText('dance');
  await expect(page.getByTestId('frame')).toHaveText(/frame \d+ \/ 60/);
  await expect(page.getByTestId('imported-list')).toContainText('mixamo-sample');
  await expect(page.getByTestId('notice-info').filter({ hasText: 'mixamo-sample.bvh' })).toContainText('joins the real set of the next run');
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-figures', '1');
  const px = await pixelCounts(page, page.getByTestId('viewer'));
  expect(px.orange / px.total).toBeGreaterThan(0.002);
});

test('a malformed BVH file gives an error notice naming the file and line, and the page keeps working', async ({}, testInfo) => {
  const bad = testInfo.outputPath('broken.bvh');
  writeFileSync(bad, readFileSync(FIXTURE, 'utf8').split('\n').slice(0, 120).join('\n'));
  const picker = page.getByTestId('clip-picker');
  await page.getByTestId('import-file').setInputFiles(bad);
  await page.getByTestId('import-caption').fill('a person walks');
  await page.getByTestId('import-button').click();

  await expect(page.getByTestId('notice-error').filter({ hasText: 'broken.bvh' })).toContainText(/Import failed: broken\.bvh:\d+: /);
  // Nothing was lost or added; playback goes on and the picker still works.
  await expect(picker.locator('option')).toHaveCount(65);
  await expect(page.getByTestId('imported-list').locator('li')).toHaveCount(1);
  await frameAdvances();
  await picker.selectOption('3');
  const third = ((await picker.locator('option[value="3"]').textContent()) ?? '').split(' — ')[1];
  await expect(page.getByTestId('caption')).toContainText(third);
});

test('dropping a BVH file on the drop zone stages it; importing it again gives a unique id', async () => {
  const text = readFileSync(FIXTURE, 'utf8');
  const transfer = await page.evaluateHandle((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'mixamo-sample.bvh', { type: 'text/plain' }));
    return dt;
  }, text);
  await page.getByTestId('import-drop').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByTestId('import-staged')).toContainText('mixamo-sample.bvh');
  await page.getByTestId('import-caption').fill('someone waves both arms');
  await page.getByTestId('import-label').fill('Greeting Wave');
  await expect(page.getByTestId('import-derived-label')).toHaveText('greeting_wave');
  await page.getByTestId('import-button').click();
  await expect(page.getByTestId('clip-picker').locator('option')).toHaveCount(66);
  await expect(page.getByTestId('imported-list')).toContainText('mixamo-sample-2');
  await expect(page.getByTestId('clip-label')).toHaveText('greeting_wave');
});

test('Simulate draws the ragdoll beside the motion, with MPJPE and Phys-Err, on the same canvas', async () => {
  const viewer = page.getByTestId('viewer');
  const canvas = await viewer.elementHandle();
  await page.getByTestId('clip-picker').selectOption('0');
  await expect(viewer).toHaveAttribute('data-figures', '1');
  const before = await pixelCounts(page, viewer);

  await page.getByTestId('simulate').check();
  await expect(viewer).toHaveAttribute('data-figures', '2', { timeout: 60_000 });
  const report = page.getByTestId('sim-report');
  await expect(report).toContainText('MPJPE');
  await expect(page.getByTestId('sim-mpjpe')).toHaveText(/^\d+\.\d mm$/);
  await expect(page.getByTestId('sim-physerr')).toHaveText(/^\d+\.\d mm → \d+\.\d mm$/);
  await page.waitForTimeout(300);
  const after = await pixelCounts(page, viewer);
  expect(after.blue / after.total).toBeGreaterThan(0.002);
  expect(after.blue).toBeGreaterThan(before.blue * 3 + 100);
  await frameAdvances();

  // The same canvas (and WebGL context) throughout.
  expect(await page.evaluate((c) => c === document.querySelector('[data-testid="viewer"]'), canvas)).toBe(true);

  // Another clip: the ragdoll follows it; Simulate off: one figure again.
  await page.getByTestId('clip-picker').selectOption('5');
  await expect(viewer).toHaveAttribute('data-figures', '2', { timeout: 60_000 });
  await page.getByTestId('simulate').uncheck();
  await expect(viewer).toHaveAttribute('data-figures', '1');
  await expect(page.getByTestId('sim-report')).toHaveCount(0);
});

test('the prompt box explains that it needs a trained model', async () => {
  await expect(page.getByTestId('prompt-sample')).toBeDisabled();
  await expect(page.getByTestId('prompt-disabled')).toContainText('Start a run first');
});

test('no console errors or uncaught exceptions during the whole session', async () => {
  await page.waitForTimeout(500);
  expect(errors).toEqual([]);
});

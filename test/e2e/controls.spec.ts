// The loop controls, URL state, charts' empty state and the guided tour in the built app: a shared URL
// reproduces the configuration (open a URL → the controls show it; move a slider → the address changes; reopen
// that address → the same controls); an out-of-range URL value is clamped with a visible notice naming it; the
// five-step tour opens, steps forward and back (buttons and keys) and closes; no console errors.

import { expect, test, type Page } from '@playwright/test';
import { gammaFromPos, posFromGamma } from '../../src/app/theory/gammaScale';
import { collectPageErrors } from './pageErrors';

const SHARED = '/?n=256&preset=small&lambda=0.75&gamma=0.3&mode=blend&acc=1&gens=7&steps=33&init=44&evals=6&ss=9&seed=5';

interface Shown {
  n: string; preset: string; mode: string; accumulate: string; lambda: string; gamma: string;
  gens: string; steps: string; seed: string; init: string; evals: string; ss: string;
}

async function shown(page: Page): Promise<Shown> {
  const attr = (id: string, name: string) => page.getByTestId(id).getAttribute(name).then((v) => v ?? '');
  const value = (id: string) => page.getByTestId(id).inputValue();
  return {
    n: await attr('n', 'data-value'),
    preset: await attr('preset', 'data-value'),
    mode: await attr('mode', 'data-value'),
    accumulate: await attr('accumulate', 'data-value'),
    lambda: await value('lambda'),
    gamma: await attr('gamma', 'data-gamma'),
    gens: await value('gens'),
    steps: await value('steps'),
    seed: await value('seed'),
    init: await value('init'),
    evals: await value('evals'),
    ss: await value('ss'),
  };
}

test('a shared URL reproduces the configuration, and moving a slider updates the URL', async ({ page, browser }) => {
  const errors = collectPageErrors(page);
  await page.goto(SHARED);
  await expect(page.getByTestId('controls')).toBeVisible();
  const first = await shown(page);
  expect(first).toEqual({
    n: '256', preset: 'small', mode: 'blend', accumulate: 'accumulate', lambda: '0.75', gamma: '0.3',
    gens: '7', steps: '33', seed: '5', init: '44', evals: '6', ss: '9',
  });
  await expect(page.getByTestId('lambda-value')).toHaveText('0.75');
  await expect(page.getByTestId('gamma-value')).toHaveText('0.3');
  // A valid URL raises no warning.
  await expect(page.getByTestId('notice-warning')).toHaveCount(0);

  // Charts are there before any run, empty, explaining what will appear.
  for (const id of ['chart-fid', 'chart-diversity', 'chart-rprecision', 'chart-physerr', 'chart-drift']) {
    await expect(page.getByTestId(id)).toHaveAttribute('data-points', '0');
  }
  await expect(page.getByTestId('charts-empty')).toContainText('Start');
  // While the page is idle they are built ahead of a run, hidden behind that text (with the default arms' lines, which
  // draw nothing yet), so a run's first generation only updates them (MetricChart's `build` and `lineArms`).
  for (const id of ['chart-fid', 'chart-diversity', 'chart-rprecision', 'chart-physerr', 'chart-drift']) {
    const plot = page.getByTestId(id).locator('.recharts-wrapper');
    await expect(plot).toBeAttached({ timeout: 15_000 });
    await expect(plot).toBeHidden();
    await expect(page.getByTestId(id).locator('.metric-chart-empty')).toBeVisible();
  }

  // Move λ and γ (γ to the stop of 2: the slider lands on it exactly); the address follows.
  await page.getByTestId('lambda').fill('1.2');
  await page.getByTestId('gamma').fill(String(posFromGamma(2)));
  expect(gammaFromPos(posFromGamma(2))).toBe(2);
  await expect(page.getByTestId('gamma-value')).toHaveText('2');
  await expect.poll(() => new URL(page.url()).searchParams.get('lambda')).toBe('1.2');
  await expect.poll(() => new URL(page.url()).searchParams.get('gamma')).toBe('2');
  // And a number field, committed on blur.
  await page.getByTestId('gens').fill('12');
  await page.getByTestId('gens').blur();
  await expect.poll(() => new URL(page.url()).searchParams.get('gens')).toBe('12');
  const url = page.url();
  const expected = { ...first, lambda: '1.2', gamma: '2', gens: '12' };
  expect(await shown(page)).toEqual(expected);

  // Reopening that address in a fresh page shows the same controls.
  const again = await browser.newPage();
  const errors2 = collectPageErrors(again);
  await again.goto(url);
  await expect(again.getByTestId('controls')).toBeVisible();
  expect(await shown(again)).toEqual(expected);
  await again.close();
  expect(errors).toEqual([]);
  expect(errors2).toEqual([]);
});

test('out-of-range URL values are clamped with a visible notice naming them', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/?lambda=7&gens=-3&gamma=lots&preset=tiny');
  const warnings = page.getByTestId('notice-warning');
  await expect(warnings.filter({ hasText: 'URL parameter "lambda" = "7"' })).toContainText('used 1.5');
  await expect(warnings.filter({ hasText: 'URL parameter "gens" = "-3"' })).toContainText('used 1');
  await expect(warnings.filter({ hasText: 'URL parameter "gamma" = "lots"' })).toContainText('used inf');
  await expect(page.getByTestId('lambda')).toHaveValue('1.5');
  await expect(page.getByTestId('gens')).toHaveValue('1');
  await expect(page.getByTestId('gamma')).toHaveAttribute('data-gamma', 'inf');
  // The address now holds the values in use.
  await expect.poll(() => new URL(page.url()).searchParams.get('lambda')).toBe('1.5');
  expect(new URL(page.url()).searchParams.get('gens')).toBe('1');
  // A notice can be dismissed.
  const n = await warnings.count();
  await warnings.first().getByRole('button', { name: 'dismiss' }).click();
  await expect(warnings).toHaveCount(n - 1);
  expect(errors).toEqual([]);
});

test('the guided tour opens and walks through five steps with buttons and keys', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  await page.getByTestId('tour-open').click();
  const tour = page.getByTestId('tour');
  await expect(tour).toBeVisible();
  const counter = page.getByTestId('tour-step');
  const titles: string[] = [];
  await expect(counter).toHaveText('1 / 5');
  await expect(page.getByTestId('tour-back')).toBeDisabled();
  titles.push(await tour.locator('h3').innerText());
  for (let i = 2; i <= 5; i++) {
    await page.getByTestId('tour-next').click();
    await expect(counter).toHaveText(`${i} / 5`);
    titles.push(await tour.locator('h3').innerText());
  }
  expect(new Set(titles).size).toBe(5);
  expect(titles[0]).toMatch(/controls/i);
  expect(titles[1]).toMatch(/start/i);
  expect(titles[2]).toMatch(/charts/i);
  expect(titles[3]).toMatch(/before and after/i);
  expect(titles[4]).toMatch(/theory/i);
  await expect(page.getByTestId('tour-next')).toHaveText('Done');
  await page.getByTestId('tour-back').click();
  await expect(counter).toHaveText('4 / 5');
  await page.keyboard.press('ArrowLeft');
  await expect(counter).toHaveText('3 / 5');
  await page.keyboard.press('ArrowRight');
  await expect(counter).toHaveText('4 / 5');
  // Tab cycles inside the dialog.
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="tour"]')))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(tour).toHaveCount(0);
  await expect(page.getByTestId('tour-open')).toBeFocused();
  // Reopened, it starts again at step 1; Done on the last step closes it.
  await page.getByTestId('tour-open').click();
  await expect(counter).toHaveText('1 / 5');
  for (let i = 0; i < 4; i++) await page.getByTestId('tour-next').click();
  await page.getByTestId('tour-next').click();
  await expect(tour).toHaveCount(0);
  expect(errors).toEqual([]);
});

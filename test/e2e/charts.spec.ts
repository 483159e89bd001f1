// The stability charts and the runs list with a run that needs no training: a run file (the app's own export
// format) with known metrics (knownRun.ts) is imported and opened. Then: every chart gains one point per generation,
// with the generation-0 reference and the λ/γ change markers; hovering a chart shows the readout of the generation
// under the pointer (the values of each arm, formatted); the smoothing toggle adds the faint raw lines; each chart
// exports SVG and PNG, the run exports CSV and JSON, and the exported JSON imports again; a malformed run file
// gives an error naming the field, and the page keeps working.

import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';
import { KNOWN_ARMS, knownRunText } from './knownRun';
import { collectPageErrors } from './pageErrors';

test.describe.configure({ mode: 'serial' });

const GENERATIONS = 8;
const LABEL = 'Known metrics (chart test)';
const CHARTS = ['chart-fid', 'chart-diversity', 'chart-rprecision', 'chart-physerr', 'chart-drift'] as const;
const ARMS = KNOWN_ARMS;
const runFileText = (): string => knownRunText(LABEL, GENERATIONS);

let page: Page;
let errors: string[] = [];

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  errors = collectPageErrors(page);
  await page.goto('/');
});

test.afterAll(async () => {
  await page.close();
});

async function importText(text: string, name: string): Promise<void> {
  await page.getByTestId('run-import').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function downloaded(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]) as [Download, void];
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: await readFile(path) };
}

test('an imported run opens: every chart gains a point per generation, with the generation-0 line and λ/γ markers', async () => {
  await importText(runFileText(), 'known-metrics.json');
  const row = page.getByTestId('run-row').filter({ hasText: LABEL });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('imported');
  await expect(row).toContainText(`${GENERATIONS} / ${GENERATIONS} generations`);
  await row.getByTestId('run-open').click();
  for (const id of CHARTS) {
    await expect(page.getByTestId(id)).toHaveAttribute('data-points', String(GENERATIONS + 1));
    // one line per arm
    await expect(page.getByTestId(id).locator('.recharts-line')).toHaveCount(ARMS.length);
  }
  const fid = page.getByTestId('chart-fid');
  // axis labels: generations 0–8 below, FID (10 at generation 0 to 26) at the left
  await expect(fid.locator('.recharts-xAxis-tick-labels text')).toHaveText(['0', '2', '4', '6', '8']);
  await expect(fid.locator('.recharts-yAxis-tick-labels text')).toHaveText(['10', '15', '20', '25', '30']);
  // the dashed generation-0 line and one dotted marker per change, each with its label
  await expect(fid.locator('.recharts-reference-line')).toHaveCount(3);
  await expect(fid.locator('.recharts-reference-line-line[stroke-dasharray="5 4"]')).toHaveCount(1);
  await expect(fid.locator('.recharts-reference-line-line[stroke-dasharray="2 3"]')).toHaveCount(2);
  await expect(fid.locator('text.recharts-label')).toHaveText(['gen 0', 'λ 0.4→0.5', 'γ ∞→2']);
  await expect(page.getByTestId('charts-empty')).toHaveCount(0);
});

test('hovering a chart (or focusing it from the keyboard) shows the readout of the generation under the pointer; leaving hides it', async () => {
  const fid = page.getByTestId('chart-fid');
  await fid.scrollIntoViewIfNeeded();
  // the x axis runs from generation 0 to 8: its middle is generation 4
  const grid = await fid.locator('.recharts-cartesian-grid').boundingBox();
  if (!grid) throw new Error('chart-fid has no grid');
  await page.mouse.move(grid.x + grid.width / 2, grid.y + grid.height / 2);
  const tip = fid.locator('.recharts-tooltip-wrapper');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('generation 4');
  // FID at generation 4: baseline 10 + 4, self-consuming 10 + 8, self-correcting 10 + 2
  await expect(tip.locator('.recharts-tooltip-item')).toHaveText([
    /baseline \(real data only\)\s*:\s*14/, /self-consuming \(no correction\)\s*:\s*18/, /self-correcting \(physics\)\s*:\s*12/,
  ]);
  await page.mouse.move(grid.x + 2, grid.y + grid.height / 2);
  await expect(tip).toContainText('generation 0 (shared start)');
  await page.mouse.move(5, 5);
  await expect(fid.locator('.recharts-tooltip-wrapper')).toBeHidden();
  // from the keyboard: the focused chart shows the readout, and the arrow keys step through generations
  await fid.locator('svg.recharts-surface').focus();
  await page.keyboard.press('ArrowRight');
  await expect(fid.locator('.recharts-tooltip-wrapper')).toContainText(/generation \d/);
  await page.getByTestId('smoothing').focus();
  await expect(fid.locator('.recharts-tooltip-wrapper')).toBeHidden();
});

test('the smoothing toggle adds each arm\'s raw line, faint, beside the smoothed one', async () => {
  const fid = page.getByTestId('chart-fid');
  await page.getByTestId('smoothing').check();
  await expect(fid.locator('.recharts-line')).toHaveCount(2 * ARMS.length);
  await expect(fid.locator('.recharts-line-curve[stroke-opacity="0.28"]')).toHaveCount(ARMS.length);
  await page.getByTestId('smoothing').uncheck();
  await expect(fid.locator('.recharts-line')).toHaveCount(ARMS.length);
});

test('each chart exports SVG and PNG; the run exports CSV', async () => {
  const svg = await downloaded(() => page.getByTestId('chart-physerr-svg').click());
  expect(svg.name).toBe('scsc-physerr.svg');
  const text = svg.bytes.toString('utf8');
  expect(text).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(text).toContain('Phys-Err');
  expect(text).toContain('self-correcting (physics)');
  expect(text.match(/class="[^"]*\brecharts-line-curve\b/g)?.length).toBe(ARMS.length);

  const png = await downloaded(() => page.getByTestId('chart-fid-png').click());
  expect(png.name).toBe('scsc-fid.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.length).toBeGreaterThan(2000);

  const csv = await downloaded(() => page.getByTestId('export-csv').click());
  expect(csv.name).toMatch(/^scsc-run-.+\.csv$/);
  const lines = csv.bytes.toString('utf8').trim().split('\n');
  expect(lines[0].split(',').slice(0, 3)).toEqual(['generation', 'arm', 'lambda']);
  expect(lines).toHaveLength(1 + (GENERATIONS + 1) * ARMS.length);
  const fidColumn = lines[0].split(',').indexOf('fid');
  const g4consuming = lines.find((l) => l.startsWith('4,self-consuming,'));
  expect(g4consuming?.split(',')[fidColumn]).toBe('18');
});

test('the run exports as JSON, and that file imports again as a run with the same history', async () => {
  const row = page.getByTestId('run-row').filter({ hasText: LABEL });
  const json = await downloaded(() => row.getByTestId('run-export').click());
  expect(json.name).toMatch(/^scsc-run-.+\.json$/);
  const file = JSON.parse(json.bytes.toString('utf8')) as { format: string; label: string; history: { generation: number }[] };
  expect(file.format).toBe('scsc-lab-run/1');
  expect(file.label).toBe(`${LABEL} (imported)`);
  expect(file.history.map((h) => h.generation)).toEqual([...Array(GENERATIONS + 1).keys()]);
  await importText(json.bytes.toString('utf8'), 'again.json');
  const rows = page.getByTestId('run-row').filter({ hasText: LABEL });
  await expect(rows).toHaveCount(2);
  // the label is marked once, not once per import
  await expect(rows.locator('.runs-label')).toHaveText([`${LABEL} (imported)`, `${LABEL} (imported)`]);
  // open the copy (the run that is not open yet)
  const copyId = await rows.filter({ has: page.locator('[data-testid="run-open"]:enabled') }).getAttribute('data-run-id');
  const copy = page.locator(`[data-testid="run-row"][data-run-id="${copyId}"]`);
  await copy.getByTestId('run-open').click();
  await expect(copy.locator('.runs-tag-current')).toHaveText('open');
  for (const id of CHARTS) await expect(page.getByTestId(id)).toHaveAttribute('data-points', String(GENERATIONS + 1));
});

test('a malformed run file gives an error naming the field; the runs and charts are kept', async () => {
  const bad = JSON.parse(runFileText()) as Record<string, unknown>;
  bad.format = 'something-else/2';
  await importText(JSON.stringify(bad), 'wrong-format.json');
  await expect(page.getByTestId('runs-error')).toContainText('wrong-format.json');
  await expect(page.getByTestId('runs-error')).toContainText('field "format"');
  await importText('{"format": "scsc-lab-run/1", "label": ', 'cut-short.json');
  await expect(page.getByTestId('runs-error')).toContainText('cut-short.json: run file: not valid JSON');
  await expect(page.getByTestId('run-row').filter({ hasText: LABEL })).toHaveCount(2);
  await expect(page.getByTestId('chart-fid')).toHaveAttribute('data-points', String(GENERATIONS + 1));
  // the failed imports are reported as notices (console errors are not expected from them)
  expect(errors).toEqual([]);
});

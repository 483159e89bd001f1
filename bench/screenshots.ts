// The README's screenshots of the main views after a real run: the app trains a short tiny loop in headless
// Chromium (WebGPU on SwiftShader), then the before/after viewer on a generated sample, the stability charts and the
// theory lab are captured as PNGs under docs/. The first page is `npm run screenshot`.
// Needs the built app served, e.g. `npx vite build && npx vite preview --port 4173`. Takes a few minutes.
// Usage: npx tsx bench/screenshots.ts [--url http://127.0.0.1:4173] [--out docs]

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium } from '../test/e2e/browserSetup';

const USAGE = 'usage: npx tsx bench/screenshots.ts [--url http://127.0.0.1:4173] [--out docs]';
const GENERATIONS = 4;
const RUN_QUERY = `/?preset=tiny&n=64&lambda=0.5&gamma=inf&gens=${GENERATIONS}&steps=4&init=24&evals=8&ss=4&seed=1&batch=8`;

function parseArgs(argv: string[]): { url: string; out: string } {
  let url = 'http://127.0.0.1:4173';
  let out = 'docs';
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag}: missing value\n${USAGE}`);
    if (flag === '--url') url = value.replace(/\/$/, '');
    else if (flag === '--out') out = value;
    else throw new Error(`unknown flag ${flag}\n${USAGE}`);
  }
  return { url, out };
}

async function main(): Promise<void> {
  const { url, out } = parseArgs(process.argv.slice(2));
  await mkdir(out, { recursive: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url + RUN_QUERY);
    await page.getByTestId('backend').filter({ hasText: /webgpu|webgl|wasm|cpu/ }).waitFor({ timeout: 150_000 });
    await page.getByTestId('start').click();
    const t0 = Date.now();
    for (let g = 0; g <= GENERATIONS; g++) {
      await page.locator(`[data-testid="generation"][data-generation="${g}"]`).waitFor({ timeout: 900_000 });
      console.log(`generation ${g} after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
    await page.getByTestId('phase').filter({ hasText: 'done' }).waitFor({ timeout: 60_000 });
    // the viewer follows the run: the latest generation's first self-correcting sample, before and after
    await page.getByTestId('corrected-badge').waitFor();
    const playPause = page.getByTestId('play-pause');
    if ((await playPause.textContent())?.includes('Pause')) await playPause.click();
    await page.getByTestId('scrubber').fill('30');
    await page.waitForTimeout(800);
    const shots: [string, string][] = [
      ['section.viewer-panel', 'screenshot-before-after.png'],
      ['[data-testid="charts"]', 'screenshot-charts.png'],
      ['[data-testid="theory-lab"]', 'screenshot-theory.png'],
    ];
    // the theory lab is built when scrolled near (src/app/nearViewport.ts)
    await page.getByTestId('theory-lab').scrollIntoViewIfNeeded();
    await page.getByTestId('theory-chart').locator('.recharts-line-curve').first().waitFor();
    await page.getByTestId('theory-scatter').locator('.recharts-scatter-symbol').first().waitFor();
    for (const [selector, file] of shots) {
      const target = path.join(out, file);
      await page.locator(selector).screenshot({ path: target });
      console.log(`wrote ${target}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});

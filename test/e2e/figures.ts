// Where browser tests put the figures they measure (first screen, long tasks while training, the theory lab's
// speed): test-results/figures/NAME.json, ignored by git, so `npm test` leaves the checkout clean. The benchmark
// `npm run bench:browser` runs the same tests with SCSC_FIGURES_DIR=docs/benchmarks to refresh the published
// figures there.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const FIGURES_DIR = process.env.SCSC_FIGURES_DIR ?? path.join('test-results', 'figures');

/** The command that reproduces a figure: the benchmark when it refreshes docs/benchmarks, else the test itself. */
export function figureCommand(spec: string): string {
  return process.env.SCSC_FIGURES_DIR ? 'npm run bench:browser' : `E2E_PORT=${process.env.E2E_PORT ?? 4173} npx playwright test ${spec}`;
}

/** Write `report` as FIGURES_DIR/NAME.json; returns the path. */
export async function writeFigures(name: string, report: object): Promise<string> {
  await mkdir(FIGURES_DIR, { recursive: true });
  const file = path.join(FIGURES_DIR, `${name}.json`);
  await writeFile(file, JSON.stringify(report, null, 2) + '\n');
  return file;
}

// Every benchmark suite that `scsc bench` runs, in order. Add one: write src/cli/benchSuites/NAME.ts exporting a
// BenchSuite and list it here.

import type { BenchSuite } from './suite';
import { correctionBench } from './correction';
import { toyBench } from './toy';
import { evalMetricsBench } from './evalMetrics';
import { motionIoBench } from './motionIo';
import { datasetBench } from './dataset';
import { diffusionBench } from './diffusion';

export const BENCH_SUITES: BenchSuite[] = [
  correctionBench,
  toyBench,
  evalMetricsBench,
  motionIoBench,
  datasetBench,
  diffusionBench,
];

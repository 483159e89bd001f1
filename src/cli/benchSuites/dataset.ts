// `scsc bench --suite dataset`: speed of the embedded procedural dataset (512-clip test split, per action class)
// and of the kinematic physics metrics, plus the split's mean plausibility figures. Figures only, no pass/fail.

import type { BenchSuite } from './suite';
import { ACTIONS, generateClip, generateTestSplit } from '../../core/motion/dataset/index';
import { clipPhysMetrics } from '../../core/motion/physMetrics';
import { Rng } from '../../core/random';

export const datasetBench: BenchSuite = {
  name: 'dataset',
  description: 'procedural dataset generation (512-clip test split, per class) and kinematic physics metrics',
  async run({ quick, log }) {
    const n = quick ? 128 : 512;
    log(`generating the ${n}-clip test split`);
    let t0 = performance.now();
    const clips = generateTestSplit(n);
    const firstMs = performance.now() - t0;
    t0 = performance.now();
    generateTestSplit(n);
    const warmMs = performance.now() - t0;
    const perClass: Record<string, number> = {};
    const reps = quick ? 5 : 30;
    for (const a of ACTIONS) {
      t0 = performance.now();
      for (let i = 0; i < reps; i++) generateClip(a, new Rng(1000 + i), 'bench');
      perClass[a] = (performance.now() - t0) / reps;
    }
    log('physics metrics');
    t0 = performance.now();
    let pen = 0, flo = 0, sk = 0, floAll = 0, jit = 0;
    for (const c of clips) {
      const m = clipPhysMetrics(c, { excludeFlight: true });
      pen += m.penetrate;
      flo += m.float;
      sk += m.skate;
    }
    const metricsMs = (performance.now() - t0) / clips.length;
    for (const c of clips) {
      const m = clipPhysMetrics(c);
      floAll += m.float;
      jit += m.jitter;
    }
    return {
      clips: n,
      [`generate${n}FirstMs`]: firstMs,
      [`generate${n}WarmMs`]: warmMs,
      msPerClipByClass: perClass,
      physMetricsPerClipMs: metricsMs,
      meanPenetrateMm: pen / n,
      meanFloatOutsideFlightMm: flo / n,
      meanFloatAllFramesMm: floAll / n,
      meanSkateMm: sk / n,
      meanJitterMPerS3: jit / n,
    };
  },
};

// Bench suite `toy`: time to recompute the theory lab's figure, 8 γ curves × 500 generations of the paper's
// Gaussian toy (n = 50, λ = 0.5, accumulate, one seed per curve), in Node: median wall and CPU time, warmed up.
// The browser figure (target ≤ 16 ms) is measured by the app itself.

import type { BenchSuite } from './suite';
import { GaussianToyRunner, runToySeeds, type GaussianToyResult } from '../../core/theory/gaussianToy';

const GAMMAS = [0, 0.01, 0.03, 0.1, 0.3, 1, 2, 5];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : 0.5 * (s[h - 1] + s[h]);
}

export const toyBench: BenchSuite = {
  name: 'toy',
  description: 'Gaussian theory toy: 8 γ curves × 500 generations (paper settings, accumulate)',
  async run(opts) {
    const T = 500;
    const runner = new GaussianToyRunner();
    const bufs: GaussianToyResult[] = GAMMAS.map(() => ({
      w2: new Float64Array(T + 1), mean: new Float64Array(2 * (T + 1)), cov: new Float64Array(3 * (T + 1)),
    }));
    const sweep = (seed: number, accumulate: boolean): void => {
      for (let i = 0; i < GAMMAS.length; i++) {
        runner.run({ n: 50, lambda: 0.5, gamma: GAMMAS[i], generations: T, accumulate, seed }, bufs[i]);
      }
    };
    const repeats = opts.quick ? 10 : 60;
    // Wall time, and this process's CPU time (user + system), which a busy shared machine inflates much less.
    const time = (accumulate: boolean): { wall: number[]; cpu: number[] } => {
      for (let w = 0; w < 5; w++) sweep(1000 + w, accumulate); // warm-up (JIT)
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let r = 0; r < repeats; r++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        sweep(r, accumulate);
        wall.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      return { wall, cpu };
    };
    const acc = time(true);
    opts.log(`accumulate: median ${median(acc.wall).toFixed(2)} ms wall, ${median(acc.cpu).toFixed(2)} ms CPU over ${repeats} repeats`);
    const rep = time(false);
    opts.log(`replace: median ${median(rep.wall).toFixed(2)} ms wall, ${median(rep.cpu).toFixed(2)} ms CPU over ${repeats} repeats`);
    // The CLI's default workload, 20 seeds for one γ (what `scsc toy --accumulate` runs).
    const t0 = performance.now();
    runToySeeds({ n: 50, lambda: 0.5, gamma: 1, generations: T, accumulate: true, seed: 0 }, 20, runner);
    const seeds20 = performance.now() - t0;
    return {
      curves: GAMMAS.length,
      generations: T,
      repeats,
      accumulateMedianMs: median(acc.wall),
      accumulateMinMs: Math.min(...acc.wall),
      accumulateMedianCpuMs: median(acc.cpu),
      replaceMedianMs: median(rep.wall),
      replaceMinMs: Math.min(...rep.wall),
      replaceMedianCpuMs: median(rep.cpu),
      oneGamma20SeedsMs: seeds20,
      browserTargetMs: 16,
      note: 'Node figure; the browser figure is measured by the app (theory lab)',
    };
  },
};

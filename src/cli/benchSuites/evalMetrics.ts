// Bench suite `eval-metrics`: cost of the evaluation metrics on evaluator-sized feature sets (FID at several
// feature dimensions, Diversity, R-precision), so the loop's per-generation evaluation time can be planned.

import type { BenchSuite } from './suite';
import { fid } from '../../core/eval/fid';
import { diversity } from '../../core/eval/diversity';
import { rPrecision } from '../../core/eval/retrieval';
import { Rng } from '../../core/random';

function features(rng: Rng, rows: number, dim: number, scale: number): Float32Array {
  const out = new Float32Array(rows * dim);
  for (let i = 0; i < out.length; i++) out[i] = scale * rng.normal();
  return out;
}

export const evalMetricsBench: BenchSuite = {
  name: 'eval-metrics',
  description: 'FID (1000 × d features, d = 64…512), Diversity and R-precision timings',
  async run(opts) {
    const rng = new Rng(7);
    const dims = opts.quick ? [64, 128] : [64, 128, 256, 512];
    const fidMs: Record<string, number> = {};
    for (const d of dims) {
      const a = features(rng, 1000, d, 1);
      const b = features(rng, 1000, d, 1.1);
      fid(a, b, d); // warm-up
      const t0 = performance.now();
      fid(a, b, d);
      fidMs[`d${d}`] = performance.now() - t0;
      opts.log(`FID 1000×${d}: ${fidMs[`d${d}`].toFixed(0)} ms`);
    }
    const emb = features(rng, 1024, 256, 1);
    const txt = features(rng, 1024, 256, 1);
    let t0 = performance.now();
    diversity(emb, 256, { pairs: 300, seed: 1 });
    const diversityMs = performance.now() - t0;
    t0 = performance.now();
    rPrecision(txt, emb, 256, { seed: 1 });
    const rPrecisionMs = performance.now() - t0;
    return {
      fidRows: 1000,
      fidMs,
      diversity300PairsD256Ms: diversityMs,
      rPrecision1024PairsD256Ms: rPrecisionMs,
    };
  },
};

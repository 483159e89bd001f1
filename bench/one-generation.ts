// One generation of the loop, taken apart (if correction does not help, why not?). From the generation
// 0 of an `scsc experiment` run folder it samples ⌊λ·n⌋ synthetic clips, physics-corrects them, and reports:
//   1. the synthetic data itself: evaluator metrics and mean root height of real, generated and corrected clips;
//   2. the model after one generation: generation 0 fine-tuned K steps on real only, on real ∪ generated and on
//      real ∪ corrected, for several training seeds, each scored on the same evaluation captions.
// Usage: npx tsx bench/one-generation.ts RUN_DIR [--k 20] [--eval 128] [--seeds 3] [--lambda 1] [--sample-steps 10]
//        [--root-integral 5] (the corrector's pelvis integral gain, as LoopConfig.rootIntegral; 0: PD support)
// (RUN_DIR: e.g. runs/reproduce/gen0-s0). Prints a table; --json prints JSON.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadEvaluatorFile } from '../src/cli/evaluatorFile';
import { selectNodeBackend } from '../src/core/diffusion/backendNode';
import { modelFromCheckpoint } from '../src/core/diffusion/checkpoint';
import { cloneModel, disposeModel } from '../src/core/diffusion/denoiser';
import { poolFromClips } from '../src/core/diffusion/pools';
import { evaluateMotions } from '../src/core/eval/motionMetrics';
import { clipsFromBytes } from '../src/core/loop/clipBytes';
import { makeLoopConfig } from '../src/core/loop/config';
import { fineTune } from '../src/core/loop/generation';
import { rngFor, seedFor } from '../src/core/loop/seeds';
import { toArrayBuffer } from '../src/core/loop/store';
import { syntheticCount } from '../src/core/loop/params';
import { drawConditions, sampleSynthetic } from '../src/core/loop/synthetic';
import type { Clip } from '../src/core/motion/clip';
import { generateTestSplit } from '../src/core/motion/dataset/index';
import { applyCorrection, initPhysics } from '../src/core/physics/index';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    k: { type: 'string', default: '20' }, eval: { type: 'string', default: '128' }, seeds: { type: 'string', default: '3' },
    lambda: { type: 'string', default: '1' }, 'sample-steps': { type: 'string', default: '10' }, json: { type: 'boolean', default: false },
    'root-integral': { type: 'string', default: '5' },
  },
});
const dir = positionals[0];
if (!dir) {
  console.error('usage: npx tsx bench/one-generation.ts RUN_DIR [--k 20] [--eval 128] [--seeds 3] [--lambda 1] [--sample-steps 10] [--json]');
  process.exit(2);
}
const num = (name: keyof typeof values): number => {
  const v = Number(values[name]);
  if (!Number.isFinite(v) || v < 0) {
    console.error(`one-generation: --${name} must be a number ≥ 0, got "${String(values[name])}"`);
    process.exit(2);
  }
  return v;
};
const K = num('k'), NE = num('eval'), SEEDS = num('seeds'), LAMBDA = num('lambda'), SS = num('sample-steps'), KI = num('root-integral');

const meanRootHeight = (clips: readonly Clip[]): number => {
  let h = 0, n = 0;
  for (const c of clips) for (let t = 0; t < c.nFrames; t++, n++) h += c.rootPos[t * 3 + 1];
  return h / n;
};
const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;
const sd = (a: number[]): number => (a.length < 2 ? 0 : Math.sqrt(a.reduce((x, y) => x + (y - mean(a)) ** 2, 0) / (a.length - 1)));

async function main(): Promise<void> {
  await selectNodeBackend('wasm');
  await initPhysics();
  const ev = await loadEvaluatorFile();
  const bytes = await readFile(path.join(dir, 'gen0.ckpt'));
  const gen0 = modelFromCheckpoint(toArrayBuffer(bytes), 'gen0.ckpt');
  const real = clipsFromBytes(new Uint8Array(await readFile(path.join(dir, 'real.clips'))), 'real.clips');
  const config = makeLoopConfig({ n: real.length, steps: K, sampleSteps: SS });
  const reference = generateTestSplit(256);
  const conditions = reference.slice(0, NE);

  // 1. the synthetic data of one generation
  const idx = drawConditions(real.length, syntheticCount(LAMBDA, real.length), rngFor(0, 'g1/conditions'));
  const generated = await sampleSynthetic(gen0, idx.map((i) => real[i]), { seed: seedFor(0, 'g1/sample'), sampleSteps: SS, guidance: 1, idPrefix: 'gen' });
  const corrected = applyCorrection(generated, Infinity, { seed: seedFor(0, 'g1/correct'), correctOptions: { rootIntegralGain: KI } }).clips;
  const data: Record<string, { clips: number; fid: number; rPrecision3: number; physErr: number; penetrate: number; rootHeightM: number }> = {};
  for (const [name, clips] of [['real', real], ['generated', generated], ['corrected', corrected]] as const) {
    const m = await evaluateMotions(ev, [...clips], reference, { seed: 3 });
    data[name] = { clips: clips.length, fid: m.fid, rPrecision3: m.rPrecision[2], physErr: m.physErr, penetrate: m.penetrate, rootHeightM: meanRootHeight(clips) };
  }

  // 2. the model after one generation, per training data
  const score = async (model: typeof gen0): ReturnType<typeof evaluateMotions> => {
    const e = await sampleSynthetic(model, conditions, { seed: seedFor(0, 'probe/eval'), sampleSteps: SS, guidance: 1, idPrefix: 'eval' });
    return evaluateMotions(ev, e, reference, { seed: 3 });
  };
  const g0 = await score(gen0);
  const realPool = poolFromClips(gen0, real, { name: 'real' });
  const models: Record<string, { loss: number; fid: [number, number]; rPrecision3: number; physErr: [number, number]; penetrate: number }> = {};
  for (const [name, synthetic] of [['real only', null], ['real ∪ generated', generated], ['real ∪ corrected', corrected]] as const) {
    const runs = [];
    for (let s = 0; s < SEEDS; s++) {
      const model = cloneModel(gen0);
      try {
        const pools = [realPool];
        if (synthetic) pools.push(poolFromClips(model, synthetic, { name: 'synthetic' }));
        const loss = await fineTune(model, pools, K, config, seedFor(s, 'g1/train'));
        runs.push({ loss, m: await score(model) });
      } finally {
        disposeModel(model);
      }
    }
    const fids = runs.map((r) => r.m.fid), phys = runs.map((r) => r.m.physErr);
    models[name] = {
      loss: mean(runs.map((r) => r.loss)), fid: [mean(fids), sd(fids)], rPrecision3: mean(runs.map((r) => r.m.rPrecision[2])),
      physErr: [mean(phys), sd(phys)], penetrate: mean(runs.map((r) => r.m.penetrate)),
    };
  }
  disposeModel(gen0);
  ev.dispose();

  const settings = { dir, k: K, evalSamples: NE, seeds: SEEDS, lambda: LAMBDA, sampleSteps: SS, rootIntegral: KI };
  if (values.json) {
    console.log(JSON.stringify({ settings, data, generation0: { fid: g0.fid, physErr: g0.physErr }, models }, null, 1));
    return;
  }
  console.log(`one generation from ${dir}: K ${K}, λ ${LAMBDA}, ${NE} evaluation samples, ${SEEDS} training seeds, ${SS} sampler steps, root integral ${KI}\n`);
  console.log('| data | clips | FID | R-precision (top 3) | Phys-Err (mm) | Penetrate (mm) | mean root height (m) |\n|---|---:|---:|---:|---:|---:|---:|');
  for (const [name, d] of Object.entries(data)) {
    console.log(`| ${name} | ${d.clips} | ${d.fid.toFixed(3)} | ${d.rPrecision3.toFixed(2)} | ${d.physErr.toFixed(1)} | ${d.penetrate.toFixed(1)} | ${d.rootHeightM.toFixed(4)} |`);
  }
  console.log(`\ngeneration 0: FID ${g0.fid.toFixed(3)}, Phys-Err ${g0.physErr.toFixed(1)} mm\n`);
  console.log('| fine-tuned on | mean loss | FID (mean ± sd) | R-precision (top 3) | Phys-Err (mm, mean ± sd) | Penetrate (mm) |\n|---|---:|---:|---:|---:|---:|');
  for (const [name, m] of Object.entries(models)) {
    console.log(`| ${name} | ${m.loss.toFixed(3)} | ${m.fid[0].toFixed(3)} ± ${m.fid[1].toFixed(3)} | ${m.rPrecision3.toFixed(2)} | ${m.physErr[0].toFixed(1)} ± ${m.physErr[1].toFixed(1)} | ${m.penetrate.toFixed(1)} |`);
  }
}

main().catch((e: unknown) => {
  console.error(`one-generation: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

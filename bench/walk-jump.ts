// The diffusion model's walk-vs-jump check on a saved checkpoint, at other sampling settings than `scsc train --eval` used,
// without retraining: walkJumpCheck (src/core/diffusion/walkJump.ts) with the sampler, guidance, steps and
// evaluation seed as arguments, on the embedded set the checkpoint was trained on. Seed 2 is what
// `scsc train --eval` uses for a model trained with --seed 0. --failures lists the misclassified samples.
// The report includes jumpAirborne: jump samples that also leave the ground (walkJump.ts explains why the
// vertical range alone is not enough).
// Usage: npx tsx bench/walk-jump.ts MODEL.ckpt [--method ddim|ancestral] [--guidance 1] [--steps 50]
//          [--seed 2] [--per-class 64] [--n 256] [--data-seed 0] [--failures]
//   e.g. npx tsx src/cli/scsc.ts train --preset small --steps 420 --minutes 0 --schedule cosine --lr 2e-3 --out small.ckpt
//        npx tsx bench/walk-jump.ts small.ckpt --guidance 1.5 --seed 5

import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { selectNodeBackend } from '../src/core/diffusion/backendNode';
import { modelFromCheckpoint } from '../src/core/diffusion/checkpoint';
import { disposeModel } from '../src/core/diffusion/denoiser';
import type { SamplerMethod } from '../src/core/diffusion/sampler';
import { classifyWalkJump, flightClearance, rootStats, scoreWalkJump, walkJumpSamples } from '../src/core/diffusion/walkJump';
import { toArrayBuffer } from '../src/core/loop/store';
import { generateDataset } from '../src/core/motion/dataset/index';

const { values: o, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    method: { type: 'string', default: 'ddim' },
    guidance: { type: 'string', default: '1' },
    steps: { type: 'string', default: '50' },
    seed: { type: 'string', default: '2' },
    'per-class': { type: 'string', default: '64' },
    n: { type: 'string', default: '256' },
    'data-seed': { type: 'string', default: '0' },
    failures: { type: 'boolean', default: false },
  },
});
const num = (name: string, v: string | undefined): number => {
  const x = Number(v);
  if (!Number.isFinite(x)) throw new Error(`walk-jump: --${name} must be a number, got "${v}"`);
  return x;
};
if (positionals.length !== 1) {
  console.error('usage: npx tsx bench/walk-jump.ts MODEL.ckpt [--method ddim|ancestral] [--guidance 1] [--steps 50] [--seed 2] [--per-class 64] [--failures]');
  process.exit(2);
}
if (o.method !== 'ddim' && o.method !== 'ancestral') throw new Error(`walk-jump: --method must be ddim or ancestral, got "${o.method}"`);
const method: SamplerMethod = o.method;
const opts = {
  perClass: num('per-class', o['per-class']), seed: num('seed', o.seed), steps: num('steps', o.steps),
  guidance: num('guidance', o.guidance), method,
};

await selectNodeBackend('wasm');
const model = modelFromCheckpoint(toArrayBuffer(await readFile(positionals[0])), positionals[0]);
const clips = generateDataset({ n: num('n', o.n), seed: num('data-seed', o['data-seed']) });
const { prompts, clips: out } = await walkJumpSamples(model, clips, opts);
const report = scoreWalkJump(out, opts.perClass);
console.log(JSON.stringify({ checkpoint: positionals[0], ...opts, ...report }));
if (o.failures) {
  out.forEach((c, i) => {
    const want = i < opts.perClass ? 'walk' : 'jump';
    const s = rootStats(c);
    const got = classifyWalkJump(s);
    if (got !== want) console.log(`${want} → ${got}: "${prompts[i]}" displacement ${s.displacement.toFixed(2)} m, vertical range ${s.verticalRange.toFixed(3)} m, clearance ${flightClearance(c).toFixed(3)} m`);
  });
}
disposeModel(model);

// Issue 4's quality check at a CI budget: the tiny preset trained briefly (seeded, deterministic: 150 steps at batch
// 16, ≈ 32 CPU-seconds) on the real walk and jump clips of the embedded data set; 32 samples for captions of real
// walk clips and 32 for captions of real jump clips (guidance 1, 20 DDIM steps) must be told apart by the
// walk-vs-jump statistic in ≥ 90 % of each class, be finite and touch the floor, and ≥ 4 of the 32 jump samples
// must leave the ground (flight clearance ≥ 0.12 m; the range statistic alone passes crouches). The full check (small
// preset, all twelve classes, 64 samples per class) takes minutes and is `scsc train --eval` (diffusion README).
import { beforeAll, describe, expect, it } from 'vitest';
import { selectNodeBackend } from '../../src/core/diffusion/backendNode';
import { createModel, disposeModel } from '../../src/core/diffusion/denoiser';
import { datasetSetup, poolFromClips } from '../../src/core/diffusion/pools';
import { tf } from '../../src/core/diffusion/tf';
import { trainSteps } from '../../src/core/diffusion/trainer';
import { walkJumpCheck } from '../../src/core/diffusion/walkJump';
import { generateDataset } from '../../src/core/motion/dataset/index';

beforeAll(async () => {
  expect((await selectNodeBackend()).name).toBe('wasm');
});

describe('walk vs jump after a short tiny-preset training', () => {
  it('samples for walk captions walk and samples for jump captions jump (≥ 90 % of 32 each), all valid', async () => {
    const clips = generateDataset({ n: 256, seed: 0 }).filter((c) => c.label === 'walk' || c.label === 'jump');
    const { vocab, stats } = datasetSetup(clips);
    const before = tf.memory().numTensors;
    const model = createModel('tiny', vocab, 0, { stats });
    const pool = poolFromClips(model, clips, { name: 'real' });
    const STEPS = 150;
    await trainSteps(model, { pools: [pool] }, STEPS, {
      seed: 1, batchSize: 16, learningRate: 2e-3, lrSchedule: { warmup: 10, total: STEPS, final: 0.1 }, progressEvery: 50,
    });
    const r = await walkJumpCheck(model, clips, { perClass: 32, seed: 2, steps: 20, guidance: 1 });
    disposeModel(model);
    expect(tf.memory().numTensors).toBe(before);
    expect(r.finite).toBe(1);
    expect(r.onFloor).toBeGreaterThanOrEqual(0.9);
    expect(r.walkAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.jumpAccuracy).toBeGreaterThanOrEqual(0.9);
    // and some of the jumps leave the ground (8 of 32 measured; the twelve-class small model draws none: README)
    expect(r.jumpAirborne).toBeGreaterThanOrEqual(0.125);
  }, 600_000);
});

// LoopRunner.startFromGen0 (`scsc experiment --gen0-from`): a run started from another run's generation 0 (trained
// there with other arms, λ, γ and generations) goes on exactly as a fresh run, checkpoints and resumes as one,
// and is refused, naming the fields, when a setting generation 0 depends on differs.

import { beforeAll, describe, expect, it } from 'vitest';
import { selectNodeBackend } from '../../src/core/diffusion/backendNode';
import { flatParams } from '../../src/core/diffusion/checkpoint';
import { generateDataset, generateTestSplit } from '../../src/core/motion/dataset/index';
import { loadGen0Source } from '../../src/core/loop/checkpoint';
import { type LoopConfig, makeLoopConfig } from '../../src/core/loop/config';
import { gen0Mismatches, LoopRunner } from '../../src/core/loop/runner';
import { MemoryStore, type RunStore } from '../../src/core/loop/store';
import type { CorrectFn, Gen0Source, GenerationRecord } from '../../src/core/loop/types';
import { stubEvaluate } from './loopStubs';

const REAL = generateDataset({ n: 12, seed: 3 });
const REF = generateTestSplit(4);

const evaluate = stubEvaluate;

/** Stand-in corrector: every other clip "corrected" (unchanged), deterministic. */
const correct: CorrectFn = (batch) => ({ clips: batch, corrected: batch.map((_, i) => i % 2 === 0) });

const deps = (store?: RunStore) => ({ evaluate, correct, real: REAL, reference: REF, store });

/** The settings generation 0 depends on, shared by both runs; the source differs in everything else. */
const SHARED: Partial<LoopConfig> = {
  n: 12, initialSteps: 3, preset: 'tiny', seed: 7, dataSeed: 3, batchSize: 4, sampleSteps: 2, evalSamples: 4,
  multimodalityTexts: 2, multimodalityRepeats: 2,
};
const SOURCE: Partial<LoopConfig> = { ...SHARED, arms: ['baseline'], lambda: 0, gamma: Infinity, generations: 0, steps: 5 };
const TARGET: Partial<LoopConfig> = {
  ...SHARED, arms: ['self-consuming', 'self-correcting'], lambda: 0.5, gamma: 1, generations: 2, steps: 2, viewerSamples: 1,
};

const strip = (h: readonly GenerationRecord[]) =>
  h.map((g) => ({ ...g, ms: 0, arms: Object.fromEntries(Object.entries(g.arms).map(([k, v]) => [k, { ...v, timings: null }])) }));

let gen0: Gen0Source;

beforeAll(async () => {
  await selectNodeBackend('wasm');
  const store = new MemoryStore();
  const src = await LoopRunner.start(SOURCE, deps(store));
  await src.close();
  const g = await loadGen0Source(store);
  if (!g) throw new Error('the source run stored nothing');
  gen0 = g;
});

describe('a run started from another run\'s generation 0', () => {
  it('has the same history and weights through generation 2 as a fresh run, and checkpoints and resumes as one', async () => {
    const fresh = await LoopRunner.start(TARGET, deps());
    await fresh.run();

    const store = new MemoryStore();
    const a = await LoopRunner.startFromGen0(TARGET, deps(store), gen0);
    expect(Object.keys(a.history[0].arms).sort()).toEqual(['self-consuming', 'self-correcting']);
    expect(a.history[0].arms['self-correcting']?.arm).toBe('self-correcting');
    expect(a.history[0]).toMatchObject({ generation: 0, lambda: 0.5, gamma: 1, changes: [] });
    for (const key of ['run.json', 'real.clips', 'gen0.ckpt', 'slot0/self-consuming.ckpt', 'slot0/self-correcting.ckpt']) {
      expect(store.data.has(key), key).toBe(true);
    }
    await a.step();
    a.dispose(); // crash after generation 1: resume from the store
    const b = await LoopRunner.resume(deps(store));
    if (!b) throw new Error('no run in the store');
    expect(b.generation).toBe(1);
    await b.run();
    expect(b.generation).toBe(2);
    expect(strip(b.history)).toEqual(strip(fresh.history));
    for (const arm of ['self-consuming', 'self-correcting'] as const) {
      expect(await flatParams(b.model(arm))).toEqual(await flatParams(fresh.model(arm)));
    }

    // and uninterrupted, without a store
    const c = await LoopRunner.startFromGen0(TARGET, deps(), gen0);
    await c.run();
    expect(strip(c.history)).toEqual(strip(fresh.history));
    await Promise.all([fresh.close(), b.close(), c.close()]);
  });

  it('is refused, naming the fields, when a setting generation 0 depends on differs', async () => {
    await expect(LoopRunner.startFromGen0({ ...TARGET, seed: 8 }, deps(), gen0)).rejects.toThrow(/seed 7 there, 8 here/);
    await expect(LoopRunner.startFromGen0({ ...TARGET, initialSteps: 4, evalSamples: 6 }, deps(), gen0))
      .rejects.toThrow(/initialSteps 3 there, 4 here; evalSamples 4 there, 6 here/);
    const base = makeLoopConfig(TARGET);
    expect(gen0Mismatches(base, makeLoopConfig({ ...TARGET, lambda: 1, gamma: 0, arms: ['baseline'], generations: 9, steps: 1, mode: 'blend', accumulate: true }))).toEqual([]);
    for (const [field, value] of [['n', 13], ['dataSeed', 4], ['preset', 'small'], ['batchSize', 8], ['learningRate', 2e-3], ['sampleSteps', 3], ['guidance', 2], ['multimodalityTexts', 0], ['multimodalityRepeats', 3]] as const) {
      expect(gen0Mismatches(base, makeLoopConfig({ ...TARGET, [field]: value })).map((d) => d.field), field).toEqual([field]);
    }
    // repeats do not matter when multimodality is not measured
    expect(gen0Mismatches(makeLoopConfig({ ...TARGET, multimodalityTexts: 0 }), makeLoopConfig({ ...TARGET, multimodalityTexts: 0, multimodalityRepeats: 9 }))).toEqual([]);
  });
});

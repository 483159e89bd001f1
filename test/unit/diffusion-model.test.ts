// The tfjs denoiser on the wasm backend: no tensor leaks, determinism, falling loss on real clips, CFG sampling
// to finite clips, checkpoint round trip, unknown prompt words reported.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectNodeBackend } from '../../src/core/diffusion/backendNode';
import { flatParams, loadWeights, modelFromCheckpoint, paramDistance, saveWeights } from '../../src/core/diffusion/checkpoint';
import { cloneModel, createModel, disposeModel, paramCountOf, paramGetter } from '../../src/core/diffusion/denoiser';
import { datasetSetup, poolFromClips } from '../../src/core/diffusion/pools';
import { parameterCount, presetConfig } from '../../src/core/diffusion/presets';
import { sample, sampleClips } from '../../src/core/diffusion/sampler';
import { tf } from '../../src/core/diffusion/tf';
import { Trainer, trainSteps, type TrainData } from '../../src/core/diffusion/trainer';
import { promptBags, textCondition } from '../../src/core/diffusion/textEncoder';
import { buildVocab, stem } from '../../src/core/diffusion/vocab';
import { validateClip } from '../../src/core/motion/clip';
import { generateDataset } from '../../src/core/motion/dataset/index';
import { Rng } from '../../src/core/random';

const CAPTIONS = ['a person walks forward', 'a person jumps in place', 'someone waves with the left hand'];
const vocab = buildVocab(CAPTIONS);
const PER = 60 * 136;

function randomData(n: number, seed: number): TrainData {
  const rng = new Rng(seed);
  const features = new Float32Array(n * PER);
  for (let i = 0; i < features.length; i++) features[i] = rng.normal();
  return { pools: [{ features, captions: Array.from({ length: n }, (_, i) => CAPTIONS[i % CAPTIONS.length]) }] };
}

beforeAll(async () => {
  const choice = await selectNodeBackend();
  expect(choice.name).toBe('wasm');
});

describe('denoiser', () => {
  it('has the parameter count of its preset and the same weights for the same seed', async () => {
    const a = createModel('tiny', vocab, 7);
    const b = createModel('tiny', vocab, 7);
    const c = createModel('tiny', vocab, 8);
    expect(paramCountOf(a)).toBe(parameterCount(presetConfig('tiny'), vocab.words.length));
    const [fa, fb, fc] = await Promise.all([flatParams(a), flatParams(b), flatParams(c)]);
    expect(paramDistance(fa, fb)).toBe(0);
    expect(paramDistance(fa, fc)).toBeGreaterThan(1);
    [a, b, c].forEach(disposeModel);
  });

  it('leaks no tensors over 100 training steps, sampling, cloning and checkpoints', async () => {
    const data = randomData(6, 1);
    const before = tf.memory().numTensors;
    const model = createModel('tiny', vocab, 1);
    const afterCreate = tf.memory().numTensors;
    const { losses } = await trainSteps(model, data, 100, { seed: 3, batchSize: 2, progressEvery: 7 });
    expect(losses.length).toBe(100);
    expect(tf.memory().numTensors).toBe(afterCreate);
    await sample(model, ['walk', 'jump'], { seed: 1, steps: 4, guidance: 2.5 });
    await sample(model, ['walk'], { seed: 1, steps: 3, guidance: 1, method: 'ancestral' });
    expect(tf.memory().numTensors).toBe(afterCreate);
    const trainer = new Trainer(model, { seed: 4, batchSize: 2 });
    await trainer.train(data, 3);
    await trainer.train(data, 2);
    trainer.dispose();
    const copy = cloneModel(model);
    const buf = await saveWeights(copy);
    loadWeights(model, buf);
    const restored = modelFromCheckpoint(buf);
    disposeModel(copy);
    disposeModel(restored);
    expect(tf.memory().numTensors).toBe(afterCreate);
    disposeModel(model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is deterministic: same seeds → same weights after training and same samples', async () => {
    const data = randomData(8, 2);
    const run = async (): Promise<{ w: Float32Array; s: Float32Array; losses: number[] }> => {
      const m = createModel('tiny', vocab, 11);
      const { losses } = await trainSteps(m, data, 6, { seed: 5, batchSize: 4 });
      const w = await flatParams(m);
      const { features } = await sample(m, ['a person walks', 'jump'], { seed: 9, steps: 5 });
      disposeModel(m);
      return { w, s: features, losses };
    };
    const a = await run();
    const b = await run();
    expect(b.losses).toEqual(a.losses);
    expect(paramDistance(a.w, b.w)).toBe(0);
    expect(Array.from(b.s)).toEqual(Array.from(a.s));
    // a different training seed gives different weights
    const m = createModel('tiny', vocab, 11);
    await trainSteps(m, data, 6, { seed: 6, batchSize: 4 });
    expect(paramDistance(await flatParams(m), a.w)).toBeGreaterThan(0);
    disposeModel(m);
  });

  it('rootWeight reweights the loss of the 4 root features: on one batch, L(w)·(4w + 132) is linear in w', async () => {
    const data = randomData(6, 4);
    const before = tf.memory().numTensors;
    const firstLoss = async (rootWeight: number): Promise<number> => {
      const m = createModel('tiny', vocab, 2);
      const t = new Trainer(m, { seed: 8, batchSize: 3, rootWeight });
      const { losses } = await t.train(data, 1); // the loss before the first update, on the same batch for every w
      t.dispose();
      disposeModel(m);
      return losses[0];
    };
    const ws = [1, 4, 16];
    const L: number[] = [];
    for (const w of ws) L.push(await firstLoss(w));
    // weights normalised to mean 1: L(w) = 136·(w·A + B) / (4w + 132), A and B the root and rotation error sums
    const y = ws.map((w, i) => L[i] * (4 * w + 132));
    const slope01 = (y[1] - y[0]) / (ws[1] - ws[0]);
    const slope12 = (y[2] - y[1]) / (ws[2] - ws[1]);
    expect(Math.abs(slope01 - slope12)).toBeLessThan(1e-3 * Math.abs(y[0]));
    expect(Math.abs(L[2] - L[0])).toBeGreaterThan(1e-4);
    expect(tf.memory().numTensors).toBe(before);
    const m = createModel('tiny', vocab, 2);
    expect(() => new Trainer(m, { seed: 1, rootWeight: 0 })).toThrow(/root loss weight/);
    disposeModel(m);
  });

  it('emaDecay keeps a moving average of the weights (warm-up decay min(d, (1+k)/(10+k))); useEma loads it', async () => {
    const data = randomData(6, 5);
    const before = tf.memory().numTensors;
    const m = createModel('tiny', vocab, 4);
    const trainer = new Trainer(m, { seed: 2, batchSize: 3, emaDecay: 0.5 });
    const theta = [await flatParams(m)];
    for (let k = 0; k < 3; k++) {
      await trainer.train(data, 1);
      theta.push(await flatParams(m));
    }
    let ema = Float64Array.from(theta[0]);
    for (let k = 0; k < 3; k++) {
      const d = Math.min(0.5, (1 + k) / (10 + k));
      ema = ema.map((e, i) => d * e + (1 - d) * theta[k + 1][i]);
    }
    trainer.useEma();
    const got = await flatParams(m);
    let maxErr = 0;
    for (let i = 0; i < got.length; i++) maxErr = Math.max(maxErr, Math.abs(got[i] - ema[i]));
    expect(maxErr).toBeLessThan(1e-5);
    expect(paramDistance(got, theta[3])).toBeGreaterThan(1e-3); // not the last weights
    trainer.dispose();
    disposeModel(m);
    expect(tf.memory().numTensors).toBe(before);
    const plain = createModel('tiny', vocab, 4);
    const t2 = new Trainer(plain, { seed: 1 });
    expect(() => t2.useEma()).toThrow(/no moving average/);
    expect(() => new Trainer(plain, { seed: 1, emaDecay: 1 })).toThrow(/EMA decay/);
    t2.dispose();
    disposeModel(plain);
  });

  it('a sample does not depend on the other prompts of its batch', async () => {
    const m = createModel('tiny', vocab, 3);
    const one = await sample(m, ['walk', 'jump', 'wave'], { seed: 4, steps: 4, chunkSize: 3 });
    const two = await sample(m, ['walk', 'jump', 'wave'], { seed: 4, steps: 4, chunkSize: 1 });
    for (let i = 0; i < one.features.length; i++) expect(Math.abs(one.features[i] - two.features[i])).toBeLessThan(1e-4);
    disposeModel(m);
  });

  it('weighted pooling starts as the mean and follows the learned word scores; conditioning options round-trip', async () => {
    const w = createModel('tiny', vocab, 5, { conditioning: { textPooling: 'weighted', condToFrames: true } });
    const mean = createModel('tiny', vocab, 5);
    expect(mean.config.textPooling).toBe('mean');
    const cond = (m: typeof w, prompts: string[]): number[][] => {
      const b = promptBags(vocab, prompts);
      const get = paramGetter(m);
      const out = tf.tidy(() => textCondition(get, tf.tensor2d(b.bags, [prompts.length, vocab.words.length]), tf.ones([prompts.length, 1]), m.config.textPooling));
      const rows = out.arraySync();
      out.dispose();
      return rows;
    };
    // zero scores: the same condition as the plain mean (shared weights were drawn from the same named streams)
    const [cw] = cond(w, ['a person jumps forward']);
    const [cm] = cond(mean, ['a person jumps forward']);
    cw.forEach((x, i) => expect(x).toBeCloseTo(cm[i], 5));
    // a high score on "jump" makes "jumps forward" pool (almost) to "jump" alone
    const score = paramGetter(w)('text/score');
    const s = new Float32Array(vocab.words.length);
    s[vocab.index.get(stem('jump')) as number] = 12;
    score.assign(tf.tensor1d(s));
    const [both, alone, fwd] = cond(w, ['a person jumps forward', 'jump', 'forward']);
    const dist = (a: number[], b: number[]): number => Math.hypot(...a.map((x, i) => x - b[i]));
    expect(dist(both, alone)).toBeLessThan(1e-3 * dist(fwd, alone));
    const restored = modelFromCheckpoint(await saveWeights(w));
    expect(restored.config.textPooling).toBe('weighted');
    expect(restored.config.condToFrames).toBe(true);
    const a = await sample(w, ['walk'], { seed: 2, steps: 3 });
    const b = await sample(restored, ['walk'], { seed: 2, steps: 3 });
    expect(Array.from(b.features)).toEqual(Array.from(a.features));
    [w, mean, restored].forEach(disposeModel);
  });

  it('reports unknown prompt words per prompt', async () => {
    const m = createModel('tiny', vocab, 3);
    const r = await sample(m, ['a person walks forward', 'a person moonwalks backwards', 'xyzzy'], { seed: 1, steps: 2 });
    expect(r.unknownWords).toEqual([[], ['moonwalks', 'backwards'], ['xyzzy']]);
    expect(r.features.length).toBe(3 * PER);
    expect(r.features.every(Number.isFinite)).toBe(true);
    disposeModel(m);
  });

  it('checkpoint round trip gives identical outputs; mismatched checkpoints are refused', async () => {
    const m = createModel('tiny', vocab, 21);
    await trainSteps(m, randomData(4, 3), 3, { seed: 1, batchSize: 2 });
    const buf = await saveWeights(m);
    const restored = modelFromCheckpoint(buf);
    const a = await sample(m, ['walk', 'jump'], { seed: 2, steps: 5 });
    const b = await sample(restored, ['walk', 'jump'], { seed: 2, steps: 5 });
    expect(Array.from(b.features)).toEqual(Array.from(a.features));
    const fresh = createModel('tiny', vocab, 99);
    loadWeights(fresh, buf);
    expect(paramDistance(await flatParams(fresh), await flatParams(m))).toBe(0);
    const small = createModel('small', vocab, 1);
    expect(() => loadWeights(small, buf)).toThrow(/parameter/);
    const prepended = createModel('tiny', vocab, 1, { conditioning: { condToFrames: true } });
    expect(() => loadWeights(prepended, buf, 'm.ckpt')).toThrow(/m\.ckpt: condToFrames is false, the model has true/);
    disposeModel(prepended);
    expect(() => modelFromCheckpoint(new ArrayBuffer(16), 'x.ckpt')).toThrow(/x\.ckpt: not an SCSC diffusion checkpoint/);
    expect(() => modelFromCheckpoint(buf.slice(0, buf.byteLength - 8), 'cut.ckpt')).toThrow(/cut\.ckpt: .*weights stored/);
    [m, restored, fresh, small].forEach(disposeModel);
  });

  it('loss falls on a small real set; sampled features decode to finite clips', async () => {
    const clips = generateDataset({ n: 24, seed: 5 }).filter((c) => c.label === 'walk' || c.label === 'jump');
    const { vocab: v, stats } = datasetSetup(clips);
    const m = createModel('tiny', v, 2, { stats });
    const pool = poolFromClips(m, clips, { name: 'real' });
    const { losses } = await trainSteps(m, { pools: [pool] }, 60, { seed: 1, batchSize: 8, learningRate: 2e-3 });
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const first = mean(losses.slice(0, 10));
    const last = mean(losses.slice(-10));
    expect(last).toBeLessThan(0.7 * first);
    const { clips: out, unknownWords } = await sampleClips(m, ['a person walks forward', 'the person jumps up'], { seed: 3, steps: 10 });
    expect(unknownWords).toEqual([[], []]);
    for (const c of out) {
      validateClip(c);
      expect(c.nFrames).toBe(60);
      expect(c.caption.length).toBeGreaterThan(0);
    }
    disposeModel(m);
  });
});

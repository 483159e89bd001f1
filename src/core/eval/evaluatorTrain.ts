// Training of the evaluator on real clips only: symmetric InfoNCE between motion and caption embeddings (targets
// spread evenly over the batch's clips whose captions have the same bag of known words, so duplicates are not
// pushed apart) plus label cross-entropy on the classifier head. Deterministic from the seed: seeded init and
// batch order, and the same weights on the same backend (wasm/cpu) for the same seed.

import { ACTIONS, generateDataset } from '../motion/dataset/index';
import type { Clip } from '../motion/clip';
import { FEATURE_DIM, ROOT_FEATURES } from '../motion/features';
import { computeFeatureStats } from '../motion/featureStats';
import { tf, type Scalar, type Tensor, type Tensor2D, type Variable } from '../diffusion/tf';
import { buildVocab, encodeText } from '../diffusion/vocab';
import { Rng } from '../random';
import {
  bagOfWords, classifierForward, clipInput, DEFAULT_EVALUATOR_CONFIG, type EvaluatorConfig, evaluatorStats, INPUT_CLAMP,
  evaluatorFromWeights, evaluatorParamShapes, initialWeights, motionForward, textForward, type TfEvaluator, usableFrames,
} from './evaluator';

export interface TrainEvaluatorOptions {
  seed: number;
  /** Real training clips generated from `seed` (default 2048); ignored when `clips` is given. */
  nTrain?: number;
  /** Passes over the training clips (default 12). */
  epochs?: number;
  /** Stop after this many steps at most (default: no limit). */
  maxSteps?: number;
  /** Clips per step (default 128). */
  batchSize?: number;
  /** Adam learning rate (default 1e-3; the last quarter of the steps runs at a tenth of it). */
  learningRate?: number;
  /** InfoNCE temperature (default 0.1). */
  temperature?: number;
  /** Weight of the label cross-entropy (default 1). */
  labelWeight?: number;
  /** Rotation-noise augmentation (see augment()); 0 turns it off. Default 1. */
  augment?: number;
  /** Train on these clips instead of generating nTrain (all of one length ≥ 12 frames, labels among ACTIONS). */
  clips?: Clip[];
  config?: Partial<EvaluatorConfig>;
  onProgress?: (p: { step: number; loss: number }) => void;
}

function softTargets(keys: readonly string[]): Float32Array {
  const b = keys.length;
  const t = new Float32Array(b * b);
  for (let i = 0; i < b; i++) {
    let n = 0;
    for (let j = 0; j < b; j++) if (keys[i] === keys[j]) n++;
    for (let j = 0; j < b; j++) if (keys[i] === keys[j]) t[i * b + j] = 1 / n;
  }
  return t;
}

/**
 * Augmentation of one normalised clip in place, in raw feature units: with probability 3/4 every 6-D rotation
 * entry gets a constant offset N(0, σo²), σo ~ U(0, 0.08·scale), plus per-frame noise N(0, σf²), σf ~ U(0, 0.02·scale)
 * (a few degrees of pose bias and wobble, as a physics correction or a generator leaves). Root features are left
 * alone. Teaches the encoder that such small deviations do not change what the motion is.
 */
function augment(x: Float32Array, frames: number, std: Float32Array, rng: Rng, scale: number): void {
  if (scale <= 0 || !rng.bernoulli(0.75)) return;
  const so = rng.uniform(0, 0.08 * scale);
  const sf = rng.uniform(0, 0.02 * scale);
  const offset = new Float32Array(FEATURE_DIM);
  for (let d = ROOT_FEATURES; d < FEATURE_DIM; d++) offset[d] = rng.normal(0, so) / std[d];
  for (let f = 0; f < frames; f++) {
    const o = f * FEATURE_DIM;
    for (let d = ROOT_FEATURES; d < FEATURE_DIM; d++) {
      const v = x[o + d] + offset[d] + rng.normal(0, sf) / std[d];
      x[o + d] = Math.max(-INPUT_CLAMP, Math.min(INPUT_CLAMP, v));
    }
  }
}

/** Train an evaluator on real clips (generated from the seed unless given). */
export async function trainEvaluator(opts: TrainEvaluatorOptions): Promise<TfEvaluator> {
  const seed = opts.seed;
  if (!Number.isFinite(seed)) throw new Error(`trainEvaluator: seed must be a finite number, got ${seed}`);
  const nTrain = opts.nTrain ?? 2048;
  const clips = opts.clips ?? generateDataset({ n: nTrain, seed });
  if (clips.length < 2) throw new Error(`trainEvaluator: need at least 2 training clips, got ${clips.length}`);
  const epochs = opts.epochs ?? 12;
  const batchSize = Math.min(opts.batchSize ?? 128, clips.length);
  const lr = opts.learningRate ?? 1e-3;
  const tau = opts.temperature ?? 0.1;
  const labelWeight = opts.labelWeight ?? 1;
  const config: EvaluatorConfig = { ...DEFAULT_EVALUATOR_CONFIG, ...opts.config, featureDim: FEATURE_DIM };
  const labels = [...ACTIONS];
  const frames = usableFrames(clips[0], 'trainEvaluator');
  const labelIdx = clips.map((c, i) => {
    if (usableFrames(c, 'trainEvaluator') !== frames) throw new Error(`trainEvaluator: clip ${i} (${c.id}) has ${c.nFrames} frames, clip 0 has ${clips[0].nFrames}; train on clips of one length`);
    const k = labels.indexOf(c.label);
    if (k < 0) throw new Error(`trainEvaluator: clip ${i} (${c.id}) has unknown label "${c.label}"`);
    return k;
  });

  const stats = evaluatorStats(computeFeatureStats(clips));
  const vocab = buildVocab(clips.map((c) => c.caption));
  const v = vocab.words.length;
  const per = frames * FEATURE_DIM;
  const x = new Float32Array(clips.length * per);
  clips.forEach((c, i) => x.set(clipInput(c, stats, frames), i * per));
  const { bow } = bagOfWords(vocab, clips.map((c) => c.caption));
  const keys = clips.map((c) => encodeText(vocab, c.caption).ids.slice().sort((a, b) => a - b).join(','));

  const shapes = evaluatorParamShapes(config, v, labels.length);
  const init = initialWeights(config, v, labels.length, seed);
  const vars: Record<string, Variable> = {};
  shapes.forEach(({ name, shape }, i) => {
    const t = tf.tensor(init[i], shape);
    vars[name] = tf.variable(t, true);
    t.dispose();
  });
  const varList = Object.values(vars);

  const stepsPerEpoch = Math.floor(clips.length / batchSize);
  const total = Math.min(epochs * stepsPerEpoch, opts.maxSteps ?? Infinity);
  const decayAt = Math.floor(total * 0.75);
  let optimizer = tf.train.adam(lr);
  const rng = new Rng(seed).fork('evaluator-batches');
  const augRng = new Rng(seed).fork('evaluator-augment');
  const augScale = opts.augment ?? 1;
  let order: number[] = [];
  let finalLoss = NaN;
  const xb = new Float32Array(batchSize * per);
  const bb = new Float32Array(batchSize * v);
  const lb = new Int32Array(batchSize);
  try {
    for (let step = 0; step < total; step++) {
      if (step === decayAt && step > 0) {
        optimizer.dispose();
        optimizer = tf.train.adam(lr / 10);
      }
      const pos = (step % stepsPerEpoch) * batchSize;
      if (pos === 0) order = rng.shuffle(Array.from({ length: clips.length }, (_, i) => i));
      const idx = order.slice(pos, pos + batchSize);
      idx.forEach((ci, k) => {
        xb.set(x.subarray(ci * per, (ci + 1) * per), k * per);
        augment(xb.subarray(k * per, (k + 1) * per), frames, stats.std, augRng, augScale);
        bb.set(bow.subarray(ci * v, (ci + 1) * v), k * v);
        lb[k] = labelIdx[ci];
      });
      const targets = softTargets(idx.map((i) => keys[i]));
      const lossT = optimizer.minimize(() => {
        const m = motionForward(vars, config, tf.tensor3d(xb, [batchSize, frames, FEATURE_DIM]));
        const t = textForward(vars, tf.tensor2d(bb, [batchSize, v]));
        const sim = tf.div(tf.matMul(m, t, false, true), tau) as Tensor2D;
        const tgt = tf.tensor2d(targets, [batchSize, batchSize]);
        const nce = (logits: Tensor): Tensor => tf.neg(tf.mean(tf.sum(tf.mul(tgt, tf.logSoftmax(logits, 1)), 1)));
        const contrast = tf.mul(0.5, tf.add(nce(sim), nce(tf.transpose(sim))));
        const ce = tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(lb, 'int32'), labels.length), classifierForward(vars, m));
        return tf.add(contrast, tf.mul(labelWeight, ce)) as Scalar;
      }, true, varList);
      if (!lossT) throw new Error('trainEvaluator: optimizer returned no loss');
      const loss = (await lossT.data())[0];
      lossT.dispose();
      if (!Number.isFinite(loss)) throw new Error(`trainEvaluator: loss became ${loss} at step ${step}`);
      finalLoss = loss;
      opts.onProgress?.({ step: step + 1, loss });
    }
    const weights: Float32Array[] = [];
    for (const { name } of shapes) weights.push((await vars[name].data()) as Float32Array);
    return evaluatorFromWeights(
      {
        config,
        labels,
        vocab: [...vocab.words],
        stats,
        training: {
          seed: seed >>> 0, clips: clips.length, source: opts.clips ? 'given clips' : `generateDataset({ n: ${nTrain}, seed: ${seed >>> 0} })`,
          epochs, steps: total, batchSize, learningRate: lr, temperature: tau, labelWeight, augment: augScale, finalLoss, backend: tf.getBackend(),
        },
      },
      weights,
    );
  } finally {
    optimizer.dispose();
    for (const t of varList) t.dispose();
  }
}

// Training of the denoiser: Adam on the MSE between predicted and true clean features x0 (options, all off by
// default: an MDM-style velocity term, a heavier weight on the root features, a moving average of the weights),
// with batches drawn from weighted pools (e.g. real and synthetic),
// seeded noise, timesteps and 10 % condition dropout for classifier-free guidance. Losses are read back every
// `progressEvery` steps in one transfer, never with a per-step GPU sync.

import { ROOT_FEATURES } from '../motion/features';
import { Rng } from '../random';
import { assertLive, denoise, type DiffusionModel, paramGetter, timestepEmbeddings } from './denoiser';
import { promptBags } from './textEncoder';
import { tf, type Optimizer, type Scalar, type Tensor3D, type Variable } from './tf';

/** Clips as normalised features with their captions. */
export interface TrainPool {
  /** n × nFrames × featureDim normalised features (normalizeFeatures with the model's stats). */
  features: Float32Array;
  captions: readonly string[];
  /** Share of each batch drawn from this pool, relative to the other pools (default: its number of clips, so
   *  batches are uniform over the union of the pools). */
  weight?: number;
  /** For error messages, e.g. 'real', 'synthetic'. */
  name?: string;
}

export interface TrainData {
  pools: readonly TrainPool[];
}

export interface TrainerOptions {
  seed: number;
  /** Default 32. */
  batchSize?: number;
  /** Adam step size, default 1e-3. */
  learningRate?: number;
  /** Probability that a training example uses the null condition, default 0.1. */
  condDropout?: number;
  /** Weight of the velocity loss (MSE of frame-to-frame differences of x0), default 0 (off). */
  velocityWeight?: number;
  /**
   * Loss weight of the ROOT_FEATURES root features (height, planar velocity, yaw rate) relative to the joint
   * rotations, default 1 (plain MSE). The weights are normalised to mean 1 over a frame's features, so the loss
   * keeps its scale. The root trajectory is 4 of 136 features, yet it decides whether a sample walks or jumps
   * (measured at 10: it did not help the walk/jump check; src/core/diffusion/README.md).
   */
  rootWeight?: number;
  /**
   * Decay of an exponential moving average of the weights (0 = off, the default; e.g. 0.99). The average starts
   * at the initial weights and uses min(decay, (1 + k) / (10 + k)) at its k-th update, so early steps are not
   * drowned by the initialisation. `useEma()` copies it into the model. (Measured at 0.99: no better on the
   * walk/jump check; src/core/diffusion/README.md.)
   */
  emaDecay?: number;
  /** Learning-rate schedule over this trainer's steps (default: constant `learningRate`). */
  lrSchedule?: LrSchedule;
}

/**
 * Linear warm-up from learningRate/warmup to learningRate over `warmup` steps, then cosine decay to
 * `final`·learningRate at step `total` (constant after it).
 */
export interface LrSchedule {
  warmup: number;
  total: number;
  /** Fraction of the peak rate reached at `total` (default 0.1). */
  final?: number;
}

/** The learning rate of step `step` (0-based) under a schedule. */
export function scheduledLearningRate(base: number, step: number, s: LrSchedule | undefined): number {
  if (!s) return base;
  const final = s.final ?? 0.1;
  const warm = s.warmup > 0 ? Math.min(1, (step + 1) / s.warmup) : 1;
  const span = Math.max(1, s.total - s.warmup);
  const progress = Math.min(1, Math.max(0, step - s.warmup) / span);
  return base * warm * (final + (1 - final) * 0.5 * (1 + Math.cos(Math.PI * progress)));
}

export interface TrainProgress {
  /** Steps done in this call. */
  step: number;
  /** Steps requested in this call. */
  total: number;
  /** Steps done by this trainer over all calls. */
  globalStep: number;
  /** Mean loss over the steps since the last report. */
  loss: number;
  stepsPerSec: number;
}

export interface TrainHooks {
  /** Read losses back and report every N steps (default 10). */
  progressEvery?: number;
  onProgress?: (p: TrainProgress) => void | Promise<void>;
  /** Checked at each report; true stops training after the current interval. */
  shouldStop?: () => boolean;
}

export interface TrainResult {
  /** Loss of every step run. */
  losses: number[];
}

function validatePools(model: DiffusionModel, data: TrainData): { cum: number[]; total: number } {
  const { nFrames, featureDim } = model.config;
  const per = nFrames * featureDim;
  if (data.pools.length === 0) throw new Error('training data: no pools');
  const cum: number[] = [];
  let total = 0;
  data.pools.forEach((p, i) => {
    const name = p.name ?? `pool ${i}`;
    const n = p.captions.length;
    if (p.features.length !== n * per) {
      throw new Error(`training data, ${name}: ${p.features.length} feature values for ${n} captions; expected ${n} × ${nFrames} × ${featureDim}`);
    }
    const w = p.weight ?? n;
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`training data, ${name}: weight must be a finite number ≥ 0, got ${w}`);
    if (w > 0 && n === 0) throw new Error(`training data, ${name}: weight ${w} but no clips`);
    total += w;
    cum.push(total);
  });
  if (!(total > 0)) throw new Error('training data: all pools are empty or have weight 0');
  return { cum, total };
}

/** Loss weights over a frame's features: `rootWeight` on the root features, 1 elsewhere, normalised to mean 1. */
function rootFeatureWeights(featureDim: number, rootWeight: number): Tensor3D {
  const w = new Float32Array(featureDim).fill(1);
  w.fill(rootWeight, 0, ROOT_FEATURES);
  const mean = w.reduce((a, b) => a + b, 0) / featureDim;
  for (let i = 0; i < featureDim; i++) w[i] /= mean;
  return tf.tensor3d(w, [1, 1, featureDim]);
}

/** Adam on one model; keeps its optimizer state and random stream across `train` calls until disposed. */
export class Trainer {
  readonly model: DiffusionModel;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly condDropout: number;
  readonly velocityWeight: number;
  readonly rootWeight: number;
  readonly emaDecay: number;
  readonly lrSchedule: LrSchedule | undefined;
  globalStep = 0;
  private readonly optimizer: Optimizer;
  private readonly rng: Rng;
  private readonly get: ReturnType<typeof paramGetter>;
  private readonly x0Buf: Float32Array;
  private readonly xtBuf: Float32Array;
  private readonly tBuf: Int32Array;
  private readonly tEmbBuf: Float32Array;
  private readonly bagBuf: Float32Array;
  private readonly keepBuf: Float32Array;
  /** Per-feature loss weights [1, 1, D] when rootWeight ≠ 1 (held until dispose). */
  private readonly featureWeights: Tensor3D | null;
  /** The moving average of each parameter (same order as model.params) when emaDecay > 0. */
  private readonly ema: Variable[] | null;
  private emaUpdates = 0;
  private disposed = false;

  constructor(model: DiffusionModel, opts: TrainerOptions) {
    assertLive(model);
    this.model = model;
    this.batchSize = opts.batchSize ?? 32;
    this.learningRate = opts.learningRate ?? 1e-3;
    this.condDropout = opts.condDropout ?? 0.1;
    this.velocityWeight = opts.velocityWeight ?? 0;
    this.rootWeight = opts.rootWeight ?? 1;
    if (!(this.rootWeight > 0) || !Number.isFinite(this.rootWeight)) throw new Error(`root loss weight must be a finite number > 0, got ${this.rootWeight}`);
    this.emaDecay = opts.emaDecay ?? 0;
    if (!(this.emaDecay >= 0 && this.emaDecay < 1)) throw new Error(`EMA decay must be in [0, 1), got ${this.emaDecay}`);
    this.lrSchedule = opts.lrSchedule;
    const sch = opts.lrSchedule;
    if (sch && !(Number.isInteger(sch.warmup) && sch.warmup >= 0 && Number.isInteger(sch.total) && sch.total >= 1 && (sch.final ?? 0.1) >= 0 && (sch.final ?? 0.1) <= 1)) {
      throw new Error(`learning-rate schedule: warmup must be an integer ≥ 0, total an integer ≥ 1 and final in [0, 1], got ${JSON.stringify(sch)}`);
    }
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new Error(`batch size must be a positive integer, got ${this.batchSize}`);
    if (!(this.learningRate > 0)) throw new Error(`learning rate must be positive, got ${this.learningRate}`);
    if (!(this.condDropout >= 0 && this.condDropout <= 1)) throw new Error(`condition dropout must be in [0, 1], got ${this.condDropout}`);
    this.optimizer = tf.train.adam(this.learningRate, 0.9, 0.999, 1e-8);
    this.rng = new Rng(opts.seed);
    this.get = paramGetter(model);
    const { nFrames, featureDim, dModel } = model.config;
    const B = this.batchSize;
    this.x0Buf = new Float32Array(B * nFrames * featureDim);
    this.xtBuf = new Float32Array(B * nFrames * featureDim);
    this.tBuf = new Int32Array(B);
    this.tEmbBuf = new Float32Array(B * dModel);
    this.bagBuf = new Float32Array(B * model.vocab.words.length);
    this.keepBuf = new Float32Array(B);
    this.featureWeights = this.rootWeight === 1 ? null : rootFeatureWeights(featureDim, this.rootWeight);
    this.ema = this.emaDecay > 0 ? model.params.map((p) => {
      const t = p.variable.clone();
      const v = tf.variable(t, false); // not trainable: the optimizer never sees it
      t.dispose();
      return v;
    }) : null;
  }

  /** Fold the current weights into the moving average (one update per Adam step). */
  private updateEma(): void {
    const ema = this.ema;
    if (!ema) return;
    const d = Math.min(this.emaDecay, (1 + this.emaUpdates) / (10 + this.emaUpdates));
    this.emaUpdates++;
    tf.tidy(() => {
      this.model.params.forEach((p, i) => ema[i].assign(tf.add(tf.mul(ema[i], d), tf.mul(p.variable, 1 - d))));
    });
  }

  /** Copy the weights' moving average into the model (training can go on from there). Needs emaDecay > 0. */
  useEma(): void {
    if (this.disposed) throw new Error('Trainer: already disposed');
    const ema = this.ema;
    if (!ema) throw new Error('Trainer.useEma: this trainer keeps no moving average (emaDecay is 0)');
    this.model.params.forEach((p, i) => p.variable.assign(ema[i]));
  }

  /** Run n Adam steps on batches from `data`. */
  async train(data: TrainData, n: number, hooks: TrainHooks = {}): Promise<TrainResult> {
    if (this.disposed) throw new Error('Trainer: already disposed');
    assertLive(this.model);
    if (!Number.isInteger(n) || n < 0) throw new Error(`number of training steps must be an integer ≥ 0, got ${n}`);
    const { cum, total } = validatePools(this.model, data);
    const bags = data.pools.map((p) => promptBags(this.model.vocab, p.captions));
    const every = Math.max(1, hooks.progressEvery ?? 10);
    const losses: number[] = [];
    let pending: Scalar[] = [];
    let tLast = performance.now();
    for (let s = 0; s < n; s++) {
      this.fillBatch(data, cum, total, bags);
      // tfjs's Adam reads its learningRate field at every step
      (this.optimizer as unknown as { learningRate: number }).learningRate = scheduledLearningRate(this.learningRate, this.globalStep, this.lrSchedule);
      pending.push(this.step());
      this.updateEma();
      this.globalStep++;
      if (pending.length === every || s === n - 1) {
        const stacked = tf.stack(pending);
        const values = await stacked.data();
        stacked.dispose();
        for (const p of pending) p.dispose();
        pending = [];
        let sum = 0;
        for (const v of values) {
          losses.push(v);
          sum += v;
        }
        const now = performance.now();
        const stepsPerSec = (values.length * 1000) / Math.max(1e-6, now - tLast);
        tLast = now;
        if (hooks.onProgress) {
          await hooks.onProgress({ step: s + 1, total: n, globalStep: this.globalStep, loss: sum / values.length, stepsPerSec });
          tLast = performance.now();
        }
        if (hooks.shouldStop?.()) break;
      }
    }
    return { losses };
  }

  /** Draw examples, noise and timesteps into the batch buffers (all randomness from this trainer's Rng). */
  private fillBatch(data: TrainData, cum: number[], total: number, bags: ReturnType<typeof promptBags>[]): void {
    const { nFrames, featureDim } = this.model.config;
    const per = nFrames * featureDim;
    const V = this.model.vocab.words.length;
    const ac = this.model.schedule.alphasCumprod;
    const T = this.model.schedule.T;
    const rng = this.rng;
    for (let b = 0; b < this.batchSize; b++) {
      const u = rng.next() * total;
      let pi = 0;
      while (pi < cum.length - 1 && u >= cum[pi]) pi++;
      const pool = data.pools[pi];
      const idx = rng.int(pool.captions.length);
      const t = rng.int(T);
      this.tBuf[b] = t;
      const sa = Math.sqrt(ac[t]);
      const sn = Math.sqrt(1 - ac[t]);
      const src = pool.features;
      const o = b * per;
      const so = idx * per;
      for (let i = 0; i < per; i++) {
        const x0 = src[so + i];
        this.x0Buf[o + i] = x0;
        this.xtBuf[o + i] = sa * x0 + sn * rng.normal();
      }
      const keep = bags[pi].hasWords[idx] === 1 && !rng.bernoulli(this.condDropout);
      this.keepBuf[b] = keep ? 1 : 0;
      this.bagBuf.set(bags[pi].bags.subarray(idx * V, (idx + 1) * V), b * V);
    }
    timestepEmbeddings(this.model, this.tBuf, this.tEmbBuf);
  }

  /** One Adam step on the filled batch; returns the loss scalar (not read back). */
  private step(): Scalar {
    const { nFrames: Tn, featureDim: D, dModel } = this.model.config;
    const B = this.batchSize;
    const V = this.model.vocab.words.length;
    const x0 = tf.tensor3d(this.x0Buf, [B, Tn, D]);
    const xt = tf.tensor3d(this.xtBuf, [B, Tn, D]);
    const tEmb = tf.tensor2d(this.tEmbBuf, [B, dModel]);
    const bag = tf.tensor2d(this.bagBuf, [B, V]);
    const keep = tf.tensor2d(this.keepBuf, [B, 1]);
    const vars = this.model.params.map((p) => p.variable);
    const vw = this.velocityWeight;
    const loss = this.optimizer.minimize(() => {
      const pred = denoise(this.model, { xt, tEmb, bag, keep }, this.get);
      const sq = tf.squaredDifference(pred, x0);
      let l = tf.mean(this.featureWeights ? tf.mul(sq, this.featureWeights) : sq) as Scalar;
      if (vw > 0) {
        const vel = (x: Tensor3D): Tensor3D => tf.sub(tf.slice(x, [0, 1, 0], [B, Tn - 1, D]), tf.slice(x, [0, 0, 0], [B, Tn - 1, D]));
        l = tf.add(l, tf.mul(tf.mean(tf.squaredDifference(vel(pred), vel(x0))), vw)) as Scalar;
      }
      return l;
    }, true, vars);
    tf.dispose([x0, xt, tEmb, bag, keep]);
    if (!loss) throw new Error('Trainer: optimizer returned no loss');
    return loss;
  }

  /** Release the optimizer's state (Adam moments). The model is not touched. */
  dispose(): void {
    if (this.disposed) return;
    this.optimizer.dispose();
    this.featureWeights?.dispose();
    this.ema?.forEach((v) => v.dispose());
    this.disposed = true;
  }
}

/**
 * Train n steps with a fresh Adam optimizer that is disposed afterwards (fine-tuning a generation).
 * For training in several calls with one optimizer, use a Trainer.
 */
export async function trainSteps(
  model: DiffusionModel, data: TrainData, n: number, opts: TrainerOptions & TrainHooks,
): Promise<TrainResult> {
  const trainer = new Trainer(model, opts);
  try {
    return await trainer.train(data, n, opts);
  } finally {
    trainer.dispose();
  }
}

// Sampling from the denoiser: DDIM (η = 0, deterministic given the start noise) or respaced ancestral sampling
// (η = 1, the DDPM posterior on the respaced chain) over S timesteps spanning the whole schedule, with
// classifier-free guidance x̂0 = x̂0(∅) + s·(x̂0(c) − x̂0(∅)). Every sample's noise comes from its own seeded stream,
// so a sample does not depend on how prompts are batched.

import type { Clip } from '../motion/clip';
import { featuresToClip } from '../motion/features';
import { denormalizeFeatures } from '../motion/featureStats';
import { Rng } from '../random';
import { assertLive, denoise, type DiffusionModel, paramGetter, timestepEmbeddings } from './denoiser';
import { respacedTimesteps } from './schedule';
import { promptBags } from './textEncoder';
import { tf, type Tensor2D, type Tensor3D } from './tf';

export type SamplerMethod = 'ddim' | 'ancestral';

export interface SampleOptions {
  /** Sampling steps S (default 50), respaced over the T training steps. */
  steps?: number;
  /** Classifier-free guidance scale (default 1 = conditional only; 0 = unconditional; > 1 extrapolates away from ∅). */
  guidance?: number;
  seed: number;
  /** 'ddim' (default) or 'ancestral'. */
  method?: SamplerMethod;
  /** Prompts per forward pass (default 64); does not change the results. */
  chunkSize?: number;
  /** Return features in the model's normalised space instead of raw feature units (default false). */
  normalized?: boolean;
}

export interface SampleResult {
  /** prompts.length × nFrames × featureDim features (raw units when the model has stats, unless `normalized`). */
  features: Float32Array;
  /** Per prompt, the words the model's vocabulary does not know (ignored when conditioning). */
  unknownWords: string[][];
}

export const DEFAULT_SAMPLE_STEPS = 50;
// 1 = the conditional prediction alone: on the walk/jump check every guidance > 1 measured made jumps flatter
// (src/core/diffusion/README.md); the null condition is still trained, so guidance stays a setting.
export const DEFAULT_GUIDANCE = 1;

/** Generate one motion per prompt. */
export async function sample(model: DiffusionModel, prompts: readonly string[], opts: SampleOptions): Promise<SampleResult> {
  assertLive(model);
  const S = opts.steps ?? DEFAULT_SAMPLE_STEPS;
  const guidance = opts.guidance ?? DEFAULT_GUIDANCE;
  const eta = (opts.method ?? 'ddim') === 'ancestral' ? 1 : 0;
  if (!Number.isFinite(guidance) || guidance < 0) throw new Error(`guidance scale must be a finite number ≥ 0, got ${guidance}`);
  const chunk = Math.max(1, Math.floor(opts.chunkSize ?? 64));
  const ts = respacedTimesteps(model.schedule.T, S);
  const { nFrames: T, featureDim: D } = model.config;
  const per = T * D;
  const bags = promptBags(model.vocab, prompts);
  const out = new Float32Array(prompts.length * per);
  const root = new Rng(opts.seed);
  for (let c0 = 0; c0 < prompts.length; c0 += chunk) {
    const n = Math.min(chunk, prompts.length - c0);
    const rngs = Array.from({ length: n }, (_, i) => root.fork(c0 + i));
    const x = await sampleChunk(model, bags, c0, n, rngs, ts, guidance, eta);
    out.set(x, c0 * per);
  }
  if (model.stats && !opts.normalized) denormalizeFeatures(out, model.stats, out);
  return { features: out, unknownWords: bags.unknown };
}

async function sampleChunk(
  model: DiffusionModel, bags: ReturnType<typeof promptBags>, c0: number, n: number, rngs: Rng[],
  ts: number[], guidance: number, eta: number,
): Promise<Float32Array> {
  const { nFrames: T, featureDim: D, dModel } = model.config;
  const per = T * D;
  const V = model.vocab.words.length;
  const ac = model.schedule.alphasCumprod;
  const get = paramGetter(model);
  const noise = new Float32Array(n * per);
  const fillNoise = (): void => {
    for (let i = 0; i < n; i++) for (let k = 0; k < per; k++) noise[i * per + k] = rngs[i].normal();
  };
  // Unconditional rows are needed when guidance ≠ 1 for prompts with text (rows without text are unconditional).
  const guided = guidance !== 1;
  const rows = guided ? 2 * n : n;
  const bagArr = new Float32Array(rows * V);
  const keepArr = new Float32Array(rows);
  bagArr.set(bags.bags.subarray(c0 * V, (c0 + n) * V));
  for (let i = 0; i < n; i++) keepArr[i] = bags.hasWords[c0 + i];
  const bag = tf.tensor2d(bagArr, [rows, V]);
  const keep = tf.tensor2d(keepArr, [rows, 1]);
  const tEmbArr = new Float32Array(rows * dModel);
  const tArr = new Int32Array(rows);

  fillNoise();
  let x: Tensor3D = tf.tensor3d(noise, [n, T, D]);
  try {
    for (let k = ts.length - 1; k >= 0; k--) {
      const t = ts[k];
      tArr.fill(t);
      timestepEmbeddings(model, tArr, tEmbArr);
      const abT = ac[t];
      const abPrev = k > 0 ? ac[ts[k - 1]] : 1;
      let z: Tensor3D | null = null;
      if (k > 0 && eta > 0) {
        fillNoise();
        z = tf.tensor3d(noise, [n, T, D]);
      }
      const next = tf.tidy(() => {
        const tEmb = tf.tensor2d(tEmbArr, [rows, dModel]) as Tensor2D;
        const xin = guided ? (tf.concat([x, x], 0) as Tensor3D) : x;
        const pred = denoise(model, { xt: xin, tEmb, bag, keep }, get);
        let x0: Tensor3D;
        if (guided) {
          const cond = tf.slice(pred, [0, 0, 0], [n, T, D]);
          const uncond = tf.slice(pred, [n, 0, 0], [n, T, D]);
          x0 = tf.add(uncond, tf.mul(tf.sub(cond, uncond), guidance)) as Tensor3D;
        } else {
          x0 = pred;
        }
        if (k === 0) return x0;
        // DDIM update with x0 prediction: ε̂ = (x_t − √ᾱ_t x̂0)/√(1−ᾱ_t)
        const eps = tf.div(tf.sub(x, tf.mul(x0, Math.sqrt(abT))), Math.sqrt(1 - abT));
        const sigma = eta * Math.sqrt(((1 - abPrev) / (1 - abT)) * (1 - abT / abPrev));
        const dirCoef = Math.sqrt(Math.max(0, 1 - abPrev - sigma * sigma));
        let xPrev = tf.add(tf.mul(x0, Math.sqrt(abPrev)), tf.mul(eps, dirCoef));
        if (z && sigma > 0) xPrev = tf.add(xPrev, tf.mul(z, sigma));
        return xPrev as Tensor3D;
      });
      z?.dispose();
      x.dispose();
      x = next;
    }
    return (await x.data()) as Float32Array;
  } finally {
    x.dispose();
    bag.dispose();
    keep.dispose();
  }
}

export interface SampleClipsOptions extends SampleOptions {
  /** Label per prompt for the clips (default: the prompt). */
  labels?: readonly string[];
  /** Clip id prefix (default 'sample'). */
  idPrefix?: string;
}

/** sample() decoded into clips (needs the model's feature stats), starting at the origin facing +Z. */
export async function sampleClips(
  model: DiffusionModel, prompts: readonly string[], opts: SampleClipsOptions,
): Promise<{ clips: Clip[]; unknownWords: string[][] }> {
  if (!model.stats) throw new Error('sampleClips: the model has no feature statistics (set model.stats before training)');
  const { features, unknownWords } = await sample(model, prompts, { ...opts, normalized: false });
  const per = model.config.nFrames * model.config.featureDim;
  const clips = prompts.map((p, i) =>
    featuresToClip(features.subarray(i * per, (i + 1) * per), model.config.nFrames, {
      id: `${opts.idPrefix ?? 'sample'}-${i}`,
      label: opts.labels?.[i] ?? p,
      caption: p,
    }),
  );
  return { clips, unknownWords };
}

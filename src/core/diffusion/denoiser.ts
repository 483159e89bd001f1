// The motion denoiser (MDM-style): a pre-norm transformer encoder over [condition token, 60 frame tokens] that
// predicts the clean features x0 from noisy features x_t. The condition token is the sum of an MLP of the
// sinusoidal timestep embedding and the caption condition (textEncoder.ts); with the `condToFrames` option (off
// in the presets: it measured worse) it is also added to every frame token. Owns model creation with seeded
// initialisation, the forward pass, cloning and disposal.

import type { FeatureStats } from '../motion/featureStats';
import { Rng } from '../random';
import { positionTable, sinusoid } from './embeddings';
import { dense, gelu, layerNorm, selfAttention, silu } from './layers';
import { type ModelConfig, type PresetName, parameterShapes, presetConfig } from './presets';
import { cosineSchedule, type NoiseSchedule } from './schedule';
import { textCondition } from './textEncoder';
import { tf, type Tensor, type Tensor2D, type Tensor3D, type Variable } from './tf';
import type { Vocab } from './vocab';

export interface NamedParam {
  name: string;
  shape: number[];
  variable: Variable;
}

export interface DiffusionModel {
  readonly preset: PresetName;
  readonly config: ModelConfig;
  readonly vocab: Vocab;
  readonly schedule: NoiseSchedule;
  /** Normalisation statistics of the training features (null: the model works in raw feature units). */
  stats: FeatureStats | null;
  /** Trainable parameters in checkpoint order. */
  readonly params: readonly NamedParam[];
  /** Fixed position table [nFrames + 1, dModel] (not trainable). */
  readonly positions: Tensor2D;
  disposed: boolean;
}

export interface CreateModelOptions {
  stats?: FeatureStats | null;
  nFrames?: number;
  featureDim?: number;
  /** Override the preset's conditioning (e.g. a checkpoint written with other settings, or an ablation). */
  conditioning?: Partial<Pick<ModelConfig, 'textPooling' | 'condToFrames'>>;
}

/** A trainable variable holding `t`'s values; disposes `t` (the variable keeps the data alive). */
export function variableFrom(t: Tensor): Variable {
  const v = tf.variable(t, true);
  t.dispose();
  return v;
}

/** Seeded initial values of one parameter (Xavier-uniform weights, zero biases, unit LayerNorm gains). */
function initialValues(name: string, shape: number[], rng: Rng): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(size);
  const leaf = name.slice(name.lastIndexOf('/') + 1);
  if (name === 'text/embed') {
    for (let i = 0; i < size; i++) out[i] = rng.normal();
  } else if (name === 'text/score') {
    // zero scores: weighted pooling starts as the plain mean
  } else if (name === 'text/null') {
    for (let i = 0; i < size; i++) out[i] = rng.normal(0, 0.02);
  } else if (leaf === 'g') {
    out.fill(1);
  } else if (leaf === 'w') {
    const limit = Math.sqrt(6 / (shape[0] + shape[1]));
    for (let i = 0; i < size; i++) out[i] = rng.uniform(-limit, limit);
  } // biases ('b') stay 0
  return out;
}

/** A freshly initialised denoiser; the same preset, vocabulary and seed always give the same weights. */
export function createModel(preset: PresetName, vocab: Vocab, seed: number, opts: CreateModelOptions = {}): DiffusionModel {
  const config = presetConfig(preset, opts.nFrames, opts.featureDim, opts.conditioning);
  if (vocab.words.length === 0) throw new Error('createModel: the vocabulary is empty (no caption words)');
  if (config.dModel % config.nHeads !== 0) throw new Error(`createModel: dModel ${config.dModel} is not divisible by nHeads ${config.nHeads}`);
  const rng = new Rng(seed);
  const params = parameterShapes(config, vocab.words.length).map(({ name, shape }) => ({
    name,
    shape,
    variable: variableFrom(tf.tensor(initialValues(name, shape, rng.fork(name)), shape)),
  }));
  const positions = tf.tensor2d(positionTable(config.nFrames + 1, config.dModel), [config.nFrames + 1, config.dModel]);
  return { preset, config, vocab, schedule: cosineSchedule(), stats: opts.stats ?? null, params, positions, disposed: false };
}

/** A copy with its own variables (same values, same vocabulary and stats), e.g. to fine-tune a new generation. */
export function cloneModel(model: DiffusionModel): DiffusionModel {
  assertLive(model);
  const params = model.params.map((p) => ({ name: p.name, shape: p.shape, variable: variableFrom(p.variable.clone()) }));
  return { ...model, params, positions: tf.clone(model.positions), disposed: false };
}

export function disposeModel(model: DiffusionModel): void {
  if (model.disposed) return;
  for (const p of model.params) p.variable.dispose();
  model.positions.dispose();
  model.disposed = true;
}

export function assertLive(model: DiffusionModel): void {
  if (model.disposed) throw new Error('the diffusion model was disposed');
}

export function paramCountOf(model: DiffusionModel): number {
  return model.params.reduce((n, p) => n + p.variable.size, 0);
}

export function paramGetter(model: DiffusionModel): (name: string) => Variable {
  const byName = new Map(model.params.map((p) => [p.name, p.variable]));
  return (name: string) => {
    const v = byName.get(name);
    if (!v) throw new Error(`denoiser: no parameter named ${name}`);
    return v;
  };
}

/** Sinusoidal embeddings [B, dModel] of integer timesteps, on the CPU side. */
export function timestepEmbeddings(model: DiffusionModel, t: ArrayLike<number>, out?: Float32Array): Float32Array {
  const d = model.config.dModel;
  const emb = out ?? new Float32Array(t.length * d);
  for (let i = 0; i < t.length; i++) sinusoid(t[i], d, emb, i * d);
  return emb;
}

export interface DenoiserInput {
  /** Noisy normalised features [B, nFrames, featureDim]. */
  xt: Tensor3D;
  /** Sinusoidal timestep embeddings [B, dModel] (timestepEmbeddings). */
  tEmb: Tensor2D;
  /** Mean-pooling rows over the vocabulary [B, vocabSize] (promptBags). */
  bag: Tensor2D;
  /** [B, 1]: 1 = condition on the text, 0 = the null condition. */
  keep: Tensor2D;
}

/** The forward pass: predicted clean features x0 [B, nFrames, featureDim]. Call inside tf.tidy. */
export function denoise(model: DiffusionModel, input: DenoiserInput, getter = paramGetter(model)): Tensor3D {
  const p = getter;
  const { nFrames: T, featureDim: D, dModel: d, nHeads, nLayers } = model.config;
  const B = input.xt.shape[0];
  const N = T + 1;
  const cond = textCondition(p, input.bag, input.keep, model.config.textPooling);
  const temb = dense(silu(dense(input.tEmb, p('time/fc1/w'), p('time/fc1/b'))), p('time/fc2/w'), p('time/fc2/b'));
  const tok0 = tf.reshape(tf.add(temb, cond), [B, 1, d]);
  let frames = tf.reshape(dense(tf.reshape(input.xt, [B * T, D]) as Tensor2D, p('in/w'), p('in/b')), [B, T, d]);
  if (model.config.condToFrames) frames = tf.add(frames, tok0);
  const seq = tf.add(tf.concat([tok0, frames], 1), model.positions);
  let h = tf.reshape(seq, [B * N, d]) as Tensor2D;
  for (let l = 0; l < nLayers; l++) {
    const q = `layer${l}/`;
    const a = layerNorm(h, p(q + 'ln1/g'), p(q + 'ln1/b'));
    h = tf.add(h, selfAttention(a, B, N, nHeads, p(q + 'qkv/w'), p(q + 'qkv/b'), p(q + 'out/w'), p(q + 'out/b'))) as Tensor2D;
    const f = layerNorm(h, p(q + 'ln2/g'), p(q + 'ln2/b'));
    h = tf.add(h, dense(gelu(dense(f, p(q + 'ff1/w'), p(q + 'ff1/b'))), p(q + 'ff2/w'), p(q + 'ff2/b'))) as Tensor2D;
  }
  h = layerNorm(h, p('lnf/g'), p('lnf/b'));
  const frameTokens = tf.slice(tf.reshape(h, [B, N, d]), [0, 1, 0], [B, T, d]);
  return tf.reshape(dense(tf.reshape(frameTokens, [B * T, d]) as Tensor2D, p('outp/w'), p('outp/b')), [B, T, D]) as Tensor3D;
}

// The motion–text evaluator (the HumanML3D-style feature extractor behind FID, R-precision and accuracy): a motion
// encoder over normalised per-frame features, a bag-of-words text encoder over the caption vocabulary, both into a
// shared L2-normalised space, plus a label classifier head on the motion embedding; and its one-file binary form.
//
// Motion encoder (frames cropped to a multiple of 12): x [B, T, 136] → windows of 4 frames [B, T/4, 544] → dense H
// + ReLU → groups of 3 windows [B, T/12, 3H] → dense H + ReLU → mean ‖ max over time [B, 2H] → dense H + ReLU →
// dense E → L2-normalise. Receptive field of one time step: 12 frames (0.6 s); pooling makes it length-agnostic.
// Text encoder: mean of word embeddings (stems of diffusion/vocab.ts; unknown words ignored and reported) → dense
// H_t + ReLU → dense E → L2-normalise. Classifier: dense E → labels on the normalised motion embedding.
// File layout: "SCSCEV01" | uint32 LE header length | UTF-8 JSON header | zero padding to 4 bytes | float32 LE.

import { FEATURE_DIM, clipToFeatures } from '../motion/features';
import { type FeatureStats, modelStdFloor, normalizeFeatures, statsFromJson, statsToJson, withModelFloors } from '../motion/featureStats';
import type { Clip } from '../motion/clip';
import { tf, type Tensor, type Tensor2D } from '../diffusion/tf';
import { encodeText, vocabFromWords, type Vocab } from '../diffusion/vocab';
import { Rng } from '../random';

/** Frames per first-level window and windows per second-level group. */
export const WINDOW = 4;
export const GROUP = 3;
/** Frames a clip must have at least (one group); longer clips are cropped to a multiple of this. */
export const MIN_FRAMES = WINDOW * GROUP;

export interface EvaluatorConfig {
  featureDim: number;
  /** Motion encoder width. */
  hidden: number;
  /** Word embedding width. */
  wordDim: number;
  /** Text encoder width. */
  textHidden: number;
  /** Embedding dimension E. */
  dim: number;
}

export const DEFAULT_EVALUATOR_CONFIG: EvaluatorConfig = { featureDim: FEATURE_DIM, hidden: 160, wordDim: 64, textHidden: 128, dim: 64 };

/** Reads are asynchronous (`await tensor.data()`): no GPU sync reads (on webgpu a sync read blocks, and in a worker
 * on SwiftShader it set up a canvas that crashed the GPU process). */
export interface Evaluator {
  /** Motion embeddings, N×E row-major, each row of unit length. */
  embedMotions(clips: Clip[]): Promise<Float32Array>;
  /** Text embeddings, N×E row-major, each row of unit length (unknown words are ignored; see unknownWords). */
  embedTexts(captions: string[]): Promise<Float32Array>;
  /** Predicted action label of each clip. */
  classify(clips: Clip[]): Promise<string[]>;
  readonly dim: number;
  dispose(): void;
}

/** What the file holds besides the weights (and what trainEvaluator records about how they were made). */
export interface EvaluatorInfo {
  config: EvaluatorConfig;
  labels: string[];
  vocab: string[];
  stats: FeatureStats;
  /** Free-form provenance (seed, clips, steps, measured figures). */
  training: Record<string, number | string>;
}

/** Parameter names and shapes, in file order. */
export function evaluatorParamShapes(c: EvaluatorConfig, vocabSize: number, nLabels: number): { name: string; shape: number[] }[] {
  const { featureDim: F, hidden: H, wordDim: W, textHidden: HT, dim: E } = c;
  return [
    { name: 'm_w1', shape: [WINDOW * F, H] }, { name: 'm_b1', shape: [H] },
    { name: 'm_w2', shape: [GROUP * H, H] }, { name: 'm_b2', shape: [H] },
    { name: 'm_w3', shape: [2 * H, H] }, { name: 'm_b3', shape: [H] },
    { name: 'm_w4', shape: [H, E] }, { name: 'm_b4', shape: [E] },
    { name: 't_emb', shape: [vocabSize, W] },
    { name: 't_w1', shape: [W, HT] }, { name: 't_b1', shape: [HT] },
    { name: 't_w2', shape: [HT, E] }, { name: 't_b2', shape: [E] },
    { name: 'c_w', shape: [E, nLabels] }, { name: 'c_b', shape: [nLabels] },
  ];
}

/** Seeded initial weights: Glorot-uniform matrices, N(0, 0.1²) word embeddings, zero biases. */
export function initialWeights(c: EvaluatorConfig, vocabSize: number, nLabels: number, seed: number): Float32Array[] {
  const rng = new Rng(seed).fork('evaluator-init');
  return evaluatorParamShapes(c, vocabSize, nLabels).map(({ name, shape }) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const w = new Float32Array(n);
    if (name === 't_emb') for (let i = 0; i < n; i++) w[i] = rng.normal(0, 0.1);
    else if (shape.length === 2) {
      const lim = Math.sqrt(6 / (shape[0] + shape[1]));
      for (let i = 0; i < n; i++) w[i] = rng.uniform(-lim, lim);
    }
    return w;
  });
}

/** The network's parameters as tensors (variables while training), by name. */
export type EvaluatorParams = Record<string, Tensor>;

function p2(p: EvaluatorParams, name: string): Tensor2D {
  return p[name] as Tensor2D;
}

/** Motion encoder forward pass on normalised features x [B, T, F] (T a multiple of MIN_FRAMES): unit rows [B, E]. */
export function motionForward(p: EvaluatorParams, c: EvaluatorConfig, x: Tensor): Tensor2D {
  const [b, t] = x.shape;
  const nw = t / WINDOW;
  const ng = nw / GROUP;
  const h1 = tf.relu(tf.add(tf.matMul(tf.reshape(x, [b * nw, WINDOW * c.featureDim]), p2(p, 'm_w1')), p.m_b1));
  const h2 = tf.relu(tf.add(tf.matMul(tf.reshape(h1, [b * ng, GROUP * c.hidden]), p2(p, 'm_w2')), p.m_b2));
  const seq = tf.reshape(h2, [b, ng, c.hidden]);
  const pooled = tf.concat([tf.mean(seq, 1), tf.max(seq, 1)], 1) as Tensor2D;
  const h3 = tf.relu(tf.add(tf.matMul(pooled, p2(p, 'm_w3')), p.m_b3)) as Tensor2D;
  return l2Normalize(tf.add(tf.matMul(h3, p2(p, 'm_w4')), p.m_b4) as Tensor2D);
}

/** Text encoder forward pass on bag-of-words weights bow [B, V] (rows sum to 1, or 0 for no known word). */
export function textForward(p: EvaluatorParams, bow: Tensor2D): Tensor2D {
  const words = tf.matMul(bow, p2(p, 't_emb'));
  const h = tf.relu(tf.add(tf.matMul(words, p2(p, 't_w1')), p.t_b1)) as Tensor2D;
  return l2Normalize(tf.add(tf.matMul(h, p2(p, 't_w2')), p.t_b2) as Tensor2D);
}

/** Classifier logits [B, labels] from unit motion embeddings [B, E]. */
export function classifierForward(p: EvaluatorParams, emb: Tensor2D): Tensor2D {
  return tf.add(tf.matMul(emb, p2(p, 'c_w')), p.c_b) as Tensor2D;
}

function l2Normalize(x: Tensor2D): Tensor2D {
  return tf.div(x, tf.sqrt(tf.add(tf.sum(tf.square(x), 1, true), 1e-12))) as Tensor2D;
}

/** Usable frames of a clip for the motion encoder (cropped to a multiple of MIN_FRAMES), or an error naming it. */
export function usableFrames(clip: Clip, where: string): number {
  if (clip.nFrames < MIN_FRAMES) throw new Error(`${where}: clip ${clip.id || '(unnamed)'} has ${clip.nFrames} frames; the evaluator needs at least ${MIN_FRAMES}`);
  return Math.floor(clip.nFrames / MIN_FRAMES) * MIN_FRAMES;
}

/** Smallest std the evaluator normalises a feature by: featureStats.ts modelStdFloor (shared with the denoiser). */
export const evaluatorStdFloor = modelStdFloor;

/** Dataset stats with the evaluator's std floors applied (what the file stores and embedding uses). */
export const evaluatorStats = withModelFloors;

/** Largest |normalised feature| fed to the network; beyond it inputs are clamped (outliers cannot dominate). */
export const INPUT_CLAMP = 6;

/** Normalised (and clamped) features of a clip, first `frames` frames. */
export function clipInput(clip: Clip, stats: FeatureStats, frames: number): Float32Array {
  const f = clipToFeatures(clip);
  const x = normalizeFeatures(f.subarray(0, frames * FEATURE_DIM), stats);
  for (let i = 0; i < x.length; i++) x[i] = Math.max(-INPUT_CLAMP, Math.min(INPUT_CLAMP, x[i]));
  return x;
}

/** Bag-of-words rows [n, V] for captions, and the unknown words met (lower-case, in order). */
export function bagOfWords(vocab: Vocab, captions: readonly string[]): { bow: Float32Array; unknown: string[] } {
  const v = vocab.words.length;
  const bow = new Float32Array(captions.length * v);
  const unknown: string[] = [];
  captions.forEach((c, i) => {
    const { ids, unknown: u } = encodeText(vocab, c);
    unknown.push(...u);
    for (const id of ids) bow[i * v + id] += 1 / ids.length;
  });
  return { bow, unknown };
}

const BATCH = 256;

/**
 * The evaluator with its weights held as tensors. Every read of a result is `await tensor.data()`: the forward pass
 * runs in tf.tidy, its output tensor is kept out of the tidy, read, then disposed (in finally, also on a failed read).
 * weights() alone reads synchronously: it serves evaluatorToBytes (file writing, Node/CLI and tests, never the app).
 */
export class TfEvaluator implements Evaluator {
  readonly dim: number;
  readonly config: EvaluatorConfig;
  readonly labels: readonly string[];
  readonly vocab: Vocab;
  readonly stats: FeatureStats;
  readonly training: Record<string, number | string>;
  private params: EvaluatorParams | null;
  /** Unknown caption words met by embedTexts so far, with counts. */
  readonly unknownCounts = new Map<string, number>();

  /** Takes ownership of `params` (disposed by dispose()). */
  constructor(info: EvaluatorInfo, params: EvaluatorParams) {
    this.config = info.config;
    this.dim = info.config.dim;
    this.labels = [...info.labels];
    this.vocab = vocabFromWords(info.vocab);
    this.stats = info.stats;
    this.training = { ...info.training };
    this.params = params;
  }

  private live(what: string): EvaluatorParams {
    if (!this.params) throw new Error(`evaluator.${what}: the evaluator was disposed`);
    return this.params;
  }

  /** Run the motion encoder (and optionally the classifier) over clips in batches of equal usable length. */
  private async motionPass(clips: Clip[], what: string, withLogits: boolean): Promise<{ emb: Float32Array; logits: Float32Array }> {
    this.live(what);
    const e = this.dim;
    const l = this.labels.length;
    const emb = new Float32Array(clips.length * e);
    const logits = new Float32Array(withLogits ? clips.length * l : 0);
    const byLen = new Map<number, number[]>();
    clips.forEach((c, i) => {
      const t = usableFrames(c, `evaluator.${what}`);
      const list = byLen.get(t);
      if (list) list.push(i);
      else byLen.set(t, [i]);
    });
    for (const [t, idx] of byLen) {
      for (let s = 0; s < idx.length; s += BATCH) {
        const part = idx.slice(s, s + BATCH);
        const x = new Float32Array(part.length * t * FEATURE_DIM);
        part.forEach((ci, k) => x.set(clipInput(clips[ci], this.stats, t), k * t * FEATURE_DIM));
        const p = this.live(what); // again per batch: dispose() may have run while a read was awaited
        const outs = tf.tidy(() => {
          const m = motionForward(p, this.config, tf.tensor3d(x, [part.length, t, FEATURE_DIM]));
          return withLogits ? [m, classifierForward(p, m)] : [m];
        });
        let ev: Float32Array;
        let lv: Float32Array | null = null;
        try {
          ev = (await outs[0].data()) as Float32Array;
          if (withLogits) lv = (await outs[1].data()) as Float32Array;
        } finally {
          for (const o of outs) o.dispose();
        }
        part.forEach((ci, k) => {
          emb.set(ev.subarray(k * e, (k + 1) * e), ci * e);
          if (lv) logits.set(lv.subarray(k * l, (k + 1) * l), ci * l);
        });
      }
    }
    return { emb, logits };
  }

  async embedMotions(clips: Clip[]): Promise<Float32Array> {
    return (await this.motionPass(clips, 'embedMotions', false)).emb;
  }

  async embedTexts(captions: string[]): Promise<Float32Array> {
    this.live('embedTexts');
    const out = new Float32Array(captions.length * this.dim);
    const v = this.vocab.words.length;
    for (let s = 0; s < captions.length; s += BATCH) {
      const part = captions.slice(s, s + BATCH);
      const { bow, unknown } = bagOfWords(this.vocab, part);
      for (const w of unknown) this.unknownCounts.set(w, (this.unknownCounts.get(w) ?? 0) + 1);
      const p = this.live('embedTexts');
      const y = tf.tidy(() => textForward(p, tf.tensor2d(bow, [part.length, v])));
      try {
        out.set((await y.data()) as Float32Array, s * this.dim);
      } finally {
        y.dispose();
      }
    }
    return out;
  }

  async classify(clips: Clip[]): Promise<string[]> {
    const { logits } = await this.motionPass(clips, 'classify', true);
    const l = this.labels.length;
    return clips.map((_, i) => {
      let best = 0;
      for (let k = 1; k < l; k++) if (logits[i * l + k] > logits[i * l + best]) best = k;
      return this.labels[best];
    });
  }

  /** Caption words the vocabulary does not know (lower-case, in order, repeats kept). */
  unknownWords(captions: readonly string[]): string[] {
    return bagOfWords(this.vocab, captions).unknown;
  }

  /** Weights in file order, sync read: for evaluatorToBytes (file writing; Node/CLI and tests only, never the app). */
  weights(): Float32Array[] {
    const p = this.live('weights');
    return evaluatorParamShapes(this.config, this.vocab.words.length, this.labels.length).map(({ name }) => p[name].dataSync() as Float32Array);
  }

  get disposed(): boolean {
    return this.params === null;
  }

  dispose(): void {
    if (!this.params) return;
    for (const t of Object.values(this.params)) t.dispose();
    this.params = null;
  }
}

/** A TfEvaluator from an info block and weights in file order (copies them into new tensors). */
export function evaluatorFromWeights(info: EvaluatorInfo, weights: Float32Array[]): TfEvaluator {
  const shapes = evaluatorParamShapes(info.config, info.vocab.length, info.labels.length);
  if (weights.length !== shapes.length) throw new Error(`evaluator: ${weights.length} weight arrays, expected ${shapes.length}`);
  const params: EvaluatorParams = {};
  shapes.forEach(({ name, shape }, i) => {
    params[name] = tf.tensor(weights[i], shape);
  });
  return new TfEvaluator(info, params);
}

const MAGIC = 'SCSCEV01';

/** File name of the shipped evaluator under public/evaluator/ (the app fetches `evaluator/${EVALUATOR_FILE_NAME}`). */
export const EVALUATOR_FILE_NAME = 'evaluator.bin';

interface EvaluatorHeader {
  format: 1;
  config: EvaluatorConfig;
  labels: string[];
  vocab: string[];
  stats: { mean: number[]; std: number[] };
  params: { name: string; shape: number[] }[];
  training: Record<string, number | string>;
}

function asTf(ev: Evaluator): TfEvaluator {
  if (!(ev instanceof TfEvaluator)) throw new Error('evaluatorToBytes: not an evaluator made by this module');
  return ev;
}

/** The evaluator (config, labels, vocabulary, feature stats, provenance, weights) as one binary file. */
export function evaluatorToBytes(ev: Evaluator): Uint8Array {
  const e = asTf(ev);
  const weights = e.weights();
  const header: EvaluatorHeader = {
    format: 1,
    config: e.config,
    labels: [...e.labels],
    vocab: [...e.vocab.words],
    stats: statsToJson(e.stats),
    params: evaluatorParamShapes(e.config, e.vocab.words.length, e.labels.length),
    training: e.training,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = Math.ceil((MAGIC.length + 4 + json.length) / 4) * 4;
  const total = weights.reduce((n, w) => n + w.length, 0);
  const buf = new ArrayBuffer(dataStart + total * 4);
  const bytes = new Uint8Array(buf);
  for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
  new DataView(buf).setUint32(MAGIC.length, json.length, true);
  bytes.set(json, MAGIC.length + 4);
  const dv = new DataView(buf);
  let o = dataStart;
  for (const w of weights) {
    for (let i = 0; i < w.length; i++, o += 4) dv.setFloat32(o, w[i], true);
  }
  return bytes;
}

function isConfig(c: unknown): c is EvaluatorConfig {
  if (typeof c !== 'object' || c === null) return false;
  const r = c as Record<string, unknown>;
  return ['featureDim', 'hidden', 'wordDim', 'textHidden', 'dim'].every((k) => Number.isInteger(r[k]) && (r[k] as number) > 0);
}

/** Parse a file written by evaluatorToBytes; errors name what is wrong (`where`: file name or URL). */
export function evaluatorFromBytes(input: ArrayBuffer | Uint8Array, where = 'evaluator file'): TfEvaluator {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < MAGIC.length + 4 || String.fromCharCode(...bytes.subarray(0, MAGIC.length)) !== MAGIC) {
    throw new Error(`${where}: not an SCSC evaluator file (missing "${MAGIC}" at the start)`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = dv.getUint32(MAGIC.length, true);
  if (MAGIC.length + 4 + len > bytes.length) throw new Error(`${where}: truncated header (${len} bytes announced, file has ${bytes.length})`);
  let h: EvaluatorHeader;
  try {
    h = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + len))) as EvaluatorHeader;
  } catch (e) {
    throw new Error(`${where}: header is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (h.format !== 1) throw new Error(`${where}: unsupported evaluator format ${String(h.format)}`);
  if (!isConfig(h.config)) throw new Error(`${where}: header "config" is missing or malformed`);
  if (h.config.featureDim !== FEATURE_DIM) throw new Error(`${where}: made for ${h.config.featureDim}-dim features, this build has ${FEATURE_DIM}`);
  if (!Array.isArray(h.labels) || h.labels.length < 2 || !h.labels.every((x) => typeof x === 'string')) throw new Error(`${where}: header "labels" must list at least 2 label names`);
  if (!Array.isArray(h.vocab) || !h.vocab.every((x) => typeof x === 'string')) throw new Error(`${where}: header "vocab" must be a list of words`);
  const stats = statsFromJson(h.stats);
  const shapes = evaluatorParamShapes(h.config, h.vocab.length, h.labels.length);
  if (!Array.isArray(h.params) || h.params.length !== shapes.length || h.params.some((p, i) => p.name !== shapes[i].name || p.shape.join('x') !== shapes[i].shape.join('x'))) {
    throw new Error(`${where}: header "params" does not match the architecture its config describes`);
  }
  const dataStart = Math.ceil((MAGIC.length + 4 + len) / 4) * 4;
  const expected = shapes.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0);
  const have = (bytes.length - dataStart) / 4;
  if (have !== expected) throw new Error(`${where}: ${have} weights stored, header describes ${expected} (truncated file?)`);
  let o = dataStart;
  const weights = shapes.map(({ name, shape }) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const w = new Float32Array(n);
    for (let i = 0; i < n; i++, o += 4) {
      w[i] = dv.getFloat32(o, true);
      if (!Number.isFinite(w[i])) throw new Error(`${where}: weight ${i} of ${name} is not finite`);
    }
    return w;
  });
  return evaluatorFromWeights({ config: h.config, labels: h.labels, vocab: h.vocab, stats, training: h.training ?? {} }, weights);
}

/** Fetch and parse an evaluator file (the app: `fetchEvaluator(import.meta.env.BASE_URL + 'evaluator/evaluator.bin')`). */
export async function fetchEvaluator(url: string): Promise<TfEvaluator> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status} while fetching the evaluator weights`);
  return evaluatorFromBytes(await r.arrayBuffer(), url);
}

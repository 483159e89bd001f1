// Model checkpoints: the whole denoiser (preset, vocabulary, feature stats, weights) to and from one ArrayBuffer
// (a file in the CLI, IndexedDB in the app), and the flat parameter vector used for drift metrics ‖θ_t − θ_0‖.
// Layout: "SCSCDM01" | uint32 LE header length | UTF-8 JSON header | zero padding to 4 bytes | float32 LE weights.

import { statsFromJson, statsToJson } from '../motion/featureStats';
import { assertLive, createModel, type DiffusionModel, disposeModel } from './denoiser';
import { isPresetName, LEGACY_CONDITIONING, parameterShapes, type ModelConfig, type PresetName } from './presets';
import { tf } from './tf';
import { vocabFromWords } from './vocab';

const MAGIC = 'SCSCDM01';

interface CheckpointHeader {
  format: 1;
  preset: PresetName;
  config: ModelConfig;
  vocab: string[];
  stats: { mean: number[]; std: number[] } | null;
  params: { name: string; shape: number[] }[];
}

/** All weights in checkpoint order, concatenated (an async read: works on every backend, webgpu included). */
export async function flatParams(model: DiffusionModel): Promise<Float32Array> {
  assertLive(model);
  const total = model.params.reduce((n, p) => n + p.variable.size, 0);
  const out = new Float32Array(total);
  let o = 0;
  for (const p of model.params) {
    const v = (await p.variable.data()) as Float32Array;
    out.set(v, o);
    o += v.length;
  }
  return out;
}

/** Euclidean distance between two flat parameter vectors (e.g. ‖θ_t − θ_0‖). */
export function paramDistance(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`paramDistance: vectors of different lengths (${a.length} vs ${b.length})`);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    s += d * d;
  }
  return Math.sqrt(s);
}

/** Serialise the model (architecture, vocabulary, stats and weights) into one ArrayBuffer. */
export async function saveWeights(model: DiffusionModel): Promise<ArrayBuffer> {
  const weights = await flatParams(model);
  const header: CheckpointHeader = {
    format: 1,
    preset: model.preset,
    config: model.config,
    vocab: [...model.vocab.words],
    stats: model.stats ? statsToJson(model.stats) : null,
    params: model.params.map((p) => ({ name: p.name, shape: p.shape })),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = Math.ceil((MAGIC.length + 4 + json.length) / 4) * 4;
  const buf = new ArrayBuffer(dataStart + weights.byteLength);
  const bytes = new Uint8Array(buf);
  for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
  new DataView(buf).setUint32(MAGIC.length, json.length, true);
  bytes.set(json, MAGIC.length + 4);
  new Float32Array(buf, dataStart, weights.length).set(weights);
  return buf;
}

interface ParsedCheckpoint {
  header: CheckpointHeader;
  weights: Float32Array;
}

function parseCheckpoint(buf: ArrayBuffer, where: string): ParsedCheckpoint {
  const bytes = new Uint8Array(buf);
  if (bytes.length < MAGIC.length + 4 || String.fromCharCode(...bytes.subarray(0, MAGIC.length)) !== MAGIC) {
    throw new Error(`${where}: not an SCSC diffusion checkpoint (missing "${MAGIC}" at the start)`);
  }
  const len = new DataView(buf).getUint32(MAGIC.length, true);
  if (MAGIC.length + 4 + len > bytes.length) throw new Error(`${where}: truncated header (${len} bytes announced)`);
  let header: CheckpointHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + len))) as CheckpointHeader;
  } catch (e) {
    throw new Error(`${where}: header is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (header.format !== 1) throw new Error(`${where}: unsupported checkpoint format ${String(header.format)}`);
  if (!isPresetName(header.preset)) throw new Error(`${where}: unknown preset "${String(header.preset)}"`);
  if (!Array.isArray(header.vocab) || !Array.isArray(header.params)) throw new Error(`${where}: header lacks "vocab" or "params"`);
  if (typeof header.config !== 'object' || header.config === null) throw new Error(`${where}: header lacks "config"`);
  // checkpoints written before the conditioning options existed used the mean-pooled, prepended-only condition
  header.config = { ...LEGACY_CONDITIONING, ...header.config };
  const dataStart = Math.ceil((MAGIC.length + 4 + len) / 4) * 4;
  const expected = header.params.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0);
  const have = (bytes.length - dataStart) / 4;
  if (have !== expected) throw new Error(`${where}: ${have} weights stored, header describes ${expected}`);
  return { header, weights: new Float32Array(buf.slice(dataStart)) };
}

/** Overwrite a model's weights (and stats) from a checkpoint of the same architecture and vocabulary. */
export function loadWeights(model: DiffusionModel, buf: ArrayBuffer, where = 'checkpoint'): void {
  assertLive(model);
  const { header, weights } = parseCheckpoint(buf, where);
  if (header.params.length !== model.params.length) {
    throw new Error(`${where}: ${header.params.length} parameters, the model has ${model.params.length} (preset ${header.preset} vs ${model.preset})`);
  }
  for (const key of ['textPooling', 'condToFrames'] as const) {
    if (header.config[key] !== model.config[key]) {
      throw new Error(`${where}: ${key} is ${String(header.config[key])}, the model has ${String(model.config[key])}`);
    }
  }
  header.params.forEach((p, i) => {
    const m = model.params[i];
    if (p.name !== m.name || p.shape.join('x') !== m.shape.join('x')) {
      throw new Error(`${where}: parameter ${i} is ${p.name} [${p.shape.join(', ')}], the model expects ${m.name} [${m.shape.join(', ')}]`);
    }
  });
  if (header.vocab.join(' ') !== model.vocab.words.join(' ')) throw new Error(`${where}: vocabulary differs from the model's`);
  let o = 0;
  for (const p of model.params) {
    const n = p.variable.size;
    const t = tf.tensor(weights.subarray(o, o + n), p.shape);
    p.variable.assign(t);
    t.dispose();
    o += n;
  }
  model.stats = header.stats ? statsFromJson(header.stats) : null;
}

/** A new model built from a checkpoint alone (architecture, vocabulary, stats and weights). */
export function modelFromCheckpoint(buf: ArrayBuffer, where = 'checkpoint'): DiffusionModel {
  const { header } = parseCheckpoint(buf, where);
  const model = createModel(header.preset, vocabFromWords(header.vocab), 0, {
    nFrames: header.config.nFrames,
    featureDim: header.config.featureDim,
    conditioning: { textPooling: header.config.textPooling, condToFrames: header.config.condToFrames },
  });
  try {
    if (parameterShapes(model.config, header.vocab.length).length !== header.params.length) {
      throw new Error(`${where}: parameter list does not match preset ${header.preset}`);
    }
    loadWeights(model, buf, where);
  } catch (e) {
    disposeModel(model);
    throw e;
  }
  return model;
}

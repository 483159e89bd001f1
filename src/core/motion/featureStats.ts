// Normalisation statistics of the model features: per-dimension mean and standard deviation over every frame of
// a set of clips, the (de)normalisation maps, and their JSON form (saved beside model weights).
// The std is floored at STD_FLOOR so that dimensions that never vary (e.g. a joint a data set never rotates)
// normalise to 0 instead of dividing by zero, and model noise in them is scaled down, not up, on the way back.

import type { Clip } from './clip';
import { FEATURE_DIM, clipToFeatures } from './features';

/** Smallest standard deviation used for normalisation (feature units: metres, m/frame, rad/frame, 6-D entries). */
export const STD_FLOOR = 1e-3;

export interface FeatureStats {
  mean: Float32Array;
  std: Float32Array;
}

/** Mean and floored std of every feature dimension over all frames of all clips (two-pass, float64). */
export function computeFeatureStats(clips: Clip[]): FeatureStats {
  if (clips.length === 0) throw new Error('computeFeatureStats: no clips');
  const sum = new Float64Array(FEATURE_DIM);
  let count = 0;
  const feats = clips.map((c) => clipToFeatures(c));
  for (const f of feats) {
    for (let i = 0; i < f.length; i++) sum[i % FEATURE_DIM] += f[i];
    count += f.length / FEATURE_DIM;
  }
  const mean = new Float64Array(FEATURE_DIM);
  for (let d = 0; d < FEATURE_DIM; d++) mean[d] = sum[d] / count;
  const sq = new Float64Array(FEATURE_DIM);
  for (const f of feats) {
    for (let i = 0; i < f.length; i++) {
      const v = f[i] - mean[i % FEATURE_DIM];
      sq[i % FEATURE_DIM] += v * v;
    }
  }
  const std = new Float32Array(FEATURE_DIM);
  for (let d = 0; d < FEATURE_DIM; d++) std[d] = Math.max(STD_FLOOR, Math.sqrt(sq[d] / count));
  return { mean: Float32Array.from(mean), std };
}

function checkLength(f: Float32Array, out: Float32Array | undefined, what: string): Float32Array {
  if (f.length % FEATURE_DIM !== 0) throw new Error(`${what}: ${f.length} values is not a whole number of ${FEATURE_DIM}-dim frames`);
  if (out && out.length < f.length) throw new Error(`${what}: out has ${out.length} values, need ${f.length}`);
  return out ?? new Float32Array(f.length);
}

/**
 * The smallest std a MODEL (the denoiser, the evaluator) should normalise a feature by: root height 0.02 m, planar
 * velocity 0.005 m/frame, yaw rate 0.01 rad/frame, 6-D rotation entries 0.05 (≈ 3°). The embedded dataset never
 * moves some joints (feet, collars, the off-axis of elbows and knees; std at STD_FLOOR), so with the raw stats a
 * 1° wobble there — what any physics correction or generator adds — becomes a 17σ value: it wrecked the
 * evaluator's embedding, and it gave the denoiser a training loss of ~300 on physics-corrected clips.
 */
export function modelStdFloor(d: number): number {
  if (d === 0) return 0.02;
  if (d === 1 || d === 2) return 0.005;
  if (d === 3) return 0.01;
  return 0.05;
}

/** `s` with every std raised to at least modelStdFloor (the statistics a model normalises by). */
export function withModelFloors(s: FeatureStats): FeatureStats {
  const std = new Float32Array(FEATURE_DIM);
  for (let d = 0; d < FEATURE_DIM; d++) std[d] = Math.max(s.std[d], modelStdFloor(d));
  return { mean: s.mean.slice(), std };
}

/** (f − mean) / std per dimension, over any number of frames. `out` may be `f`. */
export function normalizeFeatures(f: Float32Array, s: FeatureStats, out?: Float32Array): Float32Array {
  const o = checkLength(f, out, 'normalizeFeatures');
  for (let i = 0; i < f.length; i++) {
    const d = i % FEATURE_DIM;
    o[i] = (f[i] - s.mean[d]) / s.std[d];
  }
  return o;
}

/** f · std + mean per dimension (inverse of normalizeFeatures). `out` may be `f`. */
export function denormalizeFeatures(f: Float32Array, s: FeatureStats, out?: Float32Array): Float32Array {
  const o = checkLength(f, out, 'denormalizeFeatures');
  for (let i = 0; i < f.length; i++) {
    const d = i % FEATURE_DIM;
    o[i] = f[i] * s.std[d] + s.mean[d];
  }
  return o;
}

export function statsToJson(s: FeatureStats): { mean: number[]; std: number[] } {
  return { mean: Array.from(s.mean), std: Array.from(s.std) };
}

/** Parse stats saved by statsToJson; throws naming the bad field. */
export function statsFromJson(o: unknown): FeatureStats {
  if (typeof o !== 'object' || o === null) throw new Error('feature stats: expected an object with "mean" and "std"');
  const rec = o as Record<string, unknown>;
  const read = (key: 'mean' | 'std'): Float32Array => {
    const a = rec[key];
    if (!Array.isArray(a)) throw new Error(`feature stats: "${key}" must be an array of ${FEATURE_DIM} numbers`);
    if (a.length !== FEATURE_DIM) throw new Error(`feature stats: "${key}" has ${a.length} values, expected ${FEATURE_DIM}`);
    const out = new Float32Array(FEATURE_DIM);
    for (let i = 0; i < FEATURE_DIM; i++) {
      const v = a[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`feature stats: "${key}[${i}]" is not a finite number`);
      if (key === 'std' && !(v > 0)) throw new Error(`feature stats: "std[${i}]" must be positive, got ${v}`);
      out[i] = v;
    }
    return out;
  };
  return { mean: read('mean'), std: read('std') };
}

// Stand-in metrics without a trained evaluator: FID and Diversity on a fixed feature-space embedding of each clip
// (per-feature mean and standard deviation over frames of the model features, normalised by the reference set's
// statistics, projected on the reference's first 16 principal components: a Fréchet distance in 272 dimensions
// from a few dozen clips would be mostly estimation noise), label accuracy by the nearest reference-label centroid
// in that space, and the kinematic physics metrics. Text-retrieval metrics (Matching, R-precision) need a text encoder: they are NaN here. Results made
// with it must be labelled as such (the CLI writes evaluator.kind = "feature-space").

import { diversity, multimodality } from '../eval/diversity';
import { fid } from '../eval/fid';
import { symmetricEigen } from '../eval/linalg';
import type { Clip } from '../motion/clip';
import { clipToFeatures, FEATURE_DIM } from '../motion/features';
import { clipPhysMetrics } from '../motion/physMetrics';
import { Rng } from '../random';
import type { MotionMetrics } from './types';

export const FEATURE_EMBED_DIM = 2 * FEATURE_DIM;
/** Principal components kept (at most the reference clips − 1). */
export const FEATURE_PCA_DIM = 16;

/** Per clip [mean over frames, std over frames] of its features (unnormalised), N × 272 row-major. */
export function rawFeatureEmbedding(clips: readonly Clip[]): Float64Array {
  const D = FEATURE_DIM;
  const out = new Float64Array(clips.length * 2 * D);
  clips.forEach((c, i) => {
    const f = clipToFeatures(c);
    const T = f.length / D;
    for (let d = 0; d < D; d++) {
      let s = 0, s2 = 0;
      for (let t = 0; t < T; t++) {
        const v = f[t * D + d];
        s += v;
        s2 += v * v;
      }
      const m = s / T;
      out[i * 2 * D + d] = m;
      out[i * 2 * D + D + d] = Math.sqrt(Math.max(0, s2 / T - m * m));
    }
  });
  return out;
}

/** A metric function for a fixed reference set (embeddings and their statistics computed once). */
export function featureSpaceMetrics(reference: readonly Clip[]): (generated: Clip[], seed: number, multimodalGroups?: Clip[][]) => MotionMetrics {
  if (reference.length < 2) throw new Error('featureSpaceMetrics: need at least 2 reference clips');
  const E = FEATURE_EMBED_DIM;
  const ref = rawFeatureEmbedding(reference);
  const mean = new Float64Array(E);
  const sd = new Float64Array(E);
  const nR = reference.length;
  for (let i = 0; i < nR; i++) for (let d = 0; d < E; d++) mean[d] += ref[i * E + d] / nR;
  for (let i = 0; i < nR; i++) for (let d = 0; d < E; d++) sd[d] += (ref[i * E + d] - mean[d]) ** 2 / nR;
  for (let d = 0; d < E; d++) sd[d] = Math.max(1e-3, Math.sqrt(sd[d]));
  const norm = (x: Float64Array): Float64Array => {
    const n = x.length / E;
    for (let i = 0; i < n; i++) for (let d = 0; d < E; d++) x[i * E + d] = (x[i * E + d] - mean[d]) / sd[d];
    return x;
  };
  norm(ref);
  // principal axes of the normalised reference embeddings
  const cov = new Float64Array(E * E);
  for (let i = 0; i < nR; i++) {
    for (let a = 0; a < E; a++) {
      const va = ref[i * E + a];
      if (va === 0) continue;
      for (let b = a; b < E; b++) cov[a * E + b] += (va * ref[i * E + b]) / nR;
    }
  }
  for (let a = 0; a < E; a++) for (let b = 0; b < a; b++) cov[a * E + b] = cov[b * E + a];
  const eig = symmetricEigen(cov, E);
  const K = Math.min(FEATURE_PCA_DIM, nR - 1);
  const axes = new Float64Array(K * E); // rows: the K largest eigenvectors
  for (let k = 0; k < K; k++) for (let r = 0; r < E; r++) axes[k * E + r] = eig.vectors[r * E + (E - 1 - k)];
  const project = (x: Float64Array): Float64Array => {
    const n = x.length / E;
    const out = new Float64Array(n * K);
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) {
      let s = 0;
      for (let d = 0; d < E; d++) s += x[i * E + d] * axes[k * E + d];
      out[i * K + k] = s;
    }
    return out;
  };
  const refP = project(ref);
  const labels = [...new Set(reference.map((c) => c.label))];
  const centroids = new Float64Array(labels.length * E);
  const counts = new Float64Array(labels.length);
  reference.forEach((c, i) => {
    const l = labels.indexOf(c.label);
    counts[l]++;
    for (let d = 0; d < E; d++) centroids[l * E + d] += ref[i * E + d];
  });
  for (let l = 0; l < labels.length; l++) for (let d = 0; d < E; d++) centroids[l * E + d] /= counts[l];

  return (generated, seed, groups) => {
    if (generated.length < 2) throw new Error(`featureSpaceMetrics: need at least 2 generated clips, got ${generated.length}`);
    const g = norm(rawFeatureEmbedding(generated));
    const gP = project(g);
    let correct = 0;
    generated.forEach((c, i) => {
      let best = -1, bestD = Infinity;
      for (let l = 0; l < labels.length; l++) {
        let s = 0;
        for (let d = 0; d < E; d++) s += (g[i * E + d] - centroids[l * E + d]) ** 2;
        if (s < bestD) {
          bestD = s;
          best = l;
        }
      }
      if (labels[best] === c.label) correct++;
    });
    const phys = { penetrate: 0, float: 0, skate: 0, physErr: 0, jitter: 0 };
    for (const c of generated) {
      const m = clipPhysMetrics(c);
      for (const k of Object.keys(phys) as (keyof typeof phys)[]) phys[k] += m[k] / generated.length;
    }
    return {
      fid: fid(gP, refP, K),
      diversity: diversity(gP, K, { pairs: 300, seed: new Rng(seed).fork('diversity').seed }),
      multimodality: mmOf(groups, (clips) => project(norm(rawFeatureEmbedding(clips))), K, seed),
      matching: NaN,
      rPrecision: [NaN, NaN, NaN],
      accuracy: correct / generated.length,
      ...phys,
      n: generated.length,
    };
  };
}

/** HumanML3D Multimodality of groups (one per caption) in an embedding; null without at least 2 repeats. */
function mmOf(groups: Clip[][] | undefined, embed: (c: Clip[]) => Float64Array, dim: number, seed: number): number | null {
  const gs = (groups ?? []).filter((g) => g.length > 0);
  if (gs.length === 0) return null;
  const repeats = Math.min(...gs.map((g) => g.length));
  if (repeats < 2) return null;
  const flat = gs.flatMap((g) => g.slice(0, repeats));
  return multimodality(embed(flat), dim, gs.length, repeats, { times: 10, seed: new Rng(seed).fork('multimodality').seed });
}

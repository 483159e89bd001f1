// Diversity and Multimodality of generated motions, as defined by HumanML3D (Guo et al. 2022) on evaluator
// features: Diversity = mean Euclidean distance over S random pairs of the whole set; Multimodality = mean
// distance between pairs of samples generated for the same text. Seeded sampling, features row-major.

import { Rng } from '../random';
import { featureRows } from './fid';

function rowDistance(data: ArrayLike<number>, dim: number, i: number, j: number): number {
  let s = 0;
  const oi = i * dim;
  const oj = j * dim;
  for (let k = 0; k < dim; k++) {
    const d = data[oi + k] - data[oj + k];
    s += d * d;
  }
  return Math.sqrt(s);
}

/** `count` distinct indices of [0, n), uniformly at random (partial Fisher–Yates), like numpy's choice(replace=False). */
export function sampleWithoutReplacement(rng: Rng, n: number, count: number): Int32Array {
  if (count > n) throw new Error(`sampleWithoutReplacement: cannot draw ${count} distinct indices from ${n}`);
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(n - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, count);
}

export interface DiversityOptions {
  /** Number of pairs S (HumanML3D uses 300). Clamped to the number of rows when the set is smaller. */
  pairs?: number;
  seed?: number;
}

/**
 * HumanML3D Diversity: draw two index lists of S rows each without replacement (independently, so a pair may
 * repeat a row, as in the reference code) and average the distances of the paired rows.
 */
export function diversity(data: ArrayLike<number>, dim: number, opts: DiversityOptions = {}): number {
  const rows = featureRows(data, dim, 'diversity');
  if (rows < 2) throw new Error(`diversity: need at least 2 feature rows, got ${rows}`);
  const s = Math.min(opts.pairs ?? 300, rows);
  if (!Number.isInteger(s) || s < 1) throw new Error(`diversity: pairs must be a positive integer, got ${opts.pairs}`);
  const rng = new Rng(opts.seed ?? 0);
  const first = sampleWithoutReplacement(rng, rows, s);
  const second = sampleWithoutReplacement(rng, rows, s);
  let sum = 0;
  for (let k = 0; k < s; k++) sum += rowDistance(data, dim, first[k], second[k]);
  return sum / s;
}

export interface MultimodalityOptions {
  /** Pairs per text (HumanML3D: 10 pairs out of 30 repeats). Clamped to the number of repeats. */
  times?: number;
  seed?: number;
}

/**
 * HumanML3D Multimodality. `data` holds nTexts × nRepeats feature rows, text-major (row t·nRepeats + r is
 * repeat r generated for text t). Two lists of `times` repeat indices are drawn without replacement, shared by
 * all texts as in the reference code; the result is the mean distance of the paired repeats over all texts.
 */
export function multimodality(data: ArrayLike<number>, dim: number, nTexts: number, nRepeats: number, opts: MultimodalityOptions = {}): number {
  const rows = featureRows(data, dim, 'multimodality');
  if (!Number.isInteger(nTexts) || !Number.isInteger(nRepeats) || nTexts < 1 || nRepeats < 2) {
    throw new Error(`multimodality: need ≥ 1 text and ≥ 2 repeats per text, got ${nTexts} × ${nRepeats}`);
  }
  if (rows !== nTexts * nRepeats) throw new Error(`multimodality: ${rows} feature rows, expected ${nTexts} texts × ${nRepeats} repeats`);
  const times = Math.min(opts.times ?? 10, nRepeats);
  if (!Number.isInteger(times) || times < 1) throw new Error(`multimodality: times must be a positive integer, got ${opts.times}`);
  const rng = new Rng(opts.seed ?? 0);
  const first = sampleWithoutReplacement(rng, nRepeats, times);
  const second = sampleWithoutReplacement(rng, nRepeats, times);
  let sum = 0;
  for (let t = 0; t < nTexts; t++) {
    for (let k = 0; k < times; k++) sum += rowDistance(data, dim, t * nRepeats + first[k], t * nRepeats + second[k]);
  }
  return sum / (nTexts * times);
}

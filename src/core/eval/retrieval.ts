// Text–motion retrieval metrics of HumanML3D on paired evaluator embeddings: Matching Score (mean distance
// between each motion's embedding and its own text's) and R-precision top-k in batches of 32: within a batch,
// each motion ranks its own text among the 31 other texts of the batch by Euclidean distance.

import { Rng } from '../random';
import { featureRows } from './fid';

function pairDistance(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number, dim: number): number {
  let s = 0;
  const oi = i * dim;
  const oj = j * dim;
  for (let k = 0; k < dim; k++) {
    const d = a[oi + k] - b[oj + k];
    s += d * d;
  }
  return Math.sqrt(s);
}

function checkPaired(text: ArrayLike<number>, motion: ArrayLike<number>, dim: number, what: string): number {
  const nt = featureRows(text, dim, `${what} (text embeddings)`);
  const nm = featureRows(motion, dim, `${what} (motion embeddings)`);
  if (nt !== nm) throw new Error(`${what}: ${nt} text embeddings but ${nm} motion embeddings; they must be paired`);
  if (nt < 1) throw new Error(`${what}: no embeddings`);
  return nt;
}

/** Matching Score: mean Euclidean distance between row i of `text` and row i of `motion` (lower is better). */
export function matchingScore(text: ArrayLike<number>, motion: ArrayLike<number>, dim: number): number {
  const n = checkPaired(text, motion, dim, 'matchingScore');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += pairDistance(text, i, motion, i, dim);
  return sum / n;
}

export interface RPrecisionOptions {
  /** Batch size (HumanML3D: 32). A set smaller than one batch is ranked as one batch of all its rows. */
  batchSize?: number;
  /** Largest k reported (top-1 … top-k). Default 3. */
  topK?: number;
  /**
   * 'motion' (default): each motion ranks the batch's texts, as the HumanML3D paper describes it;
   * 'text': each text ranks the batch's motions, as the reference code's distance matrix rows do.
   */
  rankBy?: 'motion' | 'text';
  /** Seed of the shuffle that forms batches. */
  seed?: number;
}

export interface RPrecisionResult {
  /** topK[k-1] = fraction of queries whose true partner is among the k nearest (k = 1 … topK). */
  topK: number[];
  batchSize: number;
  batches: number;
  /** Rows ranked (whole batches only; the remainder after the last full batch is dropped, as drop_last does). */
  ranked: number;
}

/**
 * R-precision: shuffle the pairs (seeded), cut them into full batches, and for each query in a batch count the
 * candidates that are strictly nearer than its true partner (ties broken by batch position, like a stable
 * argsort). Its rank r (0 = nearest) counts towards top-k for every k > r.
 */
export function rPrecision(text: ArrayLike<number>, motion: ArrayLike<number>, dim: number, opts: RPrecisionOptions = {}): RPrecisionResult {
  const n = checkPaired(text, motion, dim, 'rPrecision');
  const topK = opts.topK ?? 3;
  const wanted = opts.batchSize ?? 32;
  if (!Number.isInteger(wanted) || wanted < 2) throw new Error(`rPrecision: batchSize must be an integer ≥ 2, got ${wanted}`);
  if (!Number.isInteger(topK) || topK < 1) throw new Error(`rPrecision: topK must be a positive integer, got ${topK}`);
  if (n < 2) throw new Error(`rPrecision: need at least 2 pairs, got ${n}`);
  const batchSize = Math.min(wanted, n);
  const batches = Math.floor(n / batchSize);
  const order = new Rng(opts.seed ?? 0).shuffle(Array.from({ length: n }, (_, i) => i));
  const [query, cand] = opts.rankBy === 'text' ? [text, motion] : [motion, text];
  const hits = new Float64Array(topK);
  const dist = new Float64Array(batchSize);
  for (let b = 0; b < batches; b++) {
    const base = b * batchSize;
    for (let qi = 0; qi < batchSize; qi++) {
      const q = order[base + qi];
      for (let ci = 0; ci < batchSize; ci++) dist[ci] = pairDistance(query, q, cand, order[base + ci], dim);
      const own = dist[qi];
      let rank = 0;
      for (let ci = 0; ci < batchSize; ci++) {
        if (ci === qi) continue;
        if (dist[ci] < own || (dist[ci] === own && ci < qi)) rank++;
      }
      for (let k = rank; k < topK; k++) hits[k]++;
    }
  }
  const ranked = batches * batchSize;
  return { topK: Array.from(hits, (h) => h / ranked), batchSize, batches, ranked };
}

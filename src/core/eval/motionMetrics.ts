// Every motion metric of a generated set against real reference clips, on evaluator embeddings: FID, Diversity,
// Multimodality, Matching Score, R-precision top-1/2/3 (batches of 32), label accuracy, and the kinematic physics
// metrics (Penetrate, Float, Skate, Phys-Err in mm, Jitter in m/s³, means over clips). realFloor: the same for
// real-train vs real-test clips, whose FID is the floor a generator can be compared with.

import type { Clip } from '../motion/clip';
import { clipPhysMetrics } from '../motion/physMetrics';
import { Rng } from '../random';
import { diversity, multimodality } from './diversity';
import type { Evaluator } from './evaluator';
import { fid } from './fid';
import { matchingScore, rPrecision } from './retrieval';

export interface MotionMetrics {
  /** Fréchet distance between Gaussian fits of generated and reference motion embeddings. */
  fid: number;
  /** HumanML3D Diversity (300 random pairs, or as many as there are clips). */
  diversity: number;
  /** HumanML3D Multimodality over multimodalGroups, null when none was given. */
  multimodality: number | null;
  /** Mean distance between each generated motion's embedding and its caption's. */
  matching: number;
  /** R-precision top-1, top-2, top-3 (each motion ranks its caption among 32 in a batch). */
  rPrecision: [number, number, number];
  /** Share of generated clips the evaluator classifies as their intended label. */
  accuracy: number;
  penetrate: number;
  float: number;
  skate: number;
  physErr: number;
  jitter: number;
  /** Generated clips evaluated. */
  n: number;
}

export interface EvaluateOptions {
  seed: number;
  /** Groups of clips generated for one caption each (HumanML3D: 30 repeats); groups are cut to the smallest. */
  multimodalGroups?: Clip[][];
  /** Diversity pairs (default 300). */
  diversityPairs?: number;
  /** Multimodality pairs per group (default 10). */
  multimodalityTimes?: number;
}

/** Physics metrics averaged over clips (kinematic, from forward kinematics; no flight frames excluded). */
export function meanPhysMetrics(clips: readonly Clip[]): Pick<MotionMetrics, 'penetrate' | 'float' | 'skate' | 'physErr' | 'jitter'> {
  const sum = { penetrate: 0, float: 0, skate: 0, physErr: 0, jitter: 0 };
  for (const c of clips) {
    const m = clipPhysMetrics(c);
    sum.penetrate += m.penetrate;
    sum.float += m.float;
    sum.skate += m.skate;
    sum.physErr += m.physErr;
    sum.jitter += m.jitter;
  }
  const n = Math.max(1, clips.length);
  return { penetrate: sum.penetrate / n, float: sum.float / n, skate: sum.skate / n, physErr: sum.physErr / n, jitter: sum.jitter / n };
}

/**
 * All metrics of `generated` (each clip conditioned on its own caption, label = intended label) against
 * `reference` (real test clips). Needs at least 2 clips in each set. Seeded: the same inputs and seed give the
 * same numbers.
 */
export async function evaluateMotions(ev: Evaluator, generated: Clip[], reference: Clip[], opts: EvaluateOptions): Promise<MotionMetrics> {
  if (generated.length < 2) throw new Error(`evaluateMotions: need at least 2 generated clips, got ${generated.length}`);
  if (reference.length < 2) throw new Error(`evaluateMotions: need at least 2 reference clips, got ${reference.length}`);
  const e = ev.dim;
  const rng = new Rng(opts.seed).fork('evaluate');
  const gm = await ev.embedMotions(generated);
  const rm = await ev.embedMotions(reference);
  const gt = await ev.embedTexts(generated.map((c) => c.caption));
  const predicted = await ev.classify(generated);
  let correct = 0;
  predicted.forEach((l, i) => {
    if (l === generated[i].label) correct++;
  });
  const r = rPrecision(gt, gm, e, { batchSize: 32, topK: 3, seed: rng.fork('r-precision').seed });
  let mm: number | null = null;
  const groups = (opts.multimodalGroups ?? []).filter((g) => g.length > 0);
  if (groups.length > 0) {
    const repeats = Math.min(...groups.map((g) => g.length));
    if (repeats >= 2) {
      const flat = groups.flatMap((g) => g.slice(0, repeats));
      mm = multimodality(await ev.embedMotions(flat), e, groups.length, repeats, { times: opts.multimodalityTimes ?? 10, seed: rng.fork('multimodality').seed });
    }
  }
  return {
    fid: fid(gm, rm, e),
    diversity: diversity(gm, e, { pairs: opts.diversityPairs ?? 300, seed: rng.fork('diversity').seed }),
    multimodality: mm,
    matching: matchingScore(gt, gm, e),
    rPrecision: [r.topK[0], r.topK[1], r.topK[2]],
    accuracy: correct / generated.length,
    ...meanPhysMetrics(generated),
    n: generated.length,
  };
}

/** Real-train clips evaluated as if generated, against real-test clips: the floor of every metric (FID above all). */
export function realFloor(ev: Evaluator, realTrain: Clip[], realTest: Clip[], seed: number): Promise<MotionMetrics> {
  return evaluateMotions(ev, realTrain, realTest, { seed });
}

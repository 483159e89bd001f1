// Synthetic data of one generation: syntheticCount(λ, n) clips (params.ts) sampled from the previous model, each conditioned on the
// caption (and labelled with the label) of a real clip drawn uniformly at random with replacement.

import type { DiffusionModel } from '../diffusion/denoiser';
import { sampleClips } from '../diffusion/sampler';
import type { Clip } from '../motion/clip';
import type { Rng } from '../random';

/** Indices of m real clips drawn uniformly with replacement. */
export function drawConditions(nReal: number, m: number, rng: Rng): number[] {
  if (m > 0 && nReal === 0) throw new Error('drawConditions: no real clips to condition on');
  return Array.from({ length: m }, () => rng.int(nReal));
}

export interface SampleSyntheticOptions {
  seed: number;
  sampleSteps: number;
  guidance: number;
  idPrefix: string;
}

/** One clip per conditioning clip, from `model`, carrying that clip's caption and label. */
export async function sampleSynthetic(
  model: DiffusionModel, conditions: readonly Clip[], opts: SampleSyntheticOptions,
): Promise<Clip[]> {
  if (conditions.length === 0) return [];
  const { clips } = await sampleClips(model, conditions.map((c) => c.caption), {
    seed: opts.seed,
    steps: opts.sampleSteps,
    guidance: opts.guidance,
    labels: conditions.map((c) => c.label),
    idPrefix: opts.idPrefix,
  });
  return clips;
}

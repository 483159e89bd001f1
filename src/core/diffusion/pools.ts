// Training pools from clips: features of each clip normalised with the model's statistics, with captions, ready
// for the trainer (real data, or corrected/uncorrected synthetic samples of the loop).

import type { Clip } from '../motion/clip';
import { clipToFeatures } from '../motion/features';
import { computeFeatureStats, type FeatureStats, normalizeFeatures, withModelFloors } from '../motion/featureStats';
import type { DiffusionModel } from './denoiser';
import type { TrainPool } from './trainer';
import { buildVocab, type Vocab } from './vocab';

/** Normalised features and captions of `clips` (all of the model's frame count). */
export function poolFromClips(
  model: Pick<DiffusionModel, 'config' | 'stats'>, clips: readonly Clip[], opts: { name?: string; weight?: number } = {},
): TrainPool {
  if (!model.stats) throw new Error('poolFromClips: the model has no feature statistics (set model.stats first)');
  const { nFrames, featureDim } = model.config;
  const per = nFrames * featureDim;
  const features = new Float32Array(clips.length * per);
  clips.forEach((c, i) => {
    if (c.nFrames !== nFrames) throw new Error(`poolFromClips: clip ${c.id || i} has ${c.nFrames} frames; the model expects ${nFrames}`);
    const view = features.subarray(i * per, (i + 1) * per);
    clipToFeatures(c, view);
    normalizeFeatures(view, model.stats as FeatureStats, view);
  });
  return { features, captions: clips.map((c) => c.caption), name: opts.name, weight: opts.weight };
}

/** Vocabulary and feature statistics of a real training set (what a new model needs). The stds are floored per
 *  feature kind (modelStdFloor): without it, physics-corrected synthetic clips — which move joints the embedded
 *  data never moves — normalised to ±500σ and the self-correcting arm trained at a loss of ~300. */
export function datasetSetup(clips: readonly Clip[]): { vocab: Vocab; stats: FeatureStats } {
  return { vocab: buildVocab(clips.map((c) => c.caption)), stats: withModelFloors(computeFeatureStats([...clips])) };
}

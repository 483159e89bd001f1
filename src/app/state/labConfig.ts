// LabConfig: everything the lab's controls set, its defaults and ranges, and its conversion into the loop
// engine's LoopConfig. (URL encoding and clamping with notices live here too.)

import type { PresetName } from '../../core/diffusion/presets';
import type { CorrectionMode, LoopConfig } from '../../core/loop/config';

export const DATA_SIZES = [64, 128, 256, 1024] as const;
export type DataSize = (typeof DATA_SIZES)[number];

export interface LabConfig {
  /** Real clips from the embedded dataset (imported BVH clips are added to them). */
  n: DataSize;
  preset: PresetName;
  /** Synthetic-data ratio λ ∈ [0, 1.5]. */
  lambda: number;
  /** Correction strength γ ∈ [0, ∞]. */
  gamma: number;
  mode: CorrectionMode;
  accumulate: boolean;
  generations: number;
  /** Fine-tuning steps per generation. */
  steps: number;
  /** Training steps of generation 0. */
  initialSteps: number;
  /** Samples per arm and generation for the metrics. */
  evalSamples: number;
  /** Sampler steps. */
  sampleSteps: number;
  seed: number;
}

export const DEFAULT_LAB_CONFIG: Readonly<LabConfig> = Object.freeze({
  n: 64,
  preset: 'tiny',
  lambda: 0.5,
  gamma: Infinity,
  mode: 'mixture',
  accumulate: false,
  generations: 20,
  steps: 100,
  initialSteps: 600,
  evalSamples: 32,
  sampleSteps: 20,
  seed: 0,
} satisfies LabConfig);

/** The LoopConfig fields this lab configuration sets (the rest keep the loop engine's defaults). */
export function toLoopConfig(c: LabConfig): Partial<LoopConfig> {
  return {
    n: c.n,
    preset: c.preset,
    lambda: c.lambda,
    gamma: c.gamma,
    mode: c.mode,
    accumulate: c.accumulate,
    generations: c.generations,
    steps: c.steps,
    initialSteps: c.initialSteps,
    evalSamples: c.evalSamples,
    sampleSteps: c.sampleSteps,
    seed: c.seed,
  };
}

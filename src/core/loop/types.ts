// The loop's vocabulary shared by its parts: the metrics an evaluator returns, the injected dependencies
// (evaluator, physics corrector, run store), progress reports, per-generation records and events.

import type { Clip } from '../motion/clip';
import type { ArmName, CorrectionMode, LoopConfig } from './config';
import type { MotionMetrics } from '../eval/motionMetrics';
import type { RunStore } from './store';

/** Every metric of one set of generated clips: src/core/eval's MotionMetrics. */
export type { MotionMetrics };

/** The metrics of `generated` (clips sampled by `arm`'s model after `generation`, conditioned on reference captions);
 *  `multimodalGroups` (when config.multimodalityTexts > 0): per caption, several clips generated for it. */
export type EvaluateFn = (
  generated: Clip[], arm: ArmName, generation: number, multimodalGroups?: Clip[][],
) => MotionMetrics | Promise<MotionMetrics>;

export interface CorrectionOutcome {
  clips: Clip[];
  /** Per clip: whether it was (even partly) replaced by its corrected version. */
  corrected: boolean[];
}

/** The physics correction π_γ of a batch (src/core/physics applyCorrection, or a stand-in in tests). */
export type CorrectFn = (
  batch: Clip[], gamma: number, opts: { mode: CorrectionMode; seed: number },
) => CorrectionOutcome | Promise<CorrectionOutcome>;

export type LoopPhase = 'setup' | 'sampling' | 'correcting' | 'training' | 'evaluating' | 'checkpoint';

export interface LoopProgress {
  generation: number;
  /** null during generation 0 (shared by every arm). */
  arm: ArmName | null;
  phase: LoopPhase;
  /** Estimated fraction of the whole run done, in [0, 1]. */
  fraction: number;
}

export interface LoopDeps {
  evaluate: EvaluateFn;
  /** Needed by the self-correcting arm when γ > 0. */
  correct?: CorrectFn;
  /** Checkpoints after every generation go here (none: the run is not persisted). */
  store?: RunStore;
  /** The n real clips (default: the embedded data set, generateDataset({ n, seed: dataSeed })). */
  real?: Clip[];
  /** Clips whose captions (and labels) condition the evaluation samples, used in order and cycled (default:
   *  the first evalSamples clips of the held-out test split). */
  reference?: Clip[];
  onProgress?: (p: LoopProgress) => void;
}

export interface ArmTimings {
  sampleMs: number;
  correctMs: number;
  trainMs: number;
  evalMs: number;
  totalMs: number;
}

/** What one arm did in one generation. */
export interface ArmRecord {
  arm: ArmName;
  generation: number;
  /** Synthetic clips made this generation (⌊λ·n⌋, 0 for the baseline and generation 0). */
  synthetic: number;
  /** Synthetic clips in this generation's training set (more than `synthetic` when accumulating). */
  trainSynthetic: number;
  /** Synthetic clips replaced by a corrected (or, idealized: fresh real) clip. */
  corrected: number;
  metrics: MotionMetrics;
  /** ‖θ_t − θ_0‖ over all weights. */
  drift: number;
  /** Mean training loss of this generation's fine-tuning (NaN when no step ran). */
  loss: number;
  timings: ArmTimings;
}

export interface ParamChange {
  field: 'lambda' | 'gamma';
  from: number;
  to: number;
}

export interface GenerationRecord {
  generation: number;
  /** λ and γ this generation ran with. */
  lambda: number;
  gamma: number;
  /** λ/γ changes that took effect at this generation. */
  changes: ParamChange[];
  arms: Partial<Record<ArmName, ArmRecord>>;
  ms: number;
}

/** Synthetic clips of one arm before and after correction (a few, for the viewer). */
export interface ArmSamples {
  before: Clip[];
  after: Clip[];
  corrected: boolean[];
}

/** A run's viewer samples: by generation, then by arm. */
export type SamplesByGeneration = Record<number, Partial<Record<ArmName, ArmSamples>>>;

export interface GenerationEvent {
  type: 'generation';
  record: GenerationRecord;
  samples: Partial<Record<ArmName, ArmSamples>>;
  /** The run has reached its last generation. */
  done: boolean;
}

/** Generation 0 of another run, to start a new run from instead of training it (LoopRunner.startFromGen0;
 *  checkpoint.ts loadGen0Source reads it from that run's store). */
export interface Gen0Source {
  /** The settings of the run that trained it (those generation 0 depends on must equal the new run's). */
  config: LoopConfig;
  /** θ_0 as saveWeights wrote it (the store's gen0.ckpt). */
  weights: Uint8Array;
  /** Its n real clips (the store's real.clips). */
  real: Clip[];
  /** Its generation-0 record (history[0]). */
  record: GenerationRecord;
}

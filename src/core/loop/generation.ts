// One generation of one arm: sample ⌊λ·n⌋ synthetic clips from the arm's previous model → correct them as the
// arm does → fine-tune the previous weights K steps with a fresh Adam on real ∪ synthetic → sample evaluation
// clips on the reference captions and score them (injected evaluator) → drift ‖θ_t − θ_0‖.

import { flatParams, paramDistance } from '../diffusion/checkpoint';
import type { DiffusionModel } from '../diffusion/denoiser';
import { poolFromClips } from '../diffusion/pools';
import { trainSteps, type TrainPool } from '../diffusion/trainer';
import type { Clip } from '../motion/clip';
import { armUsesSynthetic, correctForArm } from './arms';
import type { ArmName, LoopConfig } from './config';
import { rngFor, seedFor } from './seeds';
import { syntheticCount } from './params';
import { drawConditions, sampleSynthetic } from './synthetic';
import type { ArmRecord, ArmSamples, CorrectFn, EvaluateFn, LoopPhase, MotionMetrics } from './types';

/** What an arm carries from one generation to the next. */
export interface ArmState {
  arm: ArmName;
  model: DiffusionModel;
  /** Synthetic clips of earlier generations (accumulate mode only). */
  accumulated: Clip[];
}

export interface GenerationContext {
  config: LoopConfig;
  generation: number;
  lambda: number;
  gamma: number;
  real: readonly Clip[];
  realPool: TrainPool;
  /** Conditions of the evaluation samples (config.evalSamples clips). */
  evalConditions: readonly Clip[];
  theta0: Float32Array;
  evaluate: EvaluateFn;
  correct?: CorrectFn;
  /** Phase and fraction of this arm's generation done, in [0, 1]. */
  report?: (phase: LoopPhase, fraction: number) => void;
}

const now = (): number => performance.now();

/** Train `model` in place for `steps` steps on the pools (seeded); returns the mean loss (NaN for 0 steps). */
export async function fineTune(
  model: DiffusionModel, pools: TrainPool[], steps: number, config: LoopConfig, seed: number,
  onFraction?: (f: number) => void,
): Promise<number> {
  if (steps === 0) return NaN;
  const every = Math.max(1, Math.min(25, Math.ceil(steps / 10)));
  const { losses } = await trainSteps(model, { pools }, steps, {
    seed, batchSize: config.batchSize, learningRate: config.learningRate, progressEvery: every,
    onProgress: onFraction ? (p) => onFraction(p.step / p.total) : undefined,
  });
  return losses.reduce((a, b) => a + b, 0) / Math.max(1, losses.length);
}

/** Evaluation samples of `model` for generation g (seeded by g only, shared by every arm) and their metrics. */
export async function evaluateModel(
  model: DiffusionModel, arm: ArmName, generation: number, config: LoopConfig, conditions: readonly Clip[], evaluate: EvaluateFn,
): Promise<MotionMetrics> {
  const generated = await sampleSynthetic(model, conditions, {
    seed: seedFor(config.seed, `g${generation}/eval`), sampleSteps: config.sampleSteps, guidance: config.guidance,
    idPrefix: `eval-${arm}-g${generation}`,
  });
  const T = Math.min(config.multimodalityTexts, conditions.length), R = config.multimodalityRepeats;
  if (T === 0) return evaluate(generated, arm, generation);
  const mmConditions = conditions.slice(0, T).flatMap((c) => Array.from({ length: R }, () => c));
  const mm = await sampleSynthetic(model, mmConditions, {
    seed: seedFor(config.seed, `g${generation}/multimodality`), sampleSteps: config.sampleSteps, guidance: config.guidance,
    idPrefix: `mm-${arm}-g${generation}`,
  });
  const groups = Array.from({ length: T }, (_, t) => mm.slice(t * R, (t + 1) * R));
  return evaluate(generated, arm, generation, groups);
}

export async function runArmGeneration(
  state: ArmState, ctx: GenerationContext,
): Promise<{ record: ArmRecord; samples: ArmSamples }> {
  const { config, generation: g } = ctx;
  const report = ctx.report ?? (() => undefined);
  const t0 = now();
  const m = armUsesSynthetic(state.arm) ? syntheticCount(ctx.lambda, config.n) : 0;

  report('sampling', 0);
  const condIdx = drawConditions(ctx.real.length, m, rngFor(config.seed, `g${g}/conditions`));
  const synthetic = await sampleSynthetic(state.model, condIdx.map((i) => ctx.real[i]), {
    seed: seedFor(config.seed, `g${g}/sample`), sampleSteps: config.sampleSteps, guidance: config.guidance,
    idPrefix: `${state.arm}-g${g}`,
  });
  const t1 = now();

  report('correcting', 0.2);
  const fixed = await correctForArm(state.arm, synthetic, {
    runSeed: config.seed, generation: g, gamma: ctx.gamma, mode: config.mode, correct: ctx.correct,
  });
  const t2 = now();

  const trainSynthetic = config.accumulate ? [...state.accumulated, ...fixed.clips] : fixed.clips;
  const pools: TrainPool[] = [ctx.realPool];
  if (trainSynthetic.length > 0) pools.push(poolFromClips(state.model, trainSynthetic, { name: 'synthetic' }));
  report('training', 0.35);
  const loss = await fineTune(state.model, pools, config.steps, config, seedFor(config.seed, `g${g}/train`), (f) => report('training', 0.35 + 0.45 * f));
  if (config.accumulate) state.accumulated = trainSynthetic;
  const t3 = now();

  report('evaluating', 0.8);
  const metrics = await evaluateModel(state.model, state.arm, g, config, ctx.evalConditions, ctx.evaluate);
  const drift = paramDistance(await flatParams(state.model), ctx.theta0);
  const t4 = now();

  const k = Math.min(config.viewerSamples, synthetic.length);
  const record: ArmRecord = {
    arm: state.arm,
    generation: g,
    synthetic: m,
    trainSynthetic: trainSynthetic.length,
    corrected: fixed.corrected.filter(Boolean).length,
    metrics,
    drift,
    loss,
    timings: { sampleMs: t1 - t0, correctMs: t2 - t1, trainMs: t3 - t2, evalMs: t4 - t3, totalMs: t4 - t0 },
  };
  return {
    record,
    samples: { before: synthetic.slice(0, k), after: fixed.clips.slice(0, k), corrected: fixed.corrected.slice(0, k) },
  };
}

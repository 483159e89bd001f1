// Settings of one self-consuming loop run (LoopConfig), their defaults and validation. Errors name the field and
// the allowed range; γ may be Infinity (every synthetic sample corrected), stored in JSON as the string "inf".

import { isPresetName, PRESET_NAMES, type PresetName } from '../diffusion/presets';
import { type CorrectionMode, CORRECTION_MODES } from './params';

export type ArmName = 'baseline' | 'self-consuming' | 'self-correcting' | 'idealized';
export const ARM_NAMES: readonly ArmName[] = ['baseline', 'self-consuming', 'self-correcting', 'idealized'];
export type { CorrectionMode };

export interface LoopConfig {
  /** Real clips n. */
  n: number;
  /** Synthetic clips per generation = ⌊λ·n⌋ (params.ts syntheticCount; the baseline arm ignores it). */
  lambda: number;
  /** Correction strength γ ≥ 0 (Infinity allowed); params.ts correctionProbability. */
  gamma: number;
  /** Generations after generation 0. */
  generations: number;
  /** Fine-tuning steps K per generation (fresh Adam each generation). */
  steps: number;
  /** Training steps of generation 0 (on the real clips only). */
  initialSteps: number;
  preset: PresetName;
  seed: number;
  arms: ArmName[];
  mode: CorrectionMode;
  /** Keep the synthetic clips of earlier generations in the training set (default: replace them). */
  accumulate: boolean;
  batchSize: number;
  learningRate: number;
  /** Sampler steps when generating synthetic data and evaluation samples. */
  sampleSteps: number;
  guidance: number;
  /** Clips generated per arm and generation for the metrics (conditioned on the reference captions). */
  evalSamples: number;
  /** Multimodality: captions (the first reference captions) sampled `multimodalityRepeats` times each per arm and
   *  generation; 0 skips it (multimodality null). */
  multimodalityTexts: number;
  multimodalityRepeats: number;
  /** Synthetic clips per arm kept for the viewer (before and after correction). */
  viewerSamples: number;
  /** Seed of the embedded real data set (generateDataset). */
  dataSeed: number;
  /** Integral gain (1/s) of the physics corrector's pelvis support (CorrectOptions.rootIntegralGain; 0: PD only).
   *  The loop compounds any bias of the correction; with PD support alone every correction lowers the root and
   *  tilts generated bodies forward, and the self-correcting arm drifts into a lean (docs/results.md). */
  rootIntegral: number;
}

export const DEFAULT_LOOP_CONFIG: Readonly<LoopConfig> = Object.freeze({
  n: 64,
  lambda: 0.5,
  gamma: Infinity,
  generations: 50,
  steps: 200,
  initialSteps: 2000,
  preset: 'tiny' as PresetName,
  seed: 0,
  arms: ['baseline', 'self-consuming', 'self-correcting'] as ArmName[],
  mode: 'mixture' as CorrectionMode,
  accumulate: false,
  batchSize: 32,
  learningRate: 1e-3,
  sampleSteps: 20,
  guidance: 1,
  evalSamples: 64,
  multimodalityTexts: 0,
  multimodalityRepeats: 5,
  viewerSamples: 4,
  dataSeed: 0,
  rootIntegral: 5,
});

export class LoopConfigError extends Error {
  override name = 'LoopConfigError';
}

function checkNumber(field: string, v: unknown, lo: number, hi: number, integer: boolean): void {
  if (typeof v !== 'number' || Number.isNaN(v)) throw new LoopConfigError(`loop config: ${field} must be a number, got ${JSON.stringify(v)}`);
  if (integer && !Number.isInteger(v)) throw new LoopConfigError(`loop config: ${field} must be an integer, got ${v}`);
  if (v < lo || v > hi) throw new LoopConfigError(`loop config: ${field} must be in [${lo}, ${hi}], got ${v}`);
}

/** Throws a LoopConfigError naming the first bad field. */
export function validateLoopConfig(c: LoopConfig): void {
  checkNumber('n', c.n, 1, 1e6, true);
  checkNumber('lambda', c.lambda, 0, 100, false);
  if (!Number.isFinite(c.lambda)) throw new LoopConfigError(`loop config: lambda must be finite, got ${c.lambda}`);
  checkNumber('gamma', c.gamma, 0, Infinity, false);
  checkNumber('generations', c.generations, 0, 100000, true);
  checkNumber('steps', c.steps, 0, 1e7, true);
  checkNumber('initialSteps', c.initialSteps, 0, 1e8, true);
  if (!isPresetName(c.preset)) throw new LoopConfigError(`loop config: preset must be one of ${PRESET_NAMES.join(', ')}, got "${String(c.preset)}"`);
  checkNumber('seed', c.seed, 0, 4294967295, true);
  checkNumber('dataSeed', c.dataSeed, 0, 4294967295, true);
  if (!Array.isArray(c.arms) || c.arms.length === 0) throw new LoopConfigError('loop config: arms must list at least one arm');
  for (const a of c.arms) {
    if (!ARM_NAMES.includes(a)) throw new LoopConfigError(`loop config: unknown arm "${String(a)}" (arms: ${ARM_NAMES.join(', ')})`);
  }
  if (new Set(c.arms).size !== c.arms.length) throw new LoopConfigError(`loop config: arms listed twice in ${c.arms.join(',')}`);
  if (!CORRECTION_MODES.includes(c.mode)) throw new LoopConfigError(`loop config: mode must be mixture or blend, got "${String(c.mode)}"`);
  if (typeof c.accumulate !== 'boolean') throw new LoopConfigError('loop config: accumulate must be true or false');
  checkNumber('batchSize', c.batchSize, 1, 4096, true);
  checkNumber('learningRate', c.learningRate, 1e-9, 10, false);
  checkNumber('sampleSteps', c.sampleSteps, 1, 1000, true);
  checkNumber('guidance', c.guidance, 0, 100, false);
  checkNumber('evalSamples', c.evalSamples, 2, 100000, true);
  checkNumber('multimodalityTexts', c.multimodalityTexts, 0, 10000, true);
  checkNumber('multimodalityRepeats', c.multimodalityRepeats, 2, 1000, true);
  checkNumber('viewerSamples', c.viewerSamples, 0, 1000, true);
  checkNumber('rootIntegral', c.rootIntegral, 0, 100, false);
}

/** Defaults completed by `partial`, validated; arms are put in the canonical order. */
export function makeLoopConfig(partial: Partial<LoopConfig> = {}): LoopConfig {
  const c: LoopConfig = { ...DEFAULT_LOOP_CONFIG, arms: [...DEFAULT_LOOP_CONFIG.arms], ...partial };
  validateLoopConfig(c);
  c.arms = ARM_NAMES.filter((a) => c.arms.includes(a));
  return c;
}

/** γ for JSON (Infinity is not JSON): the number, or "inf". */
export function gammaToJson(gamma: number): number | 'inf' {
  return gamma === Infinity ? 'inf' : gamma;
}

export function gammaFromJson(v: unknown, where = 'gamma'): number {
  if (v === 'inf' || v === 'Infinity' || v === null) return Infinity;
  if (typeof v === 'number' && v >= 0) return v;
  throw new LoopConfigError(`${where}: expected a number ≥ 0 or "inf", got ${JSON.stringify(v)}`);
}

/** The config as plain JSON (γ = ∞ as "inf"). */
export function loopConfigToJson(c: LoopConfig): Record<string, unknown> {
  return { ...c, arms: [...c.arms], gamma: gammaToJson(c.gamma) };
}

export function loopConfigFromJson(j: unknown, where = 'loop config'): LoopConfig {
  if (!j || typeof j !== 'object') throw new LoopConfigError(`${where}: not an object`);
  const o = j as Record<string, unknown>;
  // runs saved before rootIntegral existed were corrected with PD support only: they resume as they ran
  const rootIntegral = o.rootIntegral === undefined ? 0 : (o.rootIntegral as number);
  return makeLoopConfig({ ...(o as Partial<LoopConfig>), gamma: gammaFromJson(o.gamma, `${where}: gamma`), rootIntegral });
}

// Which synthetic sample the before/after viewer shows: the generations and arms of a run that have samples, the
// clamping of a (generation, arm, sample) selection to what exists, the before/after pair at a selection, and the
// one-line explanation of whether that sample was corrected. Pure functions over the run slice's `samples`.

import { ARM_NAMES, type ArmName } from '../../core/loop/config';
import type { ArmSamples, SamplesByGeneration as RunSamples } from '../../core/loop/types';
import type { Clip } from '../../core/motion/clip';
import type { ViewSelection } from '../state/clipsSlice';

export type SamplesByGeneration = Readonly<RunSamples>;

/** Number of before/after pairs an arm's samples hold (both lists must have the entry). */
export function pairCount(s: ArmSamples | undefined): number {
  return s ? Math.min(s.before.length, s.after.length) : 0;
}

/** Generations (ascending) where at least one arm has a before/after pair. */
export function generationsWithSamples(samples: SamplesByGeneration): number[] {
  return Object.keys(samples)
    .map(Number)
    .filter((g) => Number.isInteger(g) && armsWithSamples(samples, g).length > 0)
    .sort((a, b) => a - b);
}

/** Arms of generation g that have at least one pair, in the lab's arm order. */
export function armsWithSamples(samples: SamplesByGeneration, g: number): ArmName[] {
  const byArm = samples[g];
  if (!byArm) return [];
  return ARM_NAMES.filter((a) => pairCount(byArm[a]) > 0);
}

/** The arm shown when the chosen one has no samples: self-correcting first (the paper's subject), then in order. */
const ARM_PREFERENCE: readonly ArmName[] = ['self-correcting', 'self-consuming', 'idealized', 'baseline'];

/**
 * The nearest valid selection to `view`: its generation if that has samples (else the latest that has), its arm if
 * that generation has it (else the preferred arm that it has), its sample index clamped into range. Null when the
 * run has no samples at all.
 */
export function clampView(view: ViewSelection, samples: SamplesByGeneration): (ViewSelection & { generation: number }) | null {
  const gens = generationsWithSamples(samples);
  if (gens.length === 0) return null;
  const generation = view.generation !== null && gens.includes(view.generation) ? view.generation : gens[gens.length - 1];
  const arms = armsWithSamples(samples, generation);
  const arm = arms.includes(view.arm) ? view.arm : (ARM_PREFERENCE.find((a) => arms.includes(a)) ?? arms[0]);
  const n = pairCount(samples[generation][arm]);
  const raw = Number.isFinite(view.sample) ? Math.floor(view.sample) : 0;
  return { generation, arm, sample: Math.max(0, Math.min(n - 1, raw)) };
}

export interface SamplePair {
  generation: number;
  arm: ArmName;
  sample: number;
  /** Pairs this arm has in this generation. */
  count: number;
  before: Clip;
  after: Clip;
  /** Whether the "after" clip replaced the generated one (the loop's `corrected` flag). */
  corrected: boolean;
}

/** The before/after pair at the clamped selection, or null when the run has no samples. */
export function pairAt(view: ViewSelection, samples: SamplesByGeneration): SamplePair | null {
  const v = clampView(view, samples);
  if (!v) return null;
  const s = samples[v.generation][v.arm] as ArmSamples;
  return {
    generation: v.generation,
    arm: v.arm,
    sample: v.sample,
    count: pairCount(s),
    before: s.before[v.sample],
    after: s.after[v.sample],
    corrected: s.corrected[v.sample] === true,
  };
}

/** What happened to this sample between "before" and "after", in words. */
export function correctionNote(arm: ArmName, corrected: boolean): string {
  if (arm === 'idealized') {
    return corrected ? 'swapped for a fresh clip of the true data (the oracle correction)' : 'kept as generated (not swapped this time)';
  }
  if (arm === 'self-correcting') {
    return corrected ? 'corrected by the physics simulation' : 'not corrected: with γ < ∞ the mixture leaves each sample as generated with probability 1/(1+γ)';
  }
  if (arm === 'self-consuming') return 'not corrected: the self-consuming arm trains on its samples as generated';
  return 'the baseline arm trains on real data only';
}

/** Arms that have a model to sample from: those of the latest generation record, in the lab's arm order. */
export function armsWithModel(recordArms: readonly string[]): ArmName[] {
  return ARM_NAMES.filter((a) => recordArms.includes(a));
}

/** The floating label of the "after" figure (short: the caption line says more). */
export function afterLabel(arm: ArmName, corrected: boolean): string {
  if (!corrected) return 'after · not corrected';
  return arm === 'idealized' ? 'after · oracle swap' : 'after · corrected';
}

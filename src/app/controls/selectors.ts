// The store selectors of the controls panel. The panel shows the loop's settings only, so it subscribes to those
// fields (picked into an object it compares shallowly, zustand's useShallow) rather than to the whole config: a
// theory-lab slider (its settings are config fields too) or a URL-only field (batch) does not re-render it.

import { syntheticCount } from '../../core/loop/params';
import type { LabConfig } from '../state/labConfig';
import type { AppState } from '../store';

/** The config fields the controls panel shows (each has a control; batch has none). */
export const LOOP_CONTROL_FIELDS = [
  'n', 'preset', 'lambda', 'gamma', 'mode', 'accumulate', 'generations', 'steps', 'initialSteps', 'evalSamples', 'sampleSteps', 'seed',
] as const satisfies readonly (keyof LabConfig)[];

export type LoopControlField = (typeof LOOP_CONTROL_FIELDS)[number];
export type LoopControls = Pick<LabConfig, LoopControlField>;

/**
 * The loop settings the controls panel shows, picked from the config. A new object on every call: use it through
 * useShallow (`useAppStore(useShallow(selectLoopControls))`), which keeps the previous object while every field is
 * the same.
 */
export function selectLoopControls(s: AppState): LoopControls {
  const c = s.config;
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

/**
 * Real clips n of the open run (its own, imported clips included), or, with no run open, of the run Start would
 * make: the data size plus the imported clips, which join the real set.
 */
export function selectRealClips(s: AppState): number {
  return s.run.realClips ?? s.config.n + s.imported.length;
}

/** Synthetic clips per generation at the λ the controls show: ⌊λ·n⌋ of the real clips above. */
export function selectSyntheticPerGeneration(s: AppState): number {
  return syntheticCount(s.config.lambda, selectRealClips(s));
}

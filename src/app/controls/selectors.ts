// The store selectors of the controls panel. The panel shows the loop's settings only, so it subscribes to those
// fields (picked into an object it compares shallowly, zustand's useShallow) rather than to the whole config: a
// theory-lab slider (its settings are config fields too) or a URL-only field (batch) does not re-render it.

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

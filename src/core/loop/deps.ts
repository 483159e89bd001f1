// The loop's injected functions, built one way for every host: the app's loop worker and `scsc experiment` call
// makeLoopDeps, so a browser run and a CLI run with the same settings compute the same thing. Metrics come from
// the trained evaluator (in passes of at most 32 clips, the reference set embedded once: chunkedEvaluator.ts) or,
// without one, from the feature-space stand-in (featureMetrics.ts); both are seeded per generation. Correction is
// the physics corrector's π_γ with the run's pelvis-support gain.

import { chunkedEvaluator } from '../eval/chunkedEvaluator';
import type { Evaluator } from '../eval/evaluator';
import { evaluateMotions } from '../eval/motionMetrics';
import type { Clip } from '../motion/clip';
import { applyCorrection } from '../physics/gammaCorrection';
import type { LoopConfig } from './config';
import { featureSpaceMetrics } from './featureMetrics';
import { seedFor } from './seeds';
import type { RunStore } from './store';
import type { CorrectFn, EvaluateFn, LoopDeps, LoopProgress, MotionMetrics } from './types';

export interface LoopDepsOptions {
  /** The run's settings, read at each evaluation and correction (seed, rootIntegral). A getter, because a host
   *  resuming a stored run learns them only from the runner it resumed. */
  config: () => Pick<LoopConfig, 'seed' | 'rootIntegral'>;
  /** Real test clips the metrics compare against. */
  reference: Clip[];
  /** The evaluator to use now, or null for the feature-space stand-in metrics. Asked at every evaluation, so a
   *  host may rebuild it (after a backend switch); it stays owned (and disposed) by the host. */
  evaluator: () => Evaluator | null;
  store?: RunStore;
  onProgress?: (p: LoopProgress) => void;
}

export interface HostedLoopDeps extends LoopDeps {
  evaluate: EvaluateFn;
  correct: CorrectFn;
  reference: Clip[];
  /** The metrics of any clip set against the reference, the same way generations are measured (e.g. the floor:
   *  real training clips as if generated). */
  measure(clips: Clip[], seed: number, multimodalGroups?: Clip[][]): Promise<MotionMetrics>;
}

/** One chunked wrapper per evaluator and reference set (and one stand-in per reference set), so a reference is
 *  embedded once per evaluator even across runs: a host builds deps for every run it opens. */
const chunkedCache = new WeakMap<Evaluator, WeakMap<readonly Clip[], Evaluator>>();

function chunkedFor(ev: Evaluator, reference: readonly Clip[]): Evaluator {
  let byRef = chunkedCache.get(ev);
  if (!byRef) chunkedCache.set(ev, (byRef = new WeakMap()));
  let c = byRef.get(reference);
  if (!c) byRef.set(reference, (c = chunkedEvaluator(ev, reference)));
  return c;
}

const standInCache = new WeakMap<readonly Clip[], ReturnType<typeof featureSpaceMetrics>>();

function standInFor(reference: readonly Clip[]): ReturnType<typeof featureSpaceMetrics> {
  let m = standInCache.get(reference);
  if (!m) standInCache.set(reference, (m = featureSpaceMetrics(reference)));
  return m;
}

export function makeLoopDeps(o: LoopDepsOptions): HostedLoopDeps {
  const measure = async (clips: Clip[], seed: number, multimodalGroups?: Clip[][]): Promise<MotionMetrics> => {
    const ev = o.evaluator();
    if (ev) return evaluateMotions(chunkedFor(ev, o.reference), clips, o.reference, { seed, multimodalGroups });
    return standInFor(o.reference)(clips, seed, multimodalGroups);
  };
  const evaluate: EvaluateFn = (generated, _arm, generation, multimodalGroups) =>
    measure(generated, seedFor(o.config().seed, `g${generation}/metrics`), multimodalGroups);
  const correct: CorrectFn = (batch, gamma, { mode, seed }) => {
    const r = applyCorrection(batch, gamma, { mode, seed, correctOptions: { rootIntegralGain: o.config().rootIntegral } });
    return { clips: r.clips, corrected: r.corrected };
  };
  return { evaluate, correct, measure, store: o.store, reference: o.reference, onProgress: o.onProgress };
}

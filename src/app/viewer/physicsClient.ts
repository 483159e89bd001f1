// Main-thread side of the viewer's "Simulate" toggle: sends a clip to the physics worker (one worker, created on
// first use) and resolves with the simulated ragdoll. Results are cached per clip object, so toggling Simulate
// off and on, or coming back to a clip, does not simulate again. The corrector runs with the open run's PI pelvis
// support gain (LoopConfig.rootIntegral; the store's run.rootIntegral), so the preview shows what that run's
// correction does.

import type { Clip } from '../../core/motion/clip';
import type { CorrectionReport } from '../../core/physics/corrector';
import type { SimulateReply, SimulateRequest } from './physics.worker';

export interface SimulatedRagdoll {
  /** The simulated motion on our skeleton (the corrector's output clip). */
  clip: Clip;
  report: CorrectionReport;
  /** Joint positions (frames × 22 × 3) and world rotations (frames × 22 × 4) of the simulated bodies. */
  positions: Float32Array;
  rotations: Float64Array;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (r: SimulatedRagdoll) => void; reject: (e: Error) => void }>();
const cache = new WeakMap<Clip, Map<number, Promise<SimulatedRagdoll>>>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./physics.worker.ts', import.meta.url), { type: 'module', name: 'viewer-physics' });
  w.onmessage = (e: MessageEvent<SimulateReply>) => {
    const d = e.data;
    const p = pending.get(d.id);
    pending.delete(d.id);
    if (!p) return;
    if (d.ok) p.resolve({ clip: d.clip, report: d.report, positions: d.positions, rotations: d.rotations });
    else p.reject(new Error(d.error));
  };
  w.onerror = (e) => {
    const err = new Error(`physics worker failed: ${e.message || 'unknown error'}`);
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    w.terminate();
    worker = null;
  };
  worker = w;
  return w;
}

/**
 * The ragdoll's performance of `clip` with PI pelvis support of gain `rootIntegralGain` (0: PD only), simulated in
 * the physics worker (cached per clip object and gain).
 */
export function simulateClip(clip: Clip, rootIntegralGain: number): Promise<SimulatedRagdoll> {
  let byGain = cache.get(clip);
  if (!byGain) cache.set(clip, (byGain = new Map()));
  const hit = byGain.get(rootIntegralGain);
  if (hit) return hit;
  const id = nextId++;
  const promise = new Promise<SimulatedRagdoll>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // The clip is copied (structured clone), not transferred: the page keeps showing it.
    const request: SimulateRequest = { id, clip, rootIntegralGain };
    getWorker().postMessage(request);
  });
  byGain.set(rootIntegralGain, promise);
  // A failure is not cached: the next toggle tries again.
  promise.catch(() => byGain.delete(rootIntegralGain));
  return promise;
}

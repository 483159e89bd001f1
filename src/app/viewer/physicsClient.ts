// Main-thread side of the viewer's "Simulate" toggle: sends a clip to the physics worker (one worker, created on
// first use) and resolves with the simulated ragdoll. Results are cached per clip object, so toggling Simulate
// off and on, or coming back to a clip, does not simulate again. The corrector runs with the loop's settings
// (DEFAULT_LOOP_CONFIG: PI pelvis support), so the preview shows what the loop's correction does.

import { DEFAULT_LOOP_CONFIG } from '../../core/loop/config';
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
const cache = new WeakMap<Clip, Promise<SimulatedRagdoll>>();

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

/** The ragdoll's performance of `clip`, simulated in the physics worker (cached per clip object). */
export function simulateClip(clip: Clip): Promise<SimulatedRagdoll> {
  const hit = cache.get(clip);
  if (hit) return hit;
  const id = nextId++;
  const promise = new Promise<SimulatedRagdoll>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // The clip is copied (structured clone), not transferred: the page keeps showing it.
    const request: SimulateRequest = { id, clip, rootIntegralGain: DEFAULT_LOOP_CONFIG.rootIntegral };
    getWorker().postMessage(request);
  });
  cache.set(clip, promise);
  // A failure is not cached: the next toggle tries again.
  promise.catch(() => cache.delete(clip));
  return promise;
}

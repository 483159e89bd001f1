// The viewer's "Simulate" toggle: a clip performed by the Rapier ragdoll in the physics worker (one worker, created
// on first use; a fresh one after a crash). Results are cached per clip object, so toggling Simulate off and on,
// or coming back to a clip, does not simulate again. The corrector runs with the open run's PI pelvis support gain
// (LoopConfig.rootIntegral; the store's run.rootIntegral), so the preview shows what that run's correction does.

import type { Clip } from '../../core/motion/clip';
import { PhysicsClient, type SimulatedRagdoll } from '../../worker/physicsClient';

export type { SimulatedRagdoll };

let client: PhysicsClient | null = null;
const cache = new WeakMap<Clip, Map<number, Promise<SimulatedRagdoll>>>();

function physics(): PhysicsClient {
  if (client) return client;
  const c = new PhysicsClient(() => {
    c.terminate();
    if (client === c) client = null;
  });
  client = c;
  return c;
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
  // The clip is copied (structured clone), not transferred: the page keeps showing it.
  const promise = physics().request({ type: 'simulate', clip, rootIntegralGain });
  byGain.set(rootIntegralGain, promise);
  // A failure is not cached: the next toggle tries again.
  promise.catch(() => byGain.delete(rootIntegralGain));
  return promise;
}

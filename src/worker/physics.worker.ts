// Web Worker that runs the physics corrector for the viewer's "Simulate" toggle: the Rapier ragdoll performs the
// clip (src/core/physics correct), and the simulated motion comes back with its per-frame joint positions and world
// rotations (ragdollPose) for drawing the ragdoll's bodies, plus the correction report. Typed arrays transferred.

import type { Clip } from '../core/motion/clip';
import { correct, type CorrectionReport, initPhysics, ragdollPose } from '../core/physics';
import { clipBuffers, rpcServer } from './rpc';

export interface SimulatedRagdoll {
  /** The simulated motion on our skeleton (the corrector's output clip). */
  clip: Clip;
  report: CorrectionReport;
  /** Joint positions (frames × 22 × 3) and world rotations (frames × 22 × 4) of the simulated bodies. */
  positions: Float32Array;
  rotations: Float64Array;
}

/** `rootIntegralGain`: the corrector's PI pelvis support gain (the loop's LoopConfig.rootIntegral), so the preview
 *  matches a run's correction. */
export type PhysicsRequest = { type: 'simulate'; clip: Clip; rootIntegralGain: number };

export interface PhysicsReplyMap {
  simulate: SimulatedRagdoll;
}

const rpc = rpcServer<PhysicsRequest, PhysicsReplyMap>();

rpc.serve(async ({ clip, rootIntegralGain }) => {
  await initPhysics();
  const out = correct(clip, { rootIntegralGain });
  const { positions, rotations } = ragdollPose(out.clip);
  return { clip: out.clip, report: out.report, positions, rotations };
}, (r) => [...clipBuffers([r.clip]), r.positions.buffer, r.rotations.buffer]);

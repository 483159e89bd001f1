// Web Worker that runs the physics corrector for the viewer's "Simulate" toggle: the Rapier ragdoll performs the
// clip (src/core/physics correct), and the simulated motion comes back with its per-frame joint positions and world
// rotations (ragdollPose) for drawing the ragdoll's bodies, plus the correction report. Typed arrays transferred.

import type { Clip } from '../../core/motion/clip';
import { correct, initPhysics, ragdollPose, type CorrectionReport } from '../../core/physics';

export interface SimulateRequest {
  id: number;
  clip: Clip;
  /** The corrector's PI pelvis support gain (the loop's LoopConfig.rootIntegral), so the preview matches it. */
  rootIntegralGain: number;
}

export type SimulateReply =
  | { id: number; ok: true; clip: Clip; report: CorrectionReport; positions: Float32Array; rotations: Float64Array }
  | { id: number; ok: false; error: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (e: MessageEvent<SimulateRequest>) => {
  const { id, clip, rootIntegralGain } = e.data;
  try {
    await initPhysics();
    const out = correct(clip, { rootIntegralGain });
    const { positions, rotations } = ragdollPose(out.clip);
    const reply: SimulateReply = { id, ok: true, clip: out.clip, report: out.report, positions, rotations };
    const transfer: Transferable[] = [out.clip.rootPos.buffer, out.clip.rotations.buffer, positions.buffer, rotations.buffer];
    if (out.clip.flight) transfer.push(out.clip.flight.buffer);
    scope.postMessage(reply, [...new Set(transfer)]);
  } catch (err) {
    const reply: SimulateReply = { id, ok: false, error: err instanceof Error ? err.message : String(err) };
    scope.postMessage(reply);
  }
};

// Physics metrics as the corrector reports them: the shared floor metrics of src/core/motion/physMetrics.ts
// (Penetrate, Float, Skate, Phys-Err in mm; jitter), with a clip's designed flight frames (jumps) left out.

import type { Clip } from '../motion/clip';
import { clipPhysMetrics as motionClipPhysMetrics, type PhysMetrics } from '../motion/physMetrics';

export type { PhysMetrics } from '../motion/physMetrics';

/** Metrics of a clip, flight frames excluded (a designed jump is not Float). */
export function clipPhysMetrics(clip: Clip): PhysMetrics {
  return motionClipPhysMetrics(clip, { excludeFlight: true });
}

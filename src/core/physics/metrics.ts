// Physics metrics as the corrector reports them. Re-exports the shared floor metrics of src/core/motion once they
// exist; until then a local stand-in (Penetrate/Float/Skate in mm from joint heights) keeps the corrector running.

import type { Clip } from '../motion/clip';
import { jointPositions } from '../motion/fk';
import { NUM_JOINTS } from '../motion/skeleton';

export interface PhysMetrics {
  penetrate: number;
  float: number;
  skate: number;
  physErr: number;
  jitter: number;
}

export function clipPhysMetrics(clip: Clip): PhysMetrics {
  const p = jointPositions(clip);
  const n = clip.nFrames;
  let pen = 0, flo = 0, sk = 0, jit = 0;
  for (let f = 0; f < n; f++) {
    let lo = Infinity;
    for (const j of [7, 8, 10, 11]) lo = Math.min(lo, p[(f * NUM_JOINTS + j) * 3 + 1] - (j < 10 ? 0.08 : 0.03));
    pen += Math.max(0, -lo);
    flo += Math.max(0, lo - 0.005);
  }
  for (let f = 2; f < n; f++) {
    for (let j = 0; j < NUM_JOINTS; j++) {
      let a = 0;
      for (let k = 0; k < 3; k++) {
        const x = p[(f * NUM_JOINTS + j) * 3 + k] - 2 * p[((f - 1) * NUM_JOINTS + j) * 3 + k] + p[((f - 2) * NUM_JOINTS + j) * 3 + k];
        a += x * x;
      }
      jit += Math.sqrt(a);
    }
  }
  void sk;
  const r = { penetrate: (pen / n) * 1000, float: (flo / n) * 1000, skate: 0, physErr: 0, jitter: (jit / ((n - 2) * NUM_JOINTS)) * 1000 };
  r.physErr = r.penetrate + r.float + r.skate;
  return r;
}

// Posture summary of a clip: mean root height, mean pelvis tilt and mean trunk lean over its frames. Used to measure
// a systematic bias of the physics corrector (a corrected clip that sags or leans compared with its input), which a
// self-consuming loop would compound generation by generation (docs/results.md).

import type { Clip } from './clip';
import { jointPositions } from './fk';
import { J, NUM_JOINTS } from './skeleton';

export interface Posture {
  /** Mean pelvis height (m). */
  rootHeight: number;
  /** Mean angle (degrees) between the pelvis's up axis and the world's: 0 when the pelvis is upright. */
  pelvisTiltDeg: number;
  /** Mean angle (degrees) of the pelvis → neck segment from the vertical. */
  trunkLeanDeg: number;
}

const DEG = 180 / Math.PI;

/** The clip's posture summary (means over frames). */
export function clipPosture(clip: Clip): Posture {
  const n = clip.nFrames;
  const pos = jointPositions(clip);
  let h = 0, tilt = 0, lean = 0;
  for (let f = 0; f < n; f++) {
    h += clip.rootPos[f * 3 + 1];
    const q = f * NUM_JOINTS * 4;
    const x = clip.rotations[q], y = clip.rotations[q + 1], z = clip.rotations[q + 2], w = clip.rotations[q + 3];
    const s = x * x + y * y + z * z + w * w || 1;
    // y component of the rotated up axis: 1 − 2(x² + z²) for a unit quaternion
    tilt += Math.acos(Math.max(-1, Math.min(1, 1 - (2 * (x * x + z * z)) / s)));
    const p = f * NUM_JOINTS * 3;
    const dx = pos[p + J.neck * 3] - pos[p], dy = pos[p + J.neck * 3 + 1] - pos[p + 1], dz = pos[p + J.neck * 3 + 2] - pos[p + 2];
    lean += Math.atan2(Math.hypot(dx, dz), dy);
  }
  return { rootHeight: h / n, pelvisTiltDeg: (tilt / n) * DEG, trunkLeanDeg: (lean / n) * DEG };
}

/** Mean posture change, after minus before: root height (mm), pelvis tilt and trunk lean (degrees). */
export interface PostureBias {
  rootHeightMm: number;
  pelvisTiltDeg: number;
  trunkLeanDeg: number;
}

/** Mean posture change (after − before) over pairs of clips; root height in mm. */
export function postureBias(before: readonly Clip[], after: readonly Clip[]): PostureBias {
  if (before.length !== after.length) throw new Error(`postureBias: ${before.length} inputs but ${after.length} outputs`);
  let h = 0, t = 0, l = 0;
  for (let i = 0; i < before.length; i++) {
    const a = clipPosture(after[i]), b = clipPosture(before[i]);
    h += a.rootHeight - b.rootHeight;
    t += a.pelvisTiltDeg - b.pelvisTiltDeg;
    l += a.trunkLeanDeg - b.trunkLeanDeg;
  }
  const k = before.length || 1;
  return { rootHeightMm: (h / k) * 1000, pelvisTiltDeg: t / k, trunkLeanDeg: l / k };
}

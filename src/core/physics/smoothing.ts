// Zero-phase temporal smoothing of a clip (root positions and every joint's local rotation), used by the corrector
// to low-pass the reference it tracks (the high-frequency noise of generated motion is not something a body can or
// should follow) and, lightly, the simulated output (the ragdoll's contact impacts and PD ringing at the 20 fps
// sampling). The filter is the binomial kernel [1, 2, 1]/4 applied `passes` times (2 passes: [1, 4, 6, 4, 1]/16),
// with edges held (the first and last frames are repeated), so a constant or linear motion is unchanged inside the
// clip. Quaternions are averaged component-wise after aligning each neighbour to the centre's hemisphere, then
// normalised: exact enough for the small frame-to-frame angles of motion (< 0.5 rad).

import type { Clip } from '../motion/clip';
import { NUM_JOINTS } from '../motion/skeleton';

/** Smooth `n` frames of `stride` values each (component `k` of frame f at f·stride + k) in place. */
function binomialPass(a: Float32Array, n: number, stride: number, tmp: Float64Array): void {
  if (n < 3) return;
  for (let i = 0; i < n * stride; i++) tmp[i] = a[i];
  for (let f = 0; f < n; f++) {
    const p = Math.max(0, f - 1) * stride;
    const c = f * stride;
    const q = Math.min(n - 1, f + 1) * stride;
    for (let k = 0; k < stride; k++) a[c + k] = 0.25 * tmp[p + k] + 0.5 * tmp[c + k] + 0.25 * tmp[q + k];
  }
}

function quatPass(rot: Float32Array, n: number, tmp: Float64Array): void {
  if (n < 3) return;
  const S = NUM_JOINTS * 4;
  for (let i = 0; i < n * S; i++) tmp[i] = rot[i];
  for (let f = 0; f < n; f++) {
    const p = Math.max(0, f - 1) * S;
    const c = f * S;
    const q = Math.min(n - 1, f + 1) * S;
    for (let j = 0; j < NUM_JOINTS; j++) {
      const o = j * 4;
      const dp = tmp[p + o] * tmp[c + o] + tmp[p + o + 1] * tmp[c + o + 1] + tmp[p + o + 2] * tmp[c + o + 2] + tmp[p + o + 3] * tmp[c + o + 3];
      const dq = tmp[q + o] * tmp[c + o] + tmp[q + o + 1] * tmp[c + o + 1] + tmp[q + o + 2] * tmp[c + o + 2] + tmp[q + o + 3] * tmp[c + o + 3];
      const sp = dp < 0 ? -0.25 : 0.25;
      const sq = dq < 0 ? -0.25 : 0.25;
      let x = sp * tmp[p + o] + 0.5 * tmp[c + o] + sq * tmp[q + o];
      let y = sp * tmp[p + o + 1] + 0.5 * tmp[c + o + 1] + sq * tmp[q + o + 1];
      let z = sp * tmp[p + o + 2] + 0.5 * tmp[c + o + 2] + sq * tmp[q + o + 2];
      let w = sp * tmp[p + o + 3] + 0.5 * tmp[c + o + 3] + sq * tmp[q + o + 3];
      const len = Math.hypot(x, y, z, w);
      if (len > 1e-9) {
        x /= len;
        y /= len;
        z /= len;
        w /= len;
      } else {
        x = tmp[c + o];
        y = tmp[c + o + 1];
        z = tmp[c + o + 2];
        w = tmp[c + o + 3];
      }
      rot[c + o] = x;
      rot[c + o + 1] = y;
      rot[c + o + 2] = z;
      rot[c + o + 3] = w;
    }
  }
}

/**
 * Smooth a clip in place: `rootPasses` binomial passes on the root position and `rotPasses` on every joint's
 * local rotation (the pelvis's included). 0 passes leaves that part unchanged.
 */
export function smoothClipInPlace(clip: Clip, rootPasses: number, rotPasses: number): void {
  const n = clip.nFrames;
  const tmp = new Float64Array(n * NUM_JOINTS * 4);
  for (let i = 0; i < rootPasses; i++) binomialPass(clip.rootPos, n, 3, tmp);
  for (let i = 0; i < rotPasses; i++) quatPass(clip.rotations, n, tmp);
}

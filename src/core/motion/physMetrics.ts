// Physical-plausibility metrics of a motion from its joint positions alone (kinematics, no simulation), after
// the paper's definitions with the floor at y = 0 and a 5 mm tolerance; lengths reported in millimetres.
//
// Lowest body point of a frame: min over joints of (joint height − joint radius). The radius is the distance
// from the joint centre to the body surface below it: ankle − ANKLE_SOLE_OFFSET (0.08 m, the sole under a flat
// foot), foot (toe base) − TOE_SOLE_OFFSET (0.03 m), and for bodies kneeling, sitting or lying: knees 0.05,
// pelvis 0.10, hips 0.08, spine 0.10, neck 0.06, head 0.10, collars 0.06, shoulders 0.05, elbows 0.04,
// wrists/hands 0.04 (the hand below the wrist). The heel and the toe tips are not separate joints.
//
// Penetrate: per frame, depth of the lowest point below −tolerance (mm, 0 otherwise), mean over frames.
// Float: per frame, height of the lowest point above +tolerance (mm, 0 otherwise), mean over frames.
// Skate: mean horizontal displacement (mm) between consecutive frames of the foot points (both ankles and both
//   toe joints) that are on the floor in both frames (on the floor: sole height = joint height − sole offset ≤
//   tolerance); the mean is over those (point, frame pair) contacts, 0 when there are none.
// Phys-Err = Penetrate + Float + Skate.
// Jitter: mean over joints and frames of the norm of the joint jerk, the third finite difference of position
//   times fps³, in m/s³ (not mm).
// Frames listed in `exclude` (e.g. a jump's designed flight) are left out of Penetrate, Float and Skate.

import type { Clip } from './clip';
import { jointPositions } from './fk';
import { ANKLE_SOLE_OFFSET, J, NUM_JOINTS, TOE_SOLE_OFFSET } from './skeleton';

export interface PhysMetrics {
  /** mm */
  penetrate: number;
  /** mm */
  float: number;
  /** mm */
  skate: number;
  /** mm: penetrate + float + skate */
  physErr: number;
  /** m/s³: mean joint jerk */
  jitter: number;
}

/** Floor contact tolerance (m). */
export const FLOOR_TOLERANCE = 0.005;

/** Distance from each joint centre to the body surface below it (m), indexed by joint. */
export const JOINT_RADII: Float64Array = (() => {
  const r = new Float64Array(NUM_JOINTS);
  r[J.pelvis] = 0.1;
  r[J.left_hip] = r[J.right_hip] = 0.08;
  r[J.spine1] = r[J.spine2] = r[J.spine3] = 0.1;
  r[J.left_knee] = r[J.right_knee] = 0.05;
  r[J.left_ankle] = r[J.right_ankle] = ANKLE_SOLE_OFFSET;
  r[J.left_foot] = r[J.right_foot] = TOE_SOLE_OFFSET;
  r[J.neck] = 0.06;
  r[J.head] = 0.1;
  r[J.left_collar] = r[J.right_collar] = 0.06;
  r[J.left_shoulder] = r[J.right_shoulder] = 0.05;
  r[J.left_elbow] = r[J.right_elbow] = 0.04;
  r[J.left_wrist] = r[J.right_wrist] = 0.04;
  return r;
})();

/** The foot points whose contacts Skate follows, in the order of footContacts' columns. */
export const FOOT_POINTS: readonly number[] = [J.left_ankle, J.left_foot, J.right_ankle, J.right_foot];

/** Height (m) of the lowest body point of every frame (see the header for how it is found). */
export function lowestPointHeights(positions: Float32Array, nFrames: number, out: Float32Array = new Float32Array(nFrames)): Float32Array {
  for (let f = 0; f < nFrames; f++) {
    const b = f * NUM_JOINTS * 3;
    let lo = Infinity;
    for (let j = 0; j < NUM_JOINTS; j++) {
      const h = positions[b + j * 3 + 1] - JOINT_RADII[j];
      if (h < lo) lo = h;
    }
    out[f] = lo;
  }
  return out;
}

/** On-floor flags, nFrames × 4 (left ankle, left toe, right ankle, right toe): sole height ≤ FLOOR_TOLERANCE. */
export function footContacts(positions: Float32Array, nFrames: number): Uint8Array {
  const out = new Uint8Array(nFrames * 4);
  for (let f = 0; f < nFrames; f++) {
    const b = f * NUM_JOINTS * 3;
    for (let k = 0; k < 4; k++) {
      const j = FOOT_POINTS[k];
      out[f * 4 + k] = positions[b + j * 3 + 1] - JOINT_RADII[j] <= FLOOR_TOLERANCE ? 1 : 0;
    }
  }
  return out;
}

/** The metrics of a motion given as joint positions (nFrames × 22 × 3, metres) at `fps`. */
export function physMetrics(positions: Float32Array, nFrames: number, fps: number, opts: { exclude?: Uint8Array } = {}): PhysMetrics {
  if (positions.length < nFrames * NUM_JOINTS * 3) {
    throw new Error(`physMetrics: positions has ${positions.length} values, expected ${nFrames * NUM_JOINTS * 3}`);
  }
  const ex = opts.exclude;
  const lows = lowestPointHeights(positions, nFrames);
  let pen = 0, flo = 0, nf = 0;
  for (let f = 0; f < nFrames; f++) {
    if (ex && ex[f]) continue;
    nf++;
    const h = lows[f];
    if (h < -FLOOR_TOLERANCE) pen += -h;
    else if (h > FLOOR_TOLERANCE) flo += h;
  }
  const contacts = footContacts(positions, nFrames);
  let sk = 0, nc = 0;
  for (let f = 1; f < nFrames; f++) {
    if (ex && (ex[f] || ex[f - 1])) continue;
    const a = (f - 1) * NUM_JOINTS * 3, b = f * NUM_JOINTS * 3;
    for (let k = 0; k < 4; k++) {
      if (!contacts[f * 4 + k] || !contacts[(f - 1) * 4 + k]) continue;
      const j = FOOT_POINTS[k];
      const dx = positions[b + j * 3] - positions[a + j * 3];
      const dz = positions[b + j * 3 + 2] - positions[a + j * 3 + 2];
      sk += Math.sqrt(dx * dx + dz * dz);
      nc++;
    }
  }
  let jit = 0, nj = 0;
  const s = NUM_JOINTS * 3;
  const fps3 = fps * fps * fps;
  for (let f = 3; f < nFrames; f++) {
    for (let j = 0; j < NUM_JOINTS; j++) {
      let n2 = 0;
      for (let c = 0; c < 3; c++) {
        const i = f * s + j * 3 + c;
        const d3 = positions[i] - 3 * positions[i - s] + 3 * positions[i - 2 * s] - positions[i - 3 * s];
        n2 += d3 * d3;
      }
      jit += Math.sqrt(n2) * fps3;
      nj++;
    }
  }
  const penetrate = nf > 0 ? (1000 * pen) / nf : 0;
  const float = nf > 0 ? (1000 * flo) / nf : 0;
  const skate = nc > 0 ? (1000 * sk) / nc : 0;
  return { penetrate, float, skate, physErr: penetrate + float + skate, jitter: nj > 0 ? jit / nj : 0 };
}

/** The metrics of a clip (positions by forward kinematics); `excludeFlight` leaves its flight frames out. */
export function clipPhysMetrics(clip: Clip, opts: { excludeFlight?: boolean } = {}): PhysMetrics {
  const pos = jointPositions(clip);
  return physMetrics(pos, clip.nFrames, clip.fps, { exclude: opts.excludeFlight ? clip.flight : undefined });
}

// The capsule body drawn for the 22-joint skeleton: which bones are drawn, how thick each one is, and the size of
// the joint and head spheres. Pure numbers (no three.js), so a later physics ragdoll can reuse the same shape.

import { ANKLE_SOLE_OFFSET, J, NUM_JOINTS, PARENTS, TOE_SOLE_OFFSET } from '../../core/motion/skeleton';

/** Capsule radius (m) of the bone that ends at joint j (from PARENTS[j] to j); index 0 (the root) is unused. */
export const BONE_RADIUS: Float32Array = (() => {
  const r = new Float32Array(NUM_JOINTS);
  const set = (name: keyof typeof J, v: number) => (r[J[name]] = v);
  set('left_hip', 0.07); set('right_hip', 0.07);
  set('spine1', 0.1); set('spine2', 0.105); set('spine3', 0.1);
  set('left_knee', 0.065); set('right_knee', 0.065);
  set('left_ankle', 0.05); set('right_ankle', 0.05);
  set('left_foot', 0.04); set('right_foot', 0.04);
  set('neck', 0.055); set('head', 0.05);
  set('left_collar', 0.055); set('right_collar', 0.055);
  set('left_shoulder', 0.055); set('right_shoulder', 0.055);
  set('left_elbow', 0.045); set('right_elbow', 0.045);
  set('left_wrist', 0.038); set('right_wrist', 0.038);
  return r;
})();

/** Bones drawn as capsules: [parent, child] joint index pairs, one per non-root joint (21 bones). */
export const BONES: ReadonlyArray<readonly [number, number]> = PARENTS.flatMap((p, j) => (p < 0 ? [] : [[p, j] as const]));

/** Sphere radius at each joint: the thickest bone that meets there, so cylinders plus spheres form capsules. */
export const JOINT_RADIUS: Float32Array = (() => {
  const r = new Float32Array(NUM_JOINTS);
  for (const [p, j] of BONES) {
    r[j] = Math.max(r[j], BONE_RADIUS[j]);
    r[p] = Math.max(r[p], BONE_RADIUS[j]);
  }
  return r;
})();

/** Head sphere: radius (m) and its centre's distance beyond the head joint along the neck→head direction. */
export const HEAD_RADIUS = 0.1;
export const HEAD_CENTER_OFFSET = 0.07;

/** Floor tolerance (m): a body point more than this below y = 0 counts as penetrating (the paper's 5 mm). */
export const FLOOR_TOLERANCE = 0.005;

/**
 * Height of each joint above the lowest surface point around it when that surface touches the floor (m): the sole
 * offsets for ankles and feet (ANKLE_SOLE_OFFSET, TOE_SOLE_OFFSET), the drawn sphere radius elsewhere. Joint j is
 * below the floor when y − SURFACE_OFFSET[j] < −FLOOR_TOLERANCE.
 */
export const SURFACE_OFFSET: Float32Array = (() => {
  const r = JOINT_RADIUS.slice();
  r[J.left_ankle] = ANKLE_SOLE_OFFSET;
  r[J.right_ankle] = ANKLE_SOLE_OFFSET;
  r[J.left_foot] = TOE_SOLE_OFFSET;
  r[J.right_foot] = TOE_SOLE_OFFSET;
  return r;
})();

/** True when joint j at height y (m) has its surface more than FLOOR_TOLERANCE below the floor. */
export function jointBelowFloor(j: number, y: number): boolean {
  return y - SURFACE_OFFSET[j] < -FLOOR_TOLERANCE;
}

// The simulated ragdoll's bodies in world space, without three.js: for segment s of HUMANOID_SEGMENTS at one frame,
// its endpoints (capsule), centre (ball, box) and world rotation, from the frame's joint positions and world
// rotations (src/core/physics ragdollPose). Same result as the physics module's ragdollCapsules, but written into
// caller-owned scratch arrays so the render loop allocates nothing.

// From humanoid.ts rather than the physics index (same export), so the main bundle does not pull in Rapier's WASM.
import { HUMANOID_SEGMENTS, type HumanoidSegment } from '../../core/physics/humanoid';
import { NUM_JOINTS } from '../../core/motion/skeleton';

export const RAGDOLL_SEGMENTS: readonly HumanoidSegment[] = HUMANOID_SEGMENTS;

/** Rotate the vector v (3 numbers) by the unit quaternion (x, y, z, w) and add the base point; writes out[0..2]. */
function rotateAdd(
  qx: number, qy: number, qz: number, qw: number,
  v: readonly [number, number, number], bx: number, by: number, bz: number, out: Float64Array, o: number,
): void {
  // t = 2 q × v; v' = v + w t + q × t
  const tx = 2 * (qy * v[2] - qz * v[1]);
  const ty = 2 * (qz * v[0] - qx * v[2]);
  const tz = 2 * (qx * v[1] - qy * v[0]);
  out[o] = bx + v[0] + qw * tx + (qy * tz - qz * ty);
  out[o + 1] = by + v[1] + qw * ty + (qz * tx - qx * tz);
  out[o + 2] = bz + v[2] + qw * tz + (qx * ty - qy * tx);
}

/**
 * World pose of segment `s` at `frame`: writes a (3), b (3) and the body's world rotation q (4, x y z w) into
 * `out` (≥ 10 numbers). `positions` frames×22×3, `rotations` frames×22×4 world rotations.
 */
export function segmentWorld(
  positions: ArrayLike<number>, rotations: ArrayLike<number>, frame: number, s: number, out: Float64Array,
): void {
  const seg = RAGDOLL_SEGMENTS[s];
  const j = seg.joint;
  const po = (frame * NUM_JOINTS + j) * 3;
  const ro = (frame * NUM_JOINTS + j) * 4;
  const qx = rotations[ro], qy = rotations[ro + 1], qz = rotations[ro + 2], qw = rotations[ro + 3];
  const px = positions[po], py = positions[po + 1], pz = positions[po + 2];
  rotateAdd(qx, qy, qz, qw, seg.a, px, py, pz, out, 0);
  rotateAdd(qx, qy, qz, qw, seg.b, px, py, pz, out, 3);
  out[6] = qx; out[7] = qy; out[8] = qz; out[9] = qw;
}

/** Number of segments of each shape (how many instances each instanced mesh of a ragdoll figure needs). */
export const RAGDOLL_COUNTS = {
  capsule: RAGDOLL_SEGMENTS.filter((s) => s.shape === 'capsule').length,
  ball: RAGDOLL_SEGMENTS.filter((s) => s.shape === 'ball').length,
  box: RAGDOLL_SEGMENTS.filter((s) => s.shape === 'box').length,
} as const;

// Analytic two-bone inverse kinematics (hip–knee–ankle, shoulder–elbow–wrist) for the skeleton in skeleton.ts.
// Given the chain's parent world rotation, the upper joint's world position, a target for the end joint and a
// pole direction (where the middle joint should point), it writes the local quaternions of the upper and middle
// joints so that forward kinematics puts the end joint exactly on the target (when reachable). The middle joint
// is a pure hinge about a fixed rest axis, so knees and elbows never bend sideways.

import { J, REST_OFFSETS } from './skeleton';
import { qConj, qFromMat3, qMul, qRotateVec, type Arr } from './quat';

/** A two-bone chain: upper joint (rotated), middle joint (hinge) and end joint indices, plus the rest hinge axis
 *  (in the upper joint's local frame, perpendicular to both rest bones, oriented so that cross(upper bone, lower
 *  bone) points along it for a natural bend). */
export interface Chain {
  upper: number;
  middle: number;
  end: number;
  hinge: readonly [number, number, number];
  /** Rest offsets of the middle joint (from upper) and the end joint (from middle), copied from REST_OFFSETS. */
  b1: readonly [number, number, number];
  b2: readonly [number, number, number];
}

function chain(upper: number, middle: number, end: number, hinge: readonly [number, number, number]): Chain {
  const o = (j: number) => [REST_OFFSETS[3 * j], REST_OFFSETS[3 * j + 1], REST_OFFSETS[3 * j + 2]] as const;
  return { upper, middle, end, hinge, b1: o(middle), b2: o(end) };
}

export const LEFT_LEG: Chain = chain(J.left_hip, J.left_knee, J.left_ankle, [1, 0, 0]);
export const RIGHT_LEG: Chain = chain(J.right_hip, J.right_knee, J.right_ankle, [1, 0, 0]);
export const LEFT_ARM: Chain = chain(J.left_shoulder, J.left_elbow, J.left_wrist, [0, -1, 0]);
export const RIGHT_ARM: Chain = chain(J.right_shoulder, J.right_elbow, J.right_wrist, [0, 1, 0]);

/** Rest lengths of the two bones of a chain (m). */
export function chainLengths(c: Chain): [number, number] {
  return [Math.hypot(c.b1[0], c.b1[1], c.b1[2]), Math.hypot(c.b2[0], c.b2[1], c.b2[2])];
}

// scratch (module level: the solver is synchronous and re-entrant-free)
const m = new Float64Array(9);
const gUpper = new Float64Array(4);
const pInv = new Float64Array(4);
const tmp = new Float64Array(4);

/** Rotation matrix mapping the orthonormal frame (a, n, a×n) onto (a2, n2, a2×n2); a ⊥ n and a2 ⊥ n2 unit. */
function frameToFrame(
  ax: number, ay: number, az: number, nx: number, ny: number, nz: number,
  bx: number, by: number, bz: number, mx: number, my: number, mz: number, out: Arr, oo: number,
): void {
  const cx = ay * nz - az * ny, cy = az * nx - ax * nz, cz = ax * ny - ay * nx;
  const dx = by * mz - bz * my, dy = bz * mx - bx * mz, dz = bx * my - by * mx;
  // M = [b m d] [a n c]^T  (row-major)
  m[0] = bx * ax + mx * nx + dx * cx; m[1] = bx * ay + mx * ny + dx * cy; m[2] = bx * az + mx * nz + dx * cz;
  m[3] = by * ax + my * nx + dy * cx; m[4] = by * ay + my * ny + dy * cy; m[5] = by * az + my * nz + dy * cz;
  m[6] = bz * ax + mz * nx + dz * cx; m[7] = bz * ay + mz * ny + dz * cy; m[8] = bz * az + mz * nz + dz * cz;
  qFromMat3(m, 0, out, oo);
}

/**
 * Solve a two-bone chain. `parentRot` (at po) is the world rotation of the upper joint's parent, `root` the upper
 * joint's world position, `target` the wanted world position of the end joint, `pole` a world direction towards
 * which the middle joint should bend out (e.g. forward for knees, backward/down for elbows). Writes the local
 * rotation of the upper joint to outUpper[uo..] and of the middle joint to outMiddle[mo..]; if `middleGlobal`
 * is given it receives the middle joint's world rotation (to express the end joint's wanted world rotation
 * locally). Returns the distance (m) by which the target is out of reach (0 when reached exactly).
 */
export function solveTwoBone(
  c: Chain,
  parentRot: Arr, po: number,
  root: ArrayLike<number>, target: ArrayLike<number>, pole: ArrayLike<number>,
  outUpper: Arr, uo: number, outMiddle: Arr, mo: number,
  middleGlobal?: Arr,
): number {
  const [b1x, b1y, b1z] = c.b1;
  const [b2x, b2y, b2z] = c.b2;
  const l1 = Math.hypot(b1x, b1y, b1z);
  const l2 = Math.hypot(b2x, b2y, b2z);
  const [nx, ny, nz] = c.hinge;

  let ux = target[0] - root[0], uy = target[1] - root[1], uz = target[2] - root[2];
  const dRaw = Math.hypot(ux, uy, uz);
  const dMax = l1 + l2 - 1e-6;
  const dMin = Math.abs(l1 - l2) + 1e-4;
  const miss = Math.max(0, dRaw - dMax);
  const d = Math.min(dMax, Math.max(dMin, dRaw));
  if (dRaw > 1e-9) {
    ux /= dRaw; uy /= dRaw; uz /= dRaw;
  } else {
    ux = 0; uy = -1; uz = 0;
  }
  // v: pole made perpendicular to u
  let vx = pole[0], vy = pole[1], vz = pole[2];
  let dot = vx * ux + vy * uy + vz * uz;
  vx -= dot * ux; vy -= dot * uy; vz -= dot * uz;
  let vn = Math.hypot(vx, vy, vz);
  if (vn < 1e-6) {
    // pole along the chain: bend towards the parent's forward (+Z) or, failing that, its up (+Y)
    qRotateVec(parentRot, po, [0, 0, 1], 0, tmp, 0);
    vx = tmp[0]; vy = tmp[1]; vz = tmp[2];
    dot = vx * ux + vy * uy + vz * uz;
    vx -= dot * ux; vy -= dot * uy; vz -= dot * uz;
    vn = Math.hypot(vx, vy, vz);
    if (vn < 1e-6) {
      vx = 0; vy = 1; vz = 0;
      dot = uy;
      vx -= dot * ux; vy -= dot * uy; vz -= dot * uz;
      vn = Math.hypot(vx, vy, vz);
    }
  }
  vx /= vn; vy /= vn; vz /= vn;
  // world hinge n' = v × u
  const hx = vy * uz - vz * uy, hy = vz * ux - vx * uz, hz = vx * uy - vy * ux;
  // middle joint position on the triangle
  const cosA = Math.min(1, Math.max(-1, (l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)));
  const sinA = Math.sqrt(Math.max(0, 1 - cosA * cosA));
  const kx = l1 * (cosA * ux + sinA * vx), ky = l1 * (cosA * uy + sinA * vy), kz = l1 * (cosA * uz + sinA * vz);
  // upper bone world direction and lower bone world direction
  const e1x = kx / l1, e1y = ky / l1, e1z = kz / l1;
  let e2x = d * ux - kx, e2y = d * uy - ky, e2z = d * uz - kz;
  const e2n = Math.hypot(e2x, e2y, e2z);
  e2x /= e2n; e2y /= e2n; e2z /= e2n;
  // rest directions made orthogonal to the hinge (they already are for this skeleton)
  const r1x = b1x / l1, r1y = b1y / l1, r1z = b1z / l1;
  const r2x = b2x / l2, r2y = b2y / l2, r2z = b2z / l2;
  frameToFrame(r1x, r1y, r1z, nx, ny, nz, e1x, e1y, e1z, hx, hy, hz, gUpper, 0);
  const gm = middleGlobal ?? tmp;
  frameToFrame(r2x, r2y, r2z, nx, ny, nz, e2x, e2y, e2z, hx, hy, hz, gm, 0);
  // locals: upper = parent⁻¹ · gUpper ; middle = gUpper⁻¹ · gMiddle
  qConj(parentRot, po, pInv, 0);
  qMul(pInv, 0, gUpper, 0, outUpper, uo);
  qConj(gUpper, 0, pInv, 0);
  qMul(pInv, 0, gm, 0, outMiddle, mo);
  return miss;
}

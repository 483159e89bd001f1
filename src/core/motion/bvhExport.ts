// BVH export of any clip on our skeleton: SMPL joint names, offsets and root positions in centimetres (the
// common BVH unit, what Blender and Mixamo expect), rotations as ZXY Euler angles in degrees (channels
// "Zrotation Xrotation Yrotation": q = Rz · Rx · Ry), frame time 1 / clip.fps. End sites mark the leaf joints.

import type { Clip } from './clip';
import { NUM_JOINTS, JOINT_NAMES, PARENTS, REST_OFFSETS, J } from './skeleton';
import { qToMat3 } from './quat';

const CM = 100;
/** End-site offsets (metres) of our leaf joints: top of the head, fingertips, toe tips. */
const END_SITES: Record<number, [number, number, number]> = {
  [J.head]: [0, 0.18, 0],
  [J.left_wrist]: [0.08, 0, 0],
  [J.right_wrist]: [-0.08, 0, 0],
  [J.left_foot]: [0, 0, 0.06],
  [J.right_foot]: [0, 0, 0.06],
};

const CHILDREN: number[][] = JOINT_NAMES.map((_, j) => PARENTS.map((p, c) => (p === j ? c : -1)).filter((c) => c >= 0));

/** Joints in BVH (depth-first) order. */
export const BVH_JOINT_ORDER: readonly number[] = (() => {
  const order: number[] = [];
  const visit = (j: number): void => {
    order.push(j);
    for (const c of CHILDREN[j]) visit(c);
  };
  visit(0);
  return order;
})();

const fmt = (v: number, digits: number): string => {
  const s = v.toFixed(digits);
  return s === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : s;
};

/** ZXY Euler angles (radians) of quaternion q: q = Rz(z) · Rx(x) · Ry(y). */
export function quatToEulerZXY(q: ArrayLike<number>, o: number, m: Float64Array, out: Float64Array): void {
  qToMat3(q as Float32Array, o, m, 0);
  const s = Math.max(-1, Math.min(1, m[7]));
  const x = Math.asin(s);
  let y: number, z: number;
  if (Math.abs(s) < 1 - 1e-12) {
    y = Math.atan2(-m[6], m[8]);
    z = Math.atan2(-m[1], m[4]);
  } else {
    y = 0;
    z = Math.atan2(m[3], m[0]);
  }
  out[0] = z;
  out[1] = x;
  out[2] = y;
}

/** The clip as BVH text (centimetres, ZXY degrees). */
export function exportBvh(clip: Clip): string {
  const lines: string[] = ['HIERARCHY'];
  const off = (v: number): string => fmt(v * CM, 4);
  const writeJoint = (j: number, depth: number): void => {
    const ind = '\t'.repeat(depth);
    lines.push(`${ind}${j === 0 ? 'ROOT' : 'JOINT'} ${JOINT_NAMES[j]}`);
    lines.push(`${ind}{`);
    lines.push(`${ind}\tOFFSET ${off(REST_OFFSETS[j * 3])} ${off(REST_OFFSETS[j * 3 + 1])} ${off(REST_OFFSETS[j * 3 + 2])}`);
    lines.push(`${ind}\tCHANNELS ${j === 0 ? '6 Xposition Yposition Zposition ' : '3 '}Zrotation Xrotation Yrotation`);
    for (const c of CHILDREN[j]) writeJoint(c, depth + 1);
    const end = END_SITES[j];
    if (end) {
      lines.push(`${ind}\tEnd Site`, `${ind}\t{`, `${ind}\t\tOFFSET ${off(end[0])} ${off(end[1])} ${off(end[2])}`, `${ind}\t}`);
    }
    lines.push(`${ind}}`);
  };
  writeJoint(0, 0);
  lines.push('MOTION', `Frames: ${clip.nFrames}`, `Frame Time: ${(1 / clip.fps).toFixed(8)}`);
  const m = new Float64Array(9);
  const e = new Float64Array(3);
  const deg = 180 / Math.PI;
  const vals: string[] = new Array(6 + 3 * (NUM_JOINTS - 1));
  for (let f = 0; f < clip.nFrames; f++) {
    let k = 0;
    for (const j of BVH_JOINT_ORDER) {
      if (j === 0) for (let a = 0; a < 3; a++) vals[k++] = fmt(clip.rootPos[f * 3 + a] * CM, 5);
      quatToEulerZXY(clip.rotations, (f * NUM_JOINTS + j) * 4, m, e);
      for (let a = 0; a < 3; a++) vals[k++] = fmt(e[a] * deg, 6);
    }
    lines.push(vals.join(' '));
  }
  return lines.join('\n') + '\n';
}

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

const fmt = (v: number, digits: number): string => {
  const s = v.toFixed(digits);
  return s === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : s;
};

/** ZXY Euler angles (radians) of quaternion q: q = Rz(z) · Rx(x) · Ry(y). */
export function quatToEulerZXY(q: ArrayLike<number>, o: number, m: Float64Array, out: Float64Array): void {
  qToMat3(q as Float64Array, o, m, 0);
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

/** A skeleton to write as BVH: nodes with parents before children; end sites are nodes with `endSite: true`. */
export interface BvhRigOut {
  names: string[];
  parents: number[];
  /** Rest offsets, nodes × 3, in the file's units. */
  offsets: ArrayLike<number>;
  endSite?: boolean[];
}

/**
 * BVH text of any rig: root with 6 channels, other joints 3 (Zrotation Xrotation Yrotation, degrees).
 * `rootPos`: nFrames × 3 in file units; `localRot`: nFrames × nodes × 4 (entries of end sites are ignored).
 */
export function writeBvh(rig: BvhRigOut, nFrames: number, fps: number, rootPos: ArrayLike<number>, localRot: ArrayLike<number>): string {
  const nN = rig.names.length;
  const kids: number[][] = rig.names.map((_, j) => rig.parents.map((p, c) => (p === j ? c : -1)).filter((c) => c >= 0));
  const order: number[] = [];
  const lines: string[] = ['HIERARCHY'];
  const off = (j: number): string => `${fmt(rig.offsets[j * 3], 5)} ${fmt(rig.offsets[j * 3 + 1], 5)} ${fmt(rig.offsets[j * 3 + 2], 5)}`;
  const writeNode = (j: number, depth: number): void => {
    const ind = '\t'.repeat(depth);
    if (rig.endSite?.[j]) {
      lines.push(`${ind}End Site`, `${ind}{`, `${ind}\tOFFSET ${off(j)}`, `${ind}}`);
      return;
    }
    order.push(j);
    lines.push(`${ind}${rig.parents[j] < 0 ? 'ROOT' : 'JOINT'} ${rig.names[j]}`, `${ind}{`, `${ind}\tOFFSET ${off(j)}`);
    lines.push(`${ind}\tCHANNELS ${rig.parents[j] < 0 ? '6 Xposition Yposition Zposition ' : '3 '}Zrotation Xrotation Yrotation`);
    for (const c of kids[j]) writeNode(c, depth + 1);
    lines.push(`${ind}}`);
  };
  writeNode(rig.parents.indexOf(-1), 0);
  lines.push('MOTION', `Frames: ${nFrames}`, `Frame Time: ${(1 / fps).toFixed(8)}`);
  const m = new Float64Array(9);
  const e = new Float64Array(3);
  const deg = 180 / Math.PI;
  const vals: string[] = [];
  for (let f = 0; f < nFrames; f++) {
    vals.length = 0;
    for (const j of order) {
      if (rig.parents[j] < 0) for (let a = 0; a < 3; a++) vals.push(fmt(rootPos[f * 3 + a], 5));
      quatToEulerZXY(localRot, (f * nN + j) * 4, m, e);
      for (let a = 0; a < 3; a++) vals.push(fmt(e[a] * deg, 6));
    }
    lines.push(vals.join(' '));
  }
  return lines.join('\n') + '\n';
}

/** Our skeleton plus its end sites, in centimetres, as a BVH rig. */
export const OUR_BVH_RIG: BvhRigOut = (() => {
  const names: string[] = [...JOINT_NAMES];
  const parents: number[] = [...PARENTS];
  const offsets: number[] = Array.from(REST_OFFSETS, (v) => v * CM);
  const endSite: boolean[] = names.map(() => false);
  for (const [j, o] of Object.entries(END_SITES)) {
    names.push('End Site');
    parents.push(Number(j));
    offsets.push(o[0] * CM, o[1] * CM, o[2] * CM);
    endSite.push(true);
  }
  return { names, parents, offsets, endSite };
})();

/** The clip as BVH text (centimetres, ZXY degrees, SMPL joint names). */
export function exportBvh(clip: Clip): string {
  const nN = OUR_BVH_RIG.names.length;
  const rot = new Float32Array(clip.nFrames * nN * 4);
  for (let f = 0; f < clip.nFrames; f++) rot.set(clip.rotations.subarray(f * NUM_JOINTS * 4, (f + 1) * NUM_JOINTS * 4), f * nN * 4);
  const root = new Float64Array(clip.nFrames * 3);
  for (let i = 0; i < root.length; i++) root[i] = clip.rootPos[i] * CM;
  return writeBvh(OUR_BVH_RIG, clip.nFrames, clip.fps, root, rot);
}

// Retargeting: maps a foreign skeleton (Mixamo, CMU-style, SMPL-named; any units, any rest pose with a Y- or
// Z-up world) onto our 22-joint body, and puts a clip on the floor. Joint correspondence comes from name tables;
// spine1–3 are picked from the chain between the source's hips and neck. Orientation transfer: each mapped
// joint's world rotation is the source joint's world rotation times a fixed rest-pose correction A_j that turns
// our rest bone direction (and, for the pelvis and chest, a second sideways axis) onto the source's; then, per
// frame, a minimal swing makes every limb/spine bone point exactly where the source bone points. So bone
// directions (and twist from the source) carry over; bone lengths are ours. Root positions scale by leg length.

import { type Clip } from './clip';
import { jointPositions } from './fk';
import { qConj, qFromMat3, qMul, qNormalize, qRotateVec } from './quat';
import { J, JOINT_NAMES, NUM_JOINTS, PARENTS, REST_OFFSETS, boneLength } from './skeleton';
import { lowestPointHeights } from './physMetrics';

/** A foreign skeleton: nodes in an order where parents come before children (BVH order). */
export interface SourceRig {
  names: string[];
  parents: number[];
  /** Rest offset of each node from its parent, source units: nodes × 3. */
  offsets: Float64Array;
}

/** Source motion: local rotation and local translation (offset included) of every node per frame. */
export interface SourceMotion {
  nFrames: number;
  fps: number;
  /** nFrames × nodes × 4 (x, y, z, w). */
  localRot: Float32Array | Float64Array;
  /** nFrames × nodes × 3. */
  localPos: Float32Array | Float64Array;
}

export class RetargetError extends Error {
  override name = 'RetargetError';
}

/** Reduce a joint name to its comparable core: drop a namespace ("mixamorig:"), case, and non-alphanumerics. */
export function normalizeJointName(name: string): string {
  const colon = name.lastIndexOf(':');
  return (colon >= 0 ? name.slice(colon + 1) : name).toLowerCase().replace(/[^a-z0-9]/g, '');
}

type Anchor = 'pelvis' | 'hip' | 'knee' | 'ankle' | 'foot' | 'neck' | 'head' | 'collar' | 'shoulder' | 'elbow' | 'wrist';
interface RigTable {
  name: string;
  /** Normalised candidate names; sided anchors are written for the left side ("left…" or "l…"). */
  anchors: Record<Anchor, string[]>;
}

/** Joint-name tables, tried in order; the one that finds the most joints wins (ties: the earlier). */
export const RIG_TABLES: readonly RigTable[] = [
  {
    name: 'mixamo', // also CMU (cgspeed) BVH: Hips, LHipJoint, LeftUpLeg, LeftLeg, LeftFoot, LeftToeBase, LeftShoulder, LeftArm…
    anchors: {
      pelvis: ['hips'], hip: ['leftupleg'], knee: ['leftleg'], ankle: ['leftfoot'], foot: ['lefttoebase', 'lefttoe'],
      neck: ['neck'], head: ['head'], collar: ['leftshoulder'], shoulder: ['leftarm'], elbow: ['leftforearm'], wrist: ['lefthand'],
    },
  },
  {
    name: 'smpl',
    anchors: {
      pelvis: ['pelvis'], hip: ['lefthip', 'lhip'], knee: ['leftknee', 'lknee'], ankle: ['leftankle', 'lankle'],
      foot: ['leftfoot', 'lfoot'], neck: ['neck'], head: ['head'], collar: ['leftcollar', 'lcollar'],
      shoulder: ['leftshoulder', 'lshoulder'], elbow: ['leftelbow', 'lelbow'], wrist: ['leftwrist', 'lwrist'],
    },
  },
  {
    name: 'cmu', // Biovision/CMU-style: Hips, LeftHip, LeftKnee, LeftAnkle, LeftCollar, LeftShoulder, LeftElbow, LeftWrist…
    anchors: {
      pelvis: ['hips', 'hip', 'pelvis', 'root'],
      hip: ['lefthip', 'lhip', 'leftupleg', 'lupleg', 'leftthigh', 'lthigh'],
      knee: ['leftknee', 'lknee', 'leftlowleg', 'llowleg', 'leftshin', 'lshin', 'leftleg'],
      ankle: ['leftankle', 'lankle', 'leftfoot', 'lfoot'],
      foot: ['lefttoe', 'lefttoes', 'ltoe', 'lefttoebase'],
      neck: ['neck', 'neck1'], head: ['head'],
      collar: ['leftcollar', 'lcollar', 'leftclavicle', 'lclavicle'],
      shoulder: ['leftshoulder', 'lshoulder', 'leftuparm', 'luparm', 'leftarm'],
      elbow: ['leftelbow', 'lelbow', 'leftlowarm', 'llowarm', 'leftforearm'],
      wrist: ['leftwrist', 'lwrist', 'lefthand', 'lhand'],
    },
  },
];

const SIDED: Record<string, Anchor> = {
  hip: 'hip', knee: 'knee', ankle: 'ankle', foot: 'foot', collar: 'collar', shoulder: 'shoulder', elbow: 'elbow', wrist: 'wrist',
};
/** Our joints that may be missing in a source rig (they then keep the identity local rotation). */
const OPTIONAL = new Set(['left_foot', 'right_foot', 'left_collar', 'right_collar', 'spine1', 'spine2']);

function toRight(n: string): string {
  return n.startsWith('left') ? 'right' + n.slice(4) : n.startsWith('l') ? 'r' + n.slice(1) : n;
}

export interface RigMapping {
  table: string;
  /** Source node index of each of our 22 joints, or -1 (optional joints only). */
  source: Int32Array;
  /** Our joints that a required mapping lacks (empty when the mapping is usable). */
  missing: string[];
}

function mapWithTable(rig: SourceRig, table: RigTable): RigMapping {
  const norm = rig.names.map(normalizeJointName);
  const used = new Set<number>();
  const find = (cands: string[]): number => {
    for (const c of cands) {
      const i = norm.findIndex((n, k) => n === c && !used.has(k));
      if (i >= 0) {
        used.add(i);
        return i;
      }
    }
    return -1;
  };
  const source = new Int32Array(NUM_JOINTS).fill(-1);
  source[J.pelvis] = find(table.anchors.pelvis);
  source[J.neck] = find(table.anchors.neck);
  source[J.head] = find(table.anchors.head);
  for (const name of JOINT_NAMES) {
    const side = name.startsWith('left_') ? 'left' : name.startsWith('right_') ? 'right' : null;
    if (!side) continue;
    const anchor = SIDED[name.slice(side.length + 1)];
    const cands = table.anchors[anchor];
    source[J[name]] = find(side === 'left' ? cands : cands.map(toRight));
  }
  // spine: the nodes strictly between pelvis and neck
  const chain: number[] = [];
  if (source[J.pelvis] >= 0 && source[J.neck] >= 0) {
    let b = rig.parents[source[J.neck]];
    while (b >= 0 && b !== source[J.pelvis]) {
      chain.unshift(b);
      b = rig.parents[b];
    }
    if (b < 0) chain.length = 0; // neck is not below the pelvis
  }
  const k = chain.length;
  if (k >= 1) source[J.spine3] = chain[k - 1];
  if (k >= 2) source[J.spine1] = chain[0];
  if (k >= 3) source[J.spine2] = chain[Math.floor((k - 1) / 2)];
  const missing = JOINT_NAMES.filter((n) => source[J[n]] < 0 && !OPTIONAL.has(n)).map((n) => n as string);
  return { table: table.name, source, missing };
}

/** Pick the best joint-name table for a rig. `missing` lists the required joints it could not find. */
export function mapRig(rig: SourceRig): RigMapping {
  let best: RigMapping | null = null;
  let bestScore = -1;
  for (const t of RIG_TABLES) {
    const m = mapWithTable(rig, t);
    let score = 0;
    for (let j = 0; j < NUM_JOINTS; j++) if (m.source[j] >= 0) score++;
    if (score > bestScore) {
      best = m;
      bestScore = score;
    }
  }
  return best as RigMapping;
}

// ---- small vector helpers (Float64 scratch) ----

/** Minimal-arc rotation taking unit vector u onto unit vector v. */
function qFromTo(ux: number, uy: number, uz: number, vx: number, vy: number, vz: number, out: Float64Array, o: number): void {
  const d = ux * vx + uy * vy + uz * vz;
  if (d < -1 + 1e-12) {
    // opposite: rotate π about any axis orthogonal to u
    let ax = 0, ay = -uz, az = uy;
    if (ay * ay + az * az < 1e-12) {
      ax = uz;
      ay = 0;
      az = -ux;
    }
    const n = Math.hypot(ax, ay, az);
    out[o] = ax / n;
    out[o + 1] = ay / n;
    out[o + 2] = az / n;
    out[o + 3] = 0;
    return;
  }
  out[o] = uy * vz - uz * vy;
  out[o + 1] = uz * vx - ux * vz;
  out[o + 2] = ux * vy - uy * vx;
  out[o + 3] = 1 + d;
  qNormalize(out, o);
}

function unit(v: number[]): number[] {
  const n = Math.hypot(v[0], v[1], v[2]);
  return n > 1e-12 ? [v[0] / n, v[1] / n, v[2] / n] : [0, 0, 0];
}

/** Row-major frame with columns (p̂, ŝ ⟂ p̂, p̂ × ŝ). */
function frame(p: number[], s: number[]): number[] {
  const e1 = unit(p);
  const d = s[0] * e1[0] + s[1] * e1[1] + s[2] * e1[2];
  const e2 = unit([s[0] - d * e1[0], s[1] - d * e1[1], s[2] - d * e1[2]]);
  const e3 = [e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]];
  return [e1[0], e2[0], e3[0], e1[1], e2[1], e3[1], e1[2], e2[2], e3[2]];
}

/** Rotation taking our frame (p, s) onto the source frame (P, S): F_src · F_ourᵀ. */
function qAlignFrames(p: number[], s: number[], P: number[], S: number[], out: Float64Array, o: number): void {
  const a = frame(p, s), b = frame(P, S);
  const m = new Float64Array(9);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) m[r * 3 + c] = b[r * 3] * a[c * 3] + b[r * 3 + 1] * a[c * 3 + 1] + b[r * 3 + 2] * a[c * 3 + 2];
  qFromMat3(m, 0, out, o);
}

/** Our rest-pose joint positions (identity rotations), metres. */
function ourRestPositions(): Float64Array {
  const p = new Float64Array(NUM_JOINTS * 3);
  for (let j = 1; j < NUM_JOINTS; j++) for (let k = 0; k < 3; k++) p[j * 3 + k] = p[PARENTS[j] * 3 + k] + REST_OFFSETS[j * 3 + k];
  return p;
}

/** The child that a joint's rotation aims at (-1 for the leaves), and a pointing direction for the leaves. */
const AIM_CHILD: number[] = JOINT_NAMES.map((_, j) => {
  if (j === J.pelvis) return J.spine1;
  if (j === J.spine3) return J.neck;
  const kids = PARENTS.map((p, c) => (p === j ? c : -1)).filter((c) => c >= 0);
  return kids.length === 1 ? kids[0] : -1;
});
const LEAF_DIR: Record<number, number[]> = {
  [J.head]: [0, 1, 0], [J.left_wrist]: [1, 0, 0], [J.right_wrist]: [-1, 0, 0], [J.left_foot]: [0, 0, 1], [J.right_foot]: [0, 0, 1],
};

export interface RetargetResult {
  clip: Clip;
  table: string;
  /** Source units → metres factor used for positions (our leg length / source leg length). */
  scale: number;
}

/**
 * Retarget source motion onto our skeleton at the source frame rate (no resampling, no floor shift).
 * Throws RetargetError listing our joints it could not find.
 */
export function retargetMotion(rig: SourceRig, motion: SourceMotion, where = 'rig'): RetargetResult {
  const nN = rig.names.length;
  const map = mapRig(rig);
  if (map.missing.length > 0) {
    const found = NUM_JOINTS - map.missing.length;
    throw new RetargetError(
      `${where}: cannot map this skeleton onto the 22 SMPL joints (best table "${map.table}" found ${found}); ` +
        `no joint found for: ${map.missing.join(', ')}. Supported names: Mixamo (mixamorig:Hips, LeftUpLeg, LeftLeg, LeftFoot…), ` +
        `CMU-style (Hips, LeftHip, LeftKnee, LeftAnkle… or LHipJoint, LeftUpLeg…), SMPL (pelvis, left_hip…)`,
    );
  }
  const src = map.source;

  // source rest positions (all rotations identity)
  const restP = new Float64Array(nN * 3);
  for (let b = 0; b < nN; b++) {
    const p = rig.parents[b];
    for (let k = 0; k < 3; k++) restP[b * 3 + k] = (p >= 0 ? restP[p * 3 + k] : 0) + (p >= 0 ? rig.offsets[b * 3 + k] : 0);
  }
  const rv = (b: number, a: number): number[] => [restP[b * 3] - restP[a * 3], restP[b * 3 + 1] - restP[a * 3 + 1], restP[b * 3 + 2] - restP[a * 3 + 2]];

  // world fix W: turn the source's rest "up" (pelvis → neck) onto +Y when it is another axis (Z-up files)
  const W = new Float64Array([0, 0, 0, 1]);
  {
    const up = unit(rv(src[J.neck], src[J.pelvis]));
    let best = 1, sign = 1;
    for (let k = 0; k < 3; k++) if (Math.abs(up[k]) > Math.abs(up[best]) + 1e-9) best = k;
    sign = Math.sign(up[best]) || 1;
    if (!(best === 1 && sign > 0)) {
      const ax = [0, 0, 0];
      ax[best] = sign;
      qFromTo(ax[0], ax[1], ax[2], 0, 1, 0, W, 0);
    }
  }
  const restW = new Float64Array(nN * 3);
  for (let b = 0; b < nN; b++) qRotateVec(W, 0, restP, b * 3, restW, b * 3);
  const rw = (b: number, a: number): number[] => [restW[b * 3] - restW[a * 3], restW[b * 3 + 1] - restW[a * 3 + 1], restW[b * 3 + 2] - restW[a * 3 + 2]];

  // scale from leg length
  const len = (v: number[]): number => Math.hypot(v[0], v[1], v[2]);
  const srcLeg = (len(rv(src[J.left_knee], src[J.left_hip])) + len(rv(src[J.left_ankle], src[J.left_knee])) +
    len(rv(src[J.right_knee], src[J.right_hip])) + len(rv(src[J.right_ankle], src[J.right_knee]))) / 2;
  const ourLeg = (boneLength(J.left_knee) + boneLength(J.left_ankle) + boneLength(J.right_knee) + boneLength(J.right_ankle)) / 2;
  if (!(srcLeg > 1e-9)) throw new RetargetError(`${where}: the legs have zero length in the rest pose; cannot find the scale`);
  const scale = ourLeg / srcLeg;

  // rest corrections A_j: turn our rest axes onto the W-rotated source rest axes (used as G = W·S·Wᵀ·A below)
  const ours = ourRestPositions();
  const ov = (b: number, a: number): number[] => [ours[b * 3] - ours[a * 3], ours[b * 3 + 1] - ours[a * 3 + 1], ours[b * 3 + 2] - ours[a * 3 + 2]];
  const A = new Float64Array(NUM_JOINTS * 4);
  const swingChild = new Int32Array(NUM_JOINTS).fill(-1); // our joint whose source node the bone must point at
  const restDir = new Float64Array(NUM_JOINTS * 3); // our rest bone direction (unit) for the swing fix
  const firstSpine = [J.spine1, J.spine2, J.spine3].find((j) => src[j] >= 0) as number;
  for (let j = 0; j < NUM_JOINTS; j++) {
    A[j * 4 + 3] = 1;
    if (src[j] < 0) continue;
    if (j === J.pelvis || j === J.spine3) {
      const up = j === J.pelvis ? firstSpine : J.neck;
      const haveCollars = src[J.left_collar] >= 0 && src[J.right_collar] >= 0;
      const [l, r] = j === J.pelvis ? [J.left_hip, J.right_hip] : haveCollars ? [J.left_collar, J.right_collar] : [J.left_shoulder, J.right_shoulder];
      qAlignFrames(ov(up, j), ov(l, r), rw(src[up], src[j]), rw(src[l], src[r]), A, j * 4);
    } else {
      // follow the aim chain to the first mapped descendant
      let k = AIM_CHILD[j];
      while (k >= 0 && src[k] < 0) k = AIM_CHILD[k];
      let ourDir: number[], srcDir: number[];
      if (k >= 0) {
        ourDir = unit(ov(k, j));
        srcDir = unit(rw(src[k], src[j]));
        swingChild[j] = k;
      } else {
        ourDir = AIM_CHILD[j] >= 0 ? unit(ov(AIM_CHILD[j], j)) : LEAF_DIR[j];
        const kid = rig.parents.findIndex((p, c) => p === src[j] && len(rv(c, src[j])) > 1e-9);
        srcDir = kid >= 0 ? unit(rw(kid, src[j])) : ourDir;
      }
      if (len(srcDir) < 0.5) srcDir = ourDir;
      qFromTo(ourDir[0], ourDir[1], ourDir[2], srcDir[0], srcDir[1], srcDir[2], A, j * 4);
      restDir.set(ourDir, j * 3);
    }
  }

  // per frame: source FK → our global rotations → our local rotations
  const n = motion.nFrames;
  const rootPos = new Float32Array(n * 3);
  const rotations = new Float32Array(n * NUM_JOINTS * 4);
  const Sg = new Float64Array(nN * 4);
  const P = new Float64Array(nN * 3);
  const G = new Float64Array(NUM_JOINTS * 4);
  const t4 = new Float64Array(4), fix = new Float64Array(4), inv = new Float64Array(4);
  const v3 = new Float64Array(3), cur = new Float64Array(3);
  for (let f = 0; f < n; f++) {
    const ro = f * nN * 4, po = f * nN * 3;
    for (let b = 0; b < nN; b++) {
      const p = rig.parents[b];
      if (p < 0) {
        for (let k = 0; k < 4; k++) Sg[b * 4 + k] = motion.localRot[ro + b * 4 + k];
        qNormalize(Sg, b * 4);
        qRotateVec(W, 0, motion.localPos, po + b * 3, P, b * 3);
        qMul(W, 0, Sg, b * 4, Sg, b * 4); // world-fixed global rotation
      } else {
        qMul(Sg, p * 4, motion.localRot, ro + b * 4, Sg, b * 4);
        qNormalize(Sg, b * 4);
        qRotateVec(Sg, p * 4, motion.localPos, po + b * 3, v3, 0);
        P[b * 3] = P[p * 3] + v3[0];
        P[b * 3 + 1] = P[p * 3 + 1] + v3[1];
        P[b * 3 + 2] = P[p * 3 + 2] + v3[2];
      }
    }
    // Sg holds W·S (the root was premultiplied by W, children inherit it), P holds W·positions. In the rest pose
    // (S = I) we want G = A, hence G = (W·S) · (Wᵀ·A); a bone then points along W·S·(source rest bone).
    for (let j = 0; j < NUM_JOINTS; j++) {
      const gj = j * 4;
      if (src[j] < 0) {
        const p = PARENTS[j];
        for (let k = 0; k < 4; k++) G[gj + k] = G[p * 4 + k];
        continue;
      }
      qConj(W, 0, t4, 0);
      qMul(t4, 0, A, gj, t4, 0);
      qMul(Sg, src[j] * 4, t4, 0, G, gj);
      const kc = swingChild[j];
      if (kc >= 0) {
        qRotateVec(G, gj, restDir, j * 3, cur, 0);
        const a = src[j] * 3, b = src[kc] * 3;
        const tgt = unit([P[b] - P[a], P[b + 1] - P[a + 1], P[b + 2] - P[a + 2]]);
        if (Math.hypot(tgt[0], tgt[1], tgt[2]) > 0.5) {
          qFromTo(cur[0], cur[1], cur[2], tgt[0], tgt[1], tgt[2], fix, 0);
          qMul(fix, 0, G, gj, G, gj);
          qNormalize(G, gj);
        }
      }
    }
    const rb = f * NUM_JOINTS * 4;
    for (let j = 0; j < NUM_JOINTS; j++) {
      const p = PARENTS[j];
      if (p < 0) {
        for (let k = 0; k < 4; k++) rotations[rb + k] = G[k];
      } else {
        qConj(G, p * 4, inv, 0);
        qMul(inv, 0, G, j * 4, inv, 0);
        qNormalize(inv, 0);
        for (let k = 0; k < 4; k++) rotations[rb + j * 4 + k] = inv[k];
      }
    }
    const pr = src[J.pelvis] * 3;
    rootPos[f * 3] = P[pr] * scale;
    rootPos[f * 3 + 1] = P[pr + 1] * scale;
    rootPos[f * 3 + 2] = P[pr + 2] * scale;
  }
  const clip: Clip = { id: '', label: '', caption: '', fps: motion.fps, nFrames: n, rootPos, rotations };
  return { clip, table: map.table, scale };
}

/**
 * Shift a clip vertically (in place) so that its lowest body point over all frames is at y = 0 (lowest point as
 * the physics metrics define it: joint heights minus sole offsets / body radii). Returns the shift in metres.
 */
export function putOnFloor(clip: Clip): number {
  const lows = lowestPointHeights(jointPositions(clip), clip.nFrames);
  let lo = Infinity;
  for (let f = 0; f < clip.nFrames; f++) lo = Math.min(lo, lows[f]);
  const shift = -lo;
  for (let f = 0; f < clip.nFrames; f++) clip.rootPos[f * 3 + 1] += shift;
  return shift;
}

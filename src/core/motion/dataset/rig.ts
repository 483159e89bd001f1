// The rig the motion programs drive: writes one frame of a clip at a time from body-level controls (root pose,
// spine bend, head, feet placed on targets by leg IK, hands placed on targets by arm IK). It keeps the torso's
// forward kinematics for the current frame in scratch arrays so targets can be given in the heading or chest frame.

import { CLIP_FRAMES, FPS, emptyClip, type Clip } from '../clip';
import { LEFT_ARM, LEFT_LEG, RIGHT_ARM, RIGHT_LEG, chainLengths, solveTwoBone } from '../ik';
import { qConj, qMul, qRotateVec } from '../quat';
import { ANKLE_SOLE_OFFSET, J, NUM_JOINTS, PARENTS, REST_OFFSETS } from '../skeleton';

/** Joints whose world pose the rig needs (parents before children). */
const TORSO: readonly number[] = [J.pelvis, J.left_hip, J.right_hip, J.spine1, J.spine2, J.spine3, J.neck, J.head,
  J.left_collar, J.right_collar, J.left_shoulder, J.right_shoulder];

/** Where a foot is: ankle world position, foot yaw (heading of the toes) and pitch (heel raised > 0), and
 *  contact: 0 in the air, 1 flat on the floor, 2 on the toes (toe joint planted, heel raised). */
export interface FootState {
  x: number;
  y: number;
  z: number;
  yaw: number;
  pitch: number;
  roll: number;
  contact: 0 | 1 | 2;
}

export function newFoot(): FootState {
  return { x: 0, y: ANKLE_SOLE_OFFSET, z: 0, yaw: 0, pitch: 0, roll: 0, contact: 1 };
}

const LEG_REACH = chainLengths(LEFT_LEG)[0] + chainLengths(LEFT_LEG)[1];
/** Longest hip–ankle distance the planner allows for a foot on the floor (slightly bent knee). */
export const MAX_STANCE_REACH = LEG_REACH - 0.006;

export type Side = 0 | 1; // 0 = left, 1 = right
/** +1 for left (+X in the body frame), -1 for right. */
export const sideSign = (s: Side): number => (s === 0 ? 1 : -1);

/** q = Ry(yaw)·Rx(pitch)·Rz(roll), written at out[o..o+3]. */
export function quatYXZ(out: Float32Array | Float64Array, o: number, yaw: number, pitch: number, roll: number): void {
  const cy = Math.cos(yaw / 2), sy = Math.sin(yaw / 2);
  const cx = Math.cos(pitch / 2), sx = Math.sin(pitch / 2);
  const cz = Math.cos(roll / 2), sz = Math.sin(roll / 2);
  // Ry·Rx = (cy·sx, sy·cx, -sy·sx, cy·cx); then · Rz
  const ax = cy * sx, ay = sy * cx, az = -sy * sx, aw = cy * cx;
  out[o] = aw * 0 + ax * cz + ay * sz - az * 0;
  out[o + 1] = aw * 0 - ax * sz + ay * cz + az * 0;
  out[o + 2] = aw * sz + ax * 0 - ay * 0 + az * cz;
  out[o + 3] = aw * cz - ax * 0 - ay * 0 - az * sz;
}

export class Rig {
  readonly clip: Clip;
  readonly n: number;
  readonly fps: number;
  /** Per-frame root yaw as set by setRoot (heading frame of the frame). */
  readonly yaw: Float64Array;
  private readonly pos = new Float64Array(NUM_JOINTS * 3);
  private readonly grot = new Float64Array(NUM_JOINTS * 4);
  private readonly q = new Float64Array(8);
  private readonly v3 = new Float64Array(3);
  private readonly t3 = new Float64Array(3);
  private readonly p3 = new Float64Array(3);
  private readonly r3 = new Float64Array(3);
  private readonly gMid = new Float64Array(4);
  private frame = -1;

  constructor(id: string, label: string, nFrames = CLIP_FRAMES, fps = FPS) {
    this.clip = emptyClip(nFrames, fps);
    this.clip.id = id;
    this.clip.label = label;
    this.clip.flight = new Uint8Array(nFrames);
    this.n = nFrames;
    this.fps = fps;
    this.yaw = new Float64Array(nFrames);
  }

  time(f: number): number {
    return f / this.fps;
  }

  /** Root (pelvis) position and global rotation Ry(yaw)·Rx(pitch)·Rz(roll); pitch > 0 leans forward. */
  setRoot(f: number, x: number, y: number, z: number, yaw: number, pitch = 0, roll = 0): void {
    const c = this.clip;
    c.rootPos[f * 3] = x;
    c.rootPos[f * 3 + 1] = y;
    c.rootPos[f * 3 + 2] = z;
    quatYXZ(c.rotations, f * NUM_JOINTS * 4, yaw, pitch, roll);
    this.yaw[f] = yaw;
    this.frame = -1;
  }

  /** Local rotation of joint j as Ry(ry)·Rx(rx)·Rz(rz). */
  setLocal(f: number, j: number, rx: number, ry: number, rz: number): void {
    quatYXZ(this.clip.rotations, (f * NUM_JOINTS + j) * 4, ry, rx, rz);
    this.frame = -1;
  }

  /** Bend the spine: forward pitch (> 0 bends forward), twist yaw (> 0 turns the chest left), side roll,
   *  spread over spine1/2/3. */
  setSpine(f: number, pitch: number, yaw = 0, roll = 0): void {
    const w = [0.3, 0.35, 0.35];
    const js = [J.spine1, J.spine2, J.spine3];
    for (let i = 0; i < 3; i++) this.setLocal(f, js[i], pitch * w[i], yaw * w[i], roll * w[i]);
  }

  /** Neck and head: pitch > 0 looks down, yaw > 0 looks left. */
  setHead(f: number, pitch: number, yaw = 0, roll = 0): void {
    this.setLocal(f, J.neck, pitch * 0.5, yaw * 0.5, roll * 0.5);
    this.setLocal(f, J.head, pitch * 0.5, yaw * 0.5, roll * 0.5);
  }

  /** Forward kinematics of the torso joints of frame f into scratch (after root/spine/head are set, before IK):
   *  pelvis, hips, spine, neck, head, collars and shoulders. Limbs are not needed by the targets. */
  private fk(f: number): void {
    if (this.frame === f) return;
    const c = this.clip;
    const rot = c.rotations;
    const base = f * NUM_JOINTS * 4;
    const g = this.grot;
    const pos = this.pos;
    const v = this.v3;
    for (let k = 0; k < TORSO.length; k++) {
      const j = TORSO[k];
      const p = PARENTS[j];
      if (p < 0) {
        g[0] = rot[base]; g[1] = rot[base + 1]; g[2] = rot[base + 2]; g[3] = rot[base + 3];
        pos[0] = c.rootPos[f * 3]; pos[1] = c.rootPos[f * 3 + 1]; pos[2] = c.rootPos[f * 3 + 2];
      } else {
        qMul(g, p * 4, rot, base + j * 4, g, j * 4);
        qRotateVec(g, p * 4, REST_OFFSETS, j * 3, v, 0);
        pos[j * 3] = pos[p * 3] + v[0];
        pos[j * 3 + 1] = pos[p * 3 + 1] + v[1];
        pos[j * 3 + 2] = pos[p * 3 + 2] + v[2];
      }
    }
    this.frame = f;
  }

  /** World position of joint j at frame f given the rotations set so far. Valid for torso joints (pelvis, hips,
   *  spine, neck, head, collars, shoulders) once the root, spine and head are set; limb joints may be stale. */
  joint(f: number, j: number, out: Float64Array | number[]): void {
    this.fk(f);
    out[0] = this.pos[j * 3];
    out[1] = this.pos[j * 3 + 1];
    out[2] = this.pos[j * 3 + 2];
  }

  /** Heading frame of frame f (origin below the root on the floor, rotated by the root yaw) → world. */
  headingToWorld(f: number, lx: number, ly: number, lz: number, out: Float64Array | number[]): void {
    const c = Math.cos(this.yaw[f]), s = Math.sin(this.yaw[f]);
    out[0] = this.clip.rootPos[f * 3] + c * lx + s * lz;
    out[1] = ly;
    out[2] = this.clip.rootPos[f * 3 + 2] - s * lx + c * lz;
  }

  /** Chest frame (origin at spine3, its world rotation) → world. */
  chestToWorld(f: number, lx: number, ly: number, lz: number, out: Float64Array | number[]): void {
    this.fk(f);
    this.v3[0] = lx;
    this.v3[1] = ly;
    this.v3[2] = lz;
    qRotateVec(this.grot, J.spine3 * 4, this.v3, 0, this.v3, 0);
    out[0] = this.pos[J.spine3 * 3] + this.v3[0];
    out[1] = this.pos[J.spine3 * 3 + 1] + this.v3[1];
    out[2] = this.pos[J.spine3 * 3 + 2] + this.v3[2];
  }

  /** Direction in the chest frame → world (no translation). */
  chestDir(f: number, lx: number, ly: number, lz: number, out: Float64Array | number[]): void {
    this.fk(f);
    this.v3[0] = lx;
    this.v3[1] = ly;
    this.v3[2] = lz;
    qRotateVec(this.grot, J.spine3 * 4, this.v3, 0, this.v3, 0);
    out[0] = this.v3[0];
    out[1] = this.v3[1];
    out[2] = this.v3[2];
  }

  /**
   * Highest root height at frame f for which every foot in contact can still be reached with a slightly bent
   * knee (the root's x, z and rotation as set). Returns +Infinity when no foot is in contact.
   */
  maxRootHeight(f: number, feet: readonly FootState[]): number {
    let best = Infinity;
    const c = this.clip;
    for (let s = 0; s < 2; s++) {
      const ft = feet[s];
      if (ft.contact === 0) continue;
      const hip = s === 0 ? J.left_hip : J.right_hip;
      qRotateVec(c.rotations, f * NUM_JOINTS * 4, REST_OFFSETS, hip * 3, this.v3, 0);
      const hx = c.rootPos[f * 3] + this.v3[0];
      const hz = c.rootPos[f * 3 + 2] + this.v3[2];
      const dh2 = (hx - ft.x) ** 2 + (hz - ft.z) ** 2;
      const r = MAX_STANCE_REACH;
      const dy = dh2 < r * r ? Math.sqrt(r * r - dh2) : 0;
      best = Math.min(best, ft.y + dy - this.v3[1]);
    }
    return best;
  }

  /** Lower the root of frame f if needed so that the feet in contact are reachable (see maxRootHeight). */
  fitRootToFeet(f: number, feet: readonly FootState[]): void {
    const lim = this.maxRootHeight(f, feet);
    if (this.clip.rootPos[f * 3 + 1] > lim) {
      this.clip.rootPos[f * 3 + 1] = lim;
      this.frame = -1;
    }
  }

  /** Place a foot: leg IK puts the ankle on (x, y, z) and turns the foot to (yaw, pitch, roll). The knee points
   *  along the foot's heading turned outward by `kneeOut` radians. Returns how far the target was out of reach. */
  foot(f: number, side: Side, ft: FootState, kneeOut = 0.1): number {
    this.fk(f);
    const chain = side === 0 ? LEFT_LEG : RIGHT_LEG;
    const hip = chain.upper;
    this.p3[0] = this.pos[hip * 3];
    this.p3[1] = this.pos[hip * 3 + 1];
    this.p3[2] = this.pos[hip * 3 + 2];
    this.t3[0] = ft.x;
    this.t3[1] = ft.y;
    this.t3[2] = ft.z;
    const py = ft.yaw + sideSign(side) * kneeOut;
    this.r3[0] = Math.sin(py);
    this.r3[1] = 0;
    this.r3[2] = Math.cos(py);
    const rot = this.clip.rotations;
    const base = f * NUM_JOINTS * 4;
    const miss = solveTwoBone(chain, this.grot, 0, this.p3, this.t3, this.r3, rot, base + hip * 4, rot, base + chain.middle * 4, this.gMid);
    // ankle local = gMid⁻¹ · Ry(yaw)·Rx(pitch)·Rz(roll)
    quatYXZ(this.q, 0, ft.yaw, ft.pitch, ft.roll);
    qConj(this.gMid, 0, this.q, 4);
    qMul(this.q, 4, this.q, 0, rot, base + chain.end * 4);
    // limbs do not move the torso joints the cache is used for (hips, spine, collars, shoulders)
    return miss;
  }

  /** Place a hand: arm IK puts the wrist on world point `target`, the elbow bending out towards world direction
   *  `pole`; the wrist gets local rotation Ry(wristYaw)·Rx(wristPitch). Returns the reach miss (m). */
  hand(f: number, side: Side, target: ArrayLike<number>, pole: ArrayLike<number>, wristPitch = 0, wristYaw = 0): number {
    this.fk(f);
    const chain = side === 0 ? LEFT_ARM : RIGHT_ARM;
    const sh = chain.upper;
    this.p3[0] = this.pos[sh * 3];
    this.p3[1] = this.pos[sh * 3 + 1];
    this.p3[2] = this.pos[sh * 3 + 2];
    const rot = this.clip.rotations;
    const base = f * NUM_JOINTS * 4;
    const collar = side === 0 ? J.left_collar : J.right_collar;
    const miss = solveTwoBone(chain, this.grot, collar * 4, this.p3, target, pole, rot, base + sh * 4, rot, base + chain.middle * 4);
    quatYXZ(rot, base + chain.end * 4, wristYaw, wristPitch, 0);
    return miss;
  }

  /** Shoulder world position of frame f (torso set). */
  shoulder(f: number, side: Side, out: Float64Array | number[]): void {
    this.joint(f, side === 0 ? J.left_shoulder : J.right_shoulder, out);
  }

  /**
   * Hand relative to its shoulder in the chest frame: (out, down, forward) with out along the side (+X for the
   * left hand, -X for the right), plus an elbow pole (out, down, forward) in the chest frame.
   */
  handChest(
    f: number, side: Side, out: number, down: number, fwd: number,
    poleOut: number, poleDown: number, poleFwd: number, wristPitch = 0, wristYaw = 0,
  ): number {
    const sg = sideSign(side);
    const tgt = this.t3;
    const pole = this.r3;
    this.fk(f);
    const sh = side === 0 ? J.left_shoulder : J.right_shoulder;
    // shoulder in chest frame: compute world target = shoulder + chestRot·(offset)
    this.chestDir(f, sg * out, -down, fwd, tgt);
    tgt[0] += this.pos[sh * 3];
    tgt[1] += this.pos[sh * 3 + 1];
    tgt[2] += this.pos[sh * 3 + 2];
    this.chestDir(f, sg * poleOut, -poleDown, poleFwd, pole);
    return this.hand(f, side, tgt, pole, wristPitch, wristYaw);
  }

  /** Hand at a point of the chest frame (origin spine3; x left, y up, z forward), elbow pole in the chest frame
   *  given with x pointing outward from the body side (so one call pattern serves both hands). */
  handAtChest(
    f: number, side: Side, lx: number, ly: number, lz: number, poleOut: number, poleUp: number, poleFwd: number,
    wristPitch = 0, wristYaw = 0,
  ): number {
    this.chestToWorld(f, lx, ly, lz, this.t3);
    this.chestDir(f, sideSign(side) * poleOut, poleUp, poleFwd, this.r3);
    return this.hand(f, side, this.t3, this.r3, wristPitch, wristYaw);
  }

  /** Mark frame f airborne by design. */
  setFlight(f: number, on: boolean): void {
    this.clip.flight![f] = on ? 1 : 0;
  }
}

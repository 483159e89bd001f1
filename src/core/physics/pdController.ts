// Per-joint PD tracking by torques we compute ourselves (not Rapier's motors; see README/corrector.ts for why):
// each joint drives its child body's rotation relative to its parent towards the target local rotation, with the
// damping treated implicitly against the child's inertia (a per-joint "stable PD") so stiff gains stay stable at
// 240 Hz, and the torque clamped to the joint's limit. Equal and opposite torques go to child and parent.

import { qMul, qRotateVec, qToMat3 } from '../motion/quat';
import { NUM_JOINTS, PARENTS } from '../motion/skeleton';
import { inv3 } from './humanoid';

/** Axis-angle vector (angle·axis) of unit quaternion q at offset o, written to out[oo..oo+2]; shortest arc. */
export function quatToRotVec(q: ArrayLike<number>, o: number, out: Float64Array, oo: number): void {
  let x = q[o], y = q[o + 1], z = q[o + 2], w = q[o + 3];
  if (w < 0) {
    x = -x;
    y = -y;
    z = -z;
    w = -w;
  }
  const s = Math.sqrt(x * x + y * y + z * z);
  if (s < 1e-9) {
    out[oo] = 2 * x;
    out[oo + 1] = 2 * y;
    out[oo + 2] = 2 * z;
    return;
  }
  const k = (2 * Math.atan2(s, w)) / s;
  out[oo] = k * x;
  out[oo + 1] = k * y;
  out[oo + 2] = k * z;
}

export interface PdState {
  /** World position of each body's frame origin, i.e. its joint (22×3). */
  pos: Float64Array;
  /** World rotation of each body (22×4). */
  rot: Float64Array;
  /** World angular velocity of each body (22×3). */
  angvel: Float64Array;
}

/**
 * Joint torques (world frame, 22×3, accumulated into `torque`, which the caller zeroes) that drive every non-root
 * joint towards `targetLocal` (22×4 local rotations). Stable PD: the damping is integrated implicitly against the
 * two bodies' inertia tensors, τ = (1 + c·dt·(I_c⁻¹ + I_p⁻¹))⁻¹ (kp·e − c·ω_rel) with c = kd + kp·dt, so stiff gains
 * cannot make light parts (hands, toes, a forearm's twist) blow up. Allocation-free.
 */
export class PdController {
  private readonly e = new Float64Array(4);
  private readonly cur = new Float64Array(4);
  private readonly pc = new Float64Array(4);
  private readonly rv = new Float64Array(3);
  private readonly w = new Float64Array(3);
  private readonly m = new Float64Array(9);
  private readonly a = new Float64Array(9);
  private readonly ai = new Float64Array(9);
  /** World inverse inertia of each body this step (22×9). */
  readonly worldInvInertia = new Float64Array(NUM_JOINTS * 9);
  /** Per joint: mass (kg) and mass-weighted centre (kg·m) of the subtree it carries, this step. */
  private readonly subMass = new Float64Array(NUM_JOINTS);
  private readonly subMoment = new Float64Array(NUM_JOINTS * 3);
  private readonly c3 = new Float64Array(3);
  /** Fraction of each subtree's weight the joints carry by feed-forward (gravity compensation). */
  gravityCompensation = 1;

  constructor(
    private readonly kp: Float64Array,
    private readonly kd: Float64Array,
    private readonly maxTorque: Float64Array,
    private readonly invInertia: Float64Array,
    private readonly dt: number,
    /** Per body: mass (kg) and centre of mass in the body frame (22×3), for gravity compensation. */
    private readonly bodyMass: Float64Array,
    private readonly comLocal: Float64Array,
    /** true: damping as torques here (stable-PD form); false: damping left to Rapier joint motors. */
    private readonly explicitDamping = false,
  ) {}

  /** Update worldInvInertia from the body rotations: W = R L⁻¹ Rᵀ. */
  updateInertia(rot: Float64Array): void {
    const { m } = this;
    const W = this.worldInvInertia;
    const L = this.invInertia;
    for (let j = 0; j < NUM_JOINTS; j++) {
      qToMat3(rot, j * 4, m, 0);
      const o = j * 9;
      for (let r = 0; r < 3; r++) {
        // t = R row r · L  (row vector), then W[r][c] = t · R row c
        const t0 = m[r * 3] * L[o] + m[r * 3 + 1] * L[o + 3] + m[r * 3 + 2] * L[o + 6];
        const t1 = m[r * 3] * L[o + 1] + m[r * 3 + 1] * L[o + 4] + m[r * 3 + 2] * L[o + 7];
        const t2 = m[r * 3] * L[o + 2] + m[r * 3 + 1] * L[o + 5] + m[r * 3 + 2] * L[o + 8];
        for (let c = 0; c < 3; c++) W[o + r * 3 + c] = t0 * m[c * 3] + t1 * m[c * 3 + 1] + t2 * m[c * 3 + 2];
      }
    }
  }

  /**
   * Solve (1 + k·(W_b [+ W_p]))·τ = (bx, by, bz) for τ, written to out[0..2]; p < 0 uses body b alone.
   * Used for joint PD and for the pelvis's residual torque.
   */
  implicit(k: number, b: number, p: number, bx: number, by: number, bz: number, out: Float64Array): void {
    const W = this.worldInvInertia;
    const A = this.a;
    for (let i = 0; i < 9; i++) A[i] = k * (W[b * 9 + i] + (p >= 0 ? W[p * 9 + i] : 0));
    A[0] += 1;
    A[4] += 1;
    A[8] += 1;
    inv3(A, 0, this.ai, 0);
    const I = this.ai;
    out[0] = I[0] * bx + I[1] * by + I[2] * bz;
    out[1] = I[3] * bx + I[4] * by + I[5] * bz;
    out[2] = I[6] * bx + I[7] * by + I[8] * bz;
  }

  /** Subtree masses and mass moments from body poses (children are numbered after their parents). */
  private updateSubtrees(pos: Float64Array, rot: Float64Array): void {
    const { subMass, subMoment, c3 } = this;
    for (let j = 0; j < NUM_JOINTS; j++) {
      c3[0] = this.comLocal[j * 3];
      c3[1] = this.comLocal[j * 3 + 1];
      c3[2] = this.comLocal[j * 3 + 2];
      qRotateVec(rot, j * 4, c3, 0, c3, 0);
      const m = this.bodyMass[j];
      subMass[j] = m;
      subMoment[j * 3] = m * (pos[j * 3] + c3[0]);
      subMoment[j * 3 + 1] = m * (pos[j * 3 + 1] + c3[1]);
      subMoment[j * 3 + 2] = m * (pos[j * 3 + 2] + c3[2]);
    }
    for (let j = NUM_JOINTS - 1; j > 0; j--) {
      const p = PARENTS[j];
      subMass[p] += subMass[j];
      subMoment[p * 3] += subMoment[j * 3];
      subMoment[p * 3 + 1] += subMoment[j * 3 + 1];
      subMoment[p * 3 + 2] += subMoment[j * 3 + 2];
    }
  }

  /**
   * `targetVel` (22×3, optional): each joint's target angular velocity relative to its parent, in the parent's
   * frame (rad/s); adds the damping's feed-forward kd·ω* so the joint damps the velocity error, not the velocity.
   */
  compute(state: PdState, targetLocal: ArrayLike<number>, torque: Float64Array, targetVel?: Float64Array): void {
    const { pos, rot, angvel } = state;
    const { e, cur, pc, rv, w } = this;
    const dt = this.dt;
    this.updateInertia(rot);
    const gc = this.gravityCompensation * 9.81;
    if (gc > 0) this.updateSubtrees(pos, rot);
    for (let j = 1; j < NUM_JOINTS; j++) {
      const p = PARENTS[j];
      // current local rotation = conj(parent) * child
      pc[0] = -rot[p * 4];
      pc[1] = -rot[p * 4 + 1];
      pc[2] = -rot[p * 4 + 2];
      pc[3] = rot[p * 4 + 3];
      qMul(pc, 0, rot, j * 4, cur, 0);
      // error e = target * conj(cur), in the parent's frame
      const cx = -cur[0], cy = -cur[1], cz = -cur[2], cw = cur[3];
      const tx = targetLocal[j * 4], ty = targetLocal[j * 4 + 1], tz = targetLocal[j * 4 + 2], tw = targetLocal[j * 4 + 3];
      e[0] = tw * cx + tx * cw + ty * cz - tz * cy;
      e[1] = tw * cy - tx * cz + ty * cw + tz * cx;
      e[2] = tw * cz + tx * cy - ty * cx + tz * cw;
      e[3] = tw * cw - tx * cx - ty * cy - tz * cz;
      quatToRotVec(e, 0, rv, 0);
      // to world: rotate by the parent's rotation
      qRotateVec(rot, p * 4, rv, 0, rv, 0);
      w[0] = angvel[j * 3] - angvel[p * 3];
      w[1] = angvel[j * 3 + 1] - angvel[p * 3 + 1];
      w[2] = angvel[j * 3 + 2] - angvel[p * 3 + 2];
      const kp = this.kp[j];
      // spring part only (explicit); the damping −kd·ω_rel is done by the joint's velocity motor (implicit)
      const c = this.explicitDamping ? this.kd[j] + kp * dt : 0;
      let fx: number, fy: number, fz: number;
      if (c > 0) {
        this.implicit(c * dt, j, p, kp * rv[0] - c * w[0], kp * rv[1] - c * w[1], kp * rv[2] - c * w[2], rv);
        fx = rv[0];
        fy = rv[1];
        fz = rv[2];
      } else {
        fx = kp * rv[0];
        fy = kp * rv[1];
        fz = kp * rv[2];
      }
      if (targetVel) {
        const kd = this.kd[j];
        w[0] = targetVel[j * 3];
        w[1] = targetVel[j * 3 + 1];
        w[2] = targetVel[j * 3 + 2];
        qRotateVec(rot, p * 4, w, 0, w, 0);
        fx += kd * w[0];
        fy += kd * w[1];
        fz += kd * w[2];
      }
      if (gc > 0) {
        // hold the carried subtree against gravity: τ = −(c − joint) × (0, −M·g, 0) = M·g·(−rz, 0, rx)
        const M = this.subMass[j];
        const rx = this.subMoment[j * 3] / M - pos[j * 3];
        const rz = this.subMoment[j * 3 + 2] / M - pos[j * 3 + 2];
        fx -= M * gc * rz;
        fz += M * gc * rx;
      }
      const n = Math.sqrt(fx * fx + fy * fy + fz * fz);
      const lim = this.maxTorque[j];
      if (n > lim) {
        const k = lim / n;
        fx *= k;
        fy *= k;
        fz *= k;
      }
      torque[j * 3] += fx;
      torque[j * 3 + 1] += fy;
      torque[j * 3 + 2] += fz;
      torque[p * 3] -= fx;
      torque[p * 3 + 1] -= fy;
      torque[p * 3 + 2] -= fz;
    }
  }
}


// The physics corrector: a PD-controlled Rapier humanoid performs a clip and the motion it actually made is the
// corrected clip (UHC's idea, in Rapier). Root support comes from a bounded residual force and torque on the
// pelvis, clamped so it can neither hold the body under the floor nor much above it; a fail-safe resets the body
// to the reference pose when the mean joint error exceeds a threshold. One world per call, freed afterwards.
//
// PD control, measured before choosing (scripts in the issue note): Rapier's spherical motors take a per-axis
// target in Rapier's own small-angle parametrisation of the relative rotation, so an exact 3-D target cannot be
// given; fully explicit PD torques (spring and damping) blew up at 240 Hz (toes spinning at 250 rad/s in zero
// gravity from rest); explicit torques with damping made implicit per joint against the two bodies' inertia tensors
// were stable but far too soft (T-pose arms sagged 1 m). What works: the spring (and the damping's velocity feed-
// forward and gravity compensation) as our own torques from the exact error rotation, and the damping −kd·ω_rel as
// Rapier velocity motors (target 0, force-based), which its solver treats implicitly (checked: a 2 N·m torque
// against kd = 10 settles at exactly 0.200 rad/s).

import type RAPIER from '@dimforge/rapier3d-compat';
import { cloneClip, validateClip, type Clip } from '../motion/clip';
import { forwardKinematicsArrays } from '../motion/fk';
import { qNormalize, qSlerp } from '../motion/quat';
import { J, NUM_JOINTS, PARENTS } from '../motion/skeleton';
import { smoothClipInPlace } from './smoothing';
import { gainArrays, type GainTable } from './gains';
import { bodyLowestPoint, buildHumanoid, HUMANOID_SEGMENTS, lowestBodyPoint, type Humanoid } from './humanoid';
import { clipPhysMetrics, type PhysMetrics } from './metrics';
import { PdController, quatToRotVec } from './pdController';
import { rapier } from './rapier';

export type { PhysMetrics } from './metrics';

export interface CorrectOptions {
  /** Simulation rate (Hz), ≥ 240; rounded to a whole number of steps per clip frame. Default 240. */
  simHz?: number;
  /** Largest residual force on the pelvis (N). Default m·g ≈ 687 N (within it: horizontal ≤ 0.8·m·g, upward ≤
   *  0.6·m·g, downward ≤ 0.1·m·g). */
  residualForceLimit?: number;
  /** Largest residual torque on the pelvis (N·m). Default 400. */
  residualTorqueLimit?: number;
  /** Fail-safe: reset to the reference pose when the mean joint error exceeds this (m). Default 0.5. */
  resetThreshold?: number;
  /** Accepted for API symmetry: the simulation itself is deterministic and draws no random numbers. */
  seed?: number;
  /** Per-joint overrides of the PD gain table. */
  gains?: Partial<GainTable>;
  /** Binomial [1,2,1]/4 passes over the reference before it is tracked (smoothing.ts): the high-frequency noise of
   *  generated motion is not followed. Default REFERENCE_SMOOTHING. */
  referenceSmoothing?: number;
  /** Binomial passes over the simulated output (contact impacts and PD ringing at 20 fps). Default OUTPUT_SMOOTHING. */
  outputSmoothing?: number;
  /** Largest horizontal residual force as a fraction of body weight. Default HORIZONTAL_FORCE_FRACTION. */
  residualHorizontalFraction?: number;
  /** Rapier solver iterations per step. Default SOLVER_ITERATIONS (2; README: speed and quality per setting). */
  solverIterations?: number;
  /** PGS iterations inside each solver iteration. Default PGS_ITERATIONS (2). */
  pgsIterations?: number;
  /** Keep the input's rotations of the leaf joints (toes, head, wrists): no joint position depends on them, so the
   *  simulation cannot correct them, only add its own wobble to them. Default true. */
  keepLeafRotations?: boolean;
  /** Integral gain (1/s) of the pelvis height and orientation servos (PI instead of PD root support). The legs
   *  hold the body by PD springs, so under its weight they sag (good motion: the root 12 mm low) and a body whose
   *  feet lag leans forward (generated motion: +6.6° pelvis tilt); the integral removes that steady error, at the
   *  price of feet that carry less weight and so hold less friction (planted feet slide more). 0 (default): PD.
   *  The loop uses LoopConfig.rootIntegral (measurements: this folder's README, "Posture bias and PI root support"). */
  rootIntegralGain?: number;
  /** Add each joint's damping feed-forward kd·ω* from the reference's frame-to-frame angular velocity. It tracks a
   *  little closer (24 good clips: median MPJPE 26 vs 34 mm) but passes frame-rate steps to the joints, so correcting
   *  corrected clips again and again adds jitter faster (bench/iterate-correction.ts: 373 vs 126 m/s³ after 5
   *  passes). Without it a 12-generation loop trial was no better (FID 0.33 vs 0.29 over generations 1–11), so it
   *  stays on. Default VELOCITY_FEED_FORWARD. */
  velocityFeedForward?: boolean;
}

export interface CorrectionReport {
  /** Mean per-joint position error of the corrected clip to the input (mm). */
  mpjpeMm: number;
  /** Fail-safe resets to the reference pose. */
  resets: number;
  /** Residual force on the pelvis, mean and max over simulation steps (N). */
  residualForceMean: number;
  residualForceMax: number;
  before: PhysMetrics;
  after: PhysMetrics;
  /** Wall time of the correction (ms). */
  ms: number;
  /** Set when the input could not be simulated and the output is the (sanitised) input: why. */
  failSafe?: string;
}

const G = 9.81;
/** Root residual: natural frequency (rad/s) and damping ratio of the pelvis position and orientation servo. */
const ROOT_POS_OMEGA = 15;
const ROOT_ROT_OMEGA = 30;
const ROOT_ZETA = 1;
/** Rotational inertia the root servo assumes, per kg of body (m²): roughly the whole body about its centre. */
const ROOT_INERTIA_PER_KG = 0.05;
/** Largest downward residual force, as a fraction of body weight: it cannot push the body into the floor. */
const DOWN_FORCE_FRACTION = 0.1;
/** Largest upward residual force, as a fraction of body weight: the legs must carry the rest, so a body whose
 *  feet do not reach the floor falls (the residual cannot make it float). */
const UP_FORCE_FRACTION = 0.6;
/** Largest upward residual force while a foot is within STANCE_HEIGHT of the floor. With a foot down, more upward
 *  help cannot make the body float (lifted more than that, the limit falls back to UP_FORCE_FRACTION); it carries
 *  the weight the leg PD springs otherwise only hold by sagging. Measured (`scsc correct --eval 96 --kinds
 *  imperfect,generated --artifact-clips 48`): 0.6 → 1.0 lowered the 15 generated samples' Phys-Err after correction
 *  18.3 → 15.8 mm and their median MPJPE 80 → 71 mm, and the sag of corrected generated clips (mean root height
 *  below the input's) 2.3 → 1.4 cm; good motion unchanged (median MPJPE 25.7 → 25.6 mm on 96 clips); the float
 *  artifact's ratio rose 0.08 → 0.15 (limit 0.2). */
const STANCE_UP_FORCE_FRACTION = 1.0;
/** A foot whose lowest point is within this height (m) of the floor counts as down (STANCE_UP_FORCE_FRACTION). */
const STANCE_HEIGHT = 0.03;
/** Largest horizontal residual force, as a fraction of body weight. */
const HORIZONTAL_FORCE_FRACTION = 0.8;
/** Rapier solver iterations (substeps of its TGS-soft solver) per step, and PGS iterations inside each. Measured on
 *  12 test clips and the 15 generated samples (README, "Speed"): Rapier's default 4 × 1 costs 211 ms CPU per clip;
 *  2 × 2 costs 142 ms with the same quality on generated motion (median MPJPE 80 mm, Phys-Err 18.3 mm) and median
 *  MPJPE 34.6 instead of 31.9 mm on good motion; 2 × 1 doubles the good-motion MPJPE, 1 × 1 resets every clip. */
export const SOLVER_ITERATIONS = 2;
export const PGS_ITERATIONS = 2;
/** Joints no other joint hangs from (toes, head, wrists). */
const LEAF_JOINTS: readonly number[] = Array.from({ length: NUM_JOINTS }, (_, j) => j).filter((j) => !PARENTS.includes(j));
const FOOT_BODIES = [J.left_ankle, J.right_ankle, J.left_foot, J.right_foot];
/** Root positions beyond these bounds (m) are rejected as absurd input. */
const MAX_ROOT_ABS = 1000;
const MAX_ROOT_HEIGHT = 20;

/** Default of CorrectOptions.velocityFeedForward. */
export const VELOCITY_FEED_FORWARD = true;

/** Default smoothing passes (measured: README). */
export const REFERENCE_SMOOTHING = 2;
export const OUTPUT_SMOOTHING = 1;

interface Resolved {
  ki: number;
  keepLeaves: boolean;
  velocityFeedForward: boolean;
  iterations: number;
  pgs: number;
  hFrac: number;
  refPasses: number;
  outPasses: number;
  spf: number;
  dt: number;
  forceLimit: number;
  torqueLimit: number;
  resetThreshold: number;
  gains: ReturnType<typeof gainArrays>;
}

function resolveOptions(o: CorrectOptions, fps: number, mass: number): Resolved {
  const simHz = o.simHz ?? 240;
  if (!(Number.isFinite(simHz) && simHz >= 240 && simHz <= 4000)) throw new Error(`correct: simHz must be in [240, 4000], got ${simHz}`);
  const spf = Math.max(1, Math.round(simHz / fps));
  const forceLimit = o.residualForceLimit ?? mass * G;
  const torqueLimit = o.residualTorqueLimit ?? 400;
  const resetThreshold = o.resetThreshold ?? 0.5;
  if (!(forceLimit >= 0 && Number.isFinite(forceLimit))) throw new Error(`correct: residualForceLimit must be a finite number ≥ 0, got ${forceLimit}`);
  if (!(torqueLimit >= 0 && Number.isFinite(torqueLimit))) throw new Error(`correct: residualTorqueLimit must be a finite number ≥ 0, got ${torqueLimit}`);
  if (!(resetThreshold > 0)) throw new Error(`correct: resetThreshold must be > 0, got ${resetThreshold}`);
  const refPasses = o.referenceSmoothing ?? REFERENCE_SMOOTHING;
  const outPasses = o.outputSmoothing ?? OUTPUT_SMOOTHING;
  for (const [k, v] of [['referenceSmoothing', refPasses], ['outputSmoothing', outPasses]] as const) {
    if (!(Number.isInteger(v) && v >= 0 && v <= 20)) throw new Error(`correct: ${k} must be an integer in [0, 20], got ${v}`);
  }
  const hFrac = o.residualHorizontalFraction ?? HORIZONTAL_FORCE_FRACTION;
  if (!(Number.isFinite(hFrac) && hFrac >= 0)) throw new Error(`correct: residualHorizontalFraction must be a finite number ≥ 0, got ${hFrac}`);
  const iterations = o.solverIterations ?? SOLVER_ITERATIONS;
  if (!(Number.isInteger(iterations) && iterations >= 1 && iterations <= 16)) throw new Error(`correct: solverIterations must be an integer in [1, 16], got ${iterations}`);
  const pgs = o.pgsIterations ?? PGS_ITERATIONS;
  if (!(Number.isInteger(pgs) && pgs >= 1 && pgs <= 16)) throw new Error(`correct: pgsIterations must be an integer in [1, 16], got ${pgs}`);
  const ki = o.rootIntegralGain ?? 0;
  if (!(Number.isFinite(ki) && ki >= 0 && ki <= 100)) throw new Error(`correct: rootIntegralGain must be a number in [0, 100], got ${ki}`);
  return { ki, keepLeaves: o.keepLeafRotations ?? true, velocityFeedForward: o.velocityFeedForward ?? VELOCITY_FEED_FORWARD, iterations, pgs, hFrac, refPasses, outPasses, spf, dt: 1 / (spf * fps), forceLimit, torqueLimit, resetThreshold, gains: gainArrays(o.gains) };
}

/** Total mass of the humanoid (kg), without building it. */
const TOTAL_MASS = HUMANOID_SEGMENTS.reduce((s, x) => s + x.mass, 0);

/** A copy of the clip with every quaternion normalised (zero or non-finite ones become the identity). */
function sanitise(clip: Clip): Clip {
  const c = cloneClip(clip);
  for (let i = 0; i < c.rotations.length; i += 4) qNormalize(c.rotations, i);
  return c;
}

function mpjpe(a: Float32Array, b: Float32Array): number {
  let s = 0;
  const n = a.length / 3;
  for (let i = 0; i < n; i++) s += Math.hypot(a[i * 3] - b[i * 3], a[i * 3 + 1] - b[i * 3 + 1], a[i * 3 + 2] - b[i * 3 + 2]);
  return (s / n) * 1000;
}

/**
 * Correct one clip by simulation (after `await initPhysics()`). Returns the simulated motion on the same skeleton
 * and a report. Throws a clear error for a malformed clip (wrong sizes, NaN); absurd but finite input (a root far
 * away) returns the sanitised input with `report.failSafe` set.
 */
export function correct(clip: Clip, options: CorrectOptions = {}): { clip: Clip; report: CorrectionReport } {
  const t0 = performance.now();
  validateClip(clip, `correct: clip ${clip.id || '(unnamed)'}`);
  const R = rapier();
  const o = resolveOptions(options, clip.fps, TOTAL_MASS);
  const input = sanitise(clip);
  const n = input.nFrames;
  const before = clipPhysMetrics(input);
  const inPos = forwardKinematicsArrays(input.rootPos, input.rotations, n);
  // the reference the body tracks: the input, low-passed
  const ref = o.refPasses > 0 ? cloneClip(input) : input;
  if (o.refPasses > 0) smoothClipInPlace(ref, o.refPasses, o.refPasses);
  const refGlobal = new Float64Array(n * NUM_JOINTS * 4);
  const refPos = forwardKinematicsArrays(ref.rootPos, ref.rotations, n, undefined, refGlobal);

  for (let f = 0; f < n; f++) {
    const x = ref.rootPos[f * 3], y = ref.rootPos[f * 3 + 1], z = ref.rootPos[f * 3 + 2];
    if (Math.abs(x) > MAX_ROOT_ABS || Math.abs(z) > MAX_ROOT_ABS || Math.abs(y) > MAX_ROOT_HEIGHT) {
      return {
        clip: input,
        report: {
          mpjpeMm: 0, resets: 0, residualForceMean: 0, residualForceMax: 0, before, after: before,
          ms: performance.now() - t0,
          failSafe: `root position (${x.toFixed(1)}, ${y.toFixed(1)}, ${z.toFixed(1)}) m at frame ${f} is out of range; clip returned unchanged`,
        },
      };
    }
  }

  // Lift per frame so no body of the reference is under the floor (the root target never asks for penetration).
  const lift = new Float64Array(n);
  for (let f = 0; f < n; f++) lift[f] = Math.max(0, -lowestBodyPoint(refPos, f * NUM_JOINTS * 3, refGlobal, f * NUM_JOINTS * 4));

  const out = cloneClip(input);

  const outGlobal = new Float64Array(n * NUM_JOINTS * 4);
  const world = new R.World({ x: 0, y: -G, z: 0 });
  let resets = 0;
  let fSum = 0;
  let fMax = 0;
  let fCount = 0;
  try {
    world.integrationParameters.dt = o.dt;
    world.numSolverIterations = o.iterations;
    world.numInternalPgsIterations = o.pgs;
    // Start pose: frame 0, standing on the floor unless the clip says it starts airborne.
    const pos0 = new Float64Array(NUM_JOINTS * 3);
    const low0 = lowestBodyPoint(refPos, 0, refGlobal, 0);
    const shift0 = ref.flight?.[0] ? lift[0] : -low0 + 0.002;
    for (let j = 0; j < NUM_JOINTS; j++) {
      pos0[j * 3] = refPos[j * 3];
      pos0[j * 3 + 1] = refPos[j * 3 + 1] + shift0;
      pos0[j * 3 + 2] = refPos[j * 3 + 2];
    }
    const h = buildHumanoid(R, world, pos0, refGlobal.subarray(0, NUM_JOINTS * 4));
    const sim = new Sim(R, h, o);
    sim.setVelocities(refPos, refGlobal, ref.fps, 0, n);
    sim.record(outGlobal, out.rootPos, 0);
    const target = new Float64Array(NUM_JOINTS * 4);
    const rootTarget = new Float64Array(3);
    const rootVel = new Float64Array(3);
    const rootAngVel = new Float64Array(3);
    const jointVel = new Float64Array(NUM_JOINTS * 3);
    const tmpQ = new Float64Array(4);
    const resetPos = new Float64Array(NUM_JOINTS * 3);
    for (let f = 0; f < n - 1; f++) {
      const a = f * NUM_JOINTS * 4;
      const b = (f + 1) * NUM_JOINTS * 4;
      // frame-constant target velocities of the root
      for (let k = 0; k < 3; k++) rootVel[k] = (ref.rootPos[(f + 1) * 3 + k] - ref.rootPos[f * 3 + k]) * ref.fps;
      rootVel[1] += (lift[f + 1] - lift[f]) * ref.fps;
      angVelBetween(ref.rotations, a, b, ref.fps, tmpQ, rootAngVel);
      for (let j = 1; j < NUM_JOINTS; j++) angVelBetween(ref.rotations, a + j * 4, b + j * 4, ref.fps, tmpQ, jointVel, j * 3);
      if (!o.velocityFeedForward) jointVel.fill(0);
      for (let s = 0; s < o.spf; s++) {
        const t = (s + 1) / o.spf;
        for (let j = 0; j < NUM_JOINTS; j++) qSlerp(ref.rotations, a + j * 4, ref.rotations, b + j * 4, t, target, j * 4);
        for (let k = 0; k < 3; k++) rootTarget[k] = ref.rootPos[f * 3 + k] * (1 - t) + ref.rootPos[(f + 1) * 3 + k] * t;
        rootTarget[1] += lift[f] * (1 - t) + lift[f + 1] * t;
        const fr = sim.step(target, rootTarget, rootVel, rootAngVel, jointVel);
        fSum += fr;
        fCount++;
        if (fr > fMax) fMax = fr;
        stepWorld(world);
      }
      // fail-safe
      const err = sim.meanJointError(refPos, (f + 1) * NUM_JOINTS * 3, lift[f + 1]);
      if (!(err <= o.resetThreshold)) {
        resets++;
        for (let j = 0; j < NUM_JOINTS; j++) {
          resetPos[j * 3] = refPos[((f + 1) * NUM_JOINTS + j) * 3];
          resetPos[j * 3 + 1] = refPos[((f + 1) * NUM_JOINTS + j) * 3 + 1] + lift[f + 1];
          resetPos[j * 3 + 2] = refPos[((f + 1) * NUM_JOINTS + j) * 3 + 2];
        }
        sim.setPose(resetPos, refGlobal, (f + 1) * NUM_JOINTS * 4);
        sim.setVelocities(refPos, refGlobal, ref.fps, f + 1, n);
      }
      sim.record(outGlobal, out.rootPos, f + 1);
    }
  } finally {
    world.free();
  }
  // world rotations → local rotations on our skeleton
  const inv = new Float64Array(4);
  for (let f = 0; f < n; f++) {
    const base = f * NUM_JOINTS * 4;
    for (let j = 0; j < NUM_JOINTS; j++) {
      const p = PARENTS[j];
      if (p < 0) {
        for (let k = 0; k < 4; k++) out.rotations[base + k] = outGlobal[base + k];
      } else {
        inv[0] = -outGlobal[base + p * 4];
        inv[1] = -outGlobal[base + p * 4 + 1];
        inv[2] = -outGlobal[base + p * 4 + 2];
        inv[3] = outGlobal[base + p * 4 + 3];
        quatMulInto(inv, outGlobal, base + j * 4, out.rotations, base + j * 4);
      }
      qNormalize(out.rotations, base + j * 4);
    }
  }
  if (o.outPasses > 0) smoothClipInPlace(out, o.outPasses, o.outPasses);
  if (o.keepLeaves) {
    for (let f = 0; f < n; f++) {
      for (const j of LEAF_JOINTS) {
        const k = (f * NUM_JOINTS + j) * 4;
        for (let c = 0; c < 4; c++) out.rotations[k + c] = input.rotations[k + c];
      }
    }
  }
  out.meta = { ...(input.meta ?? {}), corrected: true };
  let finite = true;
  for (let i = 0; i < out.rootPos.length && finite; i++) finite = Number.isFinite(out.rootPos[i]);
  for (let i = 0; i < out.rotations.length && finite; i++) finite = Number.isFinite(out.rotations[i]);
  if (!finite) {
    return {
      clip: input,
      report: { mpjpeMm: 0, resets, residualForceMean: 0, residualForceMax: 0, before, after: before, ms: performance.now() - t0, failSafe: 'simulation diverged; clip returned unchanged' },
    };
  }
  const outPos = forwardKinematicsArrays(out.rootPos, out.rotations, n);
  const after = clipPhysMetrics(out);
  return {
    clip: out,
    report: {
      mpjpeMm: mpjpe(outPos, inPos),
      resets,
      residualForceMean: fCount ? fSum / fCount : 0,
      residualForceMax: fMax,
      before,
      after,
      ms: performance.now() - t0,
    },
  };
}

/**
 * One physics step: `World.step` without its re-mapping of body and collider handles, which walks every handle
 * across the WASM boundary after each step (6 % of a correction in a CPU profile). The corrector adds no body,
 * collider or joint after the humanoid is built, so there is nothing to map; the simulation is the same step.
 */
function stepWorld(world: RAPIER.World): void {
  world.physicsPipeline.step(
    world.gravity, world.integrationParameters, world.islands, world.broadPhase, world.narrowPhase, world.bodies,
    world.colliders, world.softBodies, world.impulseJoints, world.multibodyJoints, world.ccdSolver,
  );
}

/** Scale the 3-vector v[o..o+2] down so its norm is at most `limit` (in place); returns the resulting norm. */
export function clampNorm(v: Float64Array, o: number, limit: number): number {
  const n = Math.hypot(v[o], v[o + 1], v[o + 2]);
  if (n <= limit) return n;
  const k = limit / n;
  v[o] *= k;
  v[o + 1] *= k;
  v[o + 2] *= k;
  return limit;
}

function quatMulInto(a: Float64Array, b: ArrayLike<number>, bo: number, out: Float32Array, oo: number): void {
  const ax = a[0], ay = a[1], az = a[2], aw = a[3];
  const bx = b[bo], by = b[bo + 1], bz = b[bo + 2], bw = b[bo + 3];
  out[oo] = aw * bx + ax * bw + ay * bz - az * by;
  out[oo + 1] = aw * by - ax * bz + ay * bw + az * bx;
  out[oo + 2] = aw * bz + ax * by - ay * bx + az * bw;
  out[oo + 3] = aw * bw - ax * bx - ay * by - az * bz;
}

/** Angular velocity (rad/s, in the frame the rotations are expressed in) taking the rotation at offset a to the one
 *  at offset b in 1/fps seconds; written to out at oo. */
function angVelBetween(rot: Float32Array, a: number, b: number, fps: number, tmp: Float64Array, out: Float64Array, oo = 0): void {
  // d = q_b * conj(q_a)
  const ax = -rot[a], ay = -rot[a + 1], az = -rot[a + 2], aw = rot[a + 3];
  const bx = rot[b], by = rot[b + 1], bz = rot[b + 2], bw = rot[b + 3];
  tmp[0] = bw * ax + bx * aw + by * az - bz * ay;
  tmp[1] = bw * ay - bx * az + by * aw + bz * ax;
  tmp[2] = bw * az + bx * ay - by * ax + bz * aw;
  tmp[3] = bw * aw - bx * ax - by * ay - bz * az;
  quatToRotVec(tmp, 0, out, oo);
  out[oo] *= fps;
  out[oo + 1] *= fps;
  out[oo + 2] *= fps;
}

/**
 * Joint damping by Rapier's velocity motors (target velocity 0, force-based damping kd, capped at the joint's torque
 * limit): solved implicitly inside Rapier's constraint solver, so it stays stable for light bodies where explicit
 * damping torques at 240 Hz would not. Spherical joints expose their motors only through the prototype (DESIGN.md).
 */
function configureDampingMotors(R: typeof RAPIER, h: Humanoid, kd: Float64Array, maxTorque: Float64Array): void {
  const sph = R.SphericalImpulseJoint.prototype;
  for (let j = 1; j < NUM_JOINTS; j++) {
    const joint = h.joints[j - 1];
    if (joint.type() === R.JointType.Revolute) {
      const rj = joint as RAPIER.RevoluteImpulseJoint;
      rj.configureMotorModel(R.MotorModel.ForceBased);
      rj.configureMotorVelocity(0, kd[j]);
      rj.setMotorMaxForce(maxTorque[j]);
    } else {
      for (const axis of [R.JointAxis.AngX, R.JointAxis.AngY, R.JointAxis.AngZ]) {
        sph.configureMotorModel.call(joint, axis, R.MotorModel.ForceBased);
        sph.configureMotorVelocity.call(joint, axis, 0, kd[j]);
        sph.setMotorMaxForce.call(joint, axis, maxTorque[j]);
      }
    }
  }
}

/** The running simulation: state read-back, PD torques, root residual, pose resets. Allocation-free per step. */
class Sim {
  private readonly pos = new Float64Array(NUM_JOINTS * 3);
  private readonly rot = new Float64Array(NUM_JOINTS * 4);
  private readonly angvel = new Float64Array(NUM_JOINTS * 3);
  private readonly torque = new Float64Array(NUM_JOINTS * 3);
  private readonly pd: PdController;
  private readonly q: RAPIER.Rotation;
  private readonly v: RAPIER.Vector;
  private readonly e = new Float64Array(4);
  private readonly rv = new Float64Array(3);
  private readonly r3 = new Float64Array(3);
  /** Integrated pelvis orientation error (rad·s, world frame) and height error (m·s) of the root servo. */
  private readonly rotInt = new Float64Array(3);
  private heightInt = 0;

  constructor(
    R: typeof RAPIER,
    private readonly h: Humanoid,
    private readonly o: Resolved,
  ) {
    this.pd = new PdController(o.gains.kp, o.gains.kd, o.gains.maxTorque, h.invInertia, o.dt, h.bodyMass, h.comLocal);
    this.q = new R.Quaternion(0, 0, 0, 1);
    this.v = new R.Vector3(0, 0, 0);
    configureDampingMotors(R, h, o.gains.kd, o.gains.maxTorque);
  }

  /** Apply PD torques and the root residual for one step; returns the residual force magnitude (N). */
  step(target: Float64Array, rootTarget: Float64Array, rootVel: Float64Array, rootAngVel: Float64Array, jointVel: Float64Array): number {
    const { pos, rot, angvel, torque, q, v, h, o } = this;
    const bodies = h.bodies;
    for (let j = 0; j < NUM_JOINTS; j++) {
      bodies[j].translation(v);
      pos[j * 3] = v.x;
      pos[j * 3 + 1] = v.y;
      pos[j * 3 + 2] = v.z;
      bodies[j].rotation(q);
      rot[j * 4] = q.x;
      rot[j * 4 + 1] = q.y;
      rot[j * 4 + 2] = q.z;
      rot[j * 4 + 3] = q.w;
      bodies[j].angvel(v);
      angvel[j * 3] = v.x;
      angvel[j * 3 + 1] = v.y;
      angvel[j * 3 + 2] = v.z;
    }
    torque.fill(0);
    this.pd.compute({ pos, rot, angvel }, target, torque, jointVel);

    // Root residual torque: orientation servo towards the reference pelvis rotation, bounded.
    const e = this.e;
    const tx = target[0], ty = target[1], tz = target[2], tw = target[3];
    const cx = -rot[0], cy = -rot[1], cz = -rot[2], cw = rot[3];
    e[0] = tw * cx + tx * cw + ty * cz - tz * cy;
    e[1] = tw * cy - tx * cz + ty * cw + tz * cx;
    e[2] = tw * cz + tx * cy - ty * cx + tz * cw;
    e[3] = tw * cw - tx * cx - ty * cy - tz * cz;
    quatToRotVec(e, 0, this.rv, 0);
    // Servo gains for the whole body's rotational inertia; damping integrated implicitly against ROOT_INERTIA.
    const I = h.mass * ROOT_INERTIA_PER_KG;
    const kpT = I * ROOT_ROT_OMEGA * ROOT_ROT_OMEGA;
    const cT = I * 2 * ROOT_ZETA * ROOT_ROT_OMEGA + kpT * o.dt;
    const sT = 1 / (1 + (cT * o.dt) / I);
    const rt = this.rv;
    const r3 = this.r3;
    const ri = this.rotInt;
    r3[0] = (kpT * (rt[0] + o.ki * ri[0]) - cT * (angvel[0] - rootAngVel[0])) * sT;
    r3[1] = (kpT * (rt[1] + o.ki * ri[1]) - cT * (angvel[1] - rootAngVel[1])) * sT;
    r3[2] = (kpT * (rt[2] + o.ki * ri[2]) - cT * (angvel[2] - rootAngVel[2])) * sT;
    // integrate the orientation error only while the servo is not saturated (anti-windup)
    if (clampNorm(r3, 0, o.torqueLimit) < o.torqueLimit && o.ki > 0) {
      ri[0] += rt[0] * o.dt;
      ri[1] += rt[1] * o.dt;
      ri[2] += rt[2] * o.dt;
    }
    torque[0] += r3[0];
    torque[1] += r3[1];
    torque[2] += r3[2];
    for (let j = 0; j < NUM_JOINTS; j++) {
      v.x = torque[j * 3];
      v.y = torque[j * 3 + 1];
      v.z = torque[j * 3 + 2];
      bodies[j].resetTorques(false);
      bodies[j].addTorque(v, false);
    }

    // Root residual force: position servo towards the (floor-clamped) reference root, bounded.
    const pelvis = bodies[0];
    const px = pos[0], py = pos[1], pz = pos[2];
    pelvis.linvel(v);
    const M = h.mass;
    const kp = M * ROOT_POS_OMEGA * ROOT_POS_OMEGA;
    const kd = M * 2 * ROOT_ZETA * ROOT_POS_OMEGA;
    let fx = kp * (rootTarget[0] - px) + kd * (rootVel[0] - v.x);
    const ey = rootTarget[1] - py;
    let fy = kp * (ey + o.ki * this.heightInt) + kd * (rootVel[1] - v.y);
    let fz = kp * (rootTarget[2] - pz) + kd * (rootVel[2] - v.z);
    const down = DOWN_FORCE_FRACTION * M * G;
    const up = (this.footDown() ? STANCE_UP_FORCE_FRACTION : UP_FORCE_FRACTION) * M * G;
    if (fy < -down) fy = -down;
    else if (fy > up) fy = up;
    else if (o.ki > 0) this.heightInt += ey * o.dt; // anti-windup: integrate only while unsaturated
    const hmax = o.hFrac * M * G;
    const hn = Math.hypot(fx, fz);
    if (hn > hmax) {
      fx *= hmax / hn;
      fz *= hmax / hn;
    }
    r3[0] = fx;
    r3[1] = fy;
    r3[2] = fz;
    const fn = clampNorm(r3, 0, o.forceLimit);
    v.x = r3[0];
    v.y = r3[1];
    v.z = r3[2];
    pelvis.resetForces(false);
    pelvis.addForce(v, false);
    return fn;
  }

  /** Whether an ankle or toe body of the simulated body is within STANCE_HEIGHT of the floor. */
  private footDown(): boolean {
    const { pos, rot } = this;
    for (const j of FOOT_BODIES) if (bodyLowestPoint(pos, 0, rot, 0, j) < STANCE_HEIGHT) return true;
    return false;
  }

  /** Mean distance (m) of the simulated joints to the reference joints at `po` (lifted by `lift`). */
  meanJointError(refPos: Float32Array, po: number, lift: number): number {
    const v = this.v;
    let s = 0;
    for (let j = 0; j < NUM_JOINTS; j++) {
      this.h.bodies[j].translation(v);
      s += Math.hypot(v.x - refPos[po + j * 3], v.y - refPos[po + j * 3 + 1] - lift, v.z - refPos[po + j * 3 + 2]);
    }
    return s / NUM_JOINTS;
  }

  /** Write body rotations (frame f) and the pelvis position into the output arrays. */
  record(outGlobal: Float64Array, rootPos: Float32Array, f: number): void {
    const { q, v } = this;
    for (let j = 0; j < NUM_JOINTS; j++) {
      this.h.bodies[j].rotation(q);
      const o = (f * NUM_JOINTS + j) * 4;
      outGlobal[o] = q.x;
      outGlobal[o + 1] = q.y;
      outGlobal[o + 2] = q.z;
      outGlobal[o + 3] = q.w;
    }
    this.h.bodies[0].translation(v);
    rootPos[f * 3] = v.x;
    rootPos[f * 3 + 1] = v.y;
    rootPos[f * 3 + 2] = v.z;
  }

  /** Teleport every body to a pose (joint positions 22×3, world rotations at offset ro). */
  setPose(pos: Float64Array, rot: Float64Array, ro: number): void {
    const { q, v } = this;
    this.rotInt.fill(0);
    this.heightInt = 0;
    for (let j = 0; j < NUM_JOINTS; j++) {
      v.x = pos[j * 3];
      v.y = pos[j * 3 + 1];
      v.z = pos[j * 3 + 2];
      q.x = rot[ro + j * 4];
      q.y = rot[ro + j * 4 + 1];
      q.z = rot[ro + j * 4 + 2];
      q.w = rot[ro + j * 4 + 3];
      this.h.bodies[j].setTranslation(v, false);
      this.h.bodies[j].setRotation(q, false);
    }
  }

  /** Give every body the reference velocity of frame f (finite difference to the next frame). */
  setVelocities(refPos: Float32Array, _refGlobal: Float64Array, fps: number, f: number, n: number): void {
    const v = this.v;
    const g = Math.min(f + 1, n - 1);
    const f0 = g - 1;
    for (let j = 0; j < NUM_JOINTS; j++) {
      v.x = (refPos[(g * NUM_JOINTS + j) * 3] - refPos[(f0 * NUM_JOINTS + j) * 3]) * fps;
      v.y = (refPos[(g * NUM_JOINTS + j) * 3 + 1] - refPos[(f0 * NUM_JOINTS + j) * 3 + 1]) * fps;
      v.z = (refPos[(g * NUM_JOINTS + j) * 3 + 2] - refPos[(f0 * NUM_JOINTS + j) * 3 + 2]) * fps;
      this.h.bodies[j].setLinvel(v, false);
      v.x = 0;
      v.y = 0;
      v.z = 0;
      this.h.bodies[j].setAngvel(v, false);
    }
  }
}

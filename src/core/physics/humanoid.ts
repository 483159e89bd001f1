// The simulated humanoid: one rigid body per skeleton joint (22), its collision shape, mass (70 kg split by
// standard body-segment fractions), the joints that connect bodies (ball joints, hinges at knees and elbows) and
// collision groups. Body j's frame sits at joint j with joint j's world rotation, so the rest pose is identity.

import type RAPIER from '@dimforge/rapier3d-compat';
import { J, NUM_JOINTS, PARENTS, REST_OFFSETS } from '../motion/skeleton';
import type { Clip } from '../motion/clip';
import { forwardKinematicsArrays } from '../motion/fk';
import { qMul, qRotateVec, qToMat3 } from '../motion/quat';

export const BODY_MASS = 70;

export type SegmentShape = 'capsule' | 'box' | 'ball';

/** One body of the ragdoll, in its joint's frame (metres). */
export interface HumanoidSegment {
  joint: number;
  shape: SegmentShape;
  /** Capsule: segment from `a` to `b` with radius `radius`. Ball: centre `a`, radius. Box: centre `a`, half extents `half`. */
  a: readonly [number, number, number];
  b: readonly [number, number, number];
  radius: number;
  half: readonly [number, number, number];
  /** Mass (kg). */
  mass: number;
  /** Collision group bit (see COLLISION_FILTER). */
  group: number;
}

export const GROUP_FLOOR = 1;
export const GROUP_TORSO = 2;
export const GROUP_LEG = 4;
export const GROUP_UPPER_ARM = 8;
export const GROUP_LOWER_ARM = 16;

/** Which groups each group collides with: forearms and hands hit the torso and legs (so a hand cannot pass through
 *  the body), everything hits the floor, and no two leg or torso parts collide (adjacent bodies overlap at joints). */
export const COLLISION_FILTER: Readonly<Record<number, number>> = {
  [GROUP_FLOOR]: GROUP_TORSO | GROUP_LEG | GROUP_UPPER_ARM | GROUP_LOWER_ARM,
  [GROUP_TORSO]: GROUP_FLOOR | GROUP_LOWER_ARM,
  [GROUP_LEG]: GROUP_FLOOR,
  [GROUP_UPPER_ARM]: GROUP_FLOOR,
  [GROUP_LOWER_ARM]: GROUP_FLOOR | GROUP_TORSO,
};

/** Rapier's 32-bit interaction groups: membership in the high 16 bits, filter in the low 16. */
export function interactionGroups(group: number): number {
  return ((group << 16) | COLLISION_FILTER[group]) >>> 0;
}

// Body-segment mass fractions (de Leva 1996, adjusted to our 22 bodies; they sum to 1).
const MASS_FRACTION: Record<keyof typeof J, number> = {
  pelvis: 0.1117, spine1: 0.08, spine2: 0.0833, spine3: 0.1196, neck: 0.015, head: 0.0544,
  left_collar: 0.02, right_collar: 0.02, left_shoulder: 0.0271, right_shoulder: 0.0271,
  left_elbow: 0.0162, right_elbow: 0.0162, left_wrist: 0.0061, right_wrist: 0.0061,
  left_hip: 0.1416, right_hip: 0.1416, left_knee: 0.0433, right_knee: 0.0433,
  left_ankle: 0.0107, right_ankle: 0.0107, left_foot: 0.003, right_foot: 0.003,
};

function off(j: number): [number, number, number] {
  return [REST_OFFSETS[3 * j], REST_OFFSETS[3 * j + 1], REST_OFFSETS[3 * j + 2]];
}

const Z3 = [0, 0, 0] as const;

function capsule(joint: keyof typeof J, a: readonly [number, number, number], b: readonly [number, number, number], radius: number, group: number): HumanoidSegment {
  return { joint: J[joint], shape: 'capsule', a, b, radius, half: Z3, mass: 0, group };
}

function box(joint: keyof typeof J, centre: readonly [number, number, number], half: readonly [number, number, number], group: number): HumanoidSegment {
  return { joint: J[joint], shape: 'box', a: centre, b: centre, radius: 0, half, mass: 0, group };
}

function ball(joint: keyof typeof J, centre: readonly [number, number, number], radius: number, group: number): HumanoidSegment {
  return { joint: J[joint], shape: 'ball', a: centre, b: centre, radius, half: Z3, mass: 0, group };
}

/** The 22 bodies, indexed by joint. Feet are boxes whose soles lie at ANKLE_SOLE_OFFSET / TOE_SOLE_OFFSET. */
export const HUMANOID_SEGMENTS: readonly HumanoidSegment[] = (() => {
  const s: HumanoidSegment[] = new Array(NUM_JOINTS);
  const put = (seg: HumanoidSegment) => (s[seg.joint] = seg);
  put(capsule('pelvis', [-0.06, -0.03, 0], [0.06, -0.03, 0], 0.085, GROUP_TORSO));
  put(capsule('spine1', [0, 0.02, 0], off(J.spine2), 0.09, GROUP_TORSO));
  put(capsule('spine2', [0, 0, 0], off(J.spine3), 0.095, GROUP_TORSO));
  put(capsule('spine3', [-0.07, 0.1, -0.01], [0.07, 0.1, -0.01], 0.1, GROUP_TORSO));
  put(capsule('neck', [0, 0.02, 0], off(J.head), 0.05, GROUP_TORSO));
  put(ball('head', [0, 0.07, 0.02], 0.1, GROUP_TORSO));
  for (const side of ['left', 'right'] as const) {
    const sx = side === 'left' ? 1 : -1;
    put(capsule(`${side}_collar`, [0.02 * sx, 0, 0], off(J[`${side}_shoulder`]), 0.05, GROUP_UPPER_ARM));
    put(capsule(`${side}_shoulder`, [0.03 * sx, 0, 0], [0.24 * sx, 0, 0], 0.05, GROUP_UPPER_ARM));
    put(capsule(`${side}_elbow`, [0.03 * sx, 0, 0], [0.22 * sx, 0, 0], 0.04, GROUP_LOWER_ARM));
    put(capsule(`${side}_wrist`, [0.02 * sx, 0, 0], [0.09 * sx, 0, 0], 0.035, GROUP_LOWER_ARM));
    put(capsule(`${side}_hip`, [0, -0.05, 0], [0, -0.35, 0], 0.07, GROUP_LEG));
    put(capsule(`${side}_knee`, [0, -0.04, 0], [0, -0.33, -0.008], 0.05, GROUP_LEG));
    put(box(`${side}_ankle`, [0, -0.04, 0.03], [0.045, 0.04, 0.08], GROUP_LEG));
    put(box(`${side}_foot`, [0, -0.015, 0.035], [0.045, 0.015, 0.035], GROUP_LEG));
  }
  for (const seg of s) seg.mass = MASS_FRACTION[Object.keys(J)[seg.joint] as keyof typeof J] * BODY_MASS;
  return s;
})();

/** Joints simulated as hinges (about a local axis) instead of ball joints, with their limits (radians). */
export const HINGES: Readonly<Record<number, { axis: [number, number, number]; min: number; max: number }>> = {
  [J.left_knee]: { axis: [1, 0, 0], min: -0.05, max: 2.7 },
  [J.right_knee]: { axis: [1, 0, 0], min: -0.05, max: 2.7 },
};

/**
 * Isotropic inertia (kg·m²) added to every body, like MuJoCo's joint armature in UHC's humanoid: it bounds how
 * fast thin parts (hands, toes, a forearm's twist) can spin, which keeps explicit PD torques stable at 240 Hz.
 */
export const ARMATURE = 0.01;

/** The simulated humanoid inside one Rapier world. */
export interface Humanoid {
  bodies: RAPIER.RigidBody[];
  joints: RAPIER.ImpulseJoint[];
  /** Total mass (kg). */
  mass: number;
  /** Per body: its smallest principal angular inertia, armature included (kg·m²). */
  inertia: Float64Array;
  /** Per body: mass (kg) and centre of mass in the body frame (22×3). */
  bodyMass: Float64Array;
  comLocal: Float64Array;
  /** Per body: inverse angular inertia about its centre of mass in the body frame, row-major 3×3 (22×9). */
  invInertia: Float64Array;
}

function setQuatObj(q: { x: number; y: number; z: number; w: number }, a: ArrayLike<number>, o: number): void {
  q.x = a[o];
  q.y = a[o + 1];
  q.z = a[o + 2];
  q.w = a[o + 3];
}

/**
 * Build the humanoid in `world` at one pose: `pos` 22×3 joint positions, `rot` 22×4 world rotations (offsets po, ro).
 * Adds a fixed floor (friction 1) first.
 */
export function buildHumanoid(R: typeof RAPIER, world: RAPIER.World, pos: ArrayLike<number>, rot: ArrayLike<number>): Humanoid {
  const floor = world.createRigidBody(R.RigidBodyDesc.fixed());
  world.createCollider(
    R.ColliderDesc.cuboid(50, 0.5, 50).setTranslation(0, -0.5, 0).setFriction(1).setCollisionGroups(interactionGroups(GROUP_FLOOR)),
    floor,
  );
  const bodies: RAPIER.RigidBody[] = [];
  const inertia = new Float64Array(NUM_JOINTS);
  const invInertia = new Float64Array(NUM_JOINTS * 9);
  const bodyMass = new Float64Array(NUM_JOINTS);
  const comLocal = new Float64Array(NUM_JOINTS * 3);
  const q = new R.Quaternion(0, 0, 0, 1);
  let mass = 0;
  for (let j = 0; j < NUM_JOINTS; j++) {
    const seg = HUMANOID_SEGMENTS[j];
    setQuatObj(q, rot, j * 4);
    const desc = R.RigidBodyDesc.dynamic().setTranslation(pos[j * 3], pos[j * 3 + 1], pos[j * 3 + 2]).setRotation(q).setCanSleep(false);
    const body = world.createRigidBody(desc);
    let cd: RAPIER.ColliderDesc;
    if (seg.shape === 'capsule') {
      const dx = seg.b[0] - seg.a[0], dy = seg.b[1] - seg.a[1], dz = seg.b[2] - seg.a[2];
      const len = Math.hypot(dx, dy, dz);
      cd = R.ColliderDesc.capsule(len / 2, seg.radius);
      // rotate the capsule's Y axis onto the bone direction
      const ux = dx / len, uy = dy / len, uz = dz / len;
      const dot = uy;
      const axisLen = Math.hypot(ux, uz);
      if (axisLen < 1e-9) {
        cd.setRotation(dot > 0 ? { x: 0, y: 0, z: 0, w: 1 } : { x: 1, y: 0, z: 0, w: 0 });
      } else {
        const ang = Math.atan2(axisLen, dot);
        const s = Math.sin(ang / 2) / axisLen;
        // rotation axis = (0,1,0) × u = (uz, 0, −ux)
        cd.setRotation({ x: uz * s, y: 0, z: -ux * s, w: Math.cos(ang / 2) });
      }
      cd.setTranslation((seg.a[0] + seg.b[0]) / 2, (seg.a[1] + seg.b[1]) / 2, (seg.a[2] + seg.b[2]) / 2);
    } else if (seg.shape === 'box') {
      cd = R.ColliderDesc.cuboid(seg.half[0], seg.half[1], seg.half[2]).setTranslation(seg.a[0], seg.a[1], seg.a[2]);
    } else {
      cd = R.ColliderDesc.ball(seg.radius).setTranslation(seg.a[0], seg.a[1], seg.a[2]);
    }
    cd.setMass(seg.mass).setFriction(1).setCollisionGroups(interactionGroups(seg.group));
    world.createCollider(cd, body);
    // Inertia about the centre of mass in the body frame, F diag(I) Fᵀ, plus the armature; stored inverted.
    const pi = body.principalInertia();
    const pf = body.principalInertiaLocalFrame();
    const m = new Float64Array(9);
    qToMat3([pf.x, pf.y, pf.z, pf.w], 0, m, 0);
    const d = [pi.x, pi.y, pi.z];
    const t = new Float64Array(9);
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) {
        t[r * 3 + c] = m[r * 3] * d[0] * m[c * 3] + m[r * 3 + 1] * d[1] * m[c * 3 + 1] + m[r * 3 + 2] * d[2] * m[c * 3 + 2] + (r === c ? ARMATURE : 0);
      }
    }
    inv3(t, 0, invInertia, j * 9);
    inertia[j] = Math.min(pi.x, pi.y, pi.z) + ARMATURE;
    body.setAdditionalMassProperties(0, { x: 0, y: 0, z: 0 }, { x: ARMATURE, y: ARMATURE, z: ARMATURE }, { x: 0, y: 0, z: 0, w: 1 }, false);
    bodies.push(body);
    mass += seg.mass;
    bodyMass[j] = seg.mass;
    comLocal[j * 3] = (seg.a[0] + seg.b[0]) / 2;
    comLocal[j * 3 + 1] = (seg.a[1] + seg.b[1]) / 2;
    comLocal[j * 3 + 2] = (seg.a[2] + seg.b[2]) / 2;
  }
  const joints: RAPIER.ImpulseJoint[] = [];
  for (let j = 1; j < NUM_JOINTS; j++) {
    const p = PARENTS[j];
    const a1 = { x: REST_OFFSETS[3 * j], y: REST_OFFSETS[3 * j + 1], z: REST_OFFSETS[3 * j + 2] };
    const a2 = { x: 0, y: 0, z: 0 };
    const hinge = HINGES[j];
    const data = hinge
      ? R.JointData.revolute(a1, a2, { x: hinge.axis[0], y: hinge.axis[1], z: hinge.axis[2] })
      : R.JointData.spherical(a1, a2);
    const joint = world.createImpulseJoint(data, bodies[p], bodies[j], true);
    joint.setContactsEnabled(false);
    if (hinge) (joint as RAPIER.RevoluteImpulseJoint).setLimits(hinge.min, hinge.max);
    joints.push(joint);
  }
  return { bodies, joints, mass, inertia, invInertia, bodyMass, comLocal };
}

/**
 * World-space capsules/boxes of the ragdoll at one frame, for drawing exactly the simulated bodies.
 * `positions` nFrames×22×3 joint positions and `rotations` nFrames×22×4 world rotations (from fk.ts's globalRot).
 * Returns per body: shape, endpoints a and b in world space (box: centre in a), radius, half extents, rotation.
 */
export function ragdollCapsules(
  positions: ArrayLike<number>,
  rotations: ArrayLike<number>,
  frame: number,
): { joint: number; shape: SegmentShape; a: [number, number, number]; b: [number, number, number]; radius: number; half: readonly [number, number, number]; rotation: [number, number, number, number] }[] {
  const out = [];
  const v = [0, 0, 0];
  const pb = frame * NUM_JOINTS * 3;
  const rb = frame * NUM_JOINTS * 4;
  for (const seg of HUMANOID_SEGMENTS) {
    const j = seg.joint;
    const q = [rotations[rb + j * 4], rotations[rb + j * 4 + 1], rotations[rb + j * 4 + 2], rotations[rb + j * 4 + 3]];
    qRotateVec(q, 0, seg.a as unknown as number[], 0, v, 0);
    const a: [number, number, number] = [positions[pb + j * 3] + v[0], positions[pb + j * 3 + 1] + v[1], positions[pb + j * 3 + 2] + v[2]];
    qRotateVec(q, 0, seg.b as unknown as number[], 0, v, 0);
    const b: [number, number, number] = [positions[pb + j * 3] + v[0], positions[pb + j * 3 + 1] + v[1], positions[pb + j * 3 + 2] + v[2]];
    out.push({ joint: j, shape: seg.shape, a, b, radius: seg.radius, half: seg.half, rotation: q as [number, number, number, number] });
  }
  return out;
}

/**
 * Joint positions and world rotations of every frame of a clip, for ragdollCapsules (compute once per clip).
 */
export function ragdollPose(clip: Clip): { positions: Float32Array; rotations: Float64Array } {
  const rotations = new Float64Array(clip.nFrames * NUM_JOINTS * 4);
  const positions = forwardKinematicsArrays(clip.rootPos, clip.rotations, clip.nFrames, undefined, rotations);
  return { positions, rotations };
}

/** World rotation of every joint of one pose from local rotations (22×4 at offset o): out 22×4. */
export function globalRotations(local: ArrayLike<number>, o: number, out: Float64Array): void {
  for (let j = 0; j < NUM_JOINTS; j++) {
    const p = PARENTS[j];
    if (p < 0) {
      for (let k = 0; k < 4; k++) out[k] = local[o + k];
    } else qMul(out, p * 4, local as Float64Array, o + j * 4, out, j * 4);
  }
}

/**
 * Lowest point (y, metres) of body j at one pose: `pos` 22×3 joint positions at offset po, `rot` 22×4 world
 * rotations at offset ro.
 */
export function bodyLowestPoint(pos: ArrayLike<number>, po: number, rot: ArrayLike<number>, ro: number, j: number): number {
  const seg = HUMANOID_SEGMENTS[j];
  const x = rot[ro + j * 4], y = rot[ro + j * 4 + 1], z = rot[ro + j * 4 + 2], w = rot[ro + j * 4 + 3];
  // second row of the rotation matrix: world y of each local axis
  const r0 = 2 * (x * y + w * z);
  const r1 = 1 - 2 * (x * x + z * z);
  const r2 = 2 * (y * z - w * x);
  const py = pos[po + j * 3 + 1];
  const ya = py + r0 * seg.a[0] + r1 * seg.a[1] + r2 * seg.a[2];
  if (seg.shape === 'capsule') {
    const yb = py + r0 * seg.b[0] + r1 * seg.b[1] + r2 * seg.b[2];
    return Math.min(ya, yb) - seg.radius;
  }
  if (seg.shape === 'ball') return ya - seg.radius;
  return ya - (Math.abs(r0) * seg.half[0] + Math.abs(r1) * seg.half[1] + Math.abs(r2) * seg.half[2]);
}

/** Lowest point (y, metres) of all the ragdoll's bodies at one pose (as bodyLowestPoint). Negative: under the floor. */
export function lowestBodyPoint(pos: ArrayLike<number>, po: number, rot: ArrayLike<number>, ro: number): number {
  let lo = Infinity;
  for (let j = 0; j < NUM_JOINTS; j++) {
    const h = bodyLowestPoint(pos, po, rot, ro, j);
    if (h < lo) lo = h;
  }
  return lo;
}

/** Inverse of a 3×3 row-major matrix (a at ao) into out at oo (cofactors; the matrix must be invertible). */
export function inv3(a: ArrayLike<number>, ao: number, out: Float64Array, oo: number): void {
  const a00 = a[ao], a01 = a[ao + 1], a02 = a[ao + 2];
  const a10 = a[ao + 3], a11 = a[ao + 4], a12 = a[ao + 5];
  const a20 = a[ao + 6], a21 = a[ao + 7], a22 = a[ao + 8];
  const c00 = a11 * a22 - a12 * a21, c01 = a12 * a20 - a10 * a22, c02 = a10 * a21 - a11 * a20;
  const det = a00 * c00 + a01 * c01 + a02 * c02;
  const k = 1 / det;
  out[oo] = c00 * k;
  out[oo + 1] = (a02 * a21 - a01 * a22) * k;
  out[oo + 2] = (a01 * a12 - a02 * a11) * k;
  out[oo + 3] = c01 * k;
  out[oo + 4] = (a00 * a22 - a02 * a20) * k;
  out[oo + 5] = (a02 * a10 - a00 * a12) * k;
  out[oo + 6] = c02 * k;
  out[oo + 7] = (a01 * a20 - a00 * a21) * k;
  out[oo + 8] = (a00 * a11 - a01 * a10) * k;
}

// The ragdoll's construction: masses, shapes, the lowest point of the standing pose, drawable capsules, and a
// Rapier world built from it.
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyClip } from '../../src/core/motion/clip';
import { forwardKinematicsArrays } from '../../src/core/motion/fk';
import { J, NUM_JOINTS, STANDING_PELVIS_HEIGHT } from '../../src/core/motion/skeleton';
import { BODY_MASS, HUMANOID_SEGMENTS, buildHumanoid, lowestBodyPoint, ragdollCapsules } from '../../src/core/physics/humanoid';
import { initPhysics, rapier } from '../../src/core/physics/rapier';

function restPose(height = STANDING_PELVIS_HEIGHT) {
  const c = emptyClip(1);
  c.rootPos[1] = height;
  const rot = new Float64Array(NUM_JOINTS * 4);
  const pos = forwardKinematicsArrays(c.rootPos, c.rotations, 1, undefined, rot);
  return { pos, rot };
}

describe('humanoid', () => {
  beforeAll(async () => {
    await initPhysics();
  });

  it('has one body per joint and a 70 kg total mass split by segment', () => {
    expect(HUMANOID_SEGMENTS).toHaveLength(NUM_JOINTS);
    HUMANOID_SEGMENTS.forEach((s, j) => expect(s.joint).toBe(j));
    const total = HUMANOID_SEGMENTS.reduce((s, x) => s + x.mass, 0);
    expect(total).toBeCloseTo(BODY_MASS, 6);
    // thighs are the heaviest limb segments, hands the lightest arm segments
    expect(HUMANOID_SEGMENTS[J.left_hip].mass).toBeGreaterThan(HUMANOID_SEGMENTS[J.left_knee].mass);
    expect(HUMANOID_SEGMENTS[J.left_wrist].mass).toBeLessThan(HUMANOID_SEGMENTS[J.left_elbow].mass);
  });

  it('stands with its soles on the floor in the rest pose', () => {
    const { pos, rot } = restPose();
    expect(Math.abs(lowestBodyPoint(pos, 0, rot, 0))).toBeLessThan(0.001);
    const low = restPose(STANDING_PELVIS_HEIGHT - 0.05);
    expect(lowestBodyPoint(low.pos, 0, low.rot, 0)).toBeCloseTo(-0.05, 4);
  });

  it('gives drawable world-space shapes for every body', () => {
    const { pos, rot } = restPose();
    const caps = ragdollCapsules(pos, rot, 0);
    expect(caps).toHaveLength(NUM_JOINTS);
    for (const c of caps) for (const v of [...c.a, ...c.b, c.radius]) expect(Number.isFinite(v)).toBe(true);
    // the left upper arm runs along +X from the left shoulder in the T-pose
    const arm = caps[J.left_shoulder];
    expect(arm.shape).toBe('capsule');
    expect(arm.b[0]).toBeGreaterThan(arm.a[0] + 0.15);
    expect(Math.abs(arm.a[1] - pos[J.left_shoulder * 3 + 1])).toBeLessThan(1e-6);
  });

  it('builds a Rapier world with 22 bodies, 21 joints and the right masses', () => {
    const R = rapier();
    const world = new R.World({ x: 0, y: -9.81, z: 0 });
    try {
      const { pos, rot } = restPose();
      const h = buildHumanoid(R, world, pos, rot);
      expect(h.bodies).toHaveLength(NUM_JOINTS);
      expect(h.joints).toHaveLength(NUM_JOINTS - 1);
      expect(h.mass).toBeCloseTo(BODY_MASS, 6);
      const rapierMass = h.bodies.reduce((s, b) => s + b.mass(), 0);
      expect(rapierMass).toBeCloseTo(BODY_MASS, 3);
      expect(h.joints[J.left_knee - 1].type()).toBe(R.JointType.Revolute);
      expect(h.joints[J.left_hip - 1].type()).not.toBe(R.JointType.Revolute);
    } finally {
      world.free();
    }
  });
});

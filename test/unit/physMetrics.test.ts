import { describe, expect, it } from 'vitest';
import { emptyClip, type Clip } from '../../src/core/motion/clip';
import { jointPositions } from '../../src/core/motion/fk';
import {
  FLOOR_TOLERANCE, JOINT_RADII, clipPhysMetrics, footContacts, lowestPointHeights, physMetrics,
} from '../../src/core/motion/physMetrics';
import { qFromAxisAngle } from '../../src/core/motion/quat';
import { J, NUM_JOINTS, STANDING_PELVIS_HEIGHT } from '../../src/core/motion/skeleton';

/** The rest pose standing with flat feet on the floor, shifted by (dx·f, dy, dz·f) at frame f. */
function standing(n: number, dy = 0, dxPerFrame = 0): Clip {
  const c = emptyClip(n);
  for (let f = 0; f < n; f++) {
    c.rootPos[f * 3] = dxPerFrame * f;
    c.rootPos[f * 3 + 1] = STANDING_PELVIS_HEIGHT + dy;
  }
  return c;
}

describe('physics metrics on constructed motions', () => {
  it('finds the lowest point of a standing body at the soles (height 0)', () => {
    const c = standing(3);
    const low = lowestPointHeights(jointPositions(c), 3);
    for (const h of low) expect(h).toBeCloseTo(0, 5);
    expect(FLOOR_TOLERANCE).toBe(0.005);
    expect(JOINT_RADII[J.left_ankle]).toBeCloseTo(0.08, 9);
    expect(JOINT_RADII[J.right_foot]).toBeCloseTo(0.03, 9);
  });

  it('gives all zeros for a still standing pose', () => {
    const m = clipPhysMetrics(standing(20));
    expect(m.penetrate).toBe(0);
    expect(m.float).toBe(0);
    expect(m.skate).toBe(0);
    expect(m.physErr).toBe(0);
    expect(m.jitter).toBe(0);
  });

  it('measures a body sunk 7 cm as Penetrate ≈ 70 mm and one floating 10 cm as Float ≈ 100 mm', () => {
    const sunk = clipPhysMetrics(standing(10, -0.07));
    expect(sunk.penetrate).toBeCloseTo(70, 2);
    expect(sunk.float).toBe(0);
    const up = clipPhysMetrics(standing(10, 0.1));
    expect(up.float).toBeCloseTo(100, 2);
    expect(up.penetrate).toBe(0);
    expect(up.skate).toBe(0); // no foot on the floor
    expect(up.physErr).toBeCloseTo(up.penetrate + up.float + up.skate, 9);
  });

  it('applies the 5 mm tolerance to Penetrate and Float, and counts the full depth beyond it', () => {
    expect(clipPhysMetrics(standing(4, -0.004)).penetrate).toBe(0);
    expect(clipPhysMetrics(standing(4, 0.004)).float).toBe(0);
    expect(clipPhysMetrics(standing(4, -0.006)).penetrate).toBeCloseTo(6, 2);
    expect(clipPhysMetrics(standing(4, 0.006)).float).toBeCloseTo(6, 2);
    // half the frames sunk 2 cm: mean over frames = 10 mm
    const c = standing(10);
    for (let f = 0; f < 5; f++) c.rootPos[f * 3 + 1] -= 0.02;
    expect(clipPhysMetrics(c).penetrate).toBeCloseTo(10, 2);
  });

  it('measures planted feet sliding 1 cm per frame as Skate ≈ 10 mm', () => {
    const m = clipPhysMetrics(standing(12, 0, 0.01));
    expect(m.skate).toBeCloseTo(10, 2);
    expect(m.float).toBe(0);
    expect(m.penetrate).toBe(0);
  });

  it('counts only foot points on the floor in both frames', () => {
    // one foot lifted 5 cm and sliding, the other planted and still: Skate 0
    const n = 8;
    const p = jointPositions(standing(n));
    for (let f = 0; f < n; f++) {
      for (const j of [J.right_ankle, J.right_foot]) {
        p[(f * NUM_JOINTS + j) * 3 + 1] += 0.05;
        p[(f * NUM_JOINTS + j) * 3] += 0.02 * f;
      }
    }
    const c = footContacts(p, n);
    expect(c.length).toBe(n * 4);
    expect(Array.from(c.slice(0, 4))).toEqual([1, 1, 0, 0]);
    expect(physMetrics(p, n, 20).skate).toBe(0);
    // now the planted left toe slides 3 mm per frame: the mean over the contacts (left ankle + left toe) is 1.5 mm
    for (let f = 0; f < n; f++) p[(f * NUM_JOINTS + J.left_foot) * 3 + 2] += 0.003 * f;
    expect(physMetrics(p, n, 20).skate).toBeCloseTo(1.5, 3);
  });

  it('leaves excluded frames (designed flight) out of Penetrate, Float and Skate', () => {
    const c = standing(10);
    c.flight = new Uint8Array(10);
    for (let f = 3; f < 6; f++) {
      c.rootPos[f * 3 + 1] += 0.3;
      c.flight[f] = 1;
    }
    expect(clipPhysMetrics(c).float).toBeCloseTo((3 * 300) / 10, 2);
    expect(clipPhysMetrics(c, { excludeFlight: true }).float).toBe(0);
  });

  it('gives jitter 0 for uniform and uniformly accelerated motion and the jerk for a cubic (m/s³)', () => {
    const n = 12, fps = 20;
    const lin = standing(n);
    const acc = standing(n);
    const cub = standing(n);
    for (let f = 0; f < n; f++) {
      const t = f / fps;
      lin.rootPos[f * 3 + 2] = 0.7 * t;
      acc.rootPos[f * 3 + 2] = 2 * t * t;
      cub.rootPos[f * 3 + 2] = t * t * t; // jerk = 6 m/s³ for every joint
    }
    expect(clipPhysMetrics(lin).jitter).toBeLessThan(1e-3);
    expect(clipPhysMetrics(acc).jitter).toBeLessThan(1e-2);
    expect(clipPhysMetrics(cub).jitter).toBeCloseTo(6, 1);
  });

  it('finds the lowest point of a body lying on its back from the torso and head radii', () => {
    // pitch the whole body back by 90° (lying face up, head towards -Z) with the pelvis centre 10 cm above the floor
    const c = emptyClip(2);
    for (let f = 0; f < 2; f++) {
      qFromAxisAngle(c.rotations, f * NUM_JOINTS * 4, 1, 0, 0, -Math.PI / 2);
      c.rootPos[f * 3 + 1] = 0.1;
    }
    const p = jointPositions(c);
    const low = lowestPointHeights(p, 2);
    // every joint then lies within a few centimetres of y = 0.1; the lowest surface is pelvis/spine/head minus radius
    let expected = Infinity;
    for (let j = 0; j < NUM_JOINTS; j++) expected = Math.min(expected, p[j * 3 + 1] - JOINT_RADII[j]);
    expect(low[0]).toBeCloseTo(expected, 6);
    expect(low[0]).toBeGreaterThan(-0.05);
    expect(low[0]).toBeLessThan(0.02);
  });

  it('rejects a positions array of the wrong size', () => {
    expect(() => physMetrics(new Float32Array(10), 5, 20)).toThrow(/expected 330/);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyClip } from '../../src/core/motion/clip';
import { jointPositions } from '../../src/core/motion/fk';
import {
  q6dToQuat, qAngle, qFromAxisAngle, qFromEuler, qFromMat3, qHeading, qFromYaw, qMul, qNormalize, qRotateVec,
  qSlerp, qTo6d, qToMat3,
} from '../../src/core/motion/quat';
import { BODY_HEIGHT, J, NUM_JOINTS, PARENTS, STANDING_PELVIS_HEIGHT, boneLength } from '../../src/core/motion/skeleton';
import { Rng } from '../../src/core/random';

const unitQuat = fc
  .tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }))
  .filter(([x, y, z, w]) => x * x + y * y + z * z + w * w > 0.01)
  .map((q) => {
    const a = Float64Array.from(q);
    qNormalize(a, 0);
    return a;
  });

describe('skeleton', () => {
  it('has 22 joints with parents before children and an adult body about 1.75 m tall', () => {
    expect(PARENTS.length).toBe(NUM_JOINTS);
    PARENTS.forEach((p, i) => expect(p).toBeLessThan(i));
    expect(BODY_HEIGHT).toBeGreaterThan(1.7);
    expect(BODY_HEIGHT).toBeLessThan(1.8);
    expect(boneLength(J.left_knee)).toBeCloseTo(0.4, 6);
  });

  it('puts the rest pose with flat feet on the floor', () => {
    const c = emptyClip(2);
    c.rootPos[1] = STANDING_PELVIS_HEIGHT;
    const p = jointPositions(c);
    expect(p[J.left_ankle * 3 + 1]).toBeCloseTo(0.08, 5);
    expect(p[J.left_foot * 3 + 1]).toBeCloseTo(0.03, 5);
    expect(p[J.left_hip * 3]).toBeGreaterThan(0); // left is +X
  });
});

describe('quaternions', () => {
  it('6-D round trip is exact to float precision', () => {
    fc.assert(
      fc.property(unitQuat, (q) => {
        const r = new Float64Array(6);
        const back = new Float64Array(4);
        qTo6d(q, 0, r, 0);
        q6dToQuat(r, 0, back, 0);
        expect(qAngle(q, 0, back, 0)).toBeLessThan(1e-6);
      }),
    );
  });

  it('matrix round trip and rotation agree', () => {
    fc.assert(
      fc.property(unitQuat, (q) => {
        const m = new Float64Array(9);
        const back = new Float64Array(4);
        qToMat3(q, 0, m);
        qFromMat3(m, 0, back, 0);
        expect(qAngle(q, 0, back, 0)).toBeLessThan(1e-6);
        const v = [0.3, -0.2, 0.9];
        const a = [0, 0, 0];
        qRotateVec(q, 0, v, 0, a, 0);
        expect(a[0]).toBeCloseTo(m[0] * v[0] + m[1] * v[1] + m[2] * v[2], 9);
        expect(a[1]).toBeCloseTo(m[3] * v[0] + m[4] * v[1] + m[5] * v[2], 9);
      }),
    );
  });

  it('Euler ZXY composes as Rz·Rx·Ry, heading reads yaw back, slerp ends match', () => {
    const e = [0, 0, 0, 1];
    qFromEuler(e, 0, 'ZXY', 0.3, -0.2, 0.7);
    const z = [0, 0, 0, 1], x = [0, 0, 0, 1], y = [0, 0, 0, 1], m = [0, 0, 0, 1];
    qFromAxisAngle(z, 0, 0, 0, 1, 0.3);
    qFromAxisAngle(x, 0, 1, 0, 0, -0.2);
    qFromAxisAngle(y, 0, 0, 1, 0, 0.7);
    qMul(z, 0, x, 0, m, 0);
    qMul(m, 0, y, 0, m, 0);
    expect(qAngle(e, 0, m, 0)).toBeLessThan(1e-6);
    const yaw = [0, 0, 0, 1];
    qFromYaw(yaw, 0, 2.5);
    expect(qHeading(yaw, 0)).toBeCloseTo(2.5, 9);
    const s = [0, 0, 0, 0];
    qSlerp(e, 0, yaw, 0, 1, s, 0);
    expect(qAngle(s, 0, yaw, 0)).toBeLessThan(1e-6);
  });
});

describe('random', () => {
  it('is reproducible per seed and forks independently', () => {
    const a = new Rng(7), b = new Rng(7), c = new Rng(8);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    expect(new Rng(7).fork('x').next()).toBe(new Rng(7).fork('x').next());
    const r = new Rng(1);
    let s = 0, s2 = 0;
    for (let i = 0; i < 20000; i++) { const v = r.normal(); s += v; s2 += v * v; }
    expect(Math.abs(s / 20000)).toBeLessThan(0.03);
    expect(Math.abs(s2 / 20000 - 1)).toBeLessThan(0.05);
  });
});

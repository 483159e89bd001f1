// posture.ts: the mean root height, pelvis tilt and trunk lean of a clip, and the mean change between paired clips.
import { describe, expect, it } from 'vitest';
import { cloneClip, emptyClip, type Clip } from '../../src/core/motion/clip';
import { clipPosture, postureBias } from '../../src/core/motion/posture';
import { qFromAxisAngle } from '../../src/core/motion/quat';
import { J, NUM_JOINTS, STANDING_PELVIS_HEIGHT } from '../../src/core/motion/skeleton';

function standing(): Clip {
  const c = emptyClip(10);
  for (let f = 0; f < c.nFrames; f++) c.rootPos[f * 3 + 1] = STANDING_PELVIS_HEIGHT;
  return c;
}

describe('clipPosture', () => {
  it('an upright rest pose has no tilt and no lean, at the standing pelvis height', () => {
    const p = clipPosture(standing());
    expect(p.rootHeight).toBeCloseTo(STANDING_PELVIS_HEIGHT, 5);
    expect(p.pelvisTiltDeg).toBeCloseTo(0, 3);
    expect(p.trunkLeanDeg).toBeLessThan(2);
  });

  it('measures a pelvis pitched 30° forward as 30° of tilt and of lean, whatever the heading', () => {
    const c = standing();
    const lean0 = clipPosture(c).trunkLeanDeg;
    for (let f = 0; f < c.nFrames; f++) qFromAxisAngle(c.rotations, f * NUM_JOINTS * 4, 1, 0, 0, Math.PI / 6);
    const p = clipPosture(c);
    expect(p.pelvisTiltDeg).toBeCloseTo(30, 3);
    expect(Math.abs(p.trunkLeanDeg - 30)).toBeLessThan(lean0 + 0.5);
    // turning about the vertical does not count as tilt
    const yaw = standing();
    for (let f = 0; f < yaw.nFrames; f++) qFromAxisAngle(yaw.rotations, f * NUM_JOINTS * 4, 0, 1, 0, 2);
    expect(clipPosture(yaw).pelvisTiltDeg).toBeCloseTo(0, 3);
  });

  it('postureBias is the mean change after − before, in mm and degrees', () => {
    const a = standing();
    const b = cloneClip(a);
    for (let f = 0; f < b.nFrames; f++) {
      b.rootPos[f * 3 + 1] -= 0.01;
      qFromAxisAngle(b.rotations, (f * NUM_JOINTS + J.pelvis) * 4, 0, 0, 1, Math.PI / 18);
    }
    const bias = postureBias([a, a], [b, a]);
    expect(bias.rootHeightMm).toBeCloseTo(-5, 3);
    expect(bias.pelvisTiltDeg).toBeCloseTo(5, 3);
    expect(() => postureBias([a], [])).toThrow(/1 inputs but 0 outputs/);
  });
});

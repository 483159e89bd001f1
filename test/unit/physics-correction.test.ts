// Correction strength γ for a batch: t = γ/(1+γ); mixture replaces samples with probability t, blend moves each
// sample a fraction t towards its corrected version; seeded.
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyClip, type Clip } from '../../src/core/motion/clip';
import { qAngle, qFromAxisAngle } from '../../src/core/motion/quat';
import { J, NUM_JOINTS, STANDING_PELVIS_HEIGHT } from '../../src/core/motion/skeleton';
import { applyCorrection, initPhysics } from '../../src/core/physics/index';

function clip(i: number, nFrames = 4): Clip {
  const c = emptyClip(nFrames);
  c.id = `c${i}`;
  for (let f = 0; f < nFrames; f++) {
    c.rootPos[f * 3 + 1] = STANDING_PELVIS_HEIGHT + 0.1; // floating: the corrector changes it
    qFromAxisAngle(c.rotations, (f * NUM_JOINTS + J.left_shoulder) * 4, 0, 0, 1, -1.2);
  }
  return c;
}

describe('applyCorrection', () => {
  beforeAll(async () => {
    await initPhysics();
  });

  it('rejects bad γ and bad modes (γ → t itself: params.test.ts)', () => {
    expect(() => applyCorrection([clip(0)], -1, { seed: 1 })).toThrow(/gamma must be ≥ 0/);
    expect(() => applyCorrection([clip(0)], NaN, { seed: 1 })).toThrow(/gamma/);
    expect(() => applyCorrection([clip(0)], 1, { seed: 1, mode: 'swap' as never })).toThrow(/mode/);
  });

  it('γ = 0 leaves every sample as it is; γ = ∞ corrects every sample', () => {
    const batch = [clip(0), clip(1), clip(2)];
    const none = applyCorrection(batch, 0, { seed: 1 });
    expect(none.clips).toEqual(batch);
    expect(none.clips[0]).toBe(batch[0]);
    expect(none.corrected).toEqual([false, false, false]);
    expect(none.reports).toEqual([null, null, null]);
    const all = applyCorrection(batch, Infinity, { seed: 1 });
    expect(all.corrected).toEqual([true, true, true]);
    for (const r of all.reports) expect(r?.mpjpeMm).toBeGreaterThan(0);
    expect(all.clips[0]).not.toBe(batch[0]);
  });

  it('mixture corrects a fraction t of the samples, the same ones for the same seed', () => {
    const batch = Array.from({ length: 40 }, (_, i) => clip(i, 2));
    const a = applyCorrection(batch, 1, { seed: 42 });
    const b = applyCorrection(batch, 1, { seed: 42 });
    const c = applyCorrection(batch, 1, { seed: 43 });
    const k = a.corrected.filter(Boolean).length;
    expect(k).toBeGreaterThanOrEqual(12);
    expect(k).toBeLessThanOrEqual(28);
    expect(b.corrected).toEqual(a.corrected);
    expect(c.corrected).not.toEqual(a.corrected);
    a.clips.forEach((x, i) => (a.corrected[i] ? expect(x).not.toBe(batch[i]) : expect(x).toBe(batch[i])));
    const small = applyCorrection(batch, 0.25, { seed: 42 }).corrected.filter(Boolean).length;
    expect(small).toBeLessThan(k);
  });

  it('blend moves each sample a fraction t of the way to its corrected version', () => {
    const batch = [clip(0, 6)];
    const full = applyCorrection(batch, Infinity, { seed: 1, mode: 'blend' }).clips[0];
    const half = applyCorrection(batch, 1, { seed: 1, mode: 'blend' });
    expect(half.corrected).toEqual([true]);
    const h = half.clips[0];
    for (let i = 0; i < h.rootPos.length; i++) expect(h.rootPos[i]).toBeCloseTo((batch[0].rootPos[i] + full.rootPos[i]) / 2, 5);
    for (let o = 0; o < h.rotations.length; o += 4) {
      const total = qAngle(batch[0].rotations, o, full.rotations, o);
      expect(qAngle(batch[0].rotations, o, h.rotations, o)).toBeCloseTo(total / 2, 2);
    }
  });
});

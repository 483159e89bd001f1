// The physics corrector on good motion (it keeps it), its determinism, its robustness to absurd input, and that
// every Rapier world it creates is freed.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cloneClip, emptyClip, type Clip } from '../../src/core/motion/clip';
import { qFromAxisAngle } from '../../src/core/motion/quat';
import { J, NUM_JOINTS, STANDING_PELVIS_HEIGHT } from '../../src/core/motion/skeleton';
import { generateTestSplit } from '../../src/core/motion/dataset/index';
import { correct, initPhysics } from '../../src/core/physics/index';
import { rapier } from '../../src/core/physics/rapier';

function standing(nFrames = 60): Clip {
  const c = emptyClip(nFrames);
  c.id = 'stand';
  for (let f = 0; f < nFrames; f++) {
    c.rootPos[f * 3 + 1] = STANDING_PELVIS_HEIGHT;
    qFromAxisAngle(c.rotations, (f * NUM_JOINTS + J.left_shoulder) * 4, 0, 0, 1, -1.3);
    qFromAxisAngle(c.rotations, (f * NUM_JOINTS + J.right_shoulder) * 4, 0, 0, 1, 1.3);
  }
  return c;
}

function allFinite(c: Clip): boolean {
  return c.rootPos.every(Number.isFinite) && c.rotations.every(Number.isFinite);
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];

describe('correct', () => {
  beforeAll(async () => {
    await initPhysics();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('keeps a standing pose standing: small MPJPE, no reset, feet on the floor', () => {
    const input = standing();
    const { clip, report } = correct(input);
    expect(clip.nFrames).toBe(60);
    expect(allFinite(clip)).toBe(true);
    expect(report.mpjpeMm).toBeLessThan(30);
    expect(report.resets).toBe(0);
    expect(report.after.penetrate).toBeLessThanOrEqual(5);
    expect(report.after.float).toBeLessThanOrEqual(5);
    expect(report.failSafe).toBeUndefined();
    // the input is not modified
    expect(input.rootPos[1]).toBe(Math.fround(STANDING_PELVIS_HEIGHT));
  });

  it('keeps good motion from the test split (12 clips, one per class)', () => {
    const clips = generateTestSplit(12);
    const reports = clips.map((c) => correct(c).report);
    expect(median(reports.map((r) => r.mpjpeMm))).toBeLessThanOrEqual(60);
    expect(reports.filter((r) => r.resets > 0).length).toBeLessThanOrEqual(1);
    // median clip no worse than its input + 2 mm Phys-Err
    expect(median(reports.map((r) => r.after.physErr - r.before.physErr))).toBeLessThanOrEqual(2);
    for (const r of reports) expect(r.after.penetrate).toBeLessThanOrEqual(5);
  });

  it("keeps the input's leaf-joint rotations (toes, head, wrists), which no joint position depends on", () => {
    const c = generateTestSplit(3)[2];
    const leaves = [J.left_foot, J.right_foot, J.head, J.left_wrist, J.right_wrist];
    const maxLeafDiff = (out: Clip): number => {
      let m = 0;
      for (let f = 0; f < c.nFrames; f++) {
        for (const j of leaves) {
          const k = (f * NUM_JOINTS + j) * 4;
          // |dot| of unit quaternions: 1 when the rotations are equal
          const d = Math.abs(c.rotations[k] * out.rotations[k] + c.rotations[k + 1] * out.rotations[k + 1] + c.rotations[k + 2] * out.rotations[k + 2] + c.rotations[k + 3] * out.rotations[k + 3]);
          m = Math.max(m, 1 - d);
        }
      }
      return m;
    };
    expect(maxLeafDiff(correct(c).clip)).toBeLessThan(1e-6);
    // the simulation itself does move them: without the option they differ
    expect(maxLeafDiff(correct(c, { keepLeafRotations: false }).clip)).toBeGreaterThan(1e-4);
  });

  it('without the velocity feed-forward, correcting a corrected clip adds less jitter', () => {
    const c = generateTestSplit(4)[3];
    const twice = (o: { velocityFeedForward: boolean }) => correct(correct(c, o).clip, o).report.after.jitter;
    expect(twice({ velocityFeedForward: false })).toBeLessThan(twice({ velocityFeedForward: true }));
  });

  it('is deterministic: same input and options, identical output', () => {
    const c = generateTestSplit(2)[1];
    const a = correct(c, { seed: 3 });
    const b = correct(c, { seed: 3 });
    expect(Array.from(a.clip.rotations)).toEqual(Array.from(b.clip.rotations));
    expect(Array.from(a.clip.rootPos)).toEqual(Array.from(b.clip.rootPos));
    expect(a.report.mpjpeMm).toBe(b.report.mpjpeMm);
  });

  it('rejects NaN and malformed clips with a clear message', () => {
    const c = standing(10);
    c.rootPos[7] = NaN;
    expect(() => correct(c)).toThrow(/rootPos is not finite at frame 2/);
    const d = standing(10);
    d.rotations[(3 * NUM_JOINTS + J.left_knee) * 4] = Infinity;
    expect(() => correct(d)).toThrow(/rotation of joint 4 is not finite at frame 3/);
    const e = standing(10);
    e.rotations = e.rotations.slice(0, 8);
    expect(() => correct(e)).toThrow(/rotations has 8 values/);
    expect(() => correct(standing(10), { simHz: 100 })).toThrow(/simHz/);
  });

  it('survives absurd finite input without NaN and without hanging', () => {
    // a joint rotated by 1e6 rad (every frame a different wild angle)
    const wild = standing(20);
    for (let f = 0; f < 20; f++) qFromAxisAngle(wild.rotations, (f * NUM_JOINTS + J.left_hip) * 4, 0.6, 0, 0.8, 1e6 * (f + 1));
    const w = correct(wild);
    expect(allFinite(w.clip)).toBe(true);
    expect(Number.isFinite(w.report.mpjpeMm)).toBe(true);
    // unnormalised and zero quaternions
    const junk = standing(20);
    for (let i = 0; i < junk.rotations.length; i++) junk.rotations[i] *= 1000;
    junk.rotations.fill(0, 40, 44);
    expect(allFinite(correct(junk).clip)).toBe(true);
    // a root 1 km up: fail-safe result, the (sanitised) input back
    const high = standing(20);
    for (let f = 0; f < 20; f++) high.rootPos[f * 3 + 1] = 1000;
    const h = correct(high);
    expect(h.report.failSafe).toMatch(/out of range/);
    expect(allFinite(h.clip)).toBe(true);
    expect(h.clip.rootPos[1]).toBe(1000);
    // the pose changes completely every frame
    const jump = standing(20);
    for (let f = 0; f < 20; f += 2) jump.rootPos[f * 3] = 3;
    const j = correct(jump);
    expect(allFinite(j.clip)).toBe(true);
    expect(j.report.resets).toBeGreaterThan(0);
  });

  it('handles a 2-frame clip and other frame rates', () => {
    const two = standing(2);
    expect(correct(two).clip.nFrames).toBe(2);
    const c30 = cloneClip(standing(30));
    c30.fps = 30;
    const r = correct(c30);
    expect(r.clip.fps).toBe(30);
    expect(r.report.mpjpeMm).toBeLessThan(30);
  });

  it('frees every Rapier world it creates (memory stays flat over many corrections)', () => {
    const R = rapier();
    const free = vi.spyOn(R.World.prototype, 'free');
    const c = standing(6);
    for (let i = 0; i < 20; i++) correct(c);
    expect(free).toHaveBeenCalledTimes(20);
    // also when the clip is rejected before simulation: no world is left behind
    const bad = standing(6);
    bad.rootPos[0] = NaN;
    expect(() => correct(bad)).toThrow();
    expect(free).toHaveBeenCalledTimes(20);
  });
});

// Artifact injection (what each kind does to a clip) and the corrector fixing each kind on test-split clips.
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyClip, type Clip } from '../../src/core/motion/clip';
import { jointPositions } from '../../src/core/motion/fk';
import { NUM_JOINTS, STANDING_PELVIS_HEIGHT } from '../../src/core/motion/skeleton';
import { generateTestSplit } from '../../src/core/motion/dataset/index';
import { Rng } from '../../src/core/random';
import { ARTIFACT_KINDS, handTorsoPenetration, injectArtifact } from '../../src/core/physics/artifacts';
import { evaluateArtifact } from '../../src/core/physics/correctorEvaluation';
import { initPhysics } from '../../src/core/physics/index';

function standing(): Clip {
  const c = emptyClip();
  for (let f = 0; f < c.nFrames; f++) c.rootPos[f * 3 + 1] = STANDING_PELVIS_HEIGHT;
  return c;
}

/** 8 test-split clips: one each of walk, run, jump, wave, squat, kick, punch, turn. */
const CLIPS = generateTestSplit(8);

describe('injectArtifact', () => {
  it('is seeded, returns a copy and leaves the input alone', () => {
    const c = CLIPS[0];
    const before = c.rootPos.slice();
    for (const kind of ARTIFACT_KINDS) {
      const a = injectArtifact(c, kind, new Rng(5));
      const b = injectArtifact(c, kind, new Rng(5));
      expect(Array.from(a.rotations)).toEqual(Array.from(b.rotations));
      expect(Array.from(a.rootPos)).toEqual(Array.from(b.rootPos));
      expect(a.meta?.artifact).toBe(kind);
    }
    expect(Array.from(c.rootPos)).toEqual(Array.from(before));
    expect(() => injectArtifact(c, 'melt' as never, new Rng(1))).toThrow(/unknown artifact kind "melt"/);
  });

  it('does what each kind says', () => {
    const c = standing();
    const y = (x: Clip) => x.rootPos[31];
    const sink = injectArtifact(c, 'sink', new Rng(1));
    expect(y(c) - y(sink)).toBeGreaterThanOrEqual(0.05 - 1e-6);
    expect(y(c) - y(sink)).toBeLessThanOrEqual(0.1 + 1e-6);
    expect(y(injectArtifact(c, 'float', new Rng(1))) - y(c)).toBeCloseTo(0.1, 5);
    const slide = injectArtifact(c, 'slide', new Rng(1));
    const drift = Math.hypot(slide.rootPos[59 * 3] - slide.rootPos[0], slide.rootPos[59 * 3 + 2] - slide.rootPos[2]);
    expect(drift).toBeGreaterThan(0.15 * 2.9);
    expect(drift).toBeLessThan(0.3 * 3);
    // jitter: joints displaced by about 2 cm (σ), differently every frame
    const p0 = jointPositions(c), p1 = jointPositions(injectArtifact(c, 'jitter', new Rng(1)));
    let s = 0;
    for (let i = 0; i < p0.length; i += 3) s += Math.hypot(p1[i] - p0[i], p1[i + 1] - p0[i + 1], p1[i + 2] - p0[i + 2]);
    const meanDisp = s / (p0.length / 3);
    expect(meanDisp).toBeGreaterThan(0.01);
    expect(meanDisp).toBeLessThan(0.045);
    // a hand goes through the chest
    expect(handTorsoPenetration(c)).toBe(0);
    expect(handTorsoPenetration(injectArtifact(c, 'hand-through-torso', new Rng(1)))).toBeGreaterThan(8);
  });
});

describe('correct fixes artifacts (8 test-split clips per kind)', () => {
  beforeAll(async () => {
    await initPhysics();
  });

  it('sink: feet pulled out of the floor', () => {
    const f = evaluateArtifact(CLIPS, 'sink', 11);
    expect(f.physErrBefore).toBeGreaterThan(40);
    expect(f.physErrAfter).toBeLessThanOrEqual(0.2 * f.physErrBefore);
    expect(f.penetrateAfter).toBeLessThanOrEqual(5);
  });

  it('float: the body comes down to the floor', () => {
    const f = evaluateArtifact(CLIPS, 'float', 12);
    expect(f.physErrBefore).toBeGreaterThan(40);
    expect(f.physErrAfter).toBeLessThanOrEqual(0.2 * f.physErrBefore);
    expect(f.penetrateAfter).toBeLessThanOrEqual(5);
  });

  it('jitter: noise removed', () => {
    const f = evaluateArtifact(CLIPS, 'jitter', 13);
    expect(f.physErrBefore).toBeGreaterThan(20);
    expect(f.physErrAfter).toBeLessThanOrEqual(0.2 * f.physErrBefore);
    expect(f.penetrateAfter).toBeLessThanOrEqual(5);
  });

  it('slide: planted feet stop sliding (Skate); Phys-Err only partly, the body leans instead', () => {
    const f = evaluateArtifact(CLIPS, 'slide', 14);
    expect(f.skateBefore).toBeGreaterThan(5);
    expect(f.skateAfter).toBeLessThanOrEqual(0.3 * f.skateBefore);
    expect(f.physErrAfter).toBeLessThan(f.physErrBefore);
    expect(f.penetrateAfter).toBeLessThanOrEqual(5);
  });

  it('hand-through-torso: the hand stays outside the chest', () => {
    const f = evaluateArtifact(CLIPS, 'hand-through-torso', 15);
    expect(f.handDepthBefore).toBeGreaterThan(8);
    expect(f.handDepthAfter).toBeLessThanOrEqual(0.2 * (f.handDepthBefore ?? 0));
    expect(f.penetrateAfter).toBeLessThanOrEqual(5);
    expect(f.physErrAfter).toBeLessThanOrEqual(f.physErrBefore + 5);
  });

  it('keeps the number of joints and frames', () => {
    const c = injectArtifact(CLIPS[3], 'jitter', new Rng(2));
    expect(c.rotations.length).toBe(CLIPS[3].nFrames * NUM_JOINTS * 4);
  });
});

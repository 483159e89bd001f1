// Imperfect motion: the diffusion-style corruptions of imperfect.ts (what each does, seeded), and the corrector
// making imperfect motion better, not worse: on corrupted test clips and on real samples of a briefly trained
// diffusion model (test/fixtures/physics/generated-tiny.json), Phys-Err and jitter go down, the output stays near
// the input, and (almost) no clip needs a fail-safe reset.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipsFromDatasetJson } from '../../src/core/motion/datasetJson';
import { generateTestSplit } from '../../src/core/motion/dataset/index';
import { clipPhysMetrics } from '../../src/core/motion/physMetrics';
import { Rng } from '../../src/core/random';
import { evaluateImperfect, type ImperfectFigures } from '../../src/core/physics/correctorEvaluation';
import { IMPERFECT_KINDS, corruptImperfect, imperfectSet } from '../../src/core/physics/imperfect';
import { correct, initPhysics } from '../../src/core/physics/index';

const TEST = generateTestSplit(10);

const FIXTURE = new URL('../fixtures/physics/generated-tiny.json', import.meta.url);
/** The 15 generated samples (how they were made: test/fixtures/physics/README.md). */
const generated = () => clipsFromDatasetJson(JSON.parse(readFileSync(FIXTURE, 'utf8')), 'generated-tiny.json');

describe('corruptImperfect', () => {
  it('is seeded, returns a copy and leaves the input alone', () => {
    const c = TEST[0];
    const rot = c.rotations.slice();
    const root = c.rootPos.slice();
    for (const kind of IMPERFECT_KINDS) {
      const a = corruptImperfect(c, kind, new Rng(4));
      const b = corruptImperfect(c, kind, new Rng(4));
      expect(Array.from(a.rotations)).toEqual(Array.from(b.rotations));
      expect(Array.from(a.rootPos)).toEqual(Array.from(b.rootPos));
      expect(a.meta?.imperfect).toBe(kind);
      expect(a.flight).toBeUndefined();
    }
    expect(Array.from(c.rotations)).toEqual(Array.from(rot));
    expect(Array.from(c.rootPos)).toEqual(Array.from(root));
    expect(() => corruptImperfect(c, 'melt' as never, new Rng(1))).toThrow(/unknown kind "melt"/);
  });

  it('makes the motion worse the way each kind says', () => {
    const c = TEST[3]; // wave: feet planted all along
    const m0 = clipPhysMetrics(c);
    const m = (k: (typeof IMPERFECT_KINDS)[number]) => clipPhysMetrics(corruptImperfect(c, k, new Rng(2)));
    expect(m('hf-jitter').jitter).toBeGreaterThan(5 * m0.jitter);
    expect(m('skate').skate).toBeGreaterThan(m0.skate + 5);
    expect(m('off-balance').physErr).toBeGreaterThan(m0.physErr + 10);
    expect(m('smooth-noise').physErr).toBeGreaterThan(m0.physErr + 5);
    // smooth noise is smooth: far less jerk than frame-independent jitter of similar size
    expect(m('smooth-noise').jitter).toBeLessThan(m('hf-jitter').jitter);
    expect(m('mixture').physErr).toBeGreaterThan(m0.physErr + 10);
  });

  it('imperfectSet cycles the kinds and names each clip after its kind', () => {
    const set = imperfectSet(TEST.slice(0, 5), 1);
    expect(set.map((c) => c.meta?.imperfect)).toEqual([...IMPERFECT_KINDS]);
    expect(set[2].id).toBe(`${TEST[2].id}~off-balance`);
    expect(Array.from(imperfectSet(TEST.slice(0, 5), 1)[4].rotations)).toEqual(Array.from(set[4].rotations));
  });
});

function expectBetter(fig: ImperfectFigures, perClip: { physErrWorse: number; jitterWorse: number; resets: number }): void {
  expect(fig.physErrAfter).toBeLessThan(0.5 * fig.physErrBefore);
  expect(fig.jitterAfter).toBeLessThan(0.5 * fig.jitterBefore);
  expect(fig.medianMpjpeMm).toBeLessThan(100);
  expect(fig.physErrWorsePercent).toBeLessThanOrEqual(perClip.physErrWorse);
  expect(fig.jitterWorsePercent).toBeLessThanOrEqual(perClip.jitterWorse);
  expect(fig.resetClipPercent).toBeLessThanOrEqual(perClip.resets);
}

describe('correct on imperfect motion', () => {
  beforeAll(async () => {
    await initPhysics();
  });

  it('lowers Phys-Err and jitter of corrupted test clips (2 clips per kind) and stays near them', () => {
    const set = imperfectSet(TEST, 1);
    const { all } = evaluateImperfect(set);
    // every clip's Phys-Err goes down; jitter of at most 3 in 10 clips (the smooth corruptions are barely jerkier
    // than clean motion) may end a little higher
    expectBetter(all, { physErrWorse: 0, jitterWorse: 30, resets: 10 });
  });

  it('lowers Phys-Err and jitter of real samples of a briefly trained diffusion model', () => {
    const gen = generated();
    expect(gen.length).toBe(15);
    const { all } = evaluateImperfect(gen);
    // no clip is worse in Phys-Err or jitter, at most 2 of 15 need a reset
    expectBetter(all, { physErrWorse: 0, jitterWorse: 0, resets: 100 * (2 / 15) });
  });

  it('the corrected generated samples are physical: no penetration, finite, same length', () => {
    for (const c of generated().slice(0, 4)) {
      const { clip, report } = correct(c);
      expect(clip.nFrames).toBe(c.nFrames);
      expect(clip.rotations.every(Number.isFinite)).toBe(true);
      expect(report.after.penetrate).toBeLessThanOrEqual(5);
    }
  });

  it('PI pelvis support (rootIntegralGain) removes the sag and forward lean that PD support adds', () => {
    const gen = generated();
    const pd = evaluateImperfect(gen).all.bias;
    const pi = evaluateImperfect(gen, { rootIntegralGain: 5 }).all.bias;
    // measured: PD leans the 15 generated samples 6.6° forward and lowers them 12.7 mm; PI 1.3° and +3.0 mm
    expect(pd.pelvisTiltDeg).toBeGreaterThan(4);
    expect(pi.pelvisTiltDeg).toBeLessThan(2.5);
    expect(pd.rootHeightMm).toBeLessThan(-8);
    expect(Math.abs(pi.rootHeightMm)).toBeLessThan(6);
  });
});

// The walk-vs-jump statistic of the quality check separates real walks from real jumps, and real clips touch the
// floor within its 5 cm tolerance (so the same check on samples measures the model, not the statistic).
import { describe, expect, it } from 'vitest';
import { AIRBORNE_CLEARANCE, classifyWalkJump, clipLowestPoint, flightClearance, FLOOR_WITHIN, rootStats, scoreWalkJump } from '../../src/core/diffusion/walkJump';
import { generateDataset } from '../../src/core/motion/dataset/index';

describe('walk/jump statistic', () => {
  const clips = generateDataset({ n: 240, seed: 11 }).filter((c) => c.label === 'walk' || c.label === 'jump');
  it('classifies every real walk as walk and every real jump as jump', () => {
    expect(clips.length).toBe(40);
    for (const c of clips) expect(classifyWalkJump(rootStats(c))).toBe(c.label);
  });
  it('real clips have their lowest point on the floor within 5 cm', () => {
    for (const c of clips) expect(Math.abs(clipLowestPoint(c))).toBeLessThanOrEqual(FLOOR_WITHIN);
  });
  it('flight clearance: every real jump leaves the ground by ≥ 0.12 m; no other class does (squats pass the range test)', () => {
    const all = generateDataset({ n: 240, seed: 11 });
    for (const c of all) {
      if (c.label === 'jump') expect(flightClearance(c), c.caption).toBeGreaterThanOrEqual(AIRBORNE_CLEARANCE);
      else expect(flightClearance(c), `${c.label}: ${c.caption}`).toBeLessThan(AIRBORNE_CLEARANCE);
    }
    const squats = all.filter((c) => c.label === 'squat');
    expect(squats.some((c) => classifyWalkJump(rootStats(c)) === 'jump')).toBe(true); // why jumpAirborne exists
  });
  it('scoreWalkJump on real clips laid out as samples: walks walk, jumps jump and fly; squats in the jump slots do not fly', () => {
    const walks = clips.filter((c) => c.label === 'walk').slice(0, 8);
    const jumps = clips.filter((c) => c.label === 'jump').slice(0, 8);
    const r = scoreWalkJump([...walks, ...jumps], 8);
    expect(r).toMatchObject({ walkAccuracy: 1, jumpAccuracy: 1, jumpAirborne: 1, finite: 1, onFloor: 1 });
    const squats = generateDataset({ n: 240, seed: 11 }).filter((c) => c.label === 'squat' && classifyWalkJump(rootStats(c)) === 'jump').slice(0, 2);
    const mixed = scoreWalkJump([...walks.slice(0, 4), ...jumps.slice(0, 2), ...squats], 4);
    expect(mixed.jumpAccuracy).toBe(1);
    expect(mixed.jumpAirborne).toBe(0.5);
    expect(() => scoreWalkJump(walks, 8)).toThrow(/expected 2 × 8/);
  });
  it('a motion that stays in place without vertical motion is neither', () => {
    expect(classifyWalkJump({ displacement: 0.1, verticalRange: 0.02 })).toBe('neither');
  });
});

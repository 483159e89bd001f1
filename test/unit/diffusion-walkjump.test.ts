// The walk-vs-jump statistic of the quality check separates real walks from real jumps, and real clips touch the
// floor within its 5 cm tolerance (so the same check on samples measures the model, not the statistic).
import { describe, expect, it } from 'vitest';
import { classifyWalkJump, clipLowestPoint, FLOOR_WITHIN, rootStats } from '../../src/core/diffusion/walkJump';
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
  it('a motion that stays in place without vertical motion is neither', () => {
    expect(classifyWalkJump({ displacement: 0.1, verticalRange: 0.02 })).toBe('neither');
  });
});

// Shared by the loop tests: a cheap stand-in for the evaluator, so loop runs can be compared exactly without
// training or loading the real one.

import type { EvaluateFn, MotionMetrics } from '../../src/core/loop/types';

/** Stand-in metric: statistics of the generated root heights and one rotation channel (depends on every weight). */
export const stubEvaluate: EvaluateFn = (clips) => {
  let h = 0, s = 0;
  for (const c of clips) for (let f = 0; f < c.nFrames; f++) {
    h += c.rootPos[f * 3 + 1];
    s += Math.abs(c.rotations[f * 88 + 5]);
  }
  const k = clips.length * clips[0].nFrames;
  const m: MotionMetrics = {
    fid: h / k, diversity: s / k, multimodality: null, matching: 0, rPrecision: [0, 0, 0], accuracy: 0,
    penetrate: 0, float: 0, skate: 0, physErr: 0, jitter: 0, n: clips.length,
  };
  return m;
};

// The viewer's pause on a CPU rasteriser when a run starts (src/app/viewer/softwarePlayback.ts): only there, only
// when a run has just become busy, and only if it was playing.

import { describe, expect, it } from 'vitest';
import { pauseForRun } from '../../src/app/viewer/softwarePlayback';

describe('pauseForRun', () => {
  it('pauses a playing viewer on a CPU rasteriser when a run starts', () => {
    expect(pauseForRun(true, false, true, true)).toBe(true);
  });
  it('leaves playback alone with a GPU, while the run goes on, when idle, or when already paused', () => {
    expect(pauseForRun(false, false, true, true)).toBe(false); // GPU-accelerated WebGL
    expect(pauseForRun(true, true, true, true)).toBe(false); // the user pressed Play during the run
    expect(pauseForRun(true, true, false, true)).toBe(false); // the run stopped
    expect(pauseForRun(true, false, false, true)).toBe(false); // no run
    expect(pauseForRun(true, false, true, false)).toBe(false); // already paused
  });
});

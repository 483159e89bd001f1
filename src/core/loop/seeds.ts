// Named seed streams of a loop run. Every random choice of generation g draws from a seed derived from the run
// seed and a label such as "g3/sample", never from a running generator, so a run resumed from a checkpoint makes
// exactly the same draws as an uninterrupted one. The labels do not name the arm: all arms share common random
// numbers (same conditioning captions, sampler noise, batches), so they differ only by what the arm does.

import { Rng } from '../random';

export function seedFor(runSeed: number, label: string): number {
  return new Rng(runSeed).fork(label).nextUint32();
}

export function rngFor(runSeed: number, label: string): Rng {
  return new Rng(seedFor(runSeed, label));
}

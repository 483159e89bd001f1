// Foot contacts as the viewer marks them: the same on-floor test the physics metrics use for Skate (a foot point's
// sole within the 5 mm floor tolerance, src/core/motion/physMetrics footContacts), per frame and foot point.

import { FOOT_POINTS, footContacts } from '../../core/motion/physMetrics';

/** The joints whose floor contact is marked, in the order of the flags' columns (left ankle, left toe, right …). */
export const CONTACT_JOINTS: readonly number[] = FOOT_POINTS;

/** nFrames × 4 flags: 1 where that foot point touches the floor in that frame. Computed once per clip. */
export function footContactFlags(positions: Float32Array, nFrames: number): Uint8Array {
  return footContacts(positions, nFrames);
}

/** Fraction of frames in which at least one foot point touches the floor. */
export function supportedFraction(flags: Uint8Array, nFrames: number): number {
  if (nFrames <= 0) return 0;
  let n = 0;
  for (let f = 0; f < nFrames; f++) {
    if (flags[f * 4] || flags[f * 4 + 1] || flags[f * 4 + 2] || flags[f * 4 + 3]) n++;
  }
  return n / nFrames;
}

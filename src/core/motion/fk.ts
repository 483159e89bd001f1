// Forward kinematics: joint positions (and optionally global rotations) of every frame of a clip, from its root
// trajectory and local rotations over the fixed skeleton. Plain loops over typed arrays; no allocation per frame.

import type { Clip } from './clip';
import { NUM_JOINTS, PARENTS, REST_OFFSETS } from './skeleton';
import { qMul, qRotateVec } from './quat';

/**
 * Joint positions for frames of (rootPos, rotations): returns nFrames × 22 × 3 metres.
 * `globalRot`, if given (nFrames × 22 × 4), receives each joint's world rotation.
 */
export function forwardKinematicsArrays(
  rootPos: ArrayLike<number>,
  rotations: Float32Array | Float64Array,
  nFrames: number,
  out: Float32Array = new Float32Array(nFrames * NUM_JOINTS * 3),
  globalRot: Float32Array | Float64Array = new Float64Array(nFrames * NUM_JOINTS * 4),
): Float32Array {
  const v = new Float64Array(3);
  const pos = new Float64Array(NUM_JOINTS * 3);
  for (let f = 0; f < nFrames; f++) {
    const rb = f * NUM_JOINTS * 4;
    const pb = f * NUM_JOINTS * 3;
    for (let j = 0; j < NUM_JOINTS; j++) {
      const p = PARENTS[j];
      if (p < 0) {
        globalRot[rb] = rotations[rb];
        globalRot[rb + 1] = rotations[rb + 1];
        globalRot[rb + 2] = rotations[rb + 2];
        globalRot[rb + 3] = rotations[rb + 3];
        pos[0] = rootPos[f * 3];
        pos[1] = rootPos[f * 3 + 1];
        pos[2] = rootPos[f * 3 + 2];
      } else {
        qMul(globalRot, rb + p * 4, rotations, rb + j * 4, globalRot, rb + j * 4);
        qRotateVec(globalRot, rb + p * 4, REST_OFFSETS, j * 3, v, 0);
        pos[j * 3] = pos[p * 3] + v[0];
        pos[j * 3 + 1] = pos[p * 3 + 1] + v[1];
        pos[j * 3 + 2] = pos[p * 3 + 2] + v[2];
      }
      out[pb + j * 3] = pos[j * 3];
      out[pb + j * 3 + 1] = pos[j * 3 + 1];
      out[pb + j * 3 + 2] = pos[j * 3 + 2];
    }
  }
  return out;
}

/** Joint positions of a clip: nFrames × 22 × 3 metres. */
export function jointPositions(clip: Clip): Float32Array {
  return forwardKinematicsArrays(clip.rootPos, clip.rotations, clip.nFrames);
}

// The diffusion model's per-frame feature vector and its exact inverse. A clip becomes nFrames × FEATURE_DIM
// numbers that do not depend on where the clip starts or which way it faces; featuresToClip rebuilds the clip
// (up to the frame-0 start, which `start` restores) to float precision.
//
// Frame f layout (FEATURE_DIM = 136):
//   [0]      root (pelvis) height above the floor, metres
//   [1], [2] planar root velocity x, z from frame f to f+1, in metres per frame, expressed in the heading frame
//            of frame f (x = the body's left, z = its forward)
//   [3]      yaw rate: heading(f+1) − heading(f), wrapped to (−π, π], radians per frame
//   [4 + 6j … 9 + 6j]  6-D rotation of joint j (quat.ts qTo6d); joint 0 is the pelvis rotation with its heading
//            removed (yaw(−heading) · q), every other joint its local rotation.
// The last frame has no successor: its velocity and yaw rate repeat the previous frame's (they are never used
// when decoding, so the round trip stays exact; repeating keeps the feature statistics smooth).
// Heading = quat.ts qHeading of the pelvis rotation (forward and left axes together, so a deep bow keeps it).

import { type Clip, FPS } from './clip';
import { NUM_JOINTS } from './skeleton';
import { q6dToQuat, qFromYaw, qHeading, qMul, qTo6d, wrapAngle } from './quat';

export const ROOT_FEATURES = 4;
export const FEATURE_DIM = ROOT_FEATURES + NUM_JOINTS * 6; // 136

/** Index of the first of joint j's six rotation features within a frame. */
export function rotationFeatureOffset(j: number): number {
  return ROOT_FEATURES + 6 * j;
}

/** Where a clip starts on the floor and which way it faces at frame 0: the part the features leave out. */
export interface ClipStart {
  x: number;
  z: number;
  /** Heading of the pelvis at frame 0 (radians, see pelvisHeading). */
  heading: number;
}

export function clipStart(clip: Clip): ClipStart {
  return { x: clip.rootPos[0], z: clip.rootPos[2], heading: qHeading(clip.rotations, 0) };
}

const ORIGIN: ClipStart = { x: 0, z: 0, heading: 0 };

// scratch (module-level so the per-frame loops allocate nothing)
const yawQ = new Float64Array(4);
const tmpQ = new Float64Array(4);

/** Encode a clip as nFrames × FEATURE_DIM features (written into `out` when given). */
export function clipToFeatures(clip: Clip, out?: Float32Array): Float32Array {
  const n = clip.nFrames;
  if (n < 2) throw new Error(`clipToFeatures: clip ${clip.id || '(unnamed)'} has ${n} frames; need at least 2`);
  const size = n * FEATURE_DIM;
  if (out && out.length < size) throw new Error(`clipToFeatures: out has ${out.length} values, need ${size}`);
  const feat = out ?? new Float32Array(size);
  const { rootPos, rotations } = clip;
  const rb = NUM_JOINTS * 4;
  for (let f = 0; f < n; f++) {
    const o = f * FEATURE_DIM;
    const h = qHeading(rotations, f * rb);
    feat[o] = rootPos[f * 3 + 1];
    if (f < n - 1) {
      const dx = rootPos[(f + 1) * 3] - rootPos[f * 3];
      const dz = rootPos[(f + 1) * 3 + 2] - rootPos[f * 3 + 2];
      // rotate the world displacement by −h about Y: x' = cos·x − sin·z, z' = sin·x + cos·z
      const c = Math.cos(h), s = Math.sin(h);
      feat[o + 1] = c * dx - s * dz;
      feat[o + 2] = s * dx + c * dz;
      feat[o + 3] = wrapAngle(qHeading(rotations, (f + 1) * rb) - h);
    } else {
      feat[o + 1] = feat[o + 1 - FEATURE_DIM];
      feat[o + 2] = feat[o + 2 - FEATURE_DIM];
      feat[o + 3] = feat[o + 3 - FEATURE_DIM];
    }
    // pelvis without its heading
    qFromYaw(yawQ, 0, -h);
    qMul(yawQ, 0, rotations, f * rb, tmpQ, 0);
    qTo6d(tmpQ, 0, feat, o + ROOT_FEATURES);
    for (let j = 1; j < NUM_JOINTS; j++) qTo6d(rotations, f * rb + j * 4, feat, o + ROOT_FEATURES + 6 * j);
  }
  return feat;
}

/**
 * Decode features (nFrames × FEATURE_DIM, e.g. a model sample after denormalisation) into a 20 fps clip.
 * The frame-0 position on the floor and heading come from `info.start` (default: origin, facing +Z).
 * 6-D rotations are orthonormalised (Gram–Schmidt), so any finite input gives valid unit quaternions.
 */
export function featuresToClip(
  features: Float32Array,
  nFrames: number,
  info: { id?: string; label?: string; caption?: string; start?: ClipStart } = {},
): Clip {
  if (!Number.isInteger(nFrames) || nFrames < 1) throw new Error(`featuresToClip: nFrames must be a positive integer, got ${nFrames}`);
  if (features.length < nFrames * FEATURE_DIM) {
    throw new Error(`featuresToClip: ${features.length} values for ${nFrames} frames; need ${nFrames * FEATURE_DIM}`);
  }
  const start = info.start ?? ORIGIN;
  const rootPos = new Float32Array(nFrames * 3);
  const rotations = new Float32Array(nFrames * NUM_JOINTS * 4);
  const rb = NUM_JOINTS * 4;
  let x = start.x, z = start.z, h = start.heading;
  for (let f = 0; f < nFrames; f++) {
    const o = f * FEATURE_DIM;
    rootPos[f * 3] = x;
    rootPos[f * 3 + 1] = features[o];
    rootPos[f * 3 + 2] = z;
    q6dToQuat(features, o + ROOT_FEATURES, tmpQ, 0);
    qFromYaw(yawQ, 0, h);
    qMul(yawQ, 0, tmpQ, 0, rotations, f * rb);
    for (let j = 1; j < NUM_JOINTS; j++) q6dToQuat(features, o + ROOT_FEATURES + 6 * j, rotations, f * rb + j * 4);
    // advance the root with this frame's velocity (heading frame of f) and yaw rate
    const vx = features[o + 1], vz = features[o + 2];
    const c = Math.cos(h), s = Math.sin(h);
    x += c * vx + s * vz;
    z += -s * vx + c * vz;
    h += features[o + 3];
  }
  return {
    id: info.id ?? '',
    label: info.label ?? '',
    caption: info.caption ?? '',
    fps: FPS,
    nFrames,
    rootPos,
    rotations,
  };
}

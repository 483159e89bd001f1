// The clip: one motion as typed arrays. A clip is a root trajectory plus per-joint local rotations; joint
// positions come from forward kinematics (fk.ts). Default length 60 frames at 20 fps (3 s).

import { NUM_JOINTS } from './skeleton';

export const FPS = 20;
export const CLIP_FRAMES = 60;

export interface Clip {
  id: string;
  /** Action class, e.g. 'walk'. */
  label: string;
  /** Natural-language description, e.g. 'a person walks forward quickly'. */
  caption: string;
  fps: number;
  nFrames: number;
  /** Root (pelvis) position per frame, metres: nFrames × 3. */
  rootPos: Float32Array;
  /** Local joint rotations per frame, unit quaternions (x, y, z, w): nFrames × 22 × 4. Joint 0 is the global
   *  pelvis orientation; every other joint is relative to its parent. */
  rotations: Float32Array;
  /** Optional per-frame flag: 1 where the motion is airborne by design (a jump's flight phase). */
  flight?: Uint8Array;
  /** Optional generator parameters or provenance (e.g. { speed: 1.3, hand: 'left' } or { source: 'x.bvh' }). */
  meta?: Record<string, number | string | boolean>;
}

/** A clip with zero root trajectory and identity rotations (the rest pose), for building clips in place. */
export function emptyClip(nFrames = CLIP_FRAMES, fps = FPS): Clip {
  const rotations = new Float32Array(nFrames * NUM_JOINTS * 4);
  for (let i = 3; i < rotations.length; i += 4) rotations[i] = 1;
  return { id: '', label: '', caption: '', fps, nFrames, rootPos: new Float32Array(nFrames * 3), rotations };
}

/** Deep copy (typed arrays copied). */
export function cloneClip(c: Clip): Clip {
  return {
    ...c,
    rootPos: c.rootPos.slice(),
    rotations: c.rotations.slice(),
    flight: c.flight?.slice(),
    meta: c.meta ? { ...c.meta } : undefined,
  };
}

/** Throws a clear error naming the field when a clip's arrays have the wrong size or hold non-finite values. */
export function validateClip(c: Clip, where = `clip ${c.id || '(unnamed)'}`): void {
  if (!Number.isInteger(c.nFrames) || c.nFrames < 2) throw new Error(`${where}: nFrames must be an integer ≥ 2, got ${c.nFrames}`);
  if (!(c.fps > 0)) throw new Error(`${where}: fps must be positive, got ${c.fps}`);
  if (c.rootPos.length !== c.nFrames * 3) throw new Error(`${where}: rootPos has ${c.rootPos.length} values, expected ${c.nFrames * 3}`);
  if (c.rotations.length !== c.nFrames * NUM_JOINTS * 4) {
    throw new Error(`${where}: rotations has ${c.rotations.length} values, expected ${c.nFrames * NUM_JOINTS * 4}`);
  }
  for (let i = 0; i < c.rootPos.length; i++) {
    if (!Number.isFinite(c.rootPos[i])) throw new Error(`${where}: rootPos is not finite at frame ${Math.floor(i / 3)}`);
  }
  for (let i = 0; i < c.rotations.length; i++) {
    if (!Number.isFinite(c.rotations[i])) {
      const f = Math.floor(i / (NUM_JOINTS * 4));
      const j = Math.floor(i / 4) % NUM_JOINTS;
      throw new Error(`${where}: rotation of joint ${j} is not finite at frame ${f}`);
    }
  }
}

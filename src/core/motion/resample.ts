// Time resampling of a clip to another frame rate: root positions interpolate linearly, joint rotations by
// slerp (shorter arc), the flight flag by nearest frame. The output spans the same duration, starting at frame 0:
// floor((n − 1) · fps / srcFps) + 1 frames (e.g. 69 frames at 30 fps → 46 frames at 20 fps).

import type { Clip } from './clip';
import { NUM_JOINTS } from './skeleton';
import { qSlerp } from './quat';

/** Number of frames after resampling nFrames at srcFps to fps. */
export function resampledLength(nFrames: number, srcFps: number, fps: number): number {
  return Math.floor(((nFrames - 1) * fps) / srcFps + 1e-6) + 1;
}

/** A new clip at `fps` (a copy when the rate already matches within 1e-9). */
export function resampleClip(clip: Clip, fps: number): Clip {
  if (!(fps > 0)) throw new Error(`resampleClip: fps must be positive, got ${fps}`);
  if (Math.abs(clip.fps - fps) < 1e-9) {
    return { ...clip, rootPos: clip.rootPos.slice(), rotations: clip.rotations.slice(), flight: clip.flight?.slice(), meta: clip.meta ? { ...clip.meta } : undefined };
  }
  const n = clip.nFrames;
  const m = resampledLength(n, clip.fps, fps);
  const rootPos = new Float32Array(m * 3);
  const rotations = new Float32Array(m * NUM_JOINTS * 4);
  const flight = clip.flight ? new Uint8Array(m) : undefined;
  const rb = NUM_JOINTS * 4;
  for (let i = 0; i < m; i++) {
    const t = Math.min(n - 1, (i * clip.fps) / fps);
    const f0 = Math.min(n - 1, Math.floor(t + 1e-9));
    const f1 = Math.min(n - 1, f0 + 1);
    const a = Math.max(0, t - f0);
    for (let k = 0; k < 3; k++) rootPos[i * 3 + k] = (1 - a) * clip.rootPos[f0 * 3 + k] + a * clip.rootPos[f1 * 3 + k];
    for (let j = 0; j < NUM_JOINTS; j++) qSlerp(clip.rotations, f0 * rb + j * 4, clip.rotations, f1 * rb + j * 4, a, rotations, i * rb + j * 4);
    if (flight && clip.flight) flight[i] = clip.flight[a < 0.5 ? f0 : f1];
  }
  return { ...clip, fps, nFrames: m, rootPos, rotations, flight, meta: clip.meta ? { ...clip.meta } : undefined };
}

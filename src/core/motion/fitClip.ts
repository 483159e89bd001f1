// Imported motions come in any length; the diffusion model trains on clips of exactly 60 frames (3 s at 20 fps).
// A longer clip is cut into consecutive 60-frame windows (at most `maxWindows`), a shorter one is completed by
// holding its last pose, so what the user sees in the picker is exactly what joins the real set of a run.

import { CLIP_FRAMES, type Clip } from './clip';
import { NUM_JOINTS } from './skeleton';

export const MAX_WINDOWS = 8;

/** The clip as 60-frame (or `nFrames`) pieces; ids get "-w2", "-w3", … from the second window on. */
export function fitClipToFrames(clip: Clip, nFrames = CLIP_FRAMES, maxWindows = MAX_WINDOWS): Clip[] {
  if (!(Number.isInteger(nFrames) && nFrames > 0)) throw new Error(`fitClipToFrames: nFrames must be a positive integer, got ${nFrames}`);
  if (clip.nFrames < 1) throw new Error(`fitClipToFrames: clip ${clip.id} has no frames`);
  const windows = Math.max(1, Math.min(maxWindows, Math.floor(clip.nFrames / nFrames)));
  const out: Clip[] = [];
  const R = NUM_JOINTS * 4;
  for (let w = 0; w < windows; w++) {
    const start = w * nFrames;
    const rootPos = new Float32Array(nFrames * 3);
    const rotations = new Float32Array(nFrames * R);
    const flight = clip.flight ? new Uint8Array(nFrames) : undefined;
    let held = 0;
    for (let f = 0; f < nFrames; f++) {
      const src = Math.min(clip.nFrames - 1, start + f);
      if (start + f >= clip.nFrames) held++;
      rootPos.set(clip.rootPos.subarray(src * 3, src * 3 + 3), f * 3);
      rotations.set(clip.rotations.subarray(src * R, src * R + R), f * R);
      if (flight && clip.flight) flight[f] = start + f < clip.nFrames ? clip.flight[src] : 0;
    }
    const piece: Clip = {
      ...clip,
      id: w === 0 ? clip.id : `${clip.id}-w${w + 1}`,
      nFrames,
      rootPos,
      rotations,
      meta: { ...(clip.meta ?? {}), window: w + 1, startFrame: start, heldFrames: held },
    };
    if (flight) piece.flight = flight;
    else delete piece.flight;
    out.push(piece);
  }
  return out;
}

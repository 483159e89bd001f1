// BVH import for the lab, as one pure function the import worker runs: for each file, parse + validate + retarget
// + resample (src/core/motion importBvh), give it the user's caption and label, and cut it to the model's clip
// length (fitClip.ts). A bad file yields its error (the parser's "file:line: …" message) and the others go on.

import { importBvh } from '../core/motion/bvhImport';
import type { Clip } from '../core/motion/clip';
import { fitClipToFrames } from '../core/motion/fitClip';

export interface BvhFileText {
  name: string;
  text: string;
}

export type BvhFileResult =
  | { file: string; ok: true; clips: Clip[]; sourceFrames: number; sourceFps: number }
  | { file: string; ok: false; error: string };

/** Imports every file; never throws for a bad file (its result carries the error instead). */
export function importBvhFiles(files: readonly BvhFileText[], caption: string, label: string): BvhFileResult[] {
  const cap = caption.trim();
  const lab = label.trim();
  return files.map((f): BvhFileResult => {
    try {
      if (!cap) throw new Error(`${f.name}: a caption is required`);
      if (!lab) throw new Error(`${f.name}: a label is required`);
      const clip = importBvh(f.text, f.name, { label: lab, caption: cap });
      const clips = fitClipToFrames(clip);
      const meta = clip.meta ?? {};
      return {
        file: f.name,
        ok: true,
        clips,
        sourceFrames: typeof meta.sourceFrames === 'number' ? meta.sourceFrames : clip.nFrames,
        sourceFps: typeof meta.sourceFps === 'number' ? meta.sourceFps : clip.fps,
      };
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      // BvhError messages already start with the file name (and line); others get it prefixed.
      return { file: f.name, ok: false, error: msg.startsWith(f.name) ? msg : `${f.name}: ${msg}` };
    }
  });
}

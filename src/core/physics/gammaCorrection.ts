// Correction of strength γ for a batch of samples (the paper's π_γ): with t = correctionProbability(γ)
// (src/core/loop/params.ts), mode 'mixture' replaces each sample by its physics-corrected version with probability
// t; mode 'blend' moves every sample a fraction t of the way to its corrected version (joint rotations slerped,
// root lerped). γ = Infinity corrects every sample.

import { CORRECTION_MODES, type CorrectionMode, correctionProbability } from '../loop/params';
import { Rng } from '../random';
import { cloneClip, type Clip } from '../motion/clip';
import { qSlerp } from '../motion/quat';
import { correct, type CorrectionReport, type CorrectOptions } from './corrector';

export type { CorrectionMode };

/**
 * Correct a batch with strength γ (after `await initPhysics()` unless γ = 0). Returns the new clips (inputs are
 * never modified; uncorrected samples are returned as they are), which were corrected, and each report (null where
 * not corrected). Deterministic in (batch, γ, seed, options).
 */
export function applyCorrection(
  batch: Clip[],
  gamma: number,
  opts: { mode?: CorrectionMode; seed: number; correctOptions?: CorrectOptions },
): { clips: Clip[]; corrected: boolean[]; reports: (CorrectionReport | null)[] } {
  const t = correctionProbability(gamma);
  const mode = opts.mode ?? 'mixture';
  if (!CORRECTION_MODES.includes(mode)) throw new Error(`applyCorrection: mode must be 'mixture' or 'blend', got "${String(mode)}"`);
  const rng = new Rng(opts.seed);
  const clips: Clip[] = [];
  const corrected: boolean[] = [];
  const reports: (CorrectionReport | null)[] = [];
  for (const clip of batch) {
    // one draw per sample in both modes, so the stream does not depend on the mode
    const u = rng.next();
    const doIt = mode === 'mixture' ? t >= 1 || u < t : t > 0;
    if (!doIt) {
      clips.push(clip);
      corrected.push(false);
      reports.push(null);
      continue;
    }
    const { clip: fixed, report } = correct(clip, opts.correctOptions);
    clips.push(mode === 'mixture' || t >= 1 ? fixed : blendClips(clip, fixed, t));
    corrected.push(true);
    reports.push(report);
  }
  return { clips, corrected, reports };
}

/** a moved a fraction t towards b: rotations slerped, root positions interpolated linearly. */
export function blendClips(a: Clip, b: Clip, t: number): Clip {
  if (a.nFrames !== b.nFrames || a.rotations.length !== b.rotations.length) {
    throw new Error(`blendClips: clips differ in length (${a.nFrames} vs ${b.nFrames} frames)`);
  }
  const out = cloneClip(b);
  out.meta = { ...(a.meta ?? {}), corrected: true, blend: t };
  for (let i = 0; i < a.rootPos.length; i++) out.rootPos[i] = a.rootPos[i] + (b.rootPos[i] - a.rootPos[i]) * t;
  for (let o = 0; o < a.rotations.length; o += 4) qSlerp(a.rotations, o, b.rotations, o, t, out.rotations, o);
  return out;
}

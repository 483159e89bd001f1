// The four arms and what each does to a generation's synthetic batch:
//   baseline        — no synthetic data at all (λ ignored): keeps fine-tuning on the real clips;
//   self-consuming  — synthetic clips used as sampled;
//   self-correcting — physics correction π_γ (applyCorrection: mixture or blend with t = γ/(1+γ));
//   idealized       — oracle: each synthetic clip swapped with probability t for a fresh clip of the same label
//                     from the true (procedural) distribution, drawn from seeds no training or test clip uses
//                     (labels the generator does not know, e.g. imported BVH, are never swapped).

import { ACTIONS, clipSeed, generateClip } from '../motion/dataset/index';
import { cloneClip, type Clip } from '../motion/clip';
import { hashString, Rng } from '../random';
import type { ArmName } from './config';
import { correctionProbability, type CorrectionMode } from './params';
import { rngFor, seedFor } from './seeds';
import type { CorrectFn, CorrectionOutcome } from './types';

export const ARM_DESCRIPTIONS: Readonly<Record<ArmName, string>> = {
  baseline: 'λ = 0: fine-tunes on the real clips only',
  'self-consuming': 'real ∪ own samples, no correction',
  'self-correcting': 'real ∪ own samples corrected by physics with strength γ',
  idealized: 'real ∪ own samples, each swapped with probability γ/(1+γ) for a fresh real clip (oracle)',
};

export function armUsesSynthetic(arm: ArmName): boolean {
  return arm !== 'baseline';
}

export interface CorrectContext {
  runSeed: number;
  generation: number;
  gamma: number;
  mode: CorrectionMode;
  correct?: CorrectFn;
}

/** The batch an arm trains on, from the synthetic clips it sampled. Does not modify `batch`. */
export async function correctForArm(arm: ArmName, batch: Clip[], ctx: CorrectContext): Promise<CorrectionOutcome> {
  const none = (): CorrectionOutcome => ({ clips: batch, corrected: batch.map(() => false) });
  if (batch.length === 0 || arm === 'baseline' || arm === 'self-consuming' || ctx.gamma === 0) return none();
  if (arm === 'self-correcting') {
    if (!ctx.correct) throw new Error('loop: the self-correcting arm needs a physics corrector (deps.correct)');
    const out = await ctx.correct(batch, ctx.gamma, { mode: ctx.mode, seed: seedFor(ctx.runSeed, `g${ctx.generation}/correct`) });
    if (out.clips.length !== batch.length || out.corrected.length !== batch.length) {
      throw new Error(`loop: the corrector returned ${out.clips.length} clips for a batch of ${batch.length}`);
    }
    return out;
  }
  return oracleSwap(batch, ctx.runSeed, ctx.generation, ctx.gamma);
}

/** Idealized correction: swap each clip with probability t = γ/(1+γ) for a fresh clip of its label. */
export function oracleSwap(batch: readonly Clip[], runSeed: number, generation: number, gamma: number): CorrectionOutcome {
  const t = correctionProbability(gamma);
  const rng = rngFor(runSeed, `g${generation}/oracle`);
  // A data-set seed of its own: clipSeed's train parity keeps every oracle clip off the test split.
  const oracleSet = hashString(`oracle:${runSeed >>> 0}`);
  const clips: Clip[] = [];
  const corrected: boolean[] = [];
  batch.forEach((c, i) => {
    // Clips of a label the procedural generator does not know (imported BVH) have no oracle: kept as they are.
    const swap = rng.next() < t && ACTIONS.includes(c.label);
    corrected.push(swap);
    if (!swap) {
      clips.push(c);
      return;
    }
    const seed = clipSeed('train', oracleSet, generation * 1_000_003 + i);
    const fresh = generateClip(c.label, new Rng(seed), `oracle-g${generation}-${i}`);
    clips.push(cloneClip(fresh));
  });
  return { clips, corrected };
}

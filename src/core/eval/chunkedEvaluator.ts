// An evaluator that embeds and classifies in passes of at most EVAL_CHUNK clips and embeds one fixed reference set
// only once. Small passes keep each GPU submission short (a long one can trip the GPU watchdog under SwiftShader);
// caching the reference saves re-embedding the same real clips for every arm and generation. Each clip's row is
// computed by the same kernels either way, so the results equal the wrapped evaluator's.

import type { Clip } from '../motion/clip';
import type { Evaluator } from './evaluator';

/** Clips per evaluator pass. */
export const EVAL_CHUNK = 32;

/**
 * `ev` evaluated in chunks of EVAL_CHUNK clips, with the embeddings of `reference` (recognised by identity)
 * computed once. Disposing the wrapper disposes `ev`.
 */
export function chunkedEvaluator(ev: Evaluator, reference: readonly Clip[]): Evaluator {
  let refEmb: Promise<Float32Array> | null = null;
  const embed = async (clips: Clip[]): Promise<Float32Array> => {
    if (clips.length <= EVAL_CHUNK) return ev.embedMotions(clips);
    const out = new Float32Array(clips.length * ev.dim);
    for (let i = 0; i < clips.length; i += EVAL_CHUNK) out.set(await ev.embedMotions(clips.slice(i, i + EVAL_CHUNK)), i * ev.dim);
    return out;
  };
  return {
    dim: ev.dim,
    embedMotions: async (clips) => {
      if (clips === reference) {
        // Cached as a promise (two overlapping calls share one pass); a failed pass is not cached.
        refEmb ??= embed(clips).catch((e: unknown) => {
          refEmb = null;
          throw e;
        });
        return (await refEmb).slice();
      }
      return embed(clips);
    },
    embedTexts: (captions) => ev.embedTexts(captions),
    classify: async (clips) => {
      const out: string[] = [];
      for (let i = 0; i < clips.length; i += EVAL_CHUNK) out.push(...(await ev.classify(clips.slice(i, i + EVAL_CHUNK))));
      return out;
    },
    dispose: () => ev.dispose(),
  };
}

// The caption encoder of the denoiser: a prompt becomes a pooled vector of its known words' embeddings (a bag of
// words over the dataset vocabulary): the plain mean, or ('weighted') a softmax over a learned per-word score
// (attention pooling with a learned, context-free query: an action word like "jump" can outweigh "forward",
// "twice", "hands"), then a two-layer MLP to the model width. A prompt without any known word, or a
// condition dropped for classifier-free guidance, uses the learned null condition instead.

import { dense, gelu, mm } from './layers';
import type { TextPooling } from './presets';
import { tf, type Tensor2D, type Variable } from './tf';
import { encodeText, type Vocab } from './vocab';

export interface PromptBags {
  /** Row-normalised word counts, n × vocabSize (a mean-pooling matrix). */
  bags: Float32Array;
  /** 1 where the prompt has at least one known word (use the text), 0 where it must use the null condition. */
  hasWords: Uint8Array;
  /** Unknown words of each prompt, as typed. */
  unknown: string[][];
}

/** Mean-pooling rows for a list of prompts. */
export function promptBags(vocab: Vocab, prompts: readonly string[]): PromptBags {
  const V = vocab.words.length;
  const bags = new Float32Array(prompts.length * V);
  const hasWords = new Uint8Array(prompts.length);
  const unknown: string[][] = [];
  prompts.forEach((p, i) => {
    const enc = encodeText(vocab, p);
    unknown.push(enc.unknown);
    if (enc.ids.length === 0) return;
    hasWords[i] = 1;
    for (const id of enc.ids) bags[i * V + id] += 1 / enc.ids.length;
  });
  return { bags, hasWords, unknown };
}

/**
 * Condition vectors [B, d]: keep[i] = 1 uses the text of bag row i, keep[i] = 0 the learned null condition.
 * `p` returns the named parameter (text/embed, text/proj1/w, …, text/null).
 */
export function textCondition(p: (name: string) => Variable, bag: Tensor2D, keep: Tensor2D, pooling: TextPooling = 'mean'): Tensor2D {
  let weights: Tensor2D = bag;
  if (pooling === 'weighted') {
    // w_i ∝ bag_i · exp(score_i) over the prompt's words; rows without words stay 0 (the epsilon keeps 0/0 away)
    const s = tf.exp(tf.sub(p('text/score'), tf.max(p('text/score'))));
    const wb = tf.mul(bag, s) as Tensor2D;
    weights = tf.div(wb, tf.add(tf.sum(wb, 1, true), 1e-12)) as Tensor2D;
  }
  const pooled = mm(weights, p('text/embed') as Tensor2D);
  const h = gelu(dense(pooled as Tensor2D, p('text/proj1/w'), p('text/proj1/b')));
  const c = dense(h, p('text/proj2/w'), p('text/proj2/b'));
  const nullC = tf.reshape(p('text/null'), [1, -1]);
  return tf.add(tf.mul(c, keep), tf.mul(nullC, tf.sub(1, keep))) as Tensor2D;
}

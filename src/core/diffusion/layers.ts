// Tensor building blocks of the denoiser, as plain functions over tfjs tensors: dense layers on token matrices,
// layer normalisation, tanh-approximated GELU and SiLU, and multi-head self-attention. No state of their own.

import { tf, type Tensor, type Tensor2D, type Tensor3D } from './tf';

function swapLast(t: Tensor): Tensor {
  return t.rank === 2 ? tf.transpose(t) : tf.transpose(t, [0, 2, 1]);
}

/**
 * Matrix product a·b (rank 2 or batched rank 3) whose gradients use only untransposed products on explicitly
 * transposed operands. On the wasm backend a transposed product (what tfjs's own MatMul gradient uses) runs
 * about 5–8× slower than transpose + plain product; elsewhere this is tf.matMul.
 */
export function mm<T extends Tensor2D | Tensor3D>(a: T, b: T): T {
  if (tf.getBackend() !== 'wasm') return tf.matMul(a, b) as T;
  const f = tf.customGrad((...args: (Tensor | tf.GradSaveFunc)[]) => {
    const [x, y, save] = args as [Tensor, Tensor, tf.GradSaveFunc];
    save([x, y]);
    return {
      value: tf.matMul(x as Tensor2D, y as Tensor2D) as Tensor,
      gradFunc: (dy: Tensor, saved: Tensor[]) => [
        tf.matMul(dy as Tensor2D, swapLast(saved[1]) as Tensor2D) as Tensor,
        tf.matMul(swapLast(saved[0]) as Tensor2D, dy as Tensor2D) as Tensor,
      ],
    };
  });
  return f(a, b) as T;
}

/** x [N, in] · w [in, out] + b [out]. */
export function dense(x: Tensor2D, w: Tensor, b: Tensor): Tensor2D {
  return tf.add(mm(x, w as Tensor2D), b) as Tensor2D;
}

/** Layer normalisation over the last axis with gain g and bias b. */
export function layerNorm<T extends Tensor>(x: T, g: Tensor, b: Tensor, eps = 1e-5): T {
  const mean = tf.mean(x, -1, true);
  const xc = tf.sub(x, mean);
  const variance = tf.mean(tf.square(xc), -1, true);
  return tf.add(tf.mul(tf.mul(xc, tf.rsqrt(tf.add(variance, eps))), g), b) as T;
}

const GELU_C = Math.sqrt(2 / Math.PI);

/** GELU, tanh approximation (PyTorch's approximate='tanh'). */
export function gelu<T extends Tensor>(x: T): T {
  const inner = tf.mul(tf.mul(x, tf.add(tf.mul(tf.square(x), 0.044715), 1)), GELU_C);
  return tf.mul(tf.mul(x, tf.add(tf.tanh(inner), 1)), 0.5) as T;
}

export function silu<T extends Tensor>(x: T): T {
  return tf.mul(x, tf.sigmoid(x)) as T;
}

/**
 * Multi-head self-attention over h [B·N, d] (B sequences of N tokens), with a fused qkv projection
 * (wqkv [d, 3d]) and an output projection (wo [d, d]). Returns [B·N, d].
 */
export function selfAttention(
  h: Tensor2D, B: number, N: number, nHeads: number,
  wqkv: Tensor, bqkv: Tensor, wo: Tensor, bo: Tensor,
): Tensor2D {
  const d = h.shape[1];
  const dh = d / nHeads;
  const qkv = dense(h, wqkv, bqkv);
  const [q, k, v] = tf.split(qkv, 3, 1) as [Tensor2D, Tensor2D, Tensor2D];
  const heads = (x: Tensor2D): Tensor3D =>
    tf.reshape(tf.transpose(tf.reshape(x, [B, N, nHeads, dh]), [0, 2, 1, 3]), [B * nHeads, N, dh]);
  const qh = heads(tf.mul(q, 1 / Math.sqrt(dh)) as Tensor2D);
  const kt = tf.transpose(heads(k), [0, 2, 1]) as Tensor3D;
  const scores = mm(qh, kt);
  const attn = mm(tf.softmax(scores) as Tensor3D, heads(v));
  const merged = tf.reshape(tf.transpose(tf.reshape(attn, [B, nHeads, N, dh]), [0, 2, 1, 3]), [B * N, d]) as Tensor2D;
  return dense(merged, wo, bo);
}

// Fixed sinusoidal embeddings computed on the CPU side: of the diffusion timestep (one vector per batch item) and
// of token positions (one table per model). Transformer convention: first half sin, second half cos.

/** Write the d-dim sinusoidal embedding of `value` into out[offset…offset+d). */
export function sinusoid(value: number, d: number, out: Float32Array, offset = 0, maxPeriod = 10000): void {
  const half = Math.floor(d / 2);
  for (let i = 0; i < half; i++) {
    const freq = Math.exp((-Math.log(maxPeriod) * i) / half);
    out[offset + i] = Math.sin(value * freq);
    out[offset + half + i] = Math.cos(value * freq);
  }
  if (d % 2 === 1) out[offset + d - 1] = 0;
}

/** Table [n, d] of sinusoidal position embeddings 0…n−1. */
export function positionTable(n: number, d: number): Float32Array {
  const out = new Float32Array(n * d);
  for (let p = 0; p < n; p++) sinusoid(p, d, out, p * d);
  return out;
}

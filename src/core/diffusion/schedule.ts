// The diffusion noise schedule: cosine ᾱ over T = 1000 training steps (Nichol & Dhariwal 2021) and its
// respacing to S sampling steps spread evenly over the whole 0…T−1 range (a true respacing, not a truncation).

export const TRAIN_STEPS = 1000;

export interface NoiseSchedule {
  /** Number of training timesteps T. */
  T: number;
  /** β_t, t = 0…T−1. */
  betas: Float64Array;
  /** ᾱ_t = Π_{s≤t} (1 − β_s), t = 0…T−1 (ᾱ_0 ≈ 1, ᾱ_{T−1} ≈ 0). */
  alphasCumprod: Float64Array;
}

/** Cosine schedule: ᾱ(t) = f(t)/f(0), f(t) = cos²(((t/T) + s)/(1 + s) · π/2), β clipped at `maxBeta`. */
export function cosineSchedule(T = TRAIN_STEPS, s = 0.008, maxBeta = 0.999): NoiseSchedule {
  if (!Number.isInteger(T) || T < 2) throw new Error(`cosineSchedule: T must be an integer ≥ 2, got ${T}`);
  const f = (t: number): number => Math.cos(((t / T + s) / (1 + s)) * (Math.PI / 2)) ** 2;
  const betas = new Float64Array(T);
  const alphasCumprod = new Float64Array(T);
  let prod = 1;
  for (let t = 0; t < T; t++) {
    betas[t] = Math.min(1 - f(t + 1) / f(t), maxBeta);
    prod *= 1 - betas[t];
    alphasCumprod[t] = prod;
  }
  return { T, betas, alphasCumprod };
}

/**
 * S training timesteps for sampling, ascending, evenly spaced over [0, T−1] with both ends included
 * (S = 1 gives [T−1]). The sampler walks them from last to first.
 */
export function respacedTimesteps(T: number, S: number): number[] {
  if (!Number.isInteger(S) || S < 1) throw new Error(`sampling steps must be a positive integer, got ${S}`);
  if (S > T) throw new Error(`sampling steps (${S}) cannot exceed the ${T} training steps`);
  if (S === 1) return [T - 1];
  const out: number[] = [];
  for (let i = 0; i < S; i++) out.push(Math.round((i * (T - 1)) / (S - 1)));
  return out;
}

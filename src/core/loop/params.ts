// The loop's two parameters, λ and γ, and what they mean, in one place: the loop, the physics correction, the
// Gaussian toy, the CLI and the UI's labels all use these functions.
//
// - γ ≥ 0 is the correction strength of the paper's π_γ p = (p + γ·p*) / (1 + γ): each synthetic sample is
//   replaced by its corrected version with probability t = γ/(1+γ). γ = 0 never corrects; γ = ∞ (Infinity)
//   always does.
// - λ ≥ 0 is the synthetic ratio: a generation adds ⌊λ·n⌋ synthetic samples to n real ones.
//
// Rounding rule of ⌊λ·n⌋: λ is typed in decimal (0.1, 0.29, 0.35) but stored in binary, so λ·n can land a few
// units in the last place below the integer a person means (0.29·100 = 28.999999999999996, 0.57·100 =
// 56.99999999999999). A product within a relative 1e-9 of an integer counts as that integer; otherwise it is
// floored. 1e-9 is far above the error of one rounded product (about 1e-16 relative) and far below any gap a
// person would type (λ·n = 63.99 stays 63; λ·n = 63.9999999999 counts as 64).

/** Correction modes of the self-correcting arm: 'mixture' replaces a sample by its corrected version with
 *  probability t (the paper's π_γ); 'blend' moves every sample a fraction t of the way to its corrected version. */
export type CorrectionMode = 'mixture' | 'blend';
export const CORRECTION_MODES: readonly CorrectionMode[] = ['mixture', 'blend'];

/** Relative distance to an integer within which λ·n counts as that integer. */
export const SYNTHETIC_COUNT_TOLERANCE = 1e-9;

/** Throws a RangeError naming γ unless it is a number ≥ 0 (Infinity allowed). */
export function checkGamma(gamma: number): void {
  if (typeof gamma !== 'number' || !(gamma >= 0)) throw new RangeError(`gamma must be ≥ 0 (or Infinity), got ${String(gamma)}`);
}

/** Throws a RangeError naming λ unless it is a finite number ≥ 0. */
export function checkLambda(lambda: number): void {
  if (typeof lambda !== 'number' || !(lambda >= 0) || !Number.isFinite(lambda)) {
    throw new RangeError(`lambda must be a finite number ≥ 0, got ${String(lambda)}`);
  }
}

/** t = γ/(1+γ): the probability that a synthetic sample is corrected (0 for γ = 0, 1 for γ = ∞). */
export function correctionProbability(gamma: number): number {
  checkGamma(gamma);
  return gamma === Infinity ? 1 : gamma / (1 + gamma);
}

/** ⌊λ·n⌋ synthetic samples per generation for n real ones, with the rounding rule above. */
export function syntheticCount(lambda: number, n: number): number {
  checkLambda(lambda);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${String(n)}`);
  const x = lambda * n;
  const nearest = Math.round(x);
  return Math.abs(x - nearest) <= SYNTHETIC_COUNT_TOLERANCE * Math.max(1, nearest) ? nearest : Math.floor(x);
}

/** t as a percentage for labels: "0", "100", or one decimal ("50.0", "9.1"). */
export function correctionPercent(gamma: number): string {
  const t = correctionProbability(gamma);
  return (100 * t).toFixed(t === 0 || t === 1 ? 0 : 1);
}

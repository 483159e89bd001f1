// The theory lab's γ slider scale: position 0 is γ = 0, positions 1 … 101 run log-evenly from 10⁻³ to 10²
// (20 steps a decade, so 0.01, 0.1, 1, 10 are exact stops), and the last position is γ = ∞.

export const GAMMA_POS_MAX = 102;
const LOG_MIN = -3;
const STEPS_PER_DECADE = 20;

/** γ at slider position p (an integer 0 … GAMMA_POS_MAX; other values are rounded and clamped). */
export function gammaFromPos(p: number): number {
  const q = Math.min(GAMMA_POS_MAX, Math.max(0, Math.round(Number.isFinite(p) ? p : 0)));
  if (q === 0) return 0;
  if (q === GAMMA_POS_MAX) return Infinity;
  return 10 ** (LOG_MIN + (q - 1) / STEPS_PER_DECADE);
}

/** The slider position nearest to γ (on the log scale). */
export function posFromGamma(gamma: number): number {
  if (gamma === Infinity) return GAMMA_POS_MAX;
  if (!(gamma > 0)) return 0;
  const q = Math.round((Math.log10(gamma) - LOG_MIN) * STEPS_PER_DECADE) + 1;
  return Math.min(GAMMA_POS_MAX - 1, Math.max(1, q));
}

/** γ as people write it: "0", "∞", or three significant digits ("0.0316", "1", "5.62"). */
export function formatGamma(gamma: number): string {
  if (gamma === Infinity) return '∞';
  if (gamma === 0) return '0';
  return String(Number(gamma.toPrecision(3)));
}

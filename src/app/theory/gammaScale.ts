// The γ slider scale shared by the theory lab and the loop controls: position 0 is γ = 0, positions 1 … 101 run
// log-evenly from 10⁻³ to 10² (20 steps a decade) through "nice" values — each step's mantissa is the rounded
// one nearest 10^(k/20), like the E-series of resistor values — and the last position is γ = ∞. So the paper's
// γ values 0, 0.01, 0.03, 0.1, 0.3, 1, 2, 5 (and 10, ∞) are exact stops, and a slider shows numbers people write.

export const GAMMA_POS_MAX = 102;
const LOG_MIN = -3;
const STEPS_PER_DECADE = 20;
/** Mantissas of one decade, each within 6 % of 10^(k/20); 2, 3 and 5 are in the list. */
const MANTISSAS = [1, 1.1, 1.25, 1.4, 1.6, 1.8, 2, 2.2, 2.5, 2.8, 3, 3.5, 4, 4.5, 5, 5.6, 6.3, 7, 8, 9] as const;

/** γ at slider position p (an integer 0 … GAMMA_POS_MAX; other values are rounded and clamped). */
export function gammaFromPos(p: number): number {
  const q = Math.min(GAMMA_POS_MAX, Math.max(0, Math.round(Number.isFinite(p) ? p : 0)));
  if (q === 0) return 0;
  if (q === GAMMA_POS_MAX) return Infinity;
  const k = q - 1;
  const decade = LOG_MIN + Math.floor(k / STEPS_PER_DECADE);
  const m = MANTISSAS[k % STEPS_PER_DECADE];
  // toPrecision: the double nearest the decimal (3 · 10⁻² is 0.03, not 0.030000000000000002).
  return Number((m * 10 ** decade).toPrecision(3));
}

/** The slider position whose γ is nearest to `gamma` on the log scale (0 for γ ≤ 0 or NaN, the end for ∞). */
export function posFromGamma(gamma: number): number {
  if (gamma === Infinity) return GAMMA_POS_MAX;
  if (!(gamma > 0)) return 0;
  const lg = Math.log10(gamma);
  let best = 1;
  let bestD = Infinity;
  // Positions are monotone in γ; 101 candidates, so a linear scan is cheap and obviously right.
  for (let p = 1; p < GAMMA_POS_MAX; p++) {
    const d = Math.abs(Math.log10(gammaFromPos(p)) - lg);
    if (d < bestD) { best = p; bestD = d; }
  }
  return best;
}

/** γ as people write it: "0", "∞", or three significant digits ("0.03", "1", "5.62"). */
export function formatGamma(gamma: number): string {
  if (gamma === Infinity) return '∞';
  if (gamma === 0) return '0';
  return String(Number(gamma.toPrecision(3)));
}

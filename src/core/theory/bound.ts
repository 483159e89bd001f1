// The paper's stability bound for self-correcting loops (Gillman et al. 2024, as summarised in
// docs/design.md): ‖θ_t − θ*‖ ≤ c·Σ_{i=0..t} (ρ/(1+γ))^i + (ρ/(1+γ))^t·‖θ_0 − θ*‖, valid when λ·C < (1+γ)/(2+γ).
// Pure functions over numbers; γ = ∞ allowed (the contraction factor is then 0).

import { checkGamma } from '../loop/params';

export interface BoundOptions {
  /** Statistical error scale c (≥ 0). */
  c: number;
  /** Contraction factor of the uncorrected loop ρ (≥ 0). */
  rho: number;
  /** Correction strength γ ≥ 0, Infinity allowed. */
  gamma: number;
  /** Initial error ‖θ_0 − θ*‖ (≥ 0). */
  initialError: number;
  /** Generations t = 0 … T. */
  generations: number;
}

/** The per-generation factor ρ/(1+γ) (0 for γ = ∞). */
export function contraction(rho: number, gamma: number): number {
  if (!(rho >= 0) || !Number.isFinite(rho)) throw new RangeError(`bound: rho must be a finite number ≥ 0, got ${rho}`);
  checkGamma(gamma);
  return gamma === Infinity ? 0 : rho / (1 + gamma);
}

/**
 * The bound for t = 0 … T: c·Σ_{i=0}^{t} r^i + r^t·e0 with r = ρ/(1+γ). The sum starts at i = 0 (so generation 0
 * carries one statistical-error term c, like the fit on real data alone). Written into `out` when given.
 */
export function stabilityBound(o: BoundOptions, out?: Float64Array): Float64Array {
  const r = contraction(o.rho, o.gamma);
  if (!(o.c >= 0) || !Number.isFinite(o.c)) throw new RangeError(`bound: c must be a finite number ≥ 0, got ${o.c}`);
  if (!(o.initialError >= 0) || !Number.isFinite(o.initialError)) {
    throw new RangeError(`bound: initialError must be a finite number ≥ 0, got ${o.initialError}`);
  }
  if (!Number.isInteger(o.generations) || o.generations < 0) throw new RangeError(`bound: generations must be an integer ≥ 0, got ${o.generations}`);
  const res = out ?? new Float64Array(o.generations + 1);
  if (res.length !== o.generations + 1) throw new RangeError(`bound: output holds ${res.length} values, need ${o.generations + 1}`);
  let power = 1; // r^t
  let geo = 0; // Σ_{i=0}^{t} r^i
  for (let t = 0; t <= o.generations; t++) {
    geo += power;
    res[t] = o.c * geo + power * o.initialError;
    power *= r;
  }
  return res;
}

/** The right-hand side of the stability condition, (1+γ)/(2+γ) (1 for γ = ∞). */
export function stabilityThreshold(gamma: number): number {
  checkGamma(gamma);
  return gamma === Infinity ? 1 : (1 + gamma) / (2 + gamma);
}

/** Whether (λ, C, γ) lies in the region where the bound holds: λ·C < (1+γ)/(2+γ). */
export function isStable(lambda: number, C: number, gamma: number): boolean {
  return lambda * C < stabilityThreshold(gamma);
}

/** The largest synthetic fraction λ with λ·C < (1+γ)/(2+γ) (the supremum, not attained), for C > 0. */
export function maxStableLambda(C: number, gamma: number): number {
  if (!(C > 0) || !Number.isFinite(C)) throw new RangeError(`bound: C must be a finite number > 0, got ${C}`);
  return stabilityThreshold(gamma) / C;
}

// The theory lab's computation: median W2 curves of the Gaussian toy for the paper's γ set and the user's γ, the
// stability-bound curve, and one run's real vs synthetic points for the scatter; the sweep is timed.

import { stabilityBound } from '../../core/theory/bound';
import {
  GaussianToyRunner, createToyCapture, runToySeeds, toySeed, type GaussianToyResult, type ToyCapture,
} from '../../core/theory/gaussianToy';

/** The paper's γ values for the 2-D Gaussian toy (exp_scripts/gaussian_toy_example.py). */
export const PAPER_GAMMAS: readonly number[] = [0, 0.01, 0.03, 0.1, 0.3, 1, 2, 5];

export interface TheorySettings {
  /** Synthetic fraction λ (⌊λ·n⌋ synthetic points per generation). */
  lambda: number;
  /** The user's correction strength γ (Infinity allowed). */
  gamma: number;
  /** Real points n. */
  n: number;
  /** Generations T after generation 0. */
  generations: number;
  /** Seeds K; curves are the median over K seeds. */
  seeds: number;
  /** Keep earlier synthetic points (paper) or replace them each generation. */
  accumulate: boolean;
  /** Base seed; seed k of the sweep is toySeed(seed, k). */
  seed: number;
  /** Bound: contraction of the uncorrected loop ρ. */
  rho: number;
  /** Bound: statistical error scale c. */
  c: number;
  /** Stability region: the constant C in λ·C < (1+γ)/(2+γ). */
  C: number;
  /** Generation whose synthetic batch the scatter shows (1 … T). */
  scatterGeneration: number;
}

export interface TheoryCurves {
  /** Median W2 per generation for each γ of PAPER_GAMMAS, in that order. */
  paper: Float64Array[];
  /** Median W2 per generation for the user's γ. */
  user: Float64Array;
  /** The bound c·Σ_{i≤t} r^i + r^t·e0, r = ρ/(1+γ), e0 = the user's median W2 at generation 0. */
  bound: Float64Array;
  /** Milliseconds for the PAPER_GAMMAS sweep (8 γ × K seeds × T generations). */
  sweepMs: number;
  /** Milliseconds for everything (sweep, user's γ, bound). */
  totalMs: number;
}

/** W2 curves and bound for the settings; `runner` is reused across calls so its table is allocated once. */
export function computeCurves(s: TheorySettings, runner: GaussianToyRunner): TheoryCurves {
  const base = { n: s.n, lambda: s.lambda, generations: s.generations, accumulate: s.accumulate, seed: s.seed };
  const t0 = performance.now();
  const paper = PAPER_GAMMAS.map((gamma) => runToySeeds({ ...base, gamma }, s.seeds, runner).median);
  const t1 = performance.now();
  const k = PAPER_GAMMAS.indexOf(s.gamma);
  const user = k >= 0 ? paper[k] : runToySeeds({ ...base, gamma: s.gamma }, s.seeds, runner).median;
  const bound = stabilityBound({ c: s.c, rho: s.rho, gamma: s.gamma, initialError: user[0], generations: s.generations });
  const t2 = performance.now();
  return { paper, user, bound, sweepMs: t1 - t0, totalMs: t2 - t0 };
}

export interface TheoryScatter {
  capture: ToyCapture;
  /** Fitted mean and covariance (xx, xy, yy) of the model that drew the batch (generation − 1). */
  fitMean: [number, number];
  fitCov: [number, number, number];
}

/** Real points and the synthetic batch of `scatterGeneration` for the first seed of the sweep at the user's γ. */
export function computeScatter(s: TheorySettings, runner: GaussianToyRunner): TheoryScatter {
  const g = Math.min(s.generations, Math.max(1, Math.round(s.scatterGeneration)));
  const capture = createToyCapture(s.n, s.lambda, g);
  const res: GaussianToyResult = runner.run(
    { n: s.n, lambda: s.lambda, gamma: s.gamma, generations: s.generations, accumulate: s.accumulate, seed: toySeed(s.seed, 0) },
    undefined,
    capture,
  );
  const p = g - 1;
  return {
    capture,
    fitMean: [res.mean[2 * p], res.mean[2 * p + 1]],
    fitCov: [res.cov[3 * p], res.cov[3 * p + 1], res.cov[3 * p + 2]],
  };
}

// Fréchet Inception-style Distance between two sets of feature vectors: fit a Gaussian to each set (mean and
// unbiased covariance, as numpy's np.cov in the standard FID code) and take the Fréchet (W2²) distance
// ‖μ1−μ2‖² + Tr(Σ1 + Σ2 − 2(Σ1^½ Σ2 Σ1^½)^½), from pivoted Cholesky factors and a Jacobi SVD (stable).

import { matMul, nuclearNorm, psdFactor, trace, transpose } from './linalg';

/** A Gaussian fit of a feature set: mean (dim) and covariance (dim×dim, row-major). */
export interface GaussianFit {
  dim: number;
  count: number;
  mean: Float64Array;
  cov: Float64Array;
}

/** Number of rows of a flat row-major feature matrix, or an error naming what is wrong. */
export function featureRows(data: ArrayLike<number>, dim: number, what = 'features'): number {
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`${what}: dimension must be a positive integer, got ${dim}`);
  if (data.length % dim !== 0) throw new Error(`${what}: ${data.length} values is not a whole number of ${dim}-dimensional rows`);
  return data.length / dim;
}

/**
 * Mean and covariance of row-major features (rows × dim). Two passes (centre, then accumulate) in float64.
 * `ddof` 1 (default) gives the unbiased covariance used by the standard FID implementation; 0 the MLE.
 */
export function fitGaussian(data: ArrayLike<number>, dim: number, ddof: 0 | 1 = 1): GaussianFit {
  const rows = featureRows(data, dim);
  if (rows < ddof + 1) throw new Error(`fitGaussian: need at least ${ddof + 1} feature rows, got ${rows}`);
  const mean = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < dim; j++) {
      const v = data[r * dim + j];
      if (!Number.isFinite(v)) throw new Error(`fitGaussian: feature row ${r}, column ${j} is ${v}`);
      mean[j] += v;
    }
  }
  for (let j = 0; j < dim; j++) mean[j] /= rows;
  const cov = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < dim; j++) centred[j] = data[r * dim + j] - mean[j];
    for (let i = 0; i < dim; i++) {
      const ci = centred[i];
      for (let j = i; j < dim; j++) cov[i * dim + j] += ci * centred[j];
    }
  }
  const denom = rows - ddof;
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      const v = cov[i * dim + j] / denom;
      cov[i * dim + j] = v;
      cov[j * dim + i] = v;
    }
  }
  return { dim, count: rows, mean, cov };
}

/** Fréchet distance between two Gaussians N(μ1, Σ1), N(μ2, Σ2) (the squared 2-Wasserstein distance). */
export function frechetDistance(a: GaussianFit, b: GaussianFit): number {
  if (a.dim !== b.dim) throw new Error(`frechetDistance: dimensions differ (${a.dim} vs ${b.dim})`);
  const n = a.dim;
  let meanTerm = 0;
  for (let j = 0; j < n; j++) {
    const d = a.mean[j] - b.mean[j];
    meanTerm += d * d;
  }
  // Tr((Σ1^½ Σ2 Σ1^½)^½) = Σ√eig(Σ2·Σ1) = nuclear norm of F2ᵀ·F1 for any factors Σ = F·Fᵀ (its Gram matrix
  // F1ᵀ·Σ2·F1 has the eigenvalues of Σ2·Σ1). Pivoted Cholesky factors handle singular covariances, and the
  // nuclear norm is computed from F2ᵀ·F1 itself (one-sided Jacobi), so small singular values stay accurate
  // where eigenvalues of a product would square the condition number.
  const f1 = psdFactor(a.cov, n).factor;
  const f2 = psdFactor(b.cov, n).factor;
  const trSqrt = nuclearNorm(matMul(transpose(f2, n), f1, n), n);
  const d = meanTerm + trace(a.cov, n) + trace(b.cov, n) - 2 * trSqrt;
  // The exact value is ≥ 0; a tiny negative is round-off (e.g. identical sets).
  return Math.max(0, d);
}

/** FID between two row-major feature sets of the same dimension. */
export function fid(a: ArrayLike<number>, b: ArrayLike<number>, dim: number): number {
  return frechetDistance(fitGaussian(a, dim), fitGaussian(b, dim));
}

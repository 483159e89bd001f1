import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diversity, multimodality, sampleWithoutReplacement } from '../../src/core/eval/diversity';
import { fid, fitGaussian, frechetDistance, type GaussianFit } from '../../src/core/eval/fid';
import {
  jacobiEigen, matMul, nuclearNorm, psdFactor, singularValues, sqrtPsd, symmetricEigen, transpose,
} from '../../src/core/eval/linalg';
import { matchingScore, rPrecision } from '../../src/core/eval/retrieval';
import { Rng } from '../../src/core/random';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/fid');

function randomSymmetric(rng: Rng, n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rng.normal();
  return a;
}

/** A random SPD matrix M·Mᵀ + eps·I. */
function randomSpd(rng: Rng, n: number, eps = 0.1): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) m[i] = rng.normal();
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += m[i * n + k] * m[j * n + k];
      out[i * n + j] = s + (i === j ? eps : 0);
    }
  }
  return out;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** Rows drawn from N(mean, L·Lᵀ) with L lower-triangular given row-major. */
function gaussianRows(rng: Rng, rows: number, mean: number[], chol: number[][]): Float64Array {
  const d = mean.length;
  const out = new Float64Array(rows * d);
  const z = new Float64Array(d);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < d; k++) z[k] = rng.normal();
    for (let i = 0; i < d; i++) {
      let s = mean[i];
      for (let k = 0; k <= i; k++) s += chol[i][k] * z[k];
      out[r * d + i] = s;
    }
  }
  return out;
}

describe('linalg: eigen-decompositions, PSD square root, singular values', () => {
  it.each([['Householder + QL', symmetricEigen], ['Jacobi', jacobiEigen]] as const)('%s reconstructs random symmetric matrices with orthonormal eigenvectors', (_name, eig) => {
    const rng = new Rng(1);
    for (const n of [1, 2, 5, 17, 40]) {
      const a = randomSymmetric(rng, n);
      const { values, vectors } = eig(a, n);
      for (let k = 1; k < n; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
      // V·diag(λ)·Vᵀ = A and VᵀV = I
      let recon = 0;
      let orth = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          let o = 0;
          for (let k = 0; k < n; k++) {
            s += vectors[i * n + k] * values[k] * vectors[j * n + k];
            o += vectors[k * n + i] * vectors[k * n + j];
          }
          recon = Math.max(recon, Math.abs(s - a[i * n + j]));
          orth = Math.max(orth, Math.abs(o - (i === j ? 1 : 0)));
        }
      }
      expect(recon).toBeLessThan(1e-11 * n);
      expect(orth).toBeLessThan(1e-12 * n);
    }
  });

  it('the two eigen-solvers agree, also on graded and repeated spectra', () => {
    const rng = new Rng(13);
    const n = 30;
    const cases = [randomSpd(rng, n), randomSymmetric(rng, n)];
    // Graded: Q·diag(10^-k)·Qᵀ with eigenvalues from 1 down to 1e-12, plus a 5-fold repeated eigenvalue.
    const q = symmetricEigen(randomSymmetric(rng, n), n).vectors;
    const spec = Array.from({ length: n }, (_, k) => (k < 5 ? 2 : 10 ** (-(12 * (k - 5)) / (n - 6))));
    const graded = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let v = 0;
      for (let k = 0; k < n; k++) v += q[i * n + k] * spec[k] * q[j * n + k];
      graded[i * n + j] = v;
    }
    cases.push(graded);
    for (const a of cases) {
      const h = symmetricEigen(a, n).values;
      const j = jacobiEigen(a, n).values;
      const scale = Math.max(...Array.from(j, Math.abs));
      expect(maxAbsDiff(h, j) / scale).toBeLessThan(1e-13);
    }
    const sorted = [...spec].sort((x, y) => x - y);
    expect(maxAbsDiff(symmetricEigen(graded, n).values, sorted)).toBeLessThan(1e-14);
  });

  it('finds known eigenvalues (diagonal, repeated, and a 2×2 rotation case)', () => {
    expect(Array.from(symmetricEigen([3, 0, 0, 0, 1, 0, 0, 0, 2], 3).values)).toEqual([1, 2, 3]);
    const two = symmetricEigen([2, 1, 1, 2], 2).values;
    expect(two[0]).toBeCloseTo(1, 14);
    expect(two[1]).toBeCloseTo(3, 14);
    const eye = symmetricEigen([5, 0, 0, 5], 2).values;
    expect(Array.from(eye)).toEqual([5, 5]);
  });

  it('sqrtPsd squares back to the matrix and clamps round-off negatives of a singular matrix', () => {
    const rng = new Rng(2);
    const n = 12;
    const a = randomSpd(rng, n);
    const s = sqrtPsd(a, n);
    expect(maxAbsDiff(matMul(s, s, n), a)).toBeLessThan(1e-10);
    // Rank-1 matrix v·vᵀ: eigenvalues 0 (up to round-off, possibly negative) and |v|².
    const v = [1, 2, 3, 4];
    const r1 = new Float64Array(16);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) r1[i * 4 + j] = v[i] * v[j];
    const sr = sqrtPsd(r1, 4);
    for (const x of sr) expect(Number.isFinite(x)).toBe(true);
    expect(maxAbsDiff(matMul(sr, sr, 4), r1)).toBeLessThan(1e-12 * 30);
  });

  it('singularValues: known cases, and tiny singular values kept to absolute accuracy ≈ ε‖A‖', () => {
    // Rotation·diag(3, 1e-9): singular values 3 and 1e-9.
    const c = Math.cos(0.7);
    const s = Math.sin(0.7);
    const a = [c * 3, -s * 1e-9, s * 3, c * 1e-9];
    for (const precondition of [true, false]) {
      const sv = Array.from(singularValues(a, 2, precondition)).sort((x, y) => x - y);
      expect(sv[1]).toBeCloseTo(3, 14);
      expect(Math.abs(sv[0] - 1e-9)).toBeLessThan(1e-15);
    }
    // Random matrix: Σσ² = ‖A‖_F².
    const rng = new Rng(12);
    const m = Float64Array.from({ length: 30 * 30 }, () => rng.normal());
    const sq = singularValues(m, 30).reduce((acc, v) => acc + v * v, 0);
    const fro = m.reduce((acc, v) => acc + v * v, 0);
    expect(Math.abs(sq - fro) / fro).toBeLessThan(1e-13);
  });

  it('preconditioned singular values (nuclearNorm) agree with plain one-sided Jacobi, including tiny ones', () => {
    const rng = new Rng(14);
    const n = 24;
    const m = Float64Array.from({ length: n * n }, () => rng.normal());
    const ref = singularValues(m, n, false).reduce((acc, v) => acc + v, 0);
    expect(Math.abs(nuclearNorm(m, n) - ref) / ref).toBeLessThan(1e-12);
    // Rank-3 matrix: 21 singular values are exactly 0; √eig(AᵀA) would give ~1e-8·‖A‖ each.
    const u = Float64Array.from({ length: n * 3 }, () => rng.normal());
    const w = Float64Array.from({ length: 3 * n }, () => rng.normal());
    const low = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < 3; k++) low[i * n + j] += u[i * 3 + k] * w[k * n + j];
    const lowRef = singularValues(low, n, false).reduce((acc, v) => acc + v, 0);
    expect(Math.abs(nuclearNorm(low, n) - lowRef)).toBeLessThan(1e-11 * lowRef);
  });

  it('psdFactor gives F·Fᵀ = A with the numerical rank, for definite and singular matrices', () => {
    const rng = new Rng(16);
    const n = 20;
    const spd = randomSpd(rng, n);
    const full = psdFactor(spd, n);
    expect(full.rank).toBe(n);
    expect(maxAbsDiff(matMul(full.factor, transpose(full.factor, n), n), spd)).toBeLessThan(1e-12 * n * n);
    // Rank 4: B·Bᵀ with B 20×4 (as a covariance of 5 samples would be).
    const b = Float64Array.from({ length: n * 4 }, () => rng.normal());
    const low = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < 4; k++) low[i * n + j] += b[i * 4 + k] * b[j * 4 + k];
    const f = psdFactor(low, n);
    expect(f.rank).toBe(4);
    expect(maxAbsDiff(matMul(f.factor, transpose(f.factor, n), n), low)).toBeLessThan(1e-12 * n * n);
    for (let i = 0; i < n; i++) for (let k = 4; k < n; k++) expect(f.factor[i * n + k]).toBe(0);
    expect(psdFactor(new Float64Array(9), 3).rank).toBe(0);
  });

  it('rejects non-finite entries and mis-sized input with a message', () => {
    expect(() => symmetricEigen([1, NaN, NaN, 1], 2)).toThrow(/entry \(0, 1\) is NaN/);
    expect(() => jacobiEigen([1, Infinity, 0, 1], 2)).toThrow(/entry \(0, 1\) is Infinity/);
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(/expected 2×2 = 4 entries, got 3/);
  });
});

describe('FID', () => {
  it('is 0 for identical sets (also with a singular covariance)', () => {
    const rng = new Rng(3);
    const d = 16;
    const a = new Float64Array(200 * d);
    for (let i = 0; i < a.length; i++) a[i] = rng.normal() * (1 + (i % d));
    expect(fid(a, a, d)).toBeLessThan(1e-9);
    // 10 rows in 16 dimensions: rank-deficient covariance.
    const small = a.slice(0, 10 * d);
    const v = fid(small, small, d);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThan(1e-9);
  });

  it('matches the closed form for two known Gaussians (given exactly as fits)', () => {
    // Commuting covariances: Tr((Σ1^½Σ2Σ1^½)^½) = Σ √(σ1ᵢ σ2ᵢ) for diagonal Σ.
    const A: GaussianFit = { dim: 3, count: 0, mean: Float64Array.from([0, 0, 0]), cov: Float64Array.from([4, 0, 0, 0, 1, 0, 0, 0, 9]) };
    const B: GaussianFit = { dim: 3, count: 0, mean: Float64Array.from([1, 2, 2]), cov: Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]) };
    // ‖μ‖² = 9; traces 14 + 3; 2·(2 + 1 + 3) = 12 → 9 + 17 − 12 = 14.
    expect(frechetDistance(A, B)).toBeCloseTo(14, 12);
    expect(frechetDistance(B, A)).toBeCloseTo(14, 12);
    // 1-D: (μ1−μ2)² + (σ1−σ2)².
    const c: GaussianFit = { dim: 1, count: 0, mean: Float64Array.from([0.5]), cov: Float64Array.from([2.25]) };
    const e: GaussianFit = { dim: 1, count: 0, mean: Float64Array.from([-1]), cov: Float64Array.from([0.25]) };
    expect(frechetDistance(c, e)).toBeCloseTo(1.5 * 1.5 + 1 * 1, 12);
    // Non-commuting 2×2 case against the 2-D closed form √(tr(Σ1Σ2) + 2√det(Σ1Σ2)).
    const s1 = [2, 0.7, 0.7, 1];
    const s2 = [1, -0.4, -0.4, 3];
    const tr12 = s1[0] * s2[0] + s1[1] * s2[2] + s1[2] * s2[1] + s1[3] * s2[3];
    const det12 = (s1[0] * s1[3] - s1[1] * s1[2]) * (s2[0] * s2[3] - s2[1] * s2[2]);
    const expected = 0.3 * 0.3 + 0.4 * 0.4 + 3 + 4 - 2 * Math.sqrt(tr12 + 2 * Math.sqrt(det12));
    const f1: GaussianFit = { dim: 2, count: 0, mean: Float64Array.from([0.3, 0]), cov: Float64Array.from(s1) };
    const f2: GaussianFit = { dim: 2, count: 0, mean: Float64Array.from([0, -0.4]), cov: Float64Array.from(s2) };
    expect(frechetDistance(f1, f2)).toBeCloseTo(expected, 12);
  });

  it('estimates the closed form from samples of two known Gaussians', () => {
    const rng = new Rng(4);
    const a = gaussianRows(rng, 20000, [0, 0], [[1, 0], [0, 1]]);
    const b = gaussianRows(rng, 20000, [1, 0], [[2, 0], [0, 1]]);
    // ‖μ‖² = 1; Σ1 = I, Σ2 = diag(4, 1): 2 + 5 − 2·(2 + 1) = 1 → FID 2.
    expect(fid(a, b, 2)).toBeCloseTo(2, 1);
  });

  it('fits with the unbiased covariance of np.cov', () => {
    const f = fitGaussian([1, 2, 3, 4, 5, 9], 2); // rows (1,2), (3,4), (5,9)
    expect(Array.from(f.mean)).toEqual([3, 5]);
    expect(f.cov[0]).toBeCloseTo(4, 14); // var(1,3,5) with ddof 1
    expect(f.cov[1]).toBeCloseTo(7, 14); // cov((1,3,5),(2,4,9))
    expect(f.cov[3]).toBeCloseTo(13, 14); // var(2,4,9)
    expect(() => fitGaussian([1, 2, 3], 2)).toThrow(/not a whole number of 2-dimensional rows/);
    expect(() => fitGaussian([1, 2, 3, NaN], 2)).toThrow(/row 1, column 1 is NaN/);
  });

  it('agrees with scipy (standard FID code, < 1e-4 relative) and a 40-digit mpmath value (< 1e-10) on fixed feature files', () => {
    const ref = JSON.parse(readFileSync(join(FIXTURES, 'reference.json'), 'utf8')) as {
      dim: number;
      cases: Record<string, { a: string; rows_a: number; b: string; rows_b: number; fid: number; fid_mpmath: number }>;
    };
    const load = (f: string, rows: number): Float32Array => {
      const buf = readFileSync(join(FIXTURES, f));
      const copy = new Uint8Array(buf.byteLength);
      copy.set(buf);
      const arr = new Float32Array(copy.buffer);
      expect(arr.length).toBe(rows * ref.dim);
      return arr;
    };
    const names = Object.keys(ref.cases);
    expect(names).toEqual(['full_rank', 'ill_conditioned', 'rank_deficient']);
    for (const name of names) {
      const c = ref.cases[name];
      const a = load(c.a, c.rows_a);
      const ours = fid(a, load(c.b, c.rows_b), ref.dim);
      expect(Math.abs(ours - c.fid) / c.fid, `${name}: ours ${ours}, scipy ${c.fid}`).toBeLessThan(1e-4);
      // Measured: ≤ 5e-15 relative on all three cases (scipy's sqrtm route: 2e-12, 8e-9, 1.5e-8).
      expect(Math.abs(ours - c.fid_mpmath) / c.fid_mpmath, `${name}: ours ${ours}, mpmath ${c.fid_mpmath}`).toBeLessThan(1e-10);
      expect(fid(a, a, ref.dim)).toBeLessThan(1e-10);
    }
  });

  it('is symmetric, translation invariant and scales quadratically', () => {
    const rng = new Rng(15);
    const d = 6;
    const a = Float64Array.from({ length: 80 * d }, () => rng.normal());
    const b = Float64Array.from({ length: 90 * d }, (_, i) => rng.normal() * (1 + (i % d) / 3) + 0.2);
    const base = fid(a, b, d);
    expect(base).toBeGreaterThan(0.1);
    expect(fid(b, a, d)).toBeCloseTo(base, 11);
    const shift = (x: Float64Array): Float64Array => x.map((v, i) => v + 10 * Math.sin(i % d));
    expect(fid(shift(a), shift(b), d)).toBeCloseTo(base, 9);
    expect(fid(a.map((v) => 3 * v), b.map((v) => 3 * v), d)).toBeCloseTo(9 * base, 10);
  });
});

describe('Diversity and Multimodality', () => {
  it('draws distinct indices without replacement', () => {
    const idx = sampleWithoutReplacement(new Rng(5), 50, 50);
    expect(new Set(idx).size).toBe(50);
    expect(() => sampleWithoutReplacement(new Rng(5), 3, 4)).toThrow(/cannot draw 4 distinct indices from 3/);
  });

  it('is 0 for a set of identical points, and scales with the set', () => {
    const same = new Float64Array(40 * 3).fill(2.5);
    expect(diversity(same, 3, { pairs: 40, seed: 1 })).toBe(0);
    const rng = new Rng(6);
    const pts = Float64Array.from({ length: 100 * 4 }, () => rng.normal());
    const scaled = pts.map((v) => 3 * v);
    expect(diversity(scaled, 4, { pairs: 60, seed: 9 })).toBeCloseTo(3 * diversity(pts, 4, { pairs: 60, seed: 9 }), 12);
    expect(diversity(pts, 4, { pairs: 60, seed: 9 })).toBe(diversity(pts, 4, { pairs: 60, seed: 9 }));
  });

  it('of points on a circle matches the mean chord length', () => {
    // N points evenly spaced on a circle of radius r. The two index lists are independent uniform draws, so the
    // expected pair distance is the all-pairs mean chord (1/N²)·Σ_{i,j} 2r·|sin(π(i−j)/N)| → 4r/π for large N.
    const N = 2000;
    const r = 2;
    const pts = new Float64Array(N * 2);
    for (let i = 0; i < N; i++) {
      pts[2 * i] = r * Math.cos((2 * Math.PI * i) / N);
      pts[2 * i + 1] = r * Math.sin((2 * Math.PI * i) / N);
    }
    let exact = 0;
    for (let k = 0; k < N; k++) exact += 2 * r * Math.abs(Math.sin((Math.PI * k) / N));
    exact /= N;
    expect(exact).toBeCloseTo((4 * r) / Math.PI, 2);
    // Averaging several seeds, S = N pairs each: std of one estimate ≈ 0.6r/√N ≈ 0.027, of the mean of 8 ≈ 0.01.
    let mean = 0;
    for (let s = 0; s < 8; s++) mean += diversity(pts, 2, { pairs: N, seed: s }) / 8;
    expect(Math.abs(mean - exact)).toBeLessThan(0.05);
    // Two antipodal points only: every pair is either the same point (0) or a diameter (2r).
    const two = Float64Array.from([r, 0, -r, 0]);
    const d2 = diversity(two, 2, { pairs: 2, seed: 3 });
    expect([0, 2 * r]).toContain(d2);
  });

  it('multimodality is the mean distance between repeats of the same text', () => {
    // 3 texts × 4 repeats in 2-D; each text's repeats sit on a circle of radius ρ_t around a text-specific centre,
    // at the 4 compass points, so the distance between two distinct repeats is ρ·√2 or 2ρ, and 0 for the same one.
    const radii = [1, 2, 3];
    const data = new Float64Array(3 * 4 * 2);
    for (let t = 0; t < 3; t++) {
      for (let k = 0; k < 4; k++) {
        data[(t * 4 + k) * 2] = 100 * t + radii[t] * Math.cos((Math.PI / 2) * k);
        data[(t * 4 + k) * 2 + 1] = radii[t] * Math.sin((Math.PI / 2) * k);
      }
    }
    // Compute the expected value for the index pairs the function will draw (same seed, same draws).
    const rng = new Rng(11);
    const first = sampleWithoutReplacement(rng, 4, 3);
    const second = sampleWithoutReplacement(rng, 4, 3);
    let expected = 0;
    for (let t = 0; t < 3; t++) {
      for (let k = 0; k < 3; k++) {
        const steps = Math.abs(first[k] - second[k]) % 4;
        expected += steps === 0 ? 0 : steps === 2 ? 2 * radii[t] : Math.SQRT2 * radii[t];
      }
    }
    expected /= 9;
    expect(multimodality(data, 2, 3, 4, { times: 3, seed: 11 })).toBeCloseTo(expected, 12);
    // Identical repeats: 0, however far apart the texts are.
    const flat = new Float64Array(5 * 6 * 3);
    for (let t = 0; t < 5; t++) for (let k = 0; k < 6; k++) flat.fill(t * 10, (t * 6 + k) * 3, (t * 6 + k + 1) * 3);
    expect(multimodality(flat, 3, 5, 6, { times: 6 })).toBe(0);
    expect(() => multimodality(flat, 3, 5, 5)).toThrow(/expected 5 texts × 5 repeats/);
  });
});

describe('Matching Score and R-precision', () => {
  function randomEmbeddings(seed: number, n: number, d: number): Float64Array {
    const rng = new Rng(seed);
    return Float64Array.from({ length: n * d }, () => rng.normal());
  }

  it('identical text and motion embeddings give matching score 0 and R-precision 1', () => {
    const e = randomEmbeddings(7, 100, 16);
    expect(matchingScore(e, e, 16)).toBe(0);
    const r = rPrecision(e, e, 16);
    expect(r.topK).toEqual([1, 1, 1]);
    expect(r.batchSize).toBe(32);
    expect(r.batches).toBe(3);
    expect(r.ranked).toBe(96);
    expect(rPrecision(e, e, 16, { rankBy: 'text' }).topK).toEqual([1, 1, 1]);
  });

  it('matching score is the mean paired distance', () => {
    const text = Float64Array.from([0, 0, 1, 1]);
    const motion = Float64Array.from([3, 4, 1, 2]);
    expect(matchingScore(text, motion, 2)).toBeCloseTo((5 + 1) / 2, 14);
    expect(() => matchingScore(text, motion.slice(0, 2), 2)).toThrow(/2 text embeddings but 1 motion embeddings/);
  });

  it('counts the rank of the true partner on a constructed batch', () => {
    // 1-D embeddings, one batch of 4. Texts at 0, 10, 20, 30. Motion i placed so that its own text ranks i-th:
    // m0 = 0 (own text nearest), m1 = 1 (text 0 nearer, own text 10 second), m2 = 4 (texts 0, 10 nearer, own 20
    // third), m3 = 1 (own text 30 is fourth).
    const text = Float64Array.from([0, 10, 20, 30]);
    const motion = Float64Array.from([0, 1, 4, 1]);
    const r = rPrecision(text, motion, 1, { batchSize: 4, topK: 4, seed: 0 });
    expect(r.topK).toEqual([0.25, 0.5, 0.75, 1]);
    // Random pairings of 32 unrelated texts: top-1 ≈ 1/32, top-3 ≈ 3/32 (up to sampling noise).
    const t = randomEmbeddings(8, 32 * 40, 8);
    const m = randomEmbeddings(9, 32 * 40, 8);
    const rr = rPrecision(t, m, 8);
    expect(rr.topK[0]).toBeGreaterThan(0.01);
    expect(rr.topK[0]).toBeLessThan(0.06);
    expect(rr.topK[2]).toBeGreaterThan(0.06);
    expect(rr.topK[2]).toBeLessThan(0.13);
  });

  it('ranks ties like a stable argsort and uses one batch for sets smaller than 32', () => {
    // All embeddings equal: every candidate ties; query at batch position p has rank p.
    const same = new Float64Array(4 * 2);
    const r = rPrecision(same, same, 2, { topK: 3 });
    expect(r.batchSize).toBe(4);
    expect(r.topK).toEqual([0.25, 0.5, 0.75]);
  });
});

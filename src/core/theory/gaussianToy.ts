// The paper's 2-D Gaussian self-consuming loop (exp_scripts/gaussian_toy_example.py): n real points from N(0, I),
// an exact MLE Gaussian refit each generation on real ∪ syntheticCount(λ, n) synthetic points, each corrected with
// probability correctionProbability(γ) (src/core/loop/params.ts), and the closed-form W2 to N(0, I). Running sufficient statistics; no refits over the pool.

import { checkGamma, correctionProbability, syntheticCount } from '../loop/params';
import { Rng, hashString } from '../random';

export interface GaussianToyOptions {
  /** Real points (≥ 2). Paper: 50. */
  n: number;
  /** Synthetic points per generation: syntheticCount(λ, n). Paper: 0.5. */
  lambda: number;
  /** Correction strength γ ≥ 0; Infinity = every synthetic point corrected. */
  gamma: number;
  /** Generations after generation 0. Paper: 500. */
  generations: number;
  /**
   * true: keep earlier generations' synthetic points; at generation G, synthetic generation j (0-based, of G so
   * far) contributes its first ⌊(j+1)·m/G⌋ points, as the paper's script does. false: only the latest batch.
   * (Computed in exact integers; the script's float form int((j+1)/G·m) agrees for m = 25 and every G ≤ 500,
   * and differs only where float round-off gives x.999…, e.g. 10 of the (G ≤ 500) cases for m = 50.)
   */
  accumulate: boolean;
  seed: number;
}

export interface GaussianToyResult {
  /** W2 distance (not squared) of the fitted Gaussian to N(0, I), generations 0 … T. */
  w2: Float64Array;
  /** Fitted means, (T+1) × 2. */
  mean: Float64Array;
  /** Fitted covariances as (xx, xy, yy), (T+1) × 3. */
  cov: Float64Array;
}

/**
 * Points of one run to look at (the theory lab's scatter): the n real points, and the ⌊λ·n⌋ synthetic points
 * drawn at generation `generation` (1 … T) from the fit of generation − 1, with which of them were corrected
 * (swapped for a fresh target draw). Filled by GaussianToyRunner.run when passed; the run's W2 is unchanged.
 */
export interface ToyCapture {
  /** Generation whose synthetic batch to record, 1 … T. */
  generation: number;
  /** Real points, n × 2 (x, y), written by the run. */
  real: Float64Array;
  /** Synthetic batch of `generation`, m × 2 (x, y). */
  synthetic: Float64Array;
  /** 1 where synthetic point i was corrected, else 0; length m. */
  corrected: Uint8Array;
}

/** Empty capture buffers sized for n real points and λ. */
export function createToyCapture(n: number, lambda: number, generation: number): ToyCapture {
  const m = syntheticCount(lambda, n);
  return { generation, real: new Float64Array(2 * n), synthetic: new Float64Array(2 * m), corrected: new Uint8Array(m) };
}

// The script's sklearn GaussianMixture also adds 1e-6 to the covariance diagonal; we fit the exact MLE.

/** Largest accumulate-mode table we allocate, in (m+1)·(T+1) cells of 5 doubles (2e6 cells = 80 MB). */
const MAX_TABLE_CELLS = 2_000_000;

/**
 * Two independent standard normals by Marsaglia's polar method, written to out[0], out[1]. Uses only
 * rng.next() (no sin/cos), about 40% cheaper than Box–Muller here, where random numbers dominate the cost.
 */
export function normalPair(rng: Rng, out: Float64Array): void {
  let x: number, y: number, s: number;
  do {
    x = 2 * rng.next() - 1;
    y = 2 * rng.next() - 1;
    s = x * x + y * y;
  } while (s >= 1 || s === 0);
  const f = Math.sqrt((-2 * Math.log(s)) / s);
  out[0] = x * f;
  out[1] = y * f;
}

/** Square root of a symmetric PSD 2×2 matrix [[a, b], [b, c]] in closed form: (M + √det·I)/√(tr + 2√det). */
export function sqrtm2x2(a: number, b: number, c: number): [number, number, number] {
  const s = Math.sqrt(Math.max(0, a * c - b * b));
  const t = Math.sqrt(Math.max(0, a + c + 2 * s));
  if (t === 0) return [0, 0, 0];
  return [(a + s) / t, b / t, (c + s) / t];
}

/**
 * Closed-form W2 (not squared) between two 2-D Gaussians, covariances given as (xx, xy, yy):
 * W2² = ‖μ1−μ2‖² + tr Σ1 + tr Σ2 − 2·Tr((Σ1^½ Σ2 Σ1^½)^½), and for 2×2 matrices
 * Tr((Σ1^½ Σ2 Σ1^½)^½) = √(tr(Σ1Σ2) + 2√det(Σ1Σ2)).
 */
export function w2Gaussian2(mu1: readonly number[], cov1: readonly number[], mu2: readonly number[], cov2: readonly number[]): number {
  const dx = mu1[0] - mu2[0];
  const dy = mu1[1] - mu2[1];
  const [a1, b1, c1] = cov1;
  const [a2, b2, c2] = cov2;
  const trProd = a1 * a2 + 2 * b1 * b2 + c1 * c2;
  const detProd = Math.max(0, a1 * c1 - b1 * b1) * Math.max(0, a2 * c2 - b2 * b2);
  const cross = Math.sqrt(Math.max(0, trProd + 2 * Math.sqrt(detProd)));
  return Math.sqrt(Math.max(0, dx * dx + dy * dy + a1 + c1 + a2 + c2 - 2 * cross));
}

/** W2 (not squared) from N(μ, Σ) to the target N(0, I), Σ = (a, b; b, c). */
export function w2ToStandard(mx: number, my: number, a: number, b: number, c: number): number {
  const cross = Math.sqrt(Math.max(0, a + c + 2 * Math.sqrt(Math.max(0, a * c - b * b))));
  return Math.sqrt(Math.max(0, mx * mx + my * my + a + c + 2 - 2 * cross));
}

function validate(o: GaussianToyOptions): void {
  if (!Number.isInteger(o.n) || o.n < 2) throw new RangeError(`gaussian toy: n must be an integer ≥ 2, got ${o.n}`);
  if (!Number.isFinite(o.lambda) || o.lambda < 0) throw new RangeError(`gaussian toy: lambda must be a finite number ≥ 0, got ${o.lambda}`);
  checkGamma(o.gamma);
  if (!Number.isInteger(o.generations) || o.generations < 0) {
    throw new RangeError(`gaussian toy: generations must be an integer ≥ 0, got ${o.generations}`);
  }
  if (!Number.isFinite(o.seed)) throw new RangeError(`gaussian toy: seed must be a finite number, got ${o.seed}`);
}

/**
 * Reusable runner: owns the accumulate table, so repeated runs (the theory lab's γ sweep) reuse it; nothing is
 * allocated per generation (per run: two small Rng objects, and the result arrays unless `out` is given).
 *
 * Accumulate mode in O(m) per generation: P_j[k] (k = 0…m) is the sum of the first k points of synthetic
 * generation j (x, y, xx, xy, yy), and C_k[j] = Σ_{j' < j} P_{j'}[k] is kept for every k. At generation G the
 * generations whose ⌊(j+1)m/G⌋ equals k form one contiguous range j ∈ [a_k, a_{k+1}) with
 * a_k = max(0, ⌈kG/m⌉ − 1), so the pool's sums are Σ_k (C_k[a_{k+1}] − C_k[a_k]).
 */
export interface GaussianToyRunnerOptions {
  /**
   * Keep each seed's random draws (the real points, and u, z₁, z₂ of every synthetic point) and replay them when
   * the same seed runs again with the same n, ⌊λ·n⌋ and T, e.g. at another γ: results are identical (the stream
   * does not depend on γ or on replace/accumulate), and the normal draws, most of the cost, are made once per seed
   * instead of once per γ. Memory: 2n + 3·m·T doubles per seed, at most NOISE_CACHE_DOUBLES in all (seeds beyond
   * that are drawn as usual). Off by default.
   */
  reuseNoise?: boolean;
}

/** Most doubles the noise cache of one runner holds (32 MB). */
export const NOISE_CACHE_DOUBLES = 4_000_000;
const NO_NOISE: Float64Array = new Float64Array(0);

export class GaussianToyRunner {
  private table = new Float64Array(0);
  private z = new Float64Array(2);
  private readonly reuseNoise: boolean;
  private noise = new Map<number, Float64Array>();
  private noiseKey = '';
  private noiseDoubles = 0;

  constructor(options: GaussianToyRunnerOptions = {}) {
    this.reuseNoise = options.reuseNoise === true;
  }

  /** Forget the cached draws (reuseNoise), so the next run of each seed draws afresh. */
  clearNoise(): void {
    this.noise.clear();
    this.noiseKey = '';
    this.noiseDoubles = 0;
  }

  /**
   * Run one seed. Pass `out` (sized for `generations`) to reuse result buffers, and `capture` to record the real
   * points and one generation's synthetic batch (the random stream and the result are the same either way).
   */
  run(o: GaussianToyOptions, out?: GaussianToyResult, capture?: ToyCapture): GaussianToyResult {
    validate(o);
    const T = o.generations;
    const n = o.n;
    const m = syntheticCount(o.lambda, n);
    const t = correctionProbability(o.gamma);
    if (capture) {
      if (!Number.isInteger(capture.generation) || capture.generation < 1 || capture.generation > T) {
        throw new RangeError(`gaussian toy: capture generation must be an integer in 1 … ${T}, got ${capture.generation}`);
      }
      if (capture.real.length !== 2 * n || capture.synthetic.length !== 2 * m || capture.corrected.length !== m) {
        throw new RangeError(`gaussian toy: capture buffers must hold ${n} real and ${m} synthetic points`);
      }
    }
    const res = out ?? { w2: new Float64Array(T + 1), mean: new Float64Array(2 * (T + 1)), cov: new Float64Array(3 * (T + 1)) };
    if (res.w2.length !== T + 1 || res.mean.length !== 2 * (T + 1) || res.cov.length !== 3 * (T + 1)) {
      throw new RangeError(`gaussian toy: result buffers are sized for ${res.w2.length - 1} generations, not ${T}`);
    }
    // C_k[j] lives at table[(j * row + k) * 5 + s]: generation-major, so each generation writes one contiguous row.
    const row = m + 1;
    if (o.accumulate && m > 0) {
      const cells = row * (T + 1);
      if (cells > MAX_TABLE_CELLS) {
        throw new RangeError(`gaussian toy: accumulate with ⌊λ·n⌋ = ${m} and ${T} generations needs ${cells} table cells (limit ${MAX_TABLE_CELLS})`);
      }
      if (this.table.length < cells * 5) this.table = new Float64Array(cells * 5);
      // Row j = 0 (C_k[0] for every k) is the empty sum.
      this.table.fill(0, 0, row * 5);
    }
    const root = new Rng(o.seed);
    const realRng = root.fork('real');
    const rng = root.fork('loop');
    // Noise cache: `replay` reads this seed's draws from nz; `record` writes them there as they are drawn.
    let nz: Float64Array = NO_NOISE, replay = false, record = false;
    if (this.reuseNoise) {
      const key = `${n}/${m}/${T}`;
      if (key !== this.noiseKey) {
        this.noise.clear();
        this.noiseKey = key;
        this.noiseDoubles = 0;
      }
      const hit = this.noise.get(o.seed);
      const size = 2 * n + 3 * m * T;
      if (hit !== undefined) {
        nz = hit; replay = true;
      } else if (this.noiseDoubles + size <= NOISE_CACHE_DOUBLES) {
        nz = new Float64Array(size); record = true;
        this.noise.set(o.seed, nz);
        this.noiseDoubles += size;
      }
    }

    // Sufficient statistics of the real points.
    let rx = 0, ry = 0, rxx = 0, rxy = 0, ryy = 0;
    const z = this.z;
    for (let i = 0; i < n; i++) {
      let x: number, y: number;
      if (replay) {
        x = nz[2 * i]; y = nz[2 * i + 1];
      } else {
        normalPair(realRng, z);
        x = z[0]; y = z[1];
        if (record) { nz[2 * i] = x; nz[2 * i + 1] = y; }
      }
      rx += x; ry += y; rxx += x * x; rxy += x * y; ryy += y * y;
      if (capture) { capture.real[2 * i] = x; capture.real[2 * i + 1] = y; }
    }
    // Generation 0: fit on the real points only.
    let mx = rx / n, my = ry / n;
    let a = rxx / n - mx * mx, b = rxy / n - mx * my, c = ryy / n - my * my;
    const w2 = res.w2, meanOut = res.mean, covOut = res.cov;
    // (Written out rather than through a closure: captured doubles would be boxed on every assignment.)
    w2[0] = w2ToStandard(mx, my, a, b, c);
    meanOut[0] = mx; meanOut[1] = my;
    covOut[0] = a; covOut[1] = b; covOut[2] = c;
    const tab = this.table;
    for (let g = 1; g <= T; g++) {
      // Sample m points from the current fit (Cholesky of the 2×2 covariance), each corrected with probability t.
      // u and the normal pair z are drawn for every point whatever γ is, so runs with one seed and different γ
      // share their random numbers (the corrected point is the fresh target draw z itself).
      const l11 = Math.sqrt(Math.max(0, a));
      const l21 = l11 > 0 ? b / l11 : 0;
      const l22 = Math.sqrt(Math.max(0, c - l21 * l21));
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
      const j = g - 1; // this batch is synthetic generation j
      const cap = capture !== undefined && capture.generation === g ? capture : null;
      const nb = 2 * n + 3 * m * j; // this batch's draws in the noise cache
      for (let i = 0; i < m; i++) {
        let u: number, z1: number, z2: number;
        if (replay) {
          const p = nb + 3 * i;
          u = nz[p]; z1 = nz[p + 1]; z2 = nz[p + 2];
        } else {
          u = rng.next();
          normalPair(rng, z);
          z1 = z[0]; z2 = z[1];
          if (record) { const p = nb + 3 * i; nz[p] = u; nz[p + 1] = z1; nz[p + 2] = z2; }
        }
        let x: number, y: number;
        if (u < t) {
          x = z1; y = z2;
        } else {
          x = mx + l11 * z1; y = my + l21 * z1 + l22 * z2;
        }
        s0 += x; s1 += y; s2 += x * x; s3 += x * y; s4 += y * y;
        if (cap !== null) { cap.synthetic[2 * i] = x; cap.synthetic[2 * i + 1] = y; cap.corrected[i] = u < t ? 1 : 0; }
        if (o.accumulate) {
          // C_{i+1}[j+1] = C_{i+1}[j] + P_j[i+1]
          const dst = ((j + 1) * row + i + 1) * 5;
          const src = dst - row * 5;
          tab[dst] = tab[src] + s0; tab[dst + 1] = tab[src + 1] + s1; tab[dst + 2] = tab[src + 2] + s2;
          tab[dst + 3] = tab[src + 3] + s3; tab[dst + 4] = tab[src + 4] + s4;
        }
      }
      let cnt = n, sx = rx, sy = ry, sxx = rxx, sxy = rxy, syy = ryy;
      if (!o.accumulate) {
        cnt += m; sx += s0; sy += s1; sxx += s2; sxy += s3; syy += s4;
      } else if (m > 0) {
        const G = g;
        // a_k = max(0, ⌈kG/m⌉ − 1); generations [a_k, a_{k+1}) contribute their first k points.
        let lo = Math.max(0, Math.floor((G + m - 1) / m) - 1); // a_1
        for (let k = 1; k <= m; k++) {
          const hi = k === m ? G : Math.max(0, Math.floor(((k + 1) * G + m - 1) / m) - 1);
          if (hi > lo) {
            const p = (lo * row + k) * 5;
            const q = (hi * row + k) * 5;
            cnt += k * (hi - lo);
            sx += tab[q] - tab[p]; sy += tab[q + 1] - tab[p + 1];
            sxx += tab[q + 2] - tab[p + 2]; sxy += tab[q + 3] - tab[p + 3]; syy += tab[q + 4] - tab[p + 4];
          }
          lo = hi;
        }
      }
      mx = sx / cnt; my = sy / cnt;
      a = sxx / cnt - mx * mx; b = sxy / cnt - mx * my; c = syy / cnt - my * my;
      w2[g] = w2ToStandard(mx, my, a, b, c);
      meanOut[2 * g] = mx; meanOut[2 * g + 1] = my;
      covOut[3 * g] = a; covOut[3 * g + 1] = b; covOut[3 * g + 2] = c;
    }
    return res;
  }
}

/** Run the toy once for one seed. */
export function runGaussianToy(o: GaussianToyOptions): GaussianToyResult {
  return new GaussianToyRunner().run(o);
}

/** The seed of run k (0-based) of a multi-seed sweep with base seed `seed`. */
export function toySeed(seed: number, k: number): number {
  return ((seed >>> 0) ^ hashString(`gaussian-toy/${k}`)) >>> 0;
}

export interface ToySeedsResult {
  /** Mean over seeds of W2 per generation, T+1 values. */
  mean: Float64Array;
  /** Median over seeds of W2 per generation, T+1 values. */
  median: Float64Array;
  seeds: number;
}

/** Run `seeds` independent seeds (derived from o.seed by toySeed) and summarise W2 per generation. */
export function runToySeeds(o: GaussianToyOptions, seeds: number, runner = new GaussianToyRunner()): ToySeedsResult {
  if (!Number.isInteger(seeds) || seeds < 1) throw new RangeError(`gaussian toy: seeds must be an integer ≥ 1, got ${seeds}`);
  validate(o);
  const T = o.generations;
  const all = new Float64Array(seeds * (T + 1));
  const buf: GaussianToyResult = { w2: new Float64Array(T + 1), mean: new Float64Array(2 * (T + 1)), cov: new Float64Array(3 * (T + 1)) };
  for (let k = 0; k < seeds; k++) {
    runner.run({ ...o, seed: toySeed(o.seed, k) }, buf);
    all.set(buf.w2, k * (T + 1));
  }
  const mean = new Float64Array(T + 1);
  const median = new Float64Array(T + 1);
  const col = new Float64Array(seeds);
  for (let g = 0; g <= T; g++) {
    let sum = 0;
    for (let k = 0; k < seeds; k++) {
      col[k] = all[k * (T + 1) + g];
      sum += col[k];
    }
    mean[g] = sum / seeds;
    col.sort();
    median[g] = seeds % 2 === 1 ? col[(seeds - 1) / 2] : 0.5 * (col[seeds / 2 - 1] + col[seeds / 2]);
  }
  return { mean, median, seeds };
}

import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import {
  contraction, isStable, maxStableLambda, stabilityBound, stabilityThreshold,
} from '../../src/core/theory/bound';
import {
  GaussianToyRunner, createToyCapture, normalPair, runGaussianToy, runToySeeds, sqrtm2x2, toySeed,
  w2Gaussian2, w2ToStandard, type GaussianToyOptions,
} from '../../src/core/theory/gaussianToy';
import { Rng } from '../../src/core/random';

/**
 * Straightforward reference: keeps every synthetic point and refits over the whole pool each generation (the
 * paper script's structure), consuming the random stream exactly as the fast runner does (u, then a normal pair).
 */
function naiveToy(o: GaussianToyOptions): Float64Array {
  const root = new Rng(o.seed);
  const realRng = root.fork('real');
  const rng = root.fork('loop');
  const z = new Float64Array(2);
  const real: [number, number][] = [];
  for (let i = 0; i < o.n; i++) {
    normalPair(realRng, z);
    real.push([z[0], z[1]]);
  }
  const m = Math.floor(o.lambda * o.n + 1e-9);
  const t = o.gamma === Infinity ? 1 : o.gamma / (1 + o.gamma);
  const fit = (pts: [number, number][]): number[] => {
    let mx = 0, my = 0;
    for (const [x, y] of pts) { mx += x; my += y; }
    mx /= pts.length; my /= pts.length;
    let a = 0, b = 0, c = 0;
    for (const [x, y] of pts) { a += (x - mx) ** 2; b += (x - mx) * (y - my); c += (y - my) ** 2; }
    return [mx, my, a / pts.length, b / pts.length, c / pts.length];
  };
  const w2 = new Float64Array(o.generations + 1);
  let th = fit(real);
  w2[0] = w2Gaussian2([th[0], th[1]], [th[2], th[3], th[4]], [0, 0], [1, 0, 1]);
  const batches: [number, number][][] = [];
  for (let g = 1; g <= o.generations; g++) {
    const [mx, my, a, b, c] = th;
    const l11 = Math.sqrt(Math.max(0, a));
    const l21 = l11 > 0 ? b / l11 : 0;
    const l22 = Math.sqrt(Math.max(0, c - l21 * l21));
    const batch: [number, number][] = [];
    for (let i = 0; i < m; i++) {
      const u = rng.next();
      normalPair(rng, z);
      const [z1, z2] = z;
      batch.push(u < t ? [z1, z2] : [mx + l11 * z1, my + l21 * z1 + l22 * z2]);
    }
    batches.push(batch);
    let pool = [...real];
    if (o.accumulate) {
      const G = batches.length;
      batches.forEach((bt, j) => { pool = pool.concat(bt.slice(0, Math.floor(((j + 1) * m) / G))); });
    } else {
      pool = pool.concat(batch);
    }
    th = fit(pool);
    w2[g] = w2Gaussian2([th[0], th[1]], [th[2], th[3], th[4]], [0, 0], [1, 0, 1]);
  }
  return w2;
}

const PAPER = { n: 50, lambda: 0.5, generations: 500, accumulate: true } as const;

describe('Gaussian toy: closed forms', () => {
  it('sqrtm2x2 squares back and W2 matches known cases', () => {
    const [p, q, r] = sqrtm2x2(2, 0.7, 1);
    expect(p * p + q * q).toBeCloseTo(2, 13);
    expect(p * q + q * r).toBeCloseTo(0.7, 13);
    expect(q * q + r * r).toBeCloseTo(1, 13);
    expect(sqrtm2x2(0, 0, 0)).toEqual([0, 0, 0]);
    // Shift only: W2 = |μ|. Isotropic scale s: W2 = √2·|s − 1|.
    expect(w2ToStandard(3, 4, 1, 0, 1)).toBeCloseTo(5, 12);
    expect(w2ToStandard(0, 0, 0.25, 0, 0.25)).toBeCloseTo(Math.SQRT2 * 0.5, 12);
    expect(w2ToStandard(0, 0, 1, 0, 1)).toBe(0);
    // Degenerate (rank-1) covariance still finite: N(0, diag(1, 0)) to N(0, I) is 1.
    expect(w2ToStandard(0, 0, 1, 0, 0)).toBeCloseTo(1, 12);
    // General pair against the definition with explicit matrix square roots.
    const c1 = [2, 0.7, 1];
    const c2 = [1, -0.4, 3];
    const [s0, s1, s2] = sqrtm2x2(c1[0], c1[1], c1[2]);
    // M = S1·C2·S1
    const t00 = s0 * c2[0] + s1 * c2[1], t01 = s0 * c2[1] + s1 * c2[2];
    const t10 = s1 * c2[0] + s2 * c2[1], t11 = s1 * c2[1] + s2 * c2[2];
    const M = [t00 * s0 + t01 * s1, t00 * s1 + t01 * s2, t10 * s1 + t11 * s2];
    const rm = sqrtm2x2(M[0], M[1], M[2]);
    const expected = Math.sqrt(0.5 ** 2 + 0.2 ** 2 + c1[0] + c1[2] + c2[0] + c2[2] - 2 * (rm[0] + rm[2]));
    expect(w2Gaussian2([0.5, 0], c1, [0, 0.2], c2)).toBeCloseTo(expected, 12);
    expect(w2Gaussian2([0.5, 0], c1, [0, 0.2], c2)).toBeCloseTo(w2Gaussian2([0, 0.2], c2, [0.5, 0], c1), 12);
  });
});

describe('Gaussian toy: the loop', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const o = { ...PAPER, generations: 60, gamma: 0.3, seed: 42 };
    const a = runGaussianToy(o).w2;
    const b = runGaussianToy(o).w2;
    expect(Array.from(a)).toEqual(Array.from(b));
    const c = runGaussianToy({ ...o, seed: 43 }).w2;
    expect(Array.from(c)).not.toEqual(Array.from(a));
    expect(a.length).toBe(61);
  });

  it('generation 0 is the maximum-likelihood fit of the n real points only', () => {
    const seed = 9;
    const root = new Rng(seed);
    const realRng = root.fork('real');
    const pts: number[] = [];
    const z = new Float64Array(2);
    for (let i = 0; i < 50; i++) {
      normalPair(realRng, z);
      pts.push(z[0], z[1]);
    }
    let mx = 0, my = 0;
    for (let i = 0; i < 50; i++) { mx += pts[2 * i] / 50; my += pts[2 * i + 1] / 50; }
    let a = 0, b = 0, c = 0;
    for (let i = 0; i < 50; i++) {
      const dx = pts[2 * i] - mx, dy = pts[2 * i + 1] - my;
      a += dx * dx / 50; b += dx * dy / 50; c += dy * dy / 50;
    }
    const results = [
      runGaussianToy({ ...PAPER, generations: 3, gamma: 0, seed }),
      runGaussianToy({ ...PAPER, generations: 3, gamma: Infinity, seed, accumulate: false }),
      runGaussianToy({ ...PAPER, generations: 3, gamma: 2, seed, lambda: 1.5 }),
    ];
    for (const r of results) {
      expect(r.mean[0]).toBeCloseTo(mx, 12);
      expect(r.mean[1]).toBeCloseTo(my, 12);
      expect(r.cov[0]).toBeCloseTo(a, 12);
      expect(r.cov[1]).toBeCloseTo(b, 12);
      expect(r.cov[2]).toBeCloseTo(c, 12);
      expect(r.w2[0]).toBeCloseTo(w2ToStandard(mx, my, a, b, c), 12);
    }
  });

  it('running sufficient statistics equal a full refit over the pool (accumulate ⌊(j+1)m/G⌋ rule and replace)', () => {
    const cases: GaussianToyOptions[] = [
      { n: 50, lambda: 0.5, gamma: 0, generations: 40, accumulate: true, seed: 1 },
      { n: 50, lambda: 0.5, gamma: 0.3, generations: 40, accumulate: false, seed: 2 },
      { n: 7, lambda: 0.5, gamma: 1, generations: 25, accumulate: true, seed: 3 }, // m = 3 < G: many empty ranges
      { n: 10, lambda: 1.3, gamma: 5, generations: 30, accumulate: true, seed: 4 }, // m = 13
      { n: 12, lambda: 0.25, gamma: Infinity, generations: 20, accumulate: true, seed: 5 },
      { n: 20, lambda: 0, gamma: 0, generations: 5, accumulate: true, seed: 6 }, // m = 0: no synthetic data
    ];
    const runner = new GaussianToyRunner(); // reused across sizes: buffers must not leak between runs
    for (const o of cases) {
      const fast = runner.run(o).w2;
      const ref = naiveToy(o);
      for (let g = 0; g <= o.generations; g++) {
        expect(Math.abs(fast[g] - ref[g]), `case ${JSON.stringify(o)} generation ${g}`).toBeLessThan(1e-10);
      }
    }
  });

  it('with λ = 0 every generation equals generation 0; with γ = ∞ (replace) it stays near the target', () => {
    const flat = runGaussianToy({ ...PAPER, lambda: 0, generations: 20, gamma: 0, seed: 7 }).w2;
    for (const v of flat) expect(v).toBe(flat[0]);
    const inf = runToySeeds({ ...PAPER, accumulate: false, generations: 200, gamma: Infinity, seed: 7 }, 10);
    const none = runToySeeds({ ...PAPER, accumulate: false, generations: 200, gamma: 0, seed: 7 }, 10);
    expect(inf.median[200]).toBeLessThan(none.median[200]);
  });

  it('runToySeeds summarises independent seeds by mean and median per generation', () => {
    const o = { ...PAPER, generations: 30, gamma: 0.1, seed: 5 };
    const K = 4;
    const runs = Array.from({ length: K }, (_, k) => runGaussianToy({ ...o, seed: toySeed(5, k) }).w2);
    const s = runToySeeds(o, K);
    expect(s.mean.length).toBe(31);
    for (const g of [0, 1, 17, 30]) {
      const col = runs.map((r) => r[g]).sort((x, y) => x - y);
      expect(s.mean[g]).toBeCloseTo(col.reduce((p, v) => p + v, 0) / K, 12);
      expect(s.median[g]).toBeCloseTo((col[1] + col[2]) / 2, 12);
    }
    const odd = runToySeeds(o, 3);
    const col = runs.slice(0, 3).map((r) => r[30]).sort((x, y) => x - y);
    expect(odd.median[30]).toBeCloseTo(col[1], 12);
  });

  it('paper result: with λ = 0.5, n = 50, 500 generations, accumulate, the median final W2 over 20 seeds falls as γ grows', () => {
    // All eight γ values of the paper's figure; measured medians (seed 0): 0.374, 0.348, 0.304, 0.211, 0.089,
    // 0.037, 0.027, 0.024 (strictly falling for base seeds 1 and 2 too). The same seeds serve every γ.
    const gammas = [0, 0.01, 0.03, 0.1, 0.3, 1, 2, 5];
    const runner = new GaussianToyRunner();
    const finals = gammas.map((gamma) => runToySeeds({ ...PAPER, gamma, seed: 0 }, 20, runner).median[500]);
    for (let i = 1; i < finals.length; i++) {
      expect(finals[i], `γ = ${gammas[i]} vs ${gammas[i - 1]}: ${finals.join(', ')}`).toBeLessThan(finals[i - 1]);
    }
    // Exponentially more stable: strong correction cuts the final error by several times.
    expect(finals[7]).toBeLessThan(finals[0] / 4);
  });

  it('rejects bad options with a message naming the option', () => {
    expect(() => runGaussianToy({ ...PAPER, n: 1, gamma: 0, seed: 0 })).toThrow(/n must be an integer ≥ 2/);
    expect(() => runGaussianToy({ ...PAPER, lambda: -1, gamma: 0, seed: 0 })).toThrow(/lambda must be a finite number ≥ 0/);
    expect(() => runGaussianToy({ ...PAPER, gamma: NaN, seed: 0 })).toThrow(/gamma/);
    expect(() => runToySeeds({ ...PAPER, gamma: 0, seed: 0 }, 0)).toThrow(/seeds must be an integer ≥ 1/);
    expect(() => runGaussianToy({ n: 1000, lambda: 100, gamma: 0, generations: 100_000, accumulate: true, seed: 0 }))
      .toThrow(/table cells/);
  });
});

describe('Gaussian toy: capturing one generation (the theory lab scatter)', () => {
  const base: GaussianToyOptions = { n: 30, lambda: 0.5, gamma: 1, generations: 40, accumulate: false, seed: 7 };

  it('leaves the run unchanged and records the real points and the batch the fit of generation g used', () => {
    const plain = runGaussianToy(base);
    for (const g of [1, 17, 40]) {
      const cap = createToyCapture(base.n, base.lambda, g);
      const res = new GaussianToyRunner().run(base, undefined, cap);
      expect(Array.from(res.w2)).toEqual(Array.from(plain.w2));
      expect(cap.synthetic.length).toBe(2 * 15);
      // Replace mode: the fit of generation g is the MLE on the real points ∪ this batch.
      let sx = 0, sy = 0;
      for (let i = 0; i < cap.real.length; i += 2) { sx += cap.real[i]; sy += cap.real[i + 1]; }
      for (let i = 0; i < cap.synthetic.length; i += 2) { sx += cap.synthetic[i]; sy += cap.synthetic[i + 1]; }
      expect(res.mean[2 * g]).toBeCloseTo(sx / 45, 12);
      expect(res.mean[2 * g + 1]).toBeCloseTo(sy / 45, 12);
    }
    // Generation 0 is the fit of the captured real points.
    const cap = createToyCapture(base.n, base.lambda, 1);
    const res = new GaussianToyRunner().run(base, undefined, cap);
    let mx = 0;
    for (let i = 0; i < cap.real.length; i += 2) mx += cap.real[i];
    expect(res.mean[0]).toBeCloseTo(mx / base.n, 12);
  });

  it('marks corrected points: none for γ = 0, all for γ = ∞, some for γ = 1; corrected points are the same draws at every γ', () => {
    const flags = (gamma: number) => {
      const cap = createToyCapture(base.n, base.lambda, 5);
      new GaussianToyRunner().run({ ...base, gamma }, undefined, cap);
      return cap;
    };
    expect(Array.from(flags(0).corrected).every((f) => f === 0)).toBe(true);
    const all = flags(Infinity);
    expect(Array.from(all.corrected).every((f) => f === 1)).toBe(true);
    const some = flags(1);
    const k = Array.from(some.corrected).filter((f) => f === 1).length;
    expect(k).toBeGreaterThan(0);
    expect(k).toBeLessThan(some.corrected.length);
    // Same seed: the real points agree across γ.
    expect(Array.from(some.real)).toEqual(Array.from(all.real));
  });

  it('rejects a generation out of range or buffers of the wrong size', () => {
    const r = new GaussianToyRunner();
    expect(() => r.run(base, undefined, createToyCapture(base.n, base.lambda, 0))).toThrow(/capture generation/);
    expect(() => r.run(base, undefined, createToyCapture(base.n, base.lambda, 41))).toThrow(/capture generation/);
    expect(() => r.run(base, undefined, createToyCapture(base.n, 1, 3))).toThrow(/capture buffers/);
  });
});

describe('Gaussian toy: reusing each seed\'s draws across γ (reuseNoise)', () => {
  it('gives exactly the results of a plain runner, for every γ, seed, mode, and after n or T change', () => {
    const fast = new GaussianToyRunner({ reuseNoise: true });
    const plain = new GaussianToyRunner();
    const cases: GaussianToyOptions[] = [];
    for (const accumulate of [true, false]) {
      for (const seed of [3, 4, 3]) {
        for (const gamma of [0, 0.3, 5, Infinity]) cases.push({ n: 20, lambda: 0.5, gamma, generations: 30, accumulate, seed });
      }
    }
    cases.push({ n: 25, lambda: 0.5, gamma: 1, generations: 30, accumulate: true, seed: 3 });
    cases.push({ n: 20, lambda: 0.5, gamma: 1, generations: 12, accumulate: true, seed: 3 });
    cases.push({ n: 20, lambda: 0.5, gamma: 1, generations: 30, accumulate: true, seed: 3 });
    for (const o of cases) {
      const a = fast.run(o);
      const b = plain.run(o);
      expect(Array.from(a.w2), JSON.stringify(o)).toEqual(Array.from(b.w2));
      expect(Array.from(a.cov)).toEqual(Array.from(b.cov));
    }
    // Captures agree too, on a replayed seed.
    const o: GaussianToyOptions = { n: 20, lambda: 0.5, gamma: 1, generations: 30, accumulate: false, seed: 3 };
    const ca = createToyCapture(20, 0.5, 9);
    const cb = createToyCapture(20, 0.5, 9);
    fast.run(o, undefined, ca);
    plain.run(o, undefined, cb);
    expect(Array.from(ca.real)).toEqual(Array.from(cb.real));
    expect(Array.from(ca.synthetic)).toEqual(Array.from(cb.synthetic));
    expect(Array.from(ca.corrected)).toEqual(Array.from(cb.corrected));
    // runToySeeds over a reusing runner: the same medians.
    const base = { n: 20, lambda: 0.5, generations: 30, accumulate: true, seed: 1 };
    for (const gamma of [0, 1]) {
      expect(Array.from(runToySeeds({ ...base, gamma }, 3, fast).median)).toEqual(Array.from(runToySeeds({ ...base, gamma }, 3).median));
    }
  });
});

describe('stability bound', () => {
  it('is c·Σ_{i=0..t} r^i + r^t·e0 with r = ρ/(1+γ)', () => {
    const b = stabilityBound({ c: 0.1, rho: 0.8, gamma: 1, initialError: 2, generations: 3 });
    const r = 0.4;
    expect(b[0]).toBeCloseTo(0.1 + 2, 14);
    expect(b[1]).toBeCloseTo(0.1 * (1 + r) + r * 2, 14);
    expect(b[3]).toBeCloseTo(0.1 * (1 + r + r * r + r ** 3) + r ** 3 * 2, 14);
    // Limit c/(1 − r) for r < 1.
    const long = stabilityBound({ c: 0.1, rho: 0.8, gamma: 1, initialError: 2, generations: 200 });
    expect(long[200]).toBeCloseTo(0.1 / (1 - r), 12);
    // γ = ∞: r = 0, so the bound is c + e0 at t = 0 and c afterwards.
    const inf = stabilityBound({ c: 0.1, rho: 0.8, gamma: Infinity, initialError: 2, generations: 2 });
    expect(Array.from(inf)).toEqual([2.1, 0.1, 0.1]);
    expect(contraction(0.8, Infinity)).toBe(0);
  });

  it('tightens as γ grows, for every generation', () => {
    const gammas = [0, 0.1, 1, 5];
    const curves = gammas.map((gamma) => stabilityBound({ c: 0.05, rho: 0.9, gamma, initialError: 1, generations: 50 }));
    for (let i = 1; i < curves.length; i++) for (let t = 1; t <= 50; t++) expect(curves[i][t]).toBeLessThan(curves[i - 1][t]);
  });

  it('has the stability region λ·C < (1+γ)/(2+γ)', () => {
    expect(stabilityThreshold(0)).toBe(0.5);
    expect(stabilityThreshold(1)).toBeCloseTo(2 / 3, 15);
    expect(stabilityThreshold(Infinity)).toBe(1);
    expect(isStable(0.45, 1, 0)).toBe(true);
    expect(isStable(0.5, 1, 0)).toBe(false);
    expect(isStable(0.5, 1, 1)).toBe(true);
    expect(isStable(0.99, 1, Infinity)).toBe(true);
    expect(maxStableLambda(2, 0)).toBe(0.25);
    expect(() => stabilityBound({ c: -1, rho: 0.5, gamma: 0, initialError: 0, generations: 1 })).toThrow(/c must be/);
  });
});

describe('scsc toy', () => {
  async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
    return { code, out, err };
  }

  it('prints mean and median W2 per generation as JSON', async () => {
    const r = await cli(['toy', '--gamma', '1', '--lambda', '0.5', '--n', '50', '--generations', '40', '--seeds', '5', '--accumulate', '--seed', '3', '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const j = JSON.parse(r.out) as { w2: { mean: number[]; median: number[] }; final: { mean: number; median: number } };
    expect(j.w2.mean.length).toBe(41);
    expect(j.w2.median.length).toBe(41);
    expect(j.final.mean).toBe(j.w2.mean[40]);
    expect(j.final.median).toBe(j.w2.median[40]);
    const direct = runToySeeds({ n: 50, lambda: 0.5, gamma: 1, generations: 40, accumulate: true, seed: 3 }, 5);
    expect(j.w2.median).toEqual(Array.from(direct.median));
  });

  it('accepts --gamma inf and prints a table without --json', async () => {
    const r = await cli(['toy', '--gamma', 'inf', '--generations', '20', '--seeds', '3']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/γ = ∞/);
    expect(r.out).toMatch(/W2 mean\s+W2 median/);
    expect(r.out.trim().split('\n').length).toBeLessThan(20);
    const j = JSON.parse((await cli(['toy', '--gamma=inf', '--generations', '5', '--seeds', '2', '--json'])).out) as { w2: { mean: number[] } };
    expect(j.w2.mean.length).toBe(6);
  });

  it('bad flags exit 2 with one line on stderr', async () => {
    for (const argv of [
      ['toy', '--gamma', '-1'],
      ['toy', '--n', 'many'],
      ['toy', '--seeds', '0'],
      ['toy', '--generations', '2.5'],
      ['toy', '--lambda'],
      ['toy', '--bogus', '1'],
      ['toy', '--n', '1000', '--lambda', '100', '--generations', '100000', '--accumulate'],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n').length, r.err).toBe(1);
      expect(r.err).toMatch(/^scsc toy: /);
    }
  });
});

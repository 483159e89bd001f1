// The theory lab's pure logic: the γ slider scale, the curves and scatter it computes, the bound's anchoring at
// the user's generation-0 W2, the drawn-point stride, and the app store's theory slice: clamping, timing record.

import { describe, expect, it } from 'vitest';
import { stabilityThreshold } from '../../src/core/theory/bound';
import { GaussianToyRunner, runToySeeds } from '../../src/core/theory/gaussianToy';
import { GAMMA_POS_MAX, formatGamma, gammaFromPos, posFromGamma } from '../../src/app/theory/gammaScale';
import { PAPER_GAMMAS, computeCurves, computeScatter, type TheorySettings } from '../../src/app/theory/theoryCompute';
import { DEFAULT_SETTINGS } from '../../src/app/state/theorySlice';
import { useAppStore } from '../../src/app/store';
import { MAX_DRAWN_POINTS, drawnGenerations } from '../../src/app/theory/W2Chart';

const small: TheorySettings = { ...DEFAULT_SETTINGS, generations: 60, seeds: 3, scatterGeneration: 60 };

describe('γ slider scale', () => {
  it('runs 0, log-evenly 10⁻³ … 10², then ∞, with exact decade stops', () => {
    expect(gammaFromPos(0)).toBe(0);
    expect(gammaFromPos(GAMMA_POS_MAX)).toBe(Infinity);
    expect(gammaFromPos(1)).toBeCloseTo(1e-3, 15);
    expect(gammaFromPos(GAMMA_POS_MAX - 1)).toBeCloseTo(100, 10);
    // The paper's γ values (and 10) are exact stops: the slider can land on each of them.
    for (const g of [0, 0.01, 0.03, 0.1, 0.3, 1, 2, 5, 10, Infinity]) expect(gammaFromPos(posFromGamma(g))).toBe(g);
    // Each step stays within 6 % of the log-even value 10^(−3 + (p−1)/20).
    for (let p = 1; p < GAMMA_POS_MAX; p++) {
      expect(Math.abs(Math.log10(gammaFromPos(p)) - (-3 + (p - 1) / 20))).toBeLessThan(Math.log10(1.06));
    }
    for (let p = 1; p < GAMMA_POS_MAX; p++) expect(gammaFromPos(p)).toBeGreaterThan(gammaFromPos(p - 1));
  });

  it('round-trips positions and clamps bad input', () => {
    for (let p = 0; p <= GAMMA_POS_MAX; p++) expect(posFromGamma(gammaFromPos(p))).toBe(p);
    expect(gammaFromPos(-5)).toBe(0);
    expect(gammaFromPos(1e9)).toBe(Infinity);
    expect(gammaFromPos(Number.NaN)).toBe(0);
    expect(posFromGamma(1e6)).toBe(GAMMA_POS_MAX - 1);
  });

  it('formats γ as people write it', () => {
    expect(formatGamma(0)).toBe('0');
    expect(formatGamma(Infinity)).toBe('∞');
    expect(formatGamma(gammaFromPos(posFromGamma(0.03)))).toBe('0.03');
    expect(formatGamma(gammaFromPos(posFromGamma(0.0316)))).toBe('0.03');
    expect(formatGamma(0.123456)).toBe('0.123');
    expect(formatGamma(1)).toBe('1');
  });
});

describe('theory lab computation', () => {
  it('gives one median curve per paper γ, equal to runToySeeds, and reuses it for the user γ when it is in the set', () => {
    const runner = new GaussianToyRunner();
    const c = computeCurves(small, runner);
    expect(c.paper.length).toBe(PAPER_GAMMAS.length);
    const base = { n: small.n, lambda: small.lambda, generations: small.generations, accumulate: true, seed: small.seed };
    PAPER_GAMMAS.forEach((gamma, i) => {
      expect(Array.from(c.paper[i])).toEqual(Array.from(runToySeeds({ ...base, gamma }, small.seeds).median));
    });
    expect(c.user).toBe(c.paper[PAPER_GAMMAS.indexOf(1)]);
    const other = computeCurves({ ...small, gamma: 0.5 }, runner);
    expect(Array.from(other.user)).toEqual(Array.from(runToySeeds({ ...base, gamma: 0.5 }, small.seeds).median));
    expect(c.sweepMs).toBeGreaterThanOrEqual(0);
    expect(c.totalMs).toBeGreaterThanOrEqual(c.sweepMs);
  });

  it('anchors the bound at the user γ curve: bound[0] = c + W2₀, and γ = ∞ gives the flat c', () => {
    const runner = new GaussianToyRunner();
    const c = computeCurves(small, runner);
    expect(c.bound.length).toBe(small.generations + 1);
    expect(c.bound[0]).toBeCloseTo(small.c + c.user[0], 12);
    const inf = computeCurves({ ...small, gamma: Infinity }, runner);
    expect(inf.bound[10]).toBeCloseTo(small.c, 12);
  });

  it('scatter: n real points and ⌊λ·n⌋ synthetic points, the fit that drew them, γ = ∞ corrects every one', () => {
    const runner = new GaussianToyRunner();
    const s = computeScatter(small, runner);
    expect(s.capture.real.length).toBe(2 * 50);
    expect(s.capture.synthetic.length).toBe(2 * 25);
    expect(s.capture.generation).toBe(60);
    expect(s.fitCov[0]).toBeGreaterThan(0);
    const inf = computeScatter({ ...small, gamma: Infinity, scatterGeneration: 999 }, runner);
    expect(inf.capture.generation).toBe(60);
    expect(Array.from(inf.capture.corrected).every((f) => f === 1)).toBe(true);
  });

  it('draws at most MAX_DRAWN_POINTS generations, from 0 to the last', () => {
    for (const T of [0, 1, 50, 125, 126, 500, 1000]) {
      const gs = drawnGenerations(T);
      expect(gs[0]).toBe(0);
      expect(gs[gs.length - 1]).toBe(T);
      expect(gs.length).toBeLessThanOrEqual(MAX_DRAWN_POINTS);
      for (let i = 1; i < gs.length; i++) expect(gs[i]).toBeGreaterThan(gs[i - 1]);
    }
    expect(drawnGenerations(100).length).toBe(101);
  });
});

/** The theory slice's view of the app store, now. */
const view = () => useAppStore.getState().theory;

describe('theory lab store', () => {
  it('starts at the paper protocol with curves computed, and clamps every setting', () => {
    const st = useAppStore.getState();
    expect(st.theory.curves).toBeNull();
    st.initTheory();
    st.initTheory(); // once only
    expect(st.theory.settings).toMatchObject({ n: 50, lambda: 0.5, generations: 500, accumulate: true });
    expect(view().curves?.paper.length).toBe(8);
    expect(view().timings.length).toBe(1);
    st.setTheoryLambda(9);
    expect(view().settings.lambda).toBe(1.5);
    st.setTheoryN(1);
    expect(view().settings.n).toBe(5);
    st.setTheoryN(Number.NaN);
    expect(view().settings.n).toBe(5);
    st.setTheoryGammaPos(GAMMA_POS_MAX + 3);
    expect(view().settings.gamma).toBe(Infinity);
    expect(view().gammaPos).toBe(GAMMA_POS_MAX);
    st.setTheoryScatterGeneration(0);
    expect(view().settings.scatterGeneration).toBe(1);
    // Each curve recompute records one sweep time.
    expect(view().timings.length).toBe(5);
  });

  it('recomputes on every change: n changes the curves and the scatter size; C only moves the region', () => {
    const st = useAppStore.getState();
    st.setTheoryLambda(0.5);
    st.setTheoryN(40);
    const a = view();
    expect(a.scatter?.capture.real.length).toBe(80);
    expect(a.scatter?.capture.synthetic.length).toBe(40);
    st.setTheoryN(60);
    const b = view();
    expect(Array.from(b.curves?.user ?? [])).not.toEqual(Array.from(a.curves?.user ?? []));
    st.setTheoryStabilityC(2);
    const c = view();
    expect(c.curves).toBe(b.curves);
    expect(c.settings.C).toBe(2);
    expect(c.settings.lambda * c.settings.C < stabilityThreshold(c.settings.gamma)).toBe(false);
    // Recompute: new curves (and a timing), same scatter (its inputs did not change).
    const n0 = c.timings.length;
    st.recomputeTheory();
    const d = view();
    expect(d.curves).not.toBe(c.curves);
    expect(Array.from(d.curves?.user ?? [])).toEqual(Array.from(c.curves?.user ?? []));
    expect(d.scatter).toBe(c.scatter);
    expect(d.timings.length).toBe(Math.min(n0 + 1, 200));
  });
});

// The theory lab: the paper's 2-D Gaussian toy live in the page. λ, γ and n sliders recompute
// the W2 curves synchronously on every input event (flushSync), with the bound, a real-vs-synthetic scatter and
// the stability region next to them, and a readout of how long each recompute took. Its state is the app store's
// theory slice (src/app/state/theorySlice.ts); its settings are in the config, so they round-trip through the URL.

import { useDeferredValue, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { flushSync } from 'react-dom';
import { contraction, isStable, stabilityThreshold } from '../../core/theory/bound';
import { correctionPercent, syntheticCount } from '../../core/loop/params';
import { GAMMA_POS_MAX, formatGamma } from './gammaScale';
import { StabilityRegion } from './StabilityRegion';
import { LIMITS, selectCurves, selectGammaPos, selectLastTiming, selectScatter, selectSettings } from '../state/theorySlice';
import { useAppStore } from '../store';
import { ToyScatter } from './ToyScatter';
import { W2Chart } from './W2Chart';
import { whenIdle } from '../idle';
import { whenNearViewport } from '../nearViewport';
import './theory.css';

/** An input handler that commits the store update and React's re-render before returning. */
function sync(action: (v: number) => void) {
  return (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const v = Number(e.currentTarget.value);
    flushSync(() => action(v));
  };
}

export function TheoryLab() {
  const s = useAppStore(selectSettings);
  const gammaPos = useAppStore(selectGammaPos);
  const curves = useAppStore(selectCurves);
  const scatter = useAppStore(selectScatter);
  const lastMs = useAppStore(selectLastTiming);
  const a = useAppStore.getState();
  // The W2 chart redraws inside the input event; the scatter and the region follow in a deferred render, so a
  // slider drag is not held up by them.
  const scatterShown = useDeferredValue(scatter);
  const regionLambda = useDeferredValue(s.lambda);
  const regionPos = useDeferredValue(gammaPos);
  const regionC = useDeferredValue(s.C);
  const regionGamma = useDeferredValue(s.gamma);
  // The lab sits 2.6 screens below the fold: its 8-curve sweep and its charts' first render wait until the reader
  // scrolls near it, and then for an idle moment (a resumed run trains while the page loads).
  const lab = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = lab.current;
    if (!el) return;
    let cancelIdle = () => {};
    const cancelNear = whenNearViewport(el, () => {
      cancelIdle = whenIdle(() => useAppStore.getState().initTheory());
    });
    return () => {
      cancelNear();
      cancelIdle();
    };
  }, []);
  // The scatter (a second recharts chart) mounts one task after the W2 chart: two shorter main-thread tasks instead
  // of one long one, and the W2 chart is on screen sooner.
  const [scatterMounted, setScatterMounted] = useState(false);
  useEffect(() => {
    if (curves === null || scatterMounted) return;
    const timer = window.setTimeout(() => setScatterMounted(true), 0);
    return () => clearTimeout(timer);
  }, [curves, scatterMounted]);
  if (curves === null || scatter === null) {
    return (
      <section className="theory-lab" data-testid="theory-lab" aria-labelledby="theory-title" ref={lab}>
        <h2 id="theory-title">Theory lab: the Gaussian toy</h2>
        <p className="theory-intro">Computing the toy…</p>
      </section>
    );
  }
  const m = syntheticCount(s.lambda, s.n);
  const stable = isStable(regionLambda, regionC, regionGamma);
  const threshold = stabilityThreshold(regionGamma);
  const final = curves.user[curves.user.length - 1];

  return (
    <section className="theory-lab" data-testid="theory-lab" aria-labelledby="theory-title" ref={lab}>
      <h2 id="theory-title">Theory lab: the Gaussian toy</h2>
      <p className="theory-intro">
        The paper's 2-D toy: a Gaussian is fitted by maximum likelihood to n real points from N(0, I); each of{' '}
        {s.generations} generations adds ⌊λ·n⌋ points sampled from the current fit, each swapped with probability
        γ/(1+γ) for a fresh point from N(0, I) (the idealised correction), and refits. Curves show the median over{' '}
        {s.seeds} seed{s.seeds === 1 ? '' : 's'} of the Wasserstein-2 distance from the fit to N(0, I). Without
        correction the fit drifts; any γ &gt; 0 holds it closer to the target.
      </p>
      <div className="theory-grid">
        <div className="theory-controls">
          <label>
            <span>λ = {s.lambda.toFixed(2)} <small>({m} synthetic points per generation)</small></span>
            <input type="range" data-testid="theory-lambda" min={LIMITS.lambda.min} max={LIMITS.lambda.max}
              step={LIMITS.lambda.step} value={s.lambda} onChange={sync(a.setTheoryLambda)} />
            <small className="hint">Synthetic fraction: how many model samples join the n real points each generation.</small>
          </label>
          <label>
            <span>γ = {formatGamma(s.gamma)} <small>(corrects {correctionPercent(s.gamma)} % of samples)</small></span>
            <input type="range" data-testid="theory-gamma" min={0} max={GAMMA_POS_MAX} step={1} value={gammaPos}
              onChange={sync(a.setTheoryGammaPos)} />
            <small className="hint">Correction strength, log scale from 0 through 0.001 … 100 to ∞ (every sample corrected); the paper's 0.01, 0.03, 0.1, 0.3, 1, 2, 5 are stops. Your γ is the thick orange curve.</small>
          </label>
          <label>
            <span>n = {s.n} real points</span>
            <input type="range" data-testid="theory-n" min={LIMITS.n.min} max={LIMITS.n.max} step={LIMITS.n.step}
              value={s.n} onChange={sync(a.setTheoryN)} />
            <small className="hint">Size of the real data set; fewer points mean a noisier fit to begin with.</small>
          </label>
          <div className="theory-row">
            <label className="inline">
              <span>Seeds K</span>
              <select data-testid="theory-seeds" value={s.seeds} onChange={sync(a.setTheorySeeds)}>
                {LIMITS.seeds.map((k) => <option key={k} value={k}>{k}</option>)}
              </select>
            </label>
            <label className="inline">
              <input type="checkbox" data-testid="theory-accumulate" checked={s.accumulate}
                onChange={(e) => { const on = e.currentTarget.checked; flushSync(() => a.setTheoryAccumulate(on)); }} />
              <span>accumulate synthetic data</span>
            </label>
          </div>
          <small className="hint">
            Curves are medians over K seeds (seed k is derived from seed {s.seed}). Accumulate keeps earlier
            generations' samples in the pool, as the paper's toy does; unticked, each generation replaces them.
          </small>
          <div className="theory-row">
            <label className="inline">
              <span>ρ</span>
              <input type="number" data-testid="theory-rho" min={LIMITS.rho.min} max={LIMITS.rho.max} step={0.05}
                value={s.rho} onChange={sync(a.setTheoryRho)} />
            </label>
            <label className="inline">
              <span>c</span>
              <input type="number" data-testid="theory-c" min={LIMITS.c.min} max={LIMITS.c.max} step={0.005}
                value={s.c} onChange={sync(a.setTheoryC)} />
            </label>
            <label className="inline">
              <span>C</span>
              <input type="number" data-testid="theory-C" min={LIMITS.C.min} max={LIMITS.C.max} step={0.05}
                value={s.C} onChange={sync(a.setTheoryStabilityC)} />
            </label>
          </div>
          <small className="hint">
            Bound (dashed): c·Σ<sub>i≤t</sub> r<sup>i</sup> + r<sup>t</sup>·W2<sub>0</sub> with r = ρ/(1+γ) = {contraction(s.rho, s.gamma).toFixed(3)}.
            ρ (default 1: the uncorrected loop does not contract) and c (default 0.02, a per-generation statistical
            error) are illustrative constants, not fitted to the toy. C (default 1) sets the region below.
          </small>
          <div className="theory-timing" data-testid="theory-timing">
            recomputed in {lastMs !== undefined ? lastMs.toFixed(1) : '–'} ms
            <small> (8 γ × {s.seeds} seed{s.seeds === 1 ? '' : 's'} × {s.generations} generations)</small>
            <button type="button" data-testid="theory-recompute" onClick={() => flushSync(() => a.recomputeTheory())}>
              Recompute
            </button>
          </div>
          <p className="theory-final" data-testid="theory-final">
            Your γ: median W2 {curves.user[0].toFixed(3)} at generation 0, {final.toFixed(3)} at generation {s.generations}.
          </p>
        </div>
        <div className="theory-main">
          <W2Chart curves={curves} gamma={s.gamma} />
        </div>
      </div>
      <div className="theory-grid lower">
        <div>
          <h3>Real vs synthetic at generation {s.scatterGeneration}</h3>
          <label>
            <input type="range" data-testid="theory-scatter-generation" min={1} max={s.generations} step={1}
              value={s.scatterGeneration} onChange={sync(a.setTheoryScatterGeneration)} />
            <small className="hint">
              Seed 0 at your γ: the real points, the {m} points drawn at this generation from the previous fit
              (orange) or swapped for target draws by the correction (teal), and that fit's 2σ ellipse.
            </small>
          </label>
          {/* the deferred value starts at the first computed scatter: waiting for a deferred render held the whole
              lab back by seconds while the viewer's frames kept the main thread busy */}
          {scatterMounted ? <ToyScatter scatter={scatterShown ?? scatter} /> : <div className="theory-scatter-placeholder" />}
        </div>
        <div>
          <h3>Stability region</h3>
          <StabilityRegion lambda={regionLambda} gammaPos={regionPos} C={regionC} stable={stable} />
          <p className="hint" data-testid="theory-stability-text">
            The bound holds when λ·C &lt; (1+γ)/(2+γ) (shaded). Now λ·C = {(regionLambda * regionC).toFixed(3)}{' '}
            {stable ? '<' : '≥'} {threshold.toFixed(3)}: {stable ? 'inside the region' : 'outside the region'}.
            Correction widens the region from λ·C &lt; 1/2 (γ = 0) towards λ·C &lt; 1 (γ = ∞).
          </p>
        </div>
      </div>
    </section>
  );
}

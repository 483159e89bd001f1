// The theory lab's state: slider settings, the last computed curves and scatter, and recompute timings. Every
// setter recomputes synchronously (the Gaussian toy is cheap), so a slider's input event redraws at once.

import { create } from 'zustand';
import { GaussianToyRunner } from '../../core/theory/gaussianToy';
import { GAMMA_POS_MAX, gammaFromPos, posFromGamma } from './gammaScale';
import { computeCurves, computeScatter, type TheoryCurves, type TheoryScatter, type TheorySettings } from './theoryCompute';

declare global {
  interface Window {
    /** Milliseconds of the last theory-lab sweeps (8 γ curves × K seeds × T generations), oldest first. */
    __scscTheoryTimings?: number[];
  }
}

/** Slider ranges (also used to clamp values from any source). */
export const LIMITS = {
  lambda: { min: 0, max: 1.5, step: 0.01 },
  n: { min: 5, max: 200, step: 1 },
  seeds: [1, 3, 5, 10, 20] as const,
  rho: { min: 0, max: 2 },
  c: { min: 0, max: 1 },
  C: { min: 0.1, max: 3 },
} as const;

/** Defaults: the paper's toy protocol (n = 50, λ = 0.5, 500 generations, accumulate), K = 5 seeds, γ = 1. */
export const DEFAULT_SETTINGS: TheorySettings = {
  lambda: 0.5,
  gamma: 1,
  n: 50,
  generations: 500,
  seeds: 5,
  accumulate: true,
  seed: 1,
  rho: 1,
  c: 0.02,
  C: 1,
  scatterGeneration: 500,
};

const TIMINGS_KEPT = 200;

export interface TheoryState {
  settings: TheorySettings;
  /** Position of the γ slider (0 … GAMMA_POS_MAX); settings.gamma = gammaFromPos(gammaPos). */
  gammaPos: number;
  /** Null until init() (the lab computes after the page's first frame, so loading is not held up). */
  curves: TheoryCurves | null;
  scatter: TheoryScatter | null;
  /** Sweep times of the recent recomputes, ms, oldest first. */
  timings: number[];
  setLambda: (v: number) => void;
  setGammaPos: (p: number) => void;
  setN: (v: number) => void;
  setSeeds: (k: number) => void;
  setAccumulate: (on: boolean) => void;
  setRho: (v: number) => void;
  setC: (v: number) => void;
  setStabilityC: (v: number) => void;
  setScatterGeneration: (g: number) => void;
  /** Compute the curves and scatter if not done yet. */
  init: () => void;
  /** Recompute everything from scratch with the current settings, cached draws dropped (to time a cold sweep). */
  recompute: () => void;
}

/** One runner for the lab: its accumulate table and each seed's draws are reused across γ and recomputes. */
const runner = new GaussianToyRunner({ reuseNoise: true });

function clamp(v: number, lo: number, hi: number, fallback: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;
}

function recordTiming(timings: number[], ms: number): number[] {
  const next = timings.length >= TIMINGS_KEPT ? timings.slice(timings.length - TIMINGS_KEPT + 1) : timings.slice();
  next.push(ms);
  if (typeof window !== 'undefined') window.__scscTheoryTimings = next;
  return next;
}

/** Whether two settings give the same scatter (so it need not be recomputed or redrawn). */
function scatterInputsEqual(a: TheorySettings, b: TheorySettings): boolean {
  return a.n === b.n && a.lambda === b.lambda && a.gamma === b.gamma && a.accumulate === b.accumulate &&
    a.seed === b.seed && a.generations === b.generations && a.scatterGeneration === b.scatterGeneration;
}

export const useTheoryStore = create<TheoryState>()((set, get) => {
  /** New settings: recompute the curves (and the scatter) and record the sweep time. */
  const update = (patch: Partial<TheorySettings>, extra: Partial<TheoryState> = {}) => {
    const prev = get();
    const settings = { ...prev.settings, ...patch };
    const curves = computeCurves(settings, runner);
    const scatter = prev.scatter !== null && scatterInputsEqual(prev.settings, settings) ? prev.scatter : computeScatter(settings, runner);
    set({ settings, curves, scatter, timings: recordTiming(get().timings, curves.sweepMs), ...extra });
  };
  return {
    settings: DEFAULT_SETTINGS,
    gammaPos: posFromGamma(DEFAULT_SETTINGS.gamma),
    curves: null,
    scatter: null,
    timings: [],
    init: () => {
      if (get().curves === null) update({});
    },
    setLambda: (v) => update({ lambda: clamp(v, LIMITS.lambda.min, LIMITS.lambda.max, get().settings.lambda) }),
    setGammaPos: (p) => {
      const pos = Math.round(clamp(p, 0, GAMMA_POS_MAX, get().gammaPos));
      update({ gamma: gammaFromPos(pos) }, { gammaPos: pos });
    },
    setN: (v) => update({ n: Math.round(clamp(v, LIMITS.n.min, LIMITS.n.max, get().settings.n)) }),
    setSeeds: (k) => update({ seeds: Math.round(clamp(k, 1, 20, get().settings.seeds)) }),
    setAccumulate: (on) => update({ accumulate: on }),
    setRho: (v) => update({ rho: clamp(v, LIMITS.rho.min, LIMITS.rho.max, get().settings.rho) }),
    setC: (v) => update({ c: clamp(v, LIMITS.c.min, LIMITS.c.max, get().settings.c) }),
    setStabilityC: (v) => set({ settings: { ...get().settings, C: clamp(v, LIMITS.C.min, LIMITS.C.max, get().settings.C) } }),
    setScatterGeneration: (g) => {
      const s = { ...get().settings, scatterGeneration: Math.round(clamp(g, 1, get().settings.generations, get().settings.scatterGeneration)) };
      set({ settings: s, scatter: computeScatter(s, runner) });
    },
    recompute: () => {
      runner.clearNoise();
      update({});
    },
  };
});

/** Selectors. */
export const selectSettings = (s: TheoryState) => s.settings;
export const selectCurves = (s: TheoryState) => s.curves;
export const selectScatter = (s: TheoryState) => s.scatter;
export const selectLastTiming = (s: TheoryState) => s.timings[s.timings.length - 1];

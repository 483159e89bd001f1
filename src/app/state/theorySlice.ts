// The theory lab's slice: what the Gaussian toy last computed (W2 curves, scatter, recompute timings) and the
// actions its controls call. The lab's settings themselves are fields of the lab configuration (labConfig.ts:
// theoryLambda, theoryGamma, …), so they round-trip through the URL with the rest; `theory.settings` is their
// TheorySettings view, always in step with the config. Every setter clamps, writes the config and recomputes in
// one store update, synchronously (the toy is cheap), so a slider's input event redraws at once. A config change
// made elsewhere (a URL, replaceConfig) is followed too.

import { GaussianToyRunner } from '../../core/theory/gaussianToy';
import { GAMMA_POS_MAX, gammaFromPos, posFromGamma } from '../theory/gammaScale';
import { computeCurves, computeScatter, type TheoryCurves, type TheoryScatter, type TheorySettings } from '../theory/theoryCompute';
import type { AppSlice, AppState } from '../store';
import { clampLabConfig, DEFAULT_LAB_CONFIG, type LabConfig, RANGES, THEORY_GENERATIONS, THEORY_SEEDS } from './labConfig';

declare global {
  interface Window {
    /** Milliseconds of the last theory-lab sweeps (8 γ curves × K seeds × T generations), oldest first. */
    __scscTheoryTimings?: number[];
  }
}

/** Control ranges (the config's ranges, with the sliders' steps). */
export const LIMITS = {
  lambda: { min: RANGES.theoryLambda.min, max: RANGES.theoryLambda.max, step: 0.01 },
  n: { min: RANGES.theoryN.min, max: RANGES.theoryN.max, step: 1 },
  seeds: THEORY_SEEDS,
  rho: { min: RANGES.theoryRho.min, max: RANGES.theoryRho.max },
  c: { min: RANGES.theoryC.min, max: RANGES.theoryC.max },
  C: { min: RANGES.theoryStabilityC.min, max: RANGES.theoryStabilityC.max },
} as const;

/** The toy's settings no control changes: the paper's 500 generations, base seed 1. */
const FIXED = { generations: THEORY_GENERATIONS, seed: 1 } as const;

/** The TheorySettings a lab configuration describes. */
export function theorySettingsOf(c: LabConfig): TheorySettings {
  return {
    lambda: c.theoryLambda, gamma: c.theoryGamma, n: c.theoryN, seeds: c.theorySeeds, accumulate: c.theoryAccumulate,
    rho: c.theoryRho, c: c.theoryC, C: c.theoryStabilityC, scatterGeneration: c.theoryScatterGeneration, ...FIXED,
  };
}

/** Defaults: the paper's toy protocol (n = 50, λ = 0.5, 500 generations, accumulate), K = 5 seeds, γ = 1. */
export const DEFAULT_SETTINGS: Readonly<TheorySettings> = Object.freeze(theorySettingsOf(DEFAULT_LAB_CONFIG));

export interface TheoryView {
  /** The config's theory fields as the toy's settings (same object until one of them changes). */
  settings: TheorySettings;
  /** Position of the γ slider (0 … GAMMA_POS_MAX): the stop nearest settings.gamma. */
  gammaPos: number;
  /** Null until initTheory() (the lab computes after the page's first frame, so loading is not held up). */
  curves: TheoryCurves | null;
  scatter: TheoryScatter | null;
  /** Sweep times of the recent recomputes, ms, oldest first. */
  timings: number[];
}

export interface TheorySlice {
  theory: TheoryView;
  setTheoryLambda(v: number): void;
  setTheoryGammaPos(p: number): void;
  setTheoryN(v: number): void;
  setTheorySeeds(k: number): void;
  setTheoryAccumulate(on: boolean): void;
  setTheoryRho(v: number): void;
  setTheoryC(v: number): void;
  /** Moves the stability region only (no recompute). */
  setTheoryStabilityC(v: number): void;
  /** Recomputes the scatter only. */
  setTheoryScatterGeneration(g: number): void;
  /** Compute the curves and scatter if not done yet. */
  initTheory(): void;
  /** Recompute everything from scratch with the current settings, cached draws dropped (to time a cold sweep). */
  recomputeTheory(): void;
}

/** One runner for the lab: its accumulate table and each seed's draws are reused across γ and recomputes. */
const runner = new GaussianToyRunner({ reuseNoise: true });
const TIMINGS_KEPT = 200;

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

/** Whether two settings give the same curves (the W2 sweep and the bound). */
function curveInputsEqual(a: TheorySettings, b: TheorySettings): boolean {
  return a.n === b.n && a.lambda === b.lambda && a.gamma === b.gamma && a.accumulate === b.accumulate &&
    a.seed === b.seed && a.generations === b.generations && a.seeds === b.seeds && a.rho === b.rho && a.c === b.c;
}

function settingsEqual(a: TheorySettings, b: TheorySettings): boolean {
  return curveInputsEqual(a, b) && a.C === b.C && a.scatterGeneration === b.scatterGeneration;
}

/** What a change recomputes: the curves (and the scatter if its inputs changed), the scatter alone, or nothing. */
type Recompute = 'curves' | 'scatter' | 'none';

/**
 * The store update that makes `config` the configuration, with the theory view following it and `what`
 * recomputed; `gammaPos` pins the γ slider's position (else it is the stop nearest the config's γ).
 */
function follow(s: AppState, config: LabConfig, what: Recompute, gammaPos?: number): Pick<AppState, 'config' | 'theory'> {
  const prev = s.theory;
  const fresh = theorySettingsOf(config);
  const settings = settingsEqual(fresh, prev.settings) ? prev.settings : fresh;
  const pos = gammaPos ?? (settings.gamma === prev.settings.gamma ? prev.gammaPos : posFromGamma(settings.gamma));
  const theory: TheoryView = { ...prev, settings, gammaPos: pos };
  if (what === 'curves') {
    const curves = computeCurves(settings, runner);
    theory.curves = curves;
    theory.scatter = prev.scatter !== null && scatterInputsEqual(prev.settings, settings) ? prev.scatter : computeScatter(settings, runner);
    theory.timings = recordTiming(prev.timings, curves.sweepMs);
  } else if (what === 'scatter') {
    theory.scatter = computeScatter(settings, runner);
  }
  return { config, theory };
}

/** `v` when it is a finite number, else `fallback` (a cleared number box keeps the setting). */
function finiteOr(v: number, fallback: number): number {
  return Number.isFinite(v) ? v : fallback;
}

export const createTheorySlice: AppSlice<TheorySlice> = (set, get, api) => {
  /** Clamp `patch` into the config and recompute `what`. */
  const update = (patch: Partial<LabConfig>, what: Recompute, gammaPos?: number) => {
    const s = get();
    set(follow(s, clampLabConfig(patch, s.config), what, gammaPos));
  };
  // Config changes made outside this slice (the URL at load, replaceConfig) move the lab too.
  api.subscribe((s, prev) => {
    if (s.config === prev.config) return;
    const next = theorySettingsOf(s.config);
    const cur = s.theory.settings;
    if (settingsEqual(next, cur)) return;
    const what: Recompute = s.theory.curves === null ? 'none' : !curveInputsEqual(next, cur) ? 'curves' : 'scatter';
    set(follow(s, s.config, what));
  });
  return {
    theory: {
      settings: theorySettingsOf(DEFAULT_LAB_CONFIG),
      gammaPos: posFromGamma(DEFAULT_LAB_CONFIG.theoryGamma),
      curves: null,
      scatter: null,
      timings: [],
    },
    initTheory: () => {
      if (get().theory.curves === null) update({}, 'curves');
    },
    setTheoryLambda: (v) => update({ theoryLambda: finiteOr(v, get().config.theoryLambda) }, 'curves'),
    setTheoryGammaPos: (p) => {
      const pos = Math.round(Math.min(GAMMA_POS_MAX, Math.max(0, finiteOr(p, get().theory.gammaPos))));
      update({ theoryGamma: gammaFromPos(pos) }, 'curves', pos);
    },
    setTheoryN: (v) => update({ theoryN: finiteOr(v, get().config.theoryN) }, 'curves'),
    setTheorySeeds: (k) => update({ theorySeeds: finiteOr(k, get().config.theorySeeds) as LabConfig['theorySeeds'] }, 'curves'),
    setTheoryAccumulate: (on) => update({ theoryAccumulate: on }, 'curves'),
    setTheoryRho: (v) => update({ theoryRho: finiteOr(v, get().config.theoryRho) }, 'curves'),
    setTheoryC: (v) => update({ theoryC: finiteOr(v, get().config.theoryC) }, 'curves'),
    setTheoryStabilityC: (v) => update({ theoryStabilityC: finiteOr(v, get().config.theoryStabilityC) }, 'none'),
    setTheoryScatterGeneration: (g) => update({ theoryScatterGeneration: finiteOr(g, get().config.theoryScatterGeneration) }, 'scatter'),
    recomputeTheory: () => {
      runner.clearNoise();
      update({}, 'curves');
    },
  };
};

/** Selectors. */
export const selectSettings = (s: AppState): TheorySettings => s.theory.settings;
export const selectGammaPos = (s: AppState): number => s.theory.gammaPos;
export const selectCurves = (s: AppState): TheoryCurves | null => s.theory.curves;
export const selectScatter = (s: AppState): TheoryScatter | null => s.theory.scatter;
export const selectLastTiming = (s: AppState): number | undefined => s.theory.timings[s.theory.timings.length - 1];

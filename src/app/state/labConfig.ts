// LabConfig: everything the lab's controls set (the loop's settings and the theory lab's), its defaults and
// ranges, its conversion into the loop engine's LoopConfig, and its URL form (shareable links). Pure functions
// only: parsing never throws; a bad or out-of-range URL value is replaced by a valid one and reported as a
// ConfigIssue naming the parameter, the bad value and what was used (urlSync.ts turns issues into notices and owns
// the browser side).
//
// URL parameters of the loop: n (64|128|256|1024), preset (tiny|small|base), lambda (0–1.5), gamma (≥ 0 or inf),
// mode (mixture|blend), acc (0|1), gens, steps, init (generation-0 steps), evals (eval samples),
// ss (sampler steps), seed, batch (training batch size, 1–4096; no control, browser tests set it small).
// Of the theory lab (the Gaussian toy): tlambda (0–1.5), tgamma (≥ 0 or inf), tn (real points, 5–200),
// tseeds (1|3|5|10|20), tacc (0|1), trho (ρ, 0–2), tc (c, 0–1), tstab (the stability region's C, 0.1–3),
// tgen (the scatter's generation, 1–500).
// Example: /?preset=tiny&gens=2&steps=5&init=20&evals=4&ss=4&batch=4&tlambda=1&tgamma=0.1

import { PRESET_NAMES, type PresetName } from '../../core/diffusion/presets';
import { DEFAULT_LOOP_CONFIG, type LoopConfig } from '../../core/loop/config';
import { CORRECTION_MODES, type CorrectionMode } from '../../core/loop/params';

export const DATA_SIZES = [64, 128, 256, 1024] as const;
export type DataSize = (typeof DATA_SIZES)[number];
export { CORRECTION_MODES };
/** The theory lab's seed counts K (its select offers these). */
export const THEORY_SEEDS = [1, 3, 5, 10, 20] as const;
export type TheorySeeds = (typeof THEORY_SEEDS)[number];
/** Generations of the theory lab's toy (fixed: the paper's protocol); the scatter shows one of 1 … this. */
export const THEORY_GENERATIONS = 500;

export interface LabConfig {
  /** Real clips from the embedded dataset (imported BVH clips are added to them). */
  n: DataSize;
  preset: PresetName;
  /** Synthetic-data ratio λ ∈ [0, 1.5]. */
  lambda: number;
  /** Correction strength γ ∈ [0, ∞]. */
  gamma: number;
  mode: CorrectionMode;
  accumulate: boolean;
  generations: number;
  /** Fine-tuning steps per generation. */
  steps: number;
  /** Training steps of generation 0. */
  initialSteps: number;
  /** Samples per arm and generation for the metrics. */
  evalSamples: number;
  /** Sampler steps. */
  sampleSteps: number;
  seed: number;
  /** Training batch size of a new run (no control; the URL sets it, browser tests make it small). */
  batch: number;
  /** Theory lab: synthetic fraction λ ∈ [0, 1.5] of the Gaussian toy. */
  theoryLambda: number;
  /** Theory lab: the user's correction strength γ ∈ [0, ∞]. */
  theoryGamma: number;
  /** Theory lab: real points n. */
  theoryN: number;
  /** Theory lab: seeds K the curves are medians over. */
  theorySeeds: TheorySeeds;
  /** Theory lab: keep earlier generations' synthetic points (the paper's toy) or replace them. */
  theoryAccumulate: boolean;
  /** Theory lab: the bound's contraction ρ of the uncorrected loop. */
  theoryRho: number;
  /** Theory lab: the bound's per-generation statistical error c. */
  theoryC: number;
  /** Theory lab: the constant C of the stability region λ·C < (1+γ)/(2+γ). */
  theoryStabilityC: number;
  /** Theory lab: the generation whose synthetic batch the scatter shows (1 … THEORY_GENERATIONS). */
  theoryScatterGeneration: number;
}

export const DEFAULT_LAB_CONFIG: Readonly<LabConfig> = Object.freeze({
  n: 64,
  preset: 'tiny',
  lambda: 0.5,
  gamma: Infinity,
  mode: 'mixture',
  accumulate: false,
  generations: 20,
  steps: 100,
  initialSteps: 600,
  evalSamples: 32,
  sampleSteps: 20,
  seed: 0,
  batch: DEFAULT_LOOP_CONFIG.batchSize,
  // The theory lab starts at the paper's toy protocol (n = 50, λ = 0.5, accumulate), K = 5 seeds, γ = 1.
  theoryLambda: 0.5,
  theoryGamma: 1,
  theoryN: 50,
  theorySeeds: 5,
  theoryAccumulate: true,
  theoryRho: 1,
  theoryC: 0.02,
  theoryStabilityC: 1,
  theoryScatterGeneration: THEORY_GENERATIONS,
} satisfies LabConfig);

/** The numeric fields with a plain [min, max] range. */
export type RangedField =
  | 'lambda' | 'generations' | 'steps' | 'initialSteps' | 'evalSamples' | 'sampleSteps' | 'seed' | 'batch'
  | 'theoryLambda' | 'theoryN' | 'theoryRho' | 'theoryC' | 'theoryStabilityC' | 'theoryScatterGeneration';

export interface FieldRange {
  min: number;
  max: number;
  integer: boolean;
}

export const RANGES: Readonly<Record<RangedField, FieldRange>> = Object.freeze({
  lambda: { min: 0, max: 1.5, integer: false },
  generations: { min: 1, max: 500, integer: true },
  steps: { min: 1, max: 10000, integer: true },
  initialSteps: { min: 0, max: 50000, integer: true },
  // The loop's metrics need at least 2 generated clips.
  evalSamples: { min: 2, max: 1024, integer: true },
  sampleSteps: { min: 1, max: 1000, integer: true },
  seed: { min: 0, max: 4294967295, integer: true },
  // The loop engine's own bounds on batchSize.
  batch: { min: 1, max: 4096, integer: true },
  theoryLambda: { min: 0, max: 1.5, integer: false },
  theoryN: { min: 5, max: 200, integer: true },
  theoryRho: { min: 0, max: 2, integer: false },
  theoryC: { min: 0, max: 1, integer: false },
  theoryStabilityC: { min: 0.1, max: 3, integer: false },
  theoryScatterGeneration: { min: 1, max: THEORY_GENERATIONS, integer: true },
});

/** URL parameter name of each LabConfig field. */
export const URL_PARAMS: Readonly<Record<keyof LabConfig, string>> = Object.freeze({
  n: 'n',
  preset: 'preset',
  lambda: 'lambda',
  gamma: 'gamma',
  mode: 'mode',
  accumulate: 'acc',
  generations: 'gens',
  steps: 'steps',
  initialSteps: 'init',
  evalSamples: 'evals',
  sampleSteps: 'ss',
  seed: 'seed',
  batch: 'batch',
  theoryLambda: 'tlambda',
  theoryGamma: 'tgamma',
  theoryN: 'tn',
  theorySeeds: 'tseeds',
  theoryAccumulate: 'tacc',
  theoryRho: 'trho',
  theoryC: 'tc',
  theoryStabilityC: 'tstab',
  theoryScatterGeneration: 'tgen',
});

/** The γ fields: a number ≥ 0, or ∞ (written "inf"). */
type GammaField = 'gamma' | 'theoryGamma';

const FIELDS = Object.keys(URL_PARAMS) as (keyof LabConfig)[];

/** One URL value that could not be used as it was. */
export interface ConfigIssue {
  /** URL parameter name (e.g. "lambda"). */
  param: string;
  /** The value as it appeared in the URL. */
  value: string;
  /** What was used instead, as it is written in a URL. */
  used: string;
  /** Why (e.g. "out of range 0–1.5"). */
  reason: string;
}

/** The notice text for an issue: names the parameter, the bad value and what was used. */
export function formatIssue(i: ConfigIssue): string {
  return `URL parameter "${i.param}" = "${i.value}" ${i.reason}; used ${i.used}.`;
}

/** γ as written in a URL ("inf" for ∞). */
export function gammaToParam(gamma: number): string {
  return gamma === Infinity ? 'inf' : String(gamma);
}

/** `v` with −0 turned into 0 (−0 would not survive the URL). */
function plainZero(v: number): number {
  return v === 0 ? 0 : v;
}

/** `v` clamped into the field's range (integers rounded); NaN gives the default. Never throws. */
export function clampField(field: RangedField, v: number): number {
  const r = RANGES[field];
  if (Number.isNaN(v)) return DEFAULT_LAB_CONFIG[field];
  let x = Math.min(r.max, Math.max(r.min, v));
  if (r.integer) x = Math.round(x);
  return plainZero(x);
}

/** The data size nearest to `v` on a log scale (64 for anything ≤ 0 or NaN). */
export function nearestDataSize(v: number): DataSize {
  if (!(v > 0)) return DATA_SIZES[0];
  let best: DataSize = DATA_SIZES[0];
  for (const s of DATA_SIZES) if (Math.abs(Math.log(s / v)) < Math.abs(Math.log(best / v))) best = s;
  return best;
}

/** γ made valid: ≥ 0 (Infinity allowed); NaN gives the default (of `field`: the loop's γ unless told). */
export function clampGamma(v: number, field: GammaField = 'gamma'): number {
  if (Number.isNaN(v)) return DEFAULT_LAB_CONFIG[field];
  return plainZero(Math.max(0, v));
}

/** The theory lab's seed count nearest to `v` (ties go to the smaller); NaN gives the default. */
export function nearestTheorySeeds(v: number): TheorySeeds {
  if (Number.isNaN(v)) return DEFAULT_LAB_CONFIG.theorySeeds;
  let best: TheorySeeds = THEORY_SEEDS[0];
  for (const k of THEORY_SEEDS) if (Math.abs(k - v) < Math.abs(best - v)) best = k;
  return best;
}

/** Whether every field of `c` is in range (the invariant parse and clamp guarantee). */
export function isValidLabConfig(c: LabConfig): boolean {
  if (!(DATA_SIZES as readonly number[]).includes(c.n)) return false;
  if (!(PRESET_NAMES as readonly string[]).includes(c.preset)) return false;
  if (!CORRECTION_MODES.includes(c.mode)) return false;
  if (typeof c.accumulate !== 'boolean') return false;
  if (typeof c.gamma !== 'number' || !(c.gamma >= 0)) return false;
  if (!(THEORY_SEEDS as readonly number[]).includes(c.theorySeeds)) return false;
  if (typeof c.theoryAccumulate !== 'boolean') return false;
  if (typeof c.theoryGamma !== 'number' || !(c.theoryGamma >= 0)) return false;
  for (const f of Object.keys(RANGES) as RangedField[]) {
    const v = c[f];
    const r = RANGES[f];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < r.min || v > r.max) return false;
    if (r.integer && !Number.isInteger(v)) return false;
  }
  return true;
}

/** `base` with `patch` merged in and every field made valid (the store's setConfig uses this). */
export function clampLabConfig(patch: Partial<LabConfig>, base: LabConfig = DEFAULT_LAB_CONFIG): LabConfig {
  const c: LabConfig = { ...base, ...patch };
  const out: LabConfig = {
    n: nearestDataSize(c.n),
    preset: (PRESET_NAMES as readonly string[]).includes(c.preset) ? c.preset : DEFAULT_LAB_CONFIG.preset,
    lambda: clampField('lambda', Number(c.lambda)),
    gamma: clampGamma(Number(c.gamma)),
    mode: CORRECTION_MODES.includes(c.mode) ? c.mode : DEFAULT_LAB_CONFIG.mode,
    accumulate: c.accumulate === true,
    generations: clampField('generations', Number(c.generations)),
    steps: clampField('steps', Number(c.steps)),
    initialSteps: clampField('initialSteps', Number(c.initialSteps)),
    evalSamples: clampField('evalSamples', Number(c.evalSamples)),
    sampleSteps: clampField('sampleSteps', Number(c.sampleSteps)),
    seed: clampField('seed', Number(c.seed)),
    batch: clampField('batch', Number(c.batch)),
    theoryLambda: clampField('theoryLambda', Number(c.theoryLambda)),
    theoryGamma: clampGamma(Number(c.theoryGamma), 'theoryGamma'),
    theoryN: clampField('theoryN', Number(c.theoryN)),
    theorySeeds: nearestTheorySeeds(Number(c.theorySeeds)),
    theoryAccumulate: c.theoryAccumulate === true,
    theoryRho: clampField('theoryRho', Number(c.theoryRho)),
    theoryC: clampField('theoryC', Number(c.theoryC)),
    theoryStabilityC: clampField('theoryStabilityC', Number(c.theoryStabilityC)),
    theoryScatterGeneration: clampField('theoryScatterGeneration', Number(c.theoryScatterGeneration)),
  };
  return out;
}

/** Parses a URL number strictly: the whole text must be a number (no "12abc", no empty string). */
function parseNumber(text: string): number {
  const t = text.trim();
  if (t === '') return Number.NaN;
  return Number(t);
}

function describeRange(r: FieldRange): string {
  return `${r.min}–${r.max}${r.integer ? ', whole numbers' : ''}`;
}

/**
 * The LabConfig a URL's query describes: parameters that are absent keep `base` (default: the defaults); each
 * present but unusable value is replaced by the nearest valid one (or the base value when it is not a number or
 * not a known name) and listed in `issues`. Parameters this module does not know are ignored. Never throws.
 */
export function parseLabConfig(
  search: string | URLSearchParams, base: LabConfig = DEFAULT_LAB_CONFIG,
): { config: LabConfig; issues: ConfigIssue[] } {
  let params: URLSearchParams;
  try {
    params = typeof search === 'string' ? new URLSearchParams(search) : search;
  } catch {
    params = new URLSearchParams();
  }
  const c: LabConfig = { ...base };
  const issues: ConfigIssue[] = [];
  const issue = (param: string, value: string, used: string, reason: string) => issues.push({ param, value, used, reason });
  /** A value that must be one of `allowed`: snapped to the nearest (with a notice), or undefined (kept) if not a number. */
  const snap = <T extends number>(param: string, raw: string, kept: T, allowed: readonly T[], nearest: (v: number) => T): T | undefined => {
    const v = parseNumber(raw);
    if (Number.isNaN(v)) {
      issue(param, raw, String(kept), `is not a number (allowed: ${allowed.join(', ')})`);
      return undefined;
    }
    const k = nearest(v);
    if (k !== v) issue(param, raw, String(k), `is not one of ${allowed.join(', ')}`);
    return k;
  };

  for (const field of FIELDS) {
    const param = URL_PARAMS[field];
    const raw = params.get(param);
    if (raw === null) continue;
    switch (field) {
      case 'n': {
        const s = snap(param, raw, base.n, DATA_SIZES, nearestDataSize);
        if (s !== undefined) c.n = s;
        break;
      }
      case 'preset': {
        const v = raw.trim().toLowerCase();
        if ((PRESET_NAMES as readonly string[]).includes(v)) c.preset = v as PresetName;
        else issue(param, raw, base.preset, `is not a model preset (${PRESET_NAMES.join(', ')})`);
        break;
      }
      case 'mode': {
        const v = raw.trim().toLowerCase();
        if ((CORRECTION_MODES as readonly string[]).includes(v)) c.mode = v as CorrectionMode;
        else issue(param, raw, base.mode, `is not a correction mode (${CORRECTION_MODES.join(', ')})`);
        break;
      }
      case 'accumulate':
      case 'theoryAccumulate': {
        const v = raw.trim().toLowerCase();
        if (v === '1' || v === 'true') c[field] = true;
        else if (v === '0' || v === 'false') c[field] = false;
        else issue(param, raw, base[field] ? '1' : '0', 'must be 0 (replace) or 1 (accumulate)');
        break;
      }
      case 'gamma':
      case 'theoryGamma': {
        const t = raw.trim().toLowerCase();
        if (t === 'inf' || t === 'infinity' || t === '∞') {
          c[field] = Infinity;
          break;
        }
        const v = parseNumber(raw);
        if (Number.isNaN(v)) {
          issue(param, raw, gammaToParam(base[field]), 'is not a number (allowed: a number ≥ 0 or inf)');
        } else if (v < 0) {
          c[field] = 0;
          issue(param, raw, '0', 'is below 0');
        } else {
          c[field] = plainZero(v);
        }
        break;
      }
      case 'theorySeeds': {
        const k = snap(param, raw, base.theorySeeds, THEORY_SEEDS, nearestTheorySeeds);
        if (k !== undefined) c.theorySeeds = k;
        break;
      }
      default: {
        const r = RANGES[field];
        const v = parseNumber(raw);
        if (!Number.isFinite(v)) {
          if (Number.isNaN(v)) {
            issue(param, raw, String(base[field]), `is not a number (allowed: ${describeRange(r)})`);
          } else {
            const used = clampField(field, v);
            c[field] = used;
            issue(param, raw, String(used), `is out of range (${describeRange(r)})`);
          }
          break;
        }
        const used = clampField(field, v);
        if (used !== v) {
          const reason = v < r.min || v > r.max ? `is out of range (${describeRange(r)})` : 'must be a whole number';
          issue(param, raw, String(used), reason);
        }
        c[field] = used;
      }
    }
  }
  return { config: c, issues };
}

/** Every field of `c` as URL parameters, in a fixed order (γ = ∞ as "inf", accumulate as 0/1). */
export function labConfigToParams(c: LabConfig): URLSearchParams {
  const p = new URLSearchParams();
  for (const field of FIELDS) {
    const v = c[field];
    let text: string;
    if (field === 'gamma' || field === 'theoryGamma') text = gammaToParam(c[field]);
    else if (field === 'accumulate' || field === 'theoryAccumulate') text = c[field] ? '1' : '0';
    else text = String(v);
    p.set(URL_PARAMS[field], text);
  }
  return p;
}

/** The query string for `c` ("n=64&preset=tiny&…", no leading "?"). */
export function encodeLabConfig(c: LabConfig): string {
  return labConfigToParams(c).toString();
}

/** `search` (a location.search) with the config's parameters set and every other parameter kept as it was. */
export function mergeConfigIntoSearch(search: string, c: LabConfig): string {
  const out = new URLSearchParams(search);
  for (const [k, v] of labConfigToParams(c)) out.set(k, v);
  const s = out.toString();
  return s ? `?${s}` : '';
}

/** The fields a lab configuration and a LoopConfig share, under the same name and meaning. */
const LOOP_FIELDS = [
  'n', 'preset', 'lambda', 'gamma', 'mode', 'accumulate', 'generations', 'steps', 'initialSteps', 'evalSamples', 'sampleSteps', 'seed',
] as const satisfies readonly (keyof LabConfig & keyof LoopConfig)[];

/** The LoopConfig fields this lab configuration sets (the rest keep the loop engine's defaults). */
export function toLoopConfig(c: LabConfig): Partial<LoopConfig> {
  const shared = Object.fromEntries(LOOP_FIELDS.map((k) => [k, c[k]])) as Partial<LoopConfig>;
  return { ...shared, batchSize: c.batch };
}

/**
 * The lab configuration that shows a loop run's settings (opening a saved run sets the controls to it): λ and γ are
 * the ones its next generation will use when given; values outside the lab's ranges are clamped (n to the nearest
 * data size). The fields a run does not have (the theory lab's) are taken from `base`.
 */
export function labConfigFromLoop(c: LoopConfig, next?: { lambda: number; gamma: number }, base: LabConfig = DEFAULT_LAB_CONFIG): LabConfig {
  const shared = Object.fromEntries(LOOP_FIELDS.map((k) => [k, c[k]])) as Partial<LabConfig>;
  return clampLabConfig(
    { ...shared, n: nearestDataSize(c.n), batch: c.batchSize, lambda: next?.lambda ?? c.lambda, gamma: next?.gamma ?? c.gamma },
    base,
  );
}

// The experiment grid of `scsc reproduce` (the paper's protocol on the embedded data): which
// `scsc experiment` runs make up the grid, in which folders, with which flags, and which column of the report
// each of their arms fills. Pure planning; the command (src/cli/commands/reproduce.ts) runs the plan.
//
// The baseline arm never sees synthetic data, so it does not depend on λ: it runs once per seed and its rows are
// repeated under every λ. Self-consuming and self-correcting (γ = ∞) share a run per (λ, seed); self-correcting at
// γ = 1 is its own run (one γ per run). Every run of a seed starts from the identical generation 0 (same seed, same
// data), so all arms start from the same model, as in the paper; it is trained once per seed, by a run of
// generation 0 only (planGen0: folder gen0-s{seed}), and every run of the seed, the baseline included, starts from
// it (`scsc experiment --gen0-from`) instead of training it again.

import type { PresetName } from '../../core/diffusion/presets';
import type { ArmName } from '../../core/loop/config';

export interface GridSettings {
  lambdas: number[];
  /** Seeds 0 … seeds−1. */
  seeds: number;
  generations: number;
  /** Fine-tuning steps K per generation. */
  steps: number;
  initialSteps: number;
  preset: PresetName;
  n: number;
  evalSamples: number;
  sampleSteps: number;
  /** Generations the report's table shows (those ≤ generations). */
  tableGenerations: number[];
}

/** The paper's protocol: n = 64, λ ∈ {0.25, 0.5, 1}, 50 generations, 3 seeds. */
export const FULL_GRID: Readonly<GridSettings> = Object.freeze({
  lambdas: [0.25, 0.5, 1],
  seeds: 3,
  generations: 50,
  steps: 40,
  initialSteps: 1500,
  preset: 'tiny',
  n: 64,
  evalSamples: 64,
  sampleSteps: 20,
  tableGenerations: [0, 10, 25, 50],
});

/** A few minutes on one core: one seed, two λ, 4 generations, small K and evaluation sets. */
export const QUICK_GRID: Readonly<GridSettings> = Object.freeze({
  lambdas: [0.5, 1],
  seeds: 1,
  generations: 4,
  steps: 20,
  initialSteps: 300,
  preset: 'tiny',
  n: 64,
  evalSamples: 32,
  sampleSteps: 10,
  tableGenerations: [0, 2, 4],
});

/** The report's columns: the three arms of the paper, self-correcting at two strengths. */
export type ReportArm = 'baseline' | 'self-consuming' | 'self-correcting γ=∞' | 'self-correcting γ=1';
export const REPORT_ARMS: readonly ReportArm[] = ['baseline', 'self-consuming', 'self-correcting γ=∞', 'self-correcting γ=1'];

export interface PlannedRun {
  /** Folder name under the grid's output folder. */
  name: string;
  /** λ of the run (null: the λ-independent baseline run). */
  lambda: number | null;
  seed: number;
  /** Which report column each arm of the run fills. */
  arms: Partial<Record<ArmName, ReportArm>>;
  /** `scsc experiment` flags (without --out, --resume and --gen0-from). */
  flags: string[];
  /** Folder (under the grid's output folder) of the generation-0 run this run starts from (--gen0-from). */
  gen0: string;
}

/** The run that trains a seed's generation 0 and stops (--generations 0), shared by every run of that seed. */
export interface PlannedGen0 {
  /** Folder name under the grid's output folder (gen0-s{seed}). */
  name: string;
  seed: number;
  /** `scsc experiment` flags (without --out and --resume). */
  flags: string[];
}

export const gen0Name = (seed: number): string => `gen0-s${seed}`;

const fmt = (v: number): string => String(v);

/** The settings generation 0 depends on: the same for the generation-0 run of a seed and every run of it. */
function gen0Flags(g: GridSettings, seed: number): string[] {
  return [
    '--n', fmt(g.n), '--initial-steps', fmt(g.initialSteps), '--preset', g.preset, '--seed', fmt(seed),
    '--eval-samples', fmt(g.evalSamples), '--sample-steps', fmt(g.sampleSteps), '--multimodality-texts', '0',
  ];
}

function commonFlags(g: GridSettings, seed: number): string[] {
  return [...gen0Flags(g, seed), '--generations', fmt(g.generations), '--steps', fmt(g.steps)];
}

/** One generation-0 run per seed (run before the seed's runs, which start from it). */
export function planGen0(g: GridSettings): PlannedGen0[] {
  if (!(g.seeds >= 1)) throw new Error('reproduce: the grid needs at least one seed');
  return Array.from({ length: g.seeds }, (_, s) => ({
    name: gen0Name(s), seed: s,
    flags: [...gen0Flags(g, s), '--generations', '0', '--steps', fmt(g.steps), '--lambda', '0', '--arms', 'baseline'],
  }));
}

/**
 * Every run of the grid (not the generation-0 runs: planGen0), seed by seed — the baseline, then per λ the
 * self-consuming + self-correcting run and the γ = 1 run — so an interrupted grid has whole seeds to report.
 */
export function planGrid(g: GridSettings): PlannedRun[] {
  if (g.lambdas.length === 0) throw new Error('reproduce: no λ in the grid');
  if (!(g.seeds >= 1)) throw new Error('reproduce: the grid needs at least one seed');
  const runs: PlannedRun[] = [];
  for (let s = 0; s < g.seeds; s++) {
    runs.push({
      name: `baseline-s${s}`, lambda: null, seed: s, arms: { baseline: 'baseline' }, gen0: gen0Name(s),
      flags: [...commonFlags(g, s), '--lambda', '0', '--arms', 'baseline'],
    });
    for (const lambda of g.lambdas) {
      runs.push({
        name: `lambda${fmt(lambda)}-s${s}`, lambda, seed: s, gen0: gen0Name(s),
        arms: { 'self-consuming': 'self-consuming', 'self-correcting': 'self-correcting γ=∞' },
        flags: [...commonFlags(g, s), '--lambda', fmt(lambda), '--gamma', 'inf', '--arms', 'self-consuming,self-correcting'],
      });
      runs.push({
        name: `lambda${fmt(lambda)}-gamma1-s${s}`, lambda, seed: s, gen0: gen0Name(s),
        arms: { 'self-correcting': 'self-correcting γ=1' },
        flags: [...commonFlags(g, s), '--lambda', fmt(lambda), '--gamma', '1', '--arms', 'self-correcting'],
      });
    }
  }
  return runs;
}

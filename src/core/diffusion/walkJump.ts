// The quality check of a trained model: do "walk" and "jump" samples differ the way real walks and jumps
// do? A sample counts as a jump when its vertical root range exceeds 0.15 m, as a walk when the range stays below
// that and the root travels ≥ 0.5 m (real data: walks travel 1.1–4.7 m with ≤ 0.06 m range; jumps 0–1.6 m with
// ≥ 0.23 m range). Also checks validity: finite, and the lowest body point touches the floor within 5 cm.
// The vertical range also counts a crouch or a squat as a jump (real squats span 0.20–0.42 m), so the report adds
// jumpAirborne: jump samples that also leave the ground, their lowest body point rising ≥ 0.12 m above its lowest
// height in the clip (real data, n = 256: jumps 0.17–0.45 m; jumping jacks and runs 0.04–0.09 m; other classes 0).

import type { Clip } from '../motion/clip';
import { jointPositions } from '../motion/fk';
import { lowestPointHeights } from '../motion/physMetrics';
import { Rng } from '../random';
import type { DiffusionModel } from './denoiser';
import { sampleClips, type SamplerMethod } from './sampler';

export const JUMP_RANGE = 0.15;
export const WALK_MIN_DISPLACEMENT = 0.5;
export const FLOOR_WITHIN = 0.05;
export const AIRBORNE_CLEARANCE = 0.12;

export interface RootStats {
  /** Horizontal distance from the first to the last root position (m). */
  displacement: number;
  /** Max − min root height over the clip (m). */
  verticalRange: number;
}

export function rootStats(c: Clip): RootStats {
  const r = c.rootPos;
  const n = c.nFrames;
  let lo = Infinity, hi = -Infinity;
  for (let f = 0; f < n; f++) {
    lo = Math.min(lo, r[f * 3 + 1]);
    hi = Math.max(hi, r[f * 3 + 1]);
  }
  return { displacement: Math.hypot(r[(n - 1) * 3] - r[0], r[(n - 1) * 3 + 2] - r[2]), verticalRange: hi - lo };
}

export function classifyWalkJump(s: RootStats): 'walk' | 'jump' | 'neither' {
  if (s.verticalRange > JUMP_RANGE) return 'jump';
  return s.displacement >= WALK_MIN_DISPLACEMENT ? 'walk' : 'neither';
}

/** Lowest and highest height of the body's lowest point over the clip (m above the floor; negative = below). */
function lowestPointRange(c: Clip): { lo: number; hi: number } {
  const h = lowestPointHeights(jointPositions(c), c.nFrames);
  let lo = Infinity, hi = -Infinity;
  for (const v of h) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return { lo, hi };
}

/** Lowest body point over the clip (m above the floor; negative = below). */
export function clipLowestPoint(c: Clip): number {
  return lowestPointRange(c).lo;
}

/** How far the body's lowest point rises above its lowest height in the clip (m): a jump's flight clearance. */
export function flightClearance(c: Clip): number {
  const { lo, hi } = lowestPointRange(c);
  return hi - lo;
}

export interface WalkJumpReport {
  perClass: number;
  /** Share of walk-prompted samples classified walk. */
  walkAccuracy: number;
  /** Share of jump-prompted samples classified jump. */
  jumpAccuracy: number;
  /** Share of jump-prompted samples classified jump that also leave the ground (flightClearance ≥ 0.12 m). */
  jumpAirborne: number;
  /** Median flightClearance of the jump-prompted samples (m). */
  jumpClearanceMedian: number;
  /** Share of all samples whose arrays are finite. */
  finite: number;
  /** Share of all samples whose lowest point is within ±5 cm of the floor. */
  onFloor: number;
  meanWalk: RootStats;
  meanJump: RootStats;
}

function isFinite(c: Clip): boolean {
  return c.rootPos.every(Number.isFinite) && c.rotations.every(Number.isFinite);
}

export interface WalkJumpOptions {
  perClass?: number;
  seed: number;
  steps?: number;
  guidance?: number;
  method?: SamplerMethod;
}

/**
 * Sample `perClass` motions for captions of randomly drawn real walk clips and as many for real jump clips
 * (as the loop conditions its samples): walk prompts first, then jump prompts.
 */
export async function walkJumpSamples(
  model: DiffusionModel, realClips: readonly Clip[], opts: WalkJumpOptions,
): Promise<{ prompts: string[]; clips: Clip[] }> {
  const perClass = opts.perClass ?? 64;
  const rng = new Rng(opts.seed);
  const captionsOf = (label: string): string[] => {
    const pool = realClips.filter((c) => c.label === label).map((c) => c.caption);
    if (pool.length === 0) throw new Error(`walkJumpCheck: no real clips labelled "${label}"`);
    return Array.from({ length: perClass }, () => rng.pick(pool));
  };
  const prompts = [...captionsOf('walk'), ...captionsOf('jump')];
  const { clips } = await sampleClips(model, prompts, { seed: opts.seed + 1, steps: opts.steps, guidance: opts.guidance, method: opts.method });
  return { prompts, clips };
}

/** Score samples laid out as walkJumpSamples returns them (perClass walk samples, then perClass jump samples). */
export function scoreWalkJump(clips: readonly Clip[], perClass: number): WalkJumpReport {
  if (clips.length !== 2 * perClass) throw new Error(`scoreWalkJump: ${clips.length} samples, expected 2 × ${perClass}`);
  const stats = clips.map(rootStats);
  const mean = (xs: RootStats[]): RootStats => ({
    displacement: xs.reduce((a, s) => a + s.displacement, 0) / xs.length,
    verticalRange: xs.reduce((a, s) => a + s.verticalRange, 0) / xs.length,
  });
  const walk = stats.slice(0, perClass);
  const jump = stats.slice(perClass);
  const jumpIsJump = jump.map((s) => classifyWalkJump(s) === 'jump');
  // one forward-kinematics pass per clip serves both the floor check and the flight clearance
  const ranges = clips.map((c) => (isFinite(c) ? lowestPointRange(c) : null));
  const clearance = ranges.slice(perClass).map((r) => (r ? r.hi - r.lo : 0));
  const sorted = [...clearance].sort((a, b) => a - b);
  return {
    perClass,
    walkAccuracy: walk.filter((s) => classifyWalkJump(s) === 'walk').length / perClass,
    jumpAccuracy: jumpIsJump.filter(Boolean).length / perClass,
    jumpAirborne: clearance.filter((h, i) => jumpIsJump[i] && h >= AIRBORNE_CLEARANCE).length / perClass,
    jumpClearanceMedian: sorted[sorted.length >> 1],
    finite: clips.filter(isFinite).length / clips.length,
    onFloor: ranges.filter((r) => r !== null && Math.abs(r.lo) <= FLOOR_WITHIN).length / clips.length,
    meanWalk: mean(walk),
    meanJump: mean(jump),
  };
}

/** walkJumpSamples, then scoreWalkJump. */
export async function walkJumpCheck(model: DiffusionModel, realClips: readonly Clip[], opts: WalkJumpOptions): Promise<WalkJumpReport> {
  const { clips } = await walkJumpSamples(model, realClips, opts);
  return scoreWalkJump(clips, opts.perClass ?? 64);
}

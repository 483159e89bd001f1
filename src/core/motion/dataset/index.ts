// The embedded motion dataset: a procedural motion-capture generator standing in for a mocap corpus (none can be
// downloaded here). Each action class is a parametric motion program (files beside this one) that builds local
// joint rotations (root, spine, head) and places feet and hands with analytic IK, so forward kinematics gives
// exactly the planned footholds: planted feet neither slide nor sink, and jump/run flights follow g = 9.81 m/s².
//
// | label         | file          | parameters drawn per clip (caption words in quotes)                               |
// |---------------|---------------|------------------------------------------------------------------------------------|
// | walk          | locomotion.ts | speed 0.6–1.6 m/s ("slowly", "quickly"), "forward" or "backward" (20 %), turn      |
// |               |               | 40–120° "left"/"right" (45 %), straight forward walks may "start" from standing or  |
// |               |               | "stop", step time, duty factor, step height, arm swing                             |
// | run           | locomotion.ts | speed 2–3.8 m/s ("jogs", "fast"), cadence, duty 0.3–0.4 (flight), turn, arm pump   |
// | jump          | jumps.ts      | "up"/"in place" or "forward" 0.3–1 m ("far"), once or "twice", flight 0.28–0.55 s  |
// |               |               | ("high"), crouch depth, arms swinging or "on the hips"                           |
// | wave          | upper.ts      | "left"/"right"/"both" hands, 2–4 waves ("twice" …), 1.3–2.4 Hz, normal or "high"   |
// | squat         | stances.ts    | 1–3 reps, depth 0.18–0.42 m ("shallow", "deep"), tempo, hold, arms "forward" /     |
// |               |               | "on the hips" / hanging, stance width                                              |
// | kick          | stances.ts    | "left"/"right" leg, front or "side" kick, ankle height 0.45–1.05 m ("low", "high"),|
// |               |               | 1–3 kicks, tempo, fists up or arms out for balance                                 |
// | punch         | upper.ts      | "left"/"right"/alternating hands, 1–4 punches, "forward" or "upward" (uppercut),  |
// |               |               | extension and gap times, staggered stance                                          |
// | turn          | stepping.ts   | "left"/"right", 90°, 135° or 180° ("around") ± 9°, 0.9–2 s ("quickly", "slowly")  |
// | jumping_jacks | jumps.ts      | 2–4 reps, hop time ("quickly", "slowly"), flight 0.16–0.24 s, feet width, arm raise|
// | side_step     | stepping.ts   | "left"/"right", 1–4 steps or out "and back", width 0.2–0.45 m, step time 0.5–0.8 s |
// | bow           | stances.ts    | depth 0.3–1.2 rad ("slightly", "deeply"), once or "twice", hold time, hands at the |
// |               |               | sides / "on the chest" / "together" in front, share of the bend in the hips        |
// | clap          | upper.ts      | 2–6 claps, 1.6–3.2 Hz ("slowly", "quickly"), "in front of the chest/face" or       |
// |               |               | "above the head", hand opening                                                     |
//
// Every clip also draws its initial heading (±0.3–0.4 rad) and small idle sway; clip.meta holds the parameters and
// the clip's seed. Captions start with "a person", "someone" or "the person". Shared pieces: rig.ts (frame writer
// over IK), gait.ts (footholds and swings), curves.ts (easing, Hermite keys, ballistic flight), program.ts
// (stance, relaxed arms), captions.ts (vocabulary).

import { Rng, hashString } from '../../random';
import { validateClip, type Clip } from '../clip';
import { Rig } from './rig';
import type { Program } from './program';
import { run, walk } from './locomotion';
import { jump, jumpingJacks } from './jumps';
import { clap, punch, wave } from './upper';
import { bow, kick, squat } from './stances';
import { sideStep, turn } from './stepping';

const PROGRAMS: Record<string, Program> = {
  walk,
  run,
  jump,
  wave,
  squat,
  kick,
  punch,
  turn,
  jumping_jacks: jumpingJacks,
  side_step: sideStep,
  bow,
  clap,
};

/** Action labels, in a fixed order (clip i of a dataset gets ACTIONS[i mod ACTIONS.length]). */
export const ACTIONS: readonly string[] = Object.freeze(Object.keys(PROGRAMS));

export interface DatasetOptions {
  n: number;
  seed: number;
  split?: 'train' | 'test';
}

/** Seed of clip i: train seeds are even and test seeds odd, so the two splits can never share a clip. */
export function clipSeed(split: 'train' | 'test', seed: number, i: number): number {
  const h = hashString(`${split}:${seed >>> 0}:${i}`) & 0x7fffffff;
  return (h * 2 + (split === 'test' ? 1 : 0)) >>> 0;
}

/** One clip of action `label`, all parameters drawn from `rng`. */
export function generateClip(label: string, rng: Rng, id: string): Clip {
  const program = PROGRAMS[label];
  if (!program) throw new Error(`generateClip: unknown action "${label}" (known: ${ACTIONS.join(', ')})`);
  const rig = new Rig(id, label);
  const { caption, meta } = program(rig, rng);
  const clip = rig.clip;
  clip.caption = caption;
  clip.meta = { ...meta, seed: rng.seed };
  validateClip(clip);
  return clip;
}

/**
 * `n` clips, deterministic in (seed, split): classes round-robin (balanced to within one clip), clip i drawn from
 * its own seed (see clipSeed). Ids: `train-<seed>-<i>`; for the test split `test-<i>` (seed 0, the held-out set
 * of generateTestSplit) or `test-<seed>-<i>`.
 */
export function generateDataset(opts: DatasetOptions): Clip[] {
  const { n, seed } = opts;
  const split = opts.split ?? 'train';
  if (!Number.isInteger(n) || n < 0) throw new Error(`generateDataset: n must be a non-negative integer, got ${n}`);
  if (!Number.isFinite(seed)) throw new Error(`generateDataset: seed must be a finite number, got ${seed}`);
  const s = seed >>> 0;
  const clips: Clip[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const label = ACTIONS[i % ACTIONS.length];
    const rng = new Rng(clipSeed(split, s, i));
    const id = split === 'train' ? `train-${s}-${i}` : s === 0 ? `test-${i}` : `test-${s}-${i}`;
    clips[i] = generateClip(label, rng, id);
  }
  return clips;
}

/** The held-out test split (default 512 clips), from seeds disjoint from every training split. */
export function generateTestSplit(n = 512): Clip[] {
  return generateDataset({ n, seed: 0, split: 'test' });
}

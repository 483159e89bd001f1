// The embedded motion dataset: a procedural motion-capture generator standing in for a mocap corpus (none can be
// downloaded here). Each action class is a parametric motion program (files beside this one) that builds local
// joint rotations (root, spine, head) and places feet and hands with analytic IK, so forward kinematics gives
// exactly the planned footholds: planted feet neither slide nor sink, and jump/run flights follow g = 9.81 m/s².
//
// | label          | parameters drawn per clip (caption words in quotes)                                          |
// |----------------|-----------------------------------------------------------------------------------------------|
// | walk           | speed 0.6–1.6 m/s ("slowly"/"quickly"), forward or "backward", turn 40–120° left/right,     |
// |                | step time, duty factor, arm swing, step height                                               |
// | run            | speed 2–3.8 m/s ("jogs", "fast"), cadence, duty factor 0.3–0.4 (flight), turn, arm pumping     |
// (more classes are listed below as they are added)

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
 * its own seed (see clipSeed). The test split ignores `seed` (there is one held-out set).
 */
export function generateDataset(opts: DatasetOptions): Clip[] {
  const { n, seed } = opts;
  const split = opts.split ?? 'train';
  if (!Number.isInteger(n) || n < 0) throw new Error(`generateDataset: n must be a non-negative integer, got ${n}`);
  if (!Number.isFinite(seed)) throw new Error(`generateDataset: seed must be a finite number, got ${seed}`);
  const s = split === 'test' ? 0 : seed >>> 0;
  const clips: Clip[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const label = ACTIONS[i % ACTIONS.length];
    const rng = new Rng(clipSeed(split, s, i));
    clips[i] = generateClip(label, rng, split === 'test' ? `test-${i}` : `train-${s}-${i}`);
  }
  return clips;
}

/** The held-out test split (default 512 clips), from seeds disjoint from every training split. */
export function generateTestSplit(n = 512): Clip[] {
  return generateDataset({ n, seed: 0, split: 'test' });
}

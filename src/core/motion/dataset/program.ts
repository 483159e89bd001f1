// What a motion program is (a function that fills a Rig from an Rng and returns its caption and parameters)
// and the pieces several programs share: a planted two-foot stance, relaxed arms, per-frame leg solving.

import type { Rng } from '../../random';
import { ANKLE_SOLE_OFFSET } from '../skeleton';
import { newFoot, type FootState, type Rig, type Side } from './rig';

export type Meta = Record<string, number | string | boolean>;

export interface ProgramResult {
  caption: string;
  meta: Meta;
}

/** A parametric motion program: draws its parameters from rng, writes every frame of rig.clip. */
export type Program = (rig: Rig, rng: Rng) => ProgramResult;

/** Round a parameter for meta (keeps JSON short). */
export const r3 = (v: number): number => Math.round(v * 1000) / 1000;

/** Two flat feet at ±lateral from (x, z) across heading `yaw`, the left one `stagger` m ahead (negative: behind). */
export function stanceFeet(x: number, z: number, yaw: number, lateral: number, stagger = 0, toeOut = 0.08): [FootState, FootState] {
  const lx = Math.cos(yaw), lz = -Math.sin(yaw);
  const fx = Math.sin(yaw), fz = Math.cos(yaw);
  const l = newFoot();
  const r = newFoot();
  l.x = x + lateral * lx + (stagger / 2) * fx;
  l.z = z + lateral * lz + (stagger / 2) * fz;
  l.yaw = yaw + toeOut;
  r.x = x - lateral * lx - (stagger / 2) * fx;
  r.z = z - lateral * lz - (stagger / 2) * fz;
  r.yaw = yaw - toeOut;
  l.y = r.y = ANKLE_SOLE_OFFSET;
  return [l, r];
}

/** Lower the root where needed so feet in contact are reachable, then solve both legs. */
export function solveLegs(rig: Rig, f: number, feet: readonly FootState[], kneeOut = 0.1): void {
  rig.fitRootToFeet(f, feet);
  rig.foot(f, 0, feet[0], kneeOut);
  rig.foot(f, 1, feet[1], kneeOut);
}

/** Arm hanging relaxed at the side with a small forward swing angle (rad) and elbow bend (shorter reach). */
export function relaxedArm(rig: Rig, f: number, side: Side, swing = 0, reach = 0.5, out = 0.07): void {
  const down = reach * Math.cos(swing);
  const fwd = reach * Math.sin(swing);
  rig.handChest(f, side, out, down, fwd + 0.03, 0.3, 0.1, -1);
}

/** Small seeded idle sway: a slow sum of two sines with random phases, amplitude ~1. */
export function swayFn(rng: Rng): (t: number) => number {
  const p1 = rng.uniform(0, 2 * Math.PI), p2 = rng.uniform(0, 2 * Math.PI);
  const w1 = rng.uniform(0.8, 1.6), w2 = rng.uniform(2.0, 3.5);
  return (t: number) => 0.7 * Math.sin(w1 * t + p1) + 0.3 * Math.sin(w2 * t + p2);
}

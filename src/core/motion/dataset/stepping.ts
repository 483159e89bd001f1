// Stepping-in-place programs: turn (in place, by stepping around the root) and side_step (lateral steps, the
// lead foot first and the trailing foot after it). Footholds come from the gait planner; the root follows the
// mean of the feet so it stays over the support polygon.

import type { Rng } from '../../random';
import { smoothstep } from './curves';
import { footAt, type Plant, type SwingStyle } from './gait';
import { caption, subject, times } from './captions';
import { r3, relaxedArm, solveLegs, swayFn, type ProgramResult } from './program';
import { newFoot, type Rig, type Side } from './rig';

/** turn: left/right by 90°, 135° or 180° (± jitter), duration 0.9–2 s, step height. */
export function turn(rig: Rig, rng: Rng): ProgramResult {
  const dir = rng.bernoulli(0.5) ? 1 : -1; // +1 turns left
  const base = rng.pick([Math.PI / 2, Math.PI / 2, (3 * Math.PI) / 4, Math.PI]);
  const angle = dir * (base + rng.uniform(-0.15, 0.15));
  const dur = rng.uniform(0.9, 2.0);
  const tA = rng.uniform(0.1, Math.max(0.11, 2.7 - dur));
  const h0 = rng.uniform(-0.4, 0.4);
  const lateral = rng.uniform(0.08, 0.12);
  const nSteps = 2 * Math.ceil(Math.abs(angle) / 1.7);
  const style: SwingStyle = { height: rng.uniform(0.05, 0.1), heelRise: 0.15, heelTime: 0.08 };
  const first: Side = dir > 0 ? 0 : 1; // open with the foot on the turning side
  const heading = (t: number) => h0 + angle * smoothstep((t - tA) / dur);
  const plantAt = (side: Side, h: number, t0: number, t1: number): Plant => ({
    t0, t1, x: (side === 0 ? 1 : -1) * lateral * Math.cos(h), z: -(side === 0 ? 1 : -1) * lateral * Math.sin(h),
    yaw: h + (side === 0 ? 0.06 : -0.06),
  });
  const plants: Plant[][] = [[], []];
  const stepDur = dur / nSteps;
  const last: number[] = [-Infinity, -Infinity];
  const lastYaw = [h0, h0];
  for (let k = 0; k < nSteps; k++) {
    const side = ((first + k) % 2) as Side;
    const lift = tA + k * stepDur;
    const land = lift + stepDur * 0.85;
    plants[side].push(plantAt(side, lastYaw[side], last[side], lift));
    last[side] = land;
    // the last two steps land square to the final heading
    lastYaw[side] = k >= nSteps - 2 ? h0 + angle : heading(land + 0.5 * stepDur);
  }
  for (const side of [0, 1] as const) plants[side].push(plantAt(side, lastYaw[side], last[side], Infinity));
  const feet = [newFoot(), newFoot()];
  const sway = swayFn(rng);
  for (let f = 0; f < rig.n; f++) {
    const t = rig.time(f);
    footAt(plants[0], style, t, feet[0]);
    footAt(plants[1], style, t, feet[1]);
    const x = 0.5 * (feet[0].x + feet[1].x), z = 0.5 * (feet[0].z + feet[1].z);
    const h = heading(t);
    rig.setRoot(f, x, 0.915 + 0.003 * sway(t), z, h, 0.04, 0);
    rig.setSpine(f, 0.04, 0.15 * dir * Math.sin(Math.PI * smoothstep((t - tA) / dur)), 0);
    rig.setHead(f, 0, 0.25 * dir * Math.sin(Math.PI * smoothstep((t - tA) / dur)));
    solveLegs(rig, f, feet, 0.1);
    relaxedArm(rig, f, 0, 0.05, 0.5, 0.1);
    relaxedArm(rig, f, 1, 0.05, 0.5, 0.1);
  }
  const dw = dir > 0 ? 'left' : 'right';
  const pace = dur < 1.2 ? 'quickly' : dur > 1.7 ? 'slowly' : '';
  const cap = base === Math.PI
    ? caption(subject(rng), 'turns around to the', dw, pace)
    : caption(subject(rng), rng.bernoulli(0.5) ? 'turns' : 'turns in place to the', dw, pace);
  return { caption: cap, meta: { direction: dw, angle: r3(angle), duration: r3(dur), steps: nSteps, heading0: r3(h0) } };
}

/** side_step: left/right, 1–4 steps (or out and back), step width 0.2–0.45 m, step time 0.5–0.8 s. */
export function sideStep(rig: Rig, rng: Rng): ProgramResult {
  const dir = rng.bernoulli(0.5) ? 1 : -1; // +1 steps to the left (+X of the body)
  const back = rng.bernoulli(0.3);
  let steps = back ? 1 + rng.int(2) : 1 + rng.int(4);
  let stepT = rng.uniform(0.5, 0.8);
  const total = steps * (back ? 2 : 1);
  if (total * stepT > 2.6) stepT = 2.6 / total;
  if (stepT < 0.45) steps = Math.max(1, steps - 1);
  const nMoves = steps * (back ? 2 : 1);
  const width = rng.uniform(0.2, 0.45);
  const tA = rng.uniform(0.1, Math.max(0.11, 2.85 - nMoves * stepT));
  const h0 = rng.uniform(-0.4, 0.4);
  const lateral = rng.uniform(0.08, 0.12);
  const style: SwingStyle = { height: rng.uniform(0.04, 0.09), heelRise: 0, heelTime: 0.05 };
  const lx = Math.cos(h0), lz = -Math.sin(h0);
  const plants: Plant[][] = [[], []];
  const pos = [lateral, -lateral]; // lateral coordinate of each foot
  const since = [-Infinity, -Infinity];
  const put = (s: Side, t1: number) =>
    plants[s].push({ t0: since[s], t1, x: pos[s] * lx, z: pos[s] * lz, yaw: h0 + (s === 0 ? 0.06 : -0.06) });
  for (let k = 0; k < nMoves; k++) {
    const d = back && k >= steps ? -dir : dir;
    const lead: Side = d > 0 ? 0 : 1;
    const trail: Side = lead === 0 ? 1 : 0;
    const ts = tA + k * stepT;
    put(lead, ts);
    pos[lead] += d * width;
    since[lead] = ts + 0.42 * stepT;
    put(trail, ts + 0.5 * stepT);
    pos[trail] += d * width;
    since[trail] = ts + 0.92 * stepT;
  }
  put(0, Infinity);
  put(1, Infinity);
  const feet = [newFoot(), newFoot()];
  const sway = swayFn(rng);
  const armOut = rng.uniform(0.07, 0.2);
  for (let f = 0; f < rig.n; f++) {
    const t = rig.time(f);
    footAt(plants[0], style, t, feet[0]);
    footAt(plants[1], style, t, feet[1]);
    const x = 0.5 * (feet[0].x + feet[1].x), z = 0.5 * (feet[0].z + feet[1].z);
    const spread = Math.hypot(feet[0].x - feet[1].x, feet[0].z - feet[1].z);
    rig.setRoot(f, x, 0.92 - 0.12 * Math.max(0, spread - 0.2) + 0.003 * sway(t), z, h0, 0.04, 0);
    rig.setSpine(f, 0.05, 0, 0);
    rig.setHead(f, 0, 0.1 * dir);
    solveLegs(rig, f, feet, 0.2);
    const open = Math.max(0, spread - 2 * lateral);
    relaxedArm(rig, f, 0, 0.05, 0.5, armOut + 0.4 * open);
    relaxedArm(rig, f, 1, 0.05, 0.5, armOut + 0.4 * open);
  }
  const dw = dir > 0 ? 'left' : 'right';
  const cap = back
    ? caption(subject(rng), 'steps to the', dw, 'and back')
    : caption(subject(rng), rng.bernoulli(0.5) ? 'steps sideways to the' : 'side steps to the', dw, times(steps));
  return { caption: cap, meta: { direction: dw, steps, back, width: r3(width), stepTime: r3(stepT), heading0: r3(h0) } };
}

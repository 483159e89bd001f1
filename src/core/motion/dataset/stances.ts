// Programs over a stance whose feet do not travel: squat, bow and kick (the kicking foot leaves its foothold and
// returns to it while the support foot stays planted and the pelvis shifts over it).

import type { Rng } from '../../random';
import { ANKLE_SOLE_OFFSET } from '../skeleton';
import { lerp, smoothstep, track, type Key } from './curves';
import { caption, countWord, sideWord, subject, times } from './captions';
import { r3, relaxedArm, solveLegs, stanceFeet, swayFn, type ProgramResult } from './program';
import type { Rig, Side } from './rig';

/** Repetition profile: 0 standing, 1 at the bottom; reps of (down, hold, up, rest) starting at tA. */
function repProfile(tA: number, reps: number, down: number, holdT: number, up: number, rest: number): Key[] {
  const keys: Key[] = [[tA, 0]];
  let t = tA;
  for (let k = 0; k < reps; k++) {
    keys.push([t + down, 1], [t + down + holdT, 1], [t + down + holdT + up, 0]);
    t += down + holdT + up + rest;
  }
  return keys;
}

interface RepTiming { down: number; holdT: number; up: number; rest: number }

/** Scales a rep's timing so `reps` repetitions fit in the clip, draws their start time, and returns the scaled
 *  timing, the first rep's start time and the repetition profile. */
function fitReps(rng: Rng, reps: number, t: RepTiming): { timing: RepTiming; start: number; keys: Key[] } {
  const total = reps * (t.down + t.holdT + t.up + t.rest);
  const scale = Math.min(1, 2.75 / total);
  const down = t.down * scale, up = t.up * scale, holdT = t.holdT * scale, rest = t.rest * scale;
  const tA = rng.uniform(0.05, Math.max(0.06, 2.9 - reps * (down + holdT + up + rest)));
  return { timing: { down, holdT, up, rest }, start: tA, keys: repProfile(tA, reps, down, holdT, up, rest) };
}

/** squat: 1–3 reps, depth 0.18–0.42 m, tempo, arms forward / on the hips / hanging, stance width. */
export function squat(rig: Rig, rng: Rng): ProgramResult {
  const reps = 1 + rng.int(3);
  const depth = rng.uniform(0.18, 0.42);
  const arms = rng.pick(['forward', 'forward', 'hips', 'down'] as const);
  const { timing: { down, up, holdT }, keys } = fitReps(rng, reps, {
    down: rng.uniform(0.45, 0.85), up: rng.uniform(0.4, 0.75), holdT: rng.uniform(0, 0.3), rest: rng.uniform(0.05, 0.3),
  });
  const h0 = rng.uniform(-0.4, 0.4);
  const lateral = rng.uniform(0.13, 0.2);
  const feet = stanceFeet(0, 0, h0, lateral, 0, 0.25);
  const sway = swayFn(rng);
  const fx = Math.sin(h0), fz = Math.cos(h0);
  for (let f = 0; f < rig.n; f++) {
    const t = rig.time(f);
    const c = track(keys, t);
    const back = -0.3 * depth * c + 0.005 * sway(t);
    rig.setRoot(f, back * fx, 0.925 - depth * c, back * fz, h0, 0.05 + 1.3 * depth * c, 0);
    rig.setSpine(f, 0.03 + 0.6 * depth * c, 0, 0);
    rig.setHead(f, -0.8 * depth * c, 0);
    solveLegs(rig, f, feet, 0.35);
    for (const s of [0, 1] as const) {
      if (arms === 'forward') {
        // arms rise to point forward at shoulder height as the body goes down
        const a = lerp(0.05, 1.45, smoothstep(c * 1.5));
        relaxedArm(rig, f, s, a, 0.5, lerp(0.07, 0.02, c));
      } else if (arms === 'hips') {
        rig.handChest(f, s, 0.02, 0.4, 0.02, 1, 0, -0.4);
      } else {
        relaxedArm(rig, f, s, 0.1 * c, 0.5);
      }
    }
  }
  const deep = depth > 0.33 ? 'deep' : depth < 0.24 ? 'shallow' : '';
  const armWords = arms === 'forward' ? 'with arms forward' : arms === 'hips' ? 'with hands on the hips' : '';
  const noun = reps === 1 ? 'squat' : 'squats';
  const cap = rng.bernoulli(0.6)
    ? caption(subject(rng), 'does', reps === 1 ? 'a' : countWord(reps), deep, noun, armWords)
    : caption(subject(rng), 'squats down', deep ? (deep === 'deep' ? 'deeply' : 'a little') : '', times(reps), armWords);
  return { caption: cap, meta: { reps, depth: r3(depth), arms, downTime: r3(down), upTime: r3(up), hold: r3(holdT), heading0: r3(h0) } };
}

/** bow: depth 0.3–1.2 rad, once or twice, hold time, hands at the sides / on the chest / folded in front. */
export function bow(rig: Rig, rng: Rng): ProgramResult {
  const reps = rng.bernoulli(0.3) ? 2 : 1;
  const angle = rng.uniform(0.3, 1.2);
  const hands = rng.pick(['sides', 'sides', 'chest', 'front'] as const);
  const chestHand: Side = rng.bernoulli(0.7) ? 1 : 0;
  const { timing: { down, up, holdT }, start: tA, keys } = fitReps(rng, reps, {
    down: rng.uniform(0.5, 0.9), up: rng.uniform(0.5, 0.9), holdT: rng.uniform(0.1, 0.8), rest: rng.uniform(0.1, 0.3),
  });
  const h0 = rng.uniform(-0.4, 0.4);
  const lateral = rng.uniform(0.08, 0.12);
  const feet = stanceFeet(0, 0, h0, lateral);
  const sway = swayFn(rng);
  const fx = Math.sin(h0), fz = Math.cos(h0);
  const hw = rng.uniform(0.4, 0.55); // share of the bend in the hips
  for (let f = 0; f < rig.n; f++) {
    const t = rig.time(f);
    const c = track(keys, t);
    const a = angle * c;
    const back = -0.12 * a + 0.004 * sway(t);
    rig.setRoot(f, back * fx, 0.925 - 0.03 * a, back * fz, h0, 0.03 + hw * a, 0);
    rig.setSpine(f, 0.03 + (1 - hw) * a, 0, 0);
    rig.setHead(f, 0.2 * a, 0);
    solveLegs(rig, f, feet, 0.1);
    for (const s of [0, 1] as const) {
      if (hands === 'chest' && s === chestHand) {
        const w = smoothstep((t - tA + 0.3) / 0.3);
        rig.handAtChest(f, s, lerp(0.26, -0.04, w) * (s === 0 ? 1 : -1), lerp(-0.33, 0.02, w), lerp(0.04, 0.15, w), lerp(0.3, 1, w), lerp(-0.1, -1, w), -0.2);
      } else if (hands === 'front') {
        rig.handAtChest(f, s, s === 0 ? 0.04 : -0.04, -0.42, 0.18, 1, -0.5, -0.3);
      } else {
        relaxedArm(rig, f, s, 0.05, 0.5);
      }
    }
  }
  const deep = angle > 0.9 ? 'deeply' : angle < 0.55 ? 'slightly' : '';
  const handWords = hands === 'chest' ? `with the ${sideWord(chestHand)} hand on the chest` : hands === 'front' ? 'with hands together' : '';
  const cap = caption(subject(rng), 'bows', deep, reps === 2 ? 'twice' : '', handWords);
  return { caption: cap, meta: { reps, angle: r3(angle), hands, hold: r3(holdT), hipShare: r3(hw), heading0: r3(h0) } };
}

/** kick: left/right leg, front or side kick, ankle height 0.45–1.05 m, once or twice, tempo, arm guard. */
export function kick(rig: Rig, rng: Rng): ProgramResult {
  const leg: Side = rng.bernoulli(0.5) ? 0 : 1;
  const support: Side = leg === 0 ? 1 : 0;
  const side = rng.bernoulli(0.3);
  const reps = 1 + rng.int(3);
  const height = rng.uniform(0.45, side ? 0.95 : 1.05);
  let chamber = rng.uniform(0.15, 0.3), extend = rng.uniform(0.12, 0.22), retract = rng.uniform(0.15, 0.3);
  let landT = rng.uniform(0.15, 0.25), pause = rng.uniform(0.1, 0.35);
  const shift = rng.uniform(0.3, 0.45);
  const fit = Math.min(1, (2.8 - 2 * shift) / (reps * (chamber + extend + retract + landT + pause)));
  chamber *= fit; extend *= fit; retract *= fit; landT *= fit; pause *= fit;
  const guard = rng.bernoulli(0.5);
  const per = chamber + extend + retract + landT + pause;
  const tA = rng.uniform(0.05, Math.max(0.06, 2.85 - shift * 2 - reps * per));
  const h0 = rng.uniform(-0.4, 0.4);
  const lateral = rng.uniform(0.09, 0.13);
  const feet = stanceFeet(0, 0, h0, lateral, 0, 0.1);
  const plant = { x: feet[leg].x, z: feet[leg].z, yaw: feet[leg].yaw };
  const sway = swayFn(rng);
  const hn = (height - 0.45) / 0.6;
  const sg = leg === 0 ? 1 : -1; // kicking side
  const fx = Math.sin(h0), fz = Math.cos(h0), lx = Math.cos(h0), lz = -Math.sin(h0);
  // kick foot keys in the heading frame relative to its foothold: fwd, up, out
  const hipY = 0.86 - 0.05;
  const dy = Math.max(0, height - hipY);
  const ext = Math.sqrt(Math.max(0.05, 0.76 * 0.76 - dy * dy)) - (side ? 0.05 : 0.0);
  const fwdK: Key[] = [], upK: Key[] = [], outK: Key[] = [], pitchK: Key[] = [], wK: Key[] = [];
  let t = tA;
  wK.push([t, 0], [t + shift, 1]);
  t += shift;
  for (let k = 0; k < reps; k++) {
    fwdK.push([t, 0], [t + chamber, side ? 0.1 : 0.2], [t + chamber + extend, side ? 0.08 : ext], [t + chamber + extend + retract, side ? 0.1 : 0.2], [t + per - pause, 0]);
    upK.push([t, 0], [t + chamber, 0.25 + 0.25 * hn], [t + chamber + extend, height - ANKLE_SOLE_OFFSET], [t + chamber + extend + retract, 0.25 + 0.2 * hn], [t + per - pause, 0]);
    outK.push([t, 0], [t + chamber, side ? 0.05 : 0], [t + chamber + extend, side ? ext : 0.03], [t + chamber + extend + retract, side ? 0.05 : 0], [t + per - pause, 0]);
    pitchK.push([t, 0], [t + chamber, 0.4], [t + chamber + extend, side ? 0.1 : 0.6], [t + chamber + extend + retract, 0.4], [t + per - pause, 0]);
    t += per;
  }
  wK.push([t, 1], [t + shift, 0]);
  const tKick0 = tA + shift, tKick1 = t;
  for (let f = 0; f < rig.n; f++) {
    const tt = rig.time(f);
    const w = track(wK, tt);
    const up = track(upK, tt), fw = track(fwdK, tt), out = track(outK, tt);
    const lift = Math.min(1, up / 0.6);
    // pelvis over the support foot; lean back (front kick) or away (side kick) as the foot rises
    const px = feet[support].x * 0.75 * w, pz = feet[support].z * 0.75 * w;
    const sw = 0.004 * sway(tt);
    const pitch = side ? 0.05 : 0.05 - 0.3 * lift * (0.4 + hn);
    // positive roll raises the pelvis's left side and tilts the trunk to the right (away from a left kick)
    const roll = side ? sg * 0.5 * lift * (0.4 + hn) : 0;
    rig.setRoot(f, px + sw * fx, 0.9 - 0.03 * w, pz + sw * fz, h0 + (side ? -sg * 0.5 * lift : 0), pitch, roll);
    rig.setSpine(f, side ? 0.1 * lift : 0.3 * lift * (0.4 + hn), 0, -0.4 * roll);
    rig.setHead(f, side ? 0 : -0.1 * lift, side ? sg * 0.5 * lift : 0, -0.3 * roll);
    const kf = feet[leg];
    const inKick = tt > tKick0 && tt < tKick1 && up > 0;
    kf.x = plant.x + fw * fx + sg * out * lx;
    kf.z = plant.z + fw * fz + sg * out * lz;
    kf.y = ANKLE_SOLE_OFFSET + up;
    kf.yaw = plant.yaw + (side ? -sg * 1.2 * lift : 0);
    kf.pitch = track(pitchK, tt);
    kf.contact = inKick ? 0 : 1;
    solveLegs(rig, f, feet, 0.1);
    for (const s of [0, 1] as const) {
      if (guard) {
        const g = smoothstep((tt - tA) / 0.3) * (1 - smoothstep((tt - tKick1 - 0.1) / 0.4));
        rig.handChest(f, s, lerp(0.07, -0.06, g), lerp(0.5, 0.05, g), lerp(0.03, 0.22, g), 0.5, 1, lerp(-0.6, 0, g));
      } else {
        // arms out for balance, opposite arm forward on a front kick
        const a = s === leg ? -0.4 * lift : 0.6 * lift;
        relaxedArm(rig, f, s, side ? 0 : a, 0.5, 0.07 + 0.25 * lift);
      }
    }
  }
  const hgt = height > 0.85 ? 'high' : height < 0.6 ? 'low' : '';
  const cap = side
    ? caption(subject(rng), 'does', reps === 1 ? 'a' : countWord(reps), hgt, reps === 1 ? 'side kick' : 'side kicks', 'with the', sideWord(leg), 'leg')
    : caption(subject(rng), 'kicks', hgt, 'forward with the', sideWord(leg), 'leg', reps === 1 ? '' : times(reps));
  return { caption: cap, meta: { leg: sideWord(leg), kind: side ? 'side' : 'front', height: r3(height), reps, kickTime: r3(chamber + extend + retract), guard, heading0: r3(h0) } };
}

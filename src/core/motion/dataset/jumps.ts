// Jumping programs: jump (in place or forward, one or two jumps) and jumping jacks. Feet stay planted on the
// floor except in designed flight phases, during which the root follows a ballistic parabola under g = 9.81 m/s²
// and the feet keep the takeoff leg extension (plus a tuck), so that takeoff and landing are on the floor.

import type { Rng } from '../../random';
import { ANKLE_SOLE_OFFSET } from '../skeleton';
import { GRAVITY, ballistic, bump, clamp01, smoothstep, track, type Key } from './curves';
import { caption, countWord, subject } from './captions';
import { r3, relaxedArm, solveLegs, stanceFeet, swayFn, type ProgramResult } from './program';
import { MAX_STANCE_REACH, type Rig } from './rig';

interface Flight {
  t0: number;
  t1: number;
  y0: number;
  v0: number;
}

function inFlight(flights: readonly Flight[], t: number): Flight | null {
  for (const fl of flights) if (t > fl.t0 && t < fl.t1) return fl;
  return null;
}

/** jump: in place ("up") or forward 0.3–1.0 m, once or twice, flight 0.28–0.55 s, crouch depth, arm style. */
export function jump(rig: Rig, rng: Rng): ProgramResult {
  const forward = rng.bernoulli(0.6);
  const reps = rng.bernoulli(0.35) ? 2 : 1;
  const tf = reps === 2 ? rng.uniform(0.28, 0.42) : rng.uniform(0.3, 0.55);
  const depth = rng.uniform(0.12, 0.28);
  const dist = forward ? rng.uniform(0.3, reps === 2 ? 0.8 : 1.0) : 0;
  const armStyle = rng.pick(['swing', 'swing', 'hips'] as const);
  const lateral = rng.uniform(0.09, 0.14);
  const h0 = rng.uniform(-0.3, 0.3);
  const crouchDur = rng.uniform(0.3, 0.5);
  const pushDur = rng.uniform(0.18, 0.24);
  const absorbDur = rng.uniform(0.2, 0.3);
  const standDur = rng.uniform(0.35, 0.55);
  const total = crouchDur + reps * (pushDur + tf + absorbDur) + standDur;
  const tS = rng.uniform(0.05, Math.max(0.06, 2.9 - total));
  const yS = 0.93;
  const yTo = 0.905;
  const v0 = (GRAVITY * tf) / 2;
  const a = 0.11 * Math.min(1, dist / 0.4); // root ahead of the feet at takeoff, behind at landing
  const vx = (dist - 2 * a) / tf;
  const yKeys: Key[] = [[tS, yS]];
  const xKeys: Key[] = [[tS, 0]];
  const armKeys: Key[] = [[tS, 0]];
  const flights: Flight[] = [];
  const footFwd: number[] = [0];
  let t = tS + crouchDur;
  yKeys.push([t, yS - depth]);
  xKeys.push([t, -0.05 * (forward ? 1 : 0.3)]);
  armKeys.push([t, -0.7]);
  let F = 0;
  let tEnd = 0;
  for (let k = 0; k < reps; k++) {
    const t0 = t + pushDur;
    const t1 = t0 + tf;
    yKeys.push([t0, yTo, v0], [t1, yTo, -v0]);
    xKeys.push([t0, F + a, vx], [t1, F + dist - a, vx]);
    armKeys.push([t0, 1.7], [t1, 0.9]);
    flights.push({ t0, t1, y0: yTo, v0 });
    F += dist;
    footFwd.push(F);
    t = t1 + absorbDur;
    const dAbs = depth * (k < reps - 1 ? 1 : rng.uniform(0.6, 0.9));
    yKeys.push([t, yS - dAbs]);
    xKeys.push([t, F + (forward ? 0.02 : 0)]);
    armKeys.push([t, k < reps - 1 ? -0.7 : -0.2]);
    tEnd = t + standDur;
  }
  yKeys.push([tEnd, yS]);
  xKeys.push([tEnd, F]);
  armKeys.push([tEnd, 0]);
  const sway = swayFn(rng);
  const fwdX = Math.sin(h0), fwdZ = Math.cos(h0);
  const feet = stanceFeet(0, 0, h0, lateral);
  const base = stanceFeet(0, 0, h0, lateral);
  const tuck = rng.uniform(0.05, 0.2);
  for (let f = 0; f < rig.n; f++) {
    const tt = rig.time(f);
    const fl = inFlight(flights, tt);
    const y = fl ? ballistic(tt, fl.t0, fl.y0, fl.v0) : track(yKeys, tt) + 0.003 * sway(tt);
    const x = fl ? track(xKeys, fl.t0) + vx * (tt - fl.t0) : track(xKeys, tt);
    const crouch = clamp01((yS - y) / 0.3);
    rig.setRoot(f, x * fwdX, y, x * fwdZ, h0, 0.06 + 0.45 * crouch, 0);
    rig.setSpine(f, 0.05 + 0.35 * crouch, 0, 0);
    rig.setHead(f, -0.2 * crouch, 0);
    // feet: planted at the current foothold, or flying between footholds
    let k = 0;
    while (k < flights.length && tt >= flights[k].t1) k++;
    const ff = fl ? footFwd[k] + (footFwd[k + 1] - footFwd[k]) * smoothstep((tt - fl.t0) / (fl.t1 - fl.t0)) : footFwd[k];
    const lift = fl ? y - yTo + tuck * bump((tt - fl.t0) / (fl.t1 - fl.t0)) : 0;
    for (let s = 0; s < 2; s++) {
      feet[s].x = base[s].x + ff * fwdX;
      feet[s].z = base[s].z + ff * fwdZ;
      feet[s].y = ANKLE_SOLE_OFFSET + lift;
      feet[s].contact = fl ? 0 : 1;
    }
    rig.setFlight(f, fl !== null);
    solveLegs(rig, f, feet, 0.15);
    if (armStyle === 'hips') {
      rig.handChest(f, 0, 0.02, 0.4, 0.02, 1, 0, -0.4);
      rig.handChest(f, 1, 0.02, 0.4, 0.02, 1, 0, -0.4);
    } else {
      const ang = track(armKeys, tt);
      relaxedArm(rig, f, 0, ang, 0.49);
      relaxedArm(rig, f, 1, ang, 0.49);
    }
  }
  const dir = forward ? 'forward' : rng.bernoulli(0.5) ? 'up' : 'in place';
  const high = tf > 0.47 ? 'high' : '';
  const count = reps === 2 ? 'twice' : rng.bernoulli(0.5) ? 'and lands' : '';
  const arms = armStyle === 'hips' ? 'with hands on the hips' : rng.bernoulli(0.3) ? 'swinging the arms' : '';
  const far = forward && dist > 0.8 ? 'far' : '';
  return {
    caption: caption(subject(rng), 'jumps', dir, far, high, count, arms),
    meta: { direction: forward ? 'forward' : 'up', reps, flightTime: r3(tf), distance: r3(dist), crouch: r3(depth), arms: armStyle, heading0: r3(h0) },
  };
}

/** jumping_jacks: 2–4 repetitions, hop period, flight time, feet apart width, arms overhead. */
export function jumpingJacks(rig: Rig, rng: Rng): ProgramResult {
  let reps = 2 + rng.int(3);
  const tS = rng.uniform(0.05, 0.35);
  let hop = rng.uniform(0.3, 0.46);
  const maxHop = (2.9 - tS - 0.85) / (2 * reps);
  if (hop > maxHop) {
    if (maxHop >= 0.28) hop = maxHop;
    else {
      reps = Math.max(2, Math.floor((2.9 - tS - 0.85) / (2 * 0.3)));
      hop = Math.min(hop, (2.9 - tS - 0.85) / (2 * reps));
    }
  }
  const tf = Math.min(hop - 0.12, rng.uniform(0.16, 0.24));
  const S = hop - tf;
  const v0 = (GRAVITY * tf) / 2;
  const amp = (v0 * S) / Math.PI;
  const latIn = rng.uniform(0.08, 0.11);
  const latOut = rng.uniform(0.28, 0.38);
  const armMax = rng.uniform(2.5, 2.95);
  const h0 = rng.uniform(-0.3, 0.3);
  const yS = 0.93;
  // touchdown height: a leg reaches a foot placed wide with a slightly bent knee
  const dh = latOut - 0.09;
  const yTd = Math.min(0.9, ANKLE_SOLE_OFFSET + Math.sqrt(MAX_STANCE_REACH ** 2 - dh * dh) + 0.07 - 0.01);
  const tFirst = tS + 0.35;
  const nHops = 2 * reps;
  const tLast = tFirst + (nHops - 1) * hop + tf; // last landing
  const pre: Key[] = [[tS, yS], [tS + 0.17, yS - 0.07], [tFirst, yTd, v0]];
  const post: Key[] = [[tLast, yTd, -v0], [tLast + 0.2, yS - 0.07], [tLast + 0.5, yS]];
  const sway = swayFn(rng);
  const feet = stanceFeet(0, 0, h0, latIn);
  const lx = Math.cos(h0), lz = -Math.sin(h0);
  const lateralAt = (hopIndex: number): number => (hopIndex % 2 === 1 ? latOut : latIn); // after hop k (1-based)
  // arms start moving a little before each takeoff and arrive at landing
  const armKeys: Key[] = [[0, 0]];
  for (let k = 0; k < nHops; k++) {
    const tk = tFirst + k * hop;
    armKeys.push([tk - 0.4 * S, k % 2 === 0 ? 0 : 1], [tk + tf, k % 2 === 0 ? 1 : 0]);
  }
  for (let f = 0; f < rig.n; f++) {
    const t = rig.time(f);
    let y: number;
    let lat: number;
    let airborne = false;
    if (t <= tFirst) {
      y = track(pre, t) + 0.003 * sway(t);
      lat = latIn;
    } else if (t >= tLast) {
      y = track(post, t) + 0.003 * sway(t);
      lat = lateralAt(nHops);
    } else {
      const u = (t - tFirst) / hop;
      const k = Math.floor(u); // hop index (0-based) whose takeoff is the latest
      const tau = t - tFirst - k * hop;
      if (tau < tf) {
        airborne = tau > 0;
        y = ballistic(tau, 0, yTd, v0);
        lat = lateralAt(k) + (lateralAt(k + 1) - lateralAt(k)) * smoothstep(tau / tf);
      } else {
        const w = tau - tf;
        y = yTd - amp * Math.sin((Math.PI * w) / S);
        lat = lateralAt(k + 1);
      }
    }
    rig.setRoot(f, 0, y, 0, h0, 0.05, 0);
    rig.setSpine(f, 0.04, 0, 0);
    rig.setHead(f, 0, 0);
    const lift = airborne ? y - yTd + 0.03 * bump((t - tFirst - Math.floor((t - tFirst) / hop) * hop) / tf) : 0;
    feet[0].x = lat * lx;
    feet[0].z = lat * lz;
    feet[1].x = -lat * lx;
    feet[1].z = -lat * lz;
    feet[0].y = feet[1].y = ANKLE_SOLE_OFFSET + lift;
    feet[0].contact = feet[1].contact = airborne ? 0 : 1;
    rig.setFlight(f, airborne);
    solveLegs(rig, f, feet, 0.3);
    const th = armMax * track(armKeys, t);
    rig.handChest(f, 0, 0.5 * Math.sin(th) + 0.05, 0.5 * Math.cos(th), 0.06, 0, 0.2, -1);
    rig.handChest(f, 1, 0.5 * Math.sin(th) + 0.05, 0.5 * Math.cos(th), 0.06, 0, 0.2, -1);
  }
  const pace = hop < 0.34 ? 'quickly' : hop > 0.42 ? 'slowly' : '';
  const cap = rng.bernoulli(0.5)
    ? caption(subject(rng), 'does', countWord(reps), 'jumping jacks', pace)
    : caption(subject(rng), 'does jumping jacks', pace);
  return {
    caption: cap,
    meta: { reps, hopTime: r3(hop), flightTime: r3(tf), width: r3(latOut), armRaise: r3(armMax), heading0: r3(h0) },
  };
}

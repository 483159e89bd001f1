// Upper-body programs over a planted stance: wave, punch and clap. Feet stay flat on their footholds (leg IK),
// the root sways slightly, and hands follow targets in the chest frame (arm IK).

import type { Rng } from '../../random';
import { clamp01, lerp, smoothstep } from './curves';
import { caption, sideWord, subject, times } from './captions';
import { r3, relaxedArm, solveLegs, stanceFeet, swayFn, type ProgramResult } from './program';
import type { Rig, Side } from './rig';

/** Blend weight of a pose held between a ramp up [a, a + up] and a ramp down [b, b + down]. */
function hold(t: number, a: number, up: number, b: number, down: number): number {
  return smoothstep((t - a) / up) * (1 - smoothstep((t - b) / down));
}

/** wave: left/right/both hands, 2–4 waves at 1.3–2.4 Hz, normal or high, sway amplitude. */
export function wave(rig: Rig, rng: Rng): ProgramResult {
  const which = rng.pick(['left', 'right', 'left', 'right', 'both'] as const);
  const n = 2 + rng.int(3);
  const freq = rng.uniform(1.3, 2.4);
  const high = rng.bernoulli(0.3);
  const amp = rng.uniform(0.07, 0.15);
  const raise = rng.uniform(0.3, 0.5);
  const lower = rng.uniform(0.35, 0.5);
  const dur = n / freq;
  const tA = rng.uniform(0.05, Math.max(0.06, 2.9 - raise - dur - lower));
  const tB = tA + raise + dur;
  const h0 = rng.uniform(-0.4, 0.4);
  const lateral = rng.uniform(0.09, 0.14);
  const feet = stanceFeet(0, 0, h0, lateral);
  const sway = swayFn(rng);
  const up = high ? rng.uniform(0.38, 0.46) : rng.uniform(0.18, 0.28);
  const lean = rng.uniform(-0.03, 0.08);
  const waving = (s: Side) => which === 'both' || (which === 'left') === (s === 0);
  for (let f = 0; f < rig.n; f++) {
    const t = rig.time(f);
    const w = hold(t, tA, raise, tB, lower);
    const sw = 0.012 * sway(t);
    rig.setRoot(f, sw * Math.cos(h0), 0.925 + 0.002 * sway(t * 1.3), -sw * Math.sin(h0), h0 + 0.02 * sway(t), 0.03, 0);
    const tilt = which === 'both' ? 0 : (which === 'left' ? -1 : 1) * 0.06 * w;
    rig.setSpine(f, lean, 0, tilt);
    rig.setHead(f, -0.05 * w, which === 'both' ? 0 : (which === 'left' ? 0.15 : -0.15) * w);
    solveLegs(rig, f, feet);
    const ph = 2 * Math.PI * freq * (t - tA - raise);
    const osc = t > tA + raise && t < tB ? Math.sin(ph) : 0;
    for (const s of [0, 1] as const) {
      if (!waving(s)) {
        relaxedArm(rig, f, s, 0.02, 0.5);
        continue;
      }
      const out = lerp(0.07, 0.22 + amp * osc * clamp01((t - tA - raise) * 8), w);
      const down = lerp(0.5, -up, w);
      const fwd = lerp(0.03, 0.12, w);
      rig.handChest(f, s, out, down, fwd, lerp(0.3, 0.5, w), lerp(0.1, 1, w), lerp(-1, -0.3, w), 0, 0.4 * osc * w);
    }
  }
  const hand = which === 'both' ? 'with both hands' : `with the ${which} hand`;
  const cap = caption(subject(rng), 'waves', high ? 'high' : '', hand, times(n));
  return { caption: cap, meta: { hand: which, waves: n, freq: r3(freq), high, amplitude: r3(amp), heading0: r3(h0) } };
}

/** punch: right/left/alternating, 1–4 punches, forward or upward (uppercut), tempo, staggered stance. */
export function punch(rig: Rig, rng: Rng): ProgramResult {
  const mode = rng.pick(['left', 'right', 'right', 'alternate'] as const);
  const n = mode === 'alternate' ? 2 + rng.int(3) : 1 + rng.int(4);
  const upper = rng.bernoulli(0.25);
  const ext = rng.uniform(0.09, 0.15);
  const ret = rng.uniform(0.15, 0.25);
  const gap = rng.uniform(0.08, 0.3);
  const first: Side = mode === 'left' ? 0 : mode === 'right' ? 1 : rng.bernoulli(0.5) ? 0 : 1;
  const guardUp = rng.uniform(0.3, 0.45);
  const per = ext + ret + gap;
  const tA = rng.uniform(0.05, Math.max(0.06, 2.8 - guardUp - n * per));
  const tP = tA + guardUp + 0.1;
  const h0 = rng.uniform(-0.4, 0.4);
  const stagger = rng.uniform(0.15, 0.3) * (first === 1 ? 1 : -1); // lead foot opposite the punching hand
  const lateral = rng.uniform(0.11, 0.15);
  const feet = stanceFeet(0, 0, h0, lateral, stagger, 0.15);
  const sway = swayFn(rng);
  const yBase = rng.uniform(0.87, 0.9);
  const reach = rng.uniform(0.47, 0.51);
  for (let f = 0; f < rig.n; f++) {
    const t = rig.time(f);
    const g = smoothstep((t - tA) / guardUp);
    // extension of each hand at time t
    const e = [0, 0];
    for (let k = 0; k < n; k++) {
      const side: Side = mode === 'alternate' ? ((first + k) % 2 as Side) : first;
      const t0 = tP + k * per;
      const x = t < t0 ? 0 : t < t0 + ext ? smoothstep((t - t0) / ext) : 1 - smoothstep((t - t0 - ext) / ret);
      e[side] = Math.max(e[side], x);
    }
    const twist = 0.35 * (e[1] - e[0]); // a right punch turns the chest left
    const bob = 0.004 * sway(t);
    rig.setRoot(f, 0, yBase + bob, 0, h0 + 0.4 * twist + (stagger > 0 ? -0.25 : 0.25) * g, 0.08, 0);
    rig.setSpine(f, 0.1, 0.6 * twist - (stagger > 0 ? -0.2 : 0.2) * g, 0);
    rig.setHead(f, 0.05, -twist - (stagger > 0 ? -0.05 : 0.05) * g);
    solveLegs(rig, f, feet, 0.2);
    for (const s of [0, 1] as const) {
      const x = e[s];
      // guard near the chin → punch target
      const gOut = lerp(0.07, -0.08, g), gDown = lerp(0.5, 0.02, g), gFwd = lerp(0.03, 0.2, g);
      const pOut = upper ? -0.1 : -0.12, pDown = upper ? -0.18 : 0.0, pFwd = upper ? 0.28 : reach;
      rig.handChest(f, s, lerp(gOut, pOut, x), lerp(gDown, pDown, x), lerp(gFwd, pFwd, x), 0.5, 1, lerp(-0.6, 0, g), 0, 0);
    }
  }
  const kind = upper ? 'uppercut' : 'punch';
  let cap: string;
  if (mode === 'alternate') {
    cap = rng.bernoulli(0.5)
      ? caption(subject(rng), upper ? 'throws left and right uppercuts' : 'throws left and right punches')
      : caption(subject(rng), upper ? 'does uppercuts' : 'punches', 'with both hands in turn', times(n));
  } else {
    const dir = upper ? 'upward' : 'forward';
    cap = caption(subject(rng), 'punches', dir, 'with the', sideWord(first), 'hand', times(n));
  }
  return { caption: cap, meta: { hand: mode, punches: n, kind, extendTime: r3(ext), gap: r3(gap), stagger: r3(stagger), heading0: r3(h0) } };
}

/** clap: 2–6 claps at 1.6–3.2 Hz, in front of the chest, the face or above the head, hand opening. */
export function clap(rig: Rig, rng: Rng): ProgramResult {
  const n = 2 + rng.int(5);
  const freq = rng.uniform(1.6, 3.2);
  const where = rng.pick(['chest', 'chest', 'face', 'head'] as const);
  const open = rng.uniform(0.22, 0.4);
  const raise = rng.uniform(0.3, 0.45);
  const lower = rng.uniform(0.35, 0.5);
  const dur = n / freq;
  const tA = rng.uniform(0.05, Math.max(0.06, 2.9 - raise - dur - lower));
  const tC = tA + raise;
  const tB = tC + dur;
  const h0 = rng.uniform(-0.4, 0.4);
  const lateral = rng.uniform(0.09, 0.14);
  const feet = stanceFeet(0, 0, h0, lateral);
  const sway = swayFn(rng);
  const [cy, cz] = where === 'chest' ? [0.02, 0.33] : where === 'face' ? [0.28, 0.36] : [0.62, 0.14];
  for (let f = 0; f < rig.n; f++) {
    const t = rig.time(f);
    const w = hold(t, tA, raise, tB, lower);
    const sw = 0.01 * sway(t);
    rig.setRoot(f, sw * Math.cos(h0), 0.925, -sw * Math.sin(h0), h0, 0.03, 0);
    rig.setSpine(f, 0.04 - (where === 'head' ? 0.06 : 0) * w, 0, 0);
    rig.setHead(f, (where === 'head' ? -0.25 : 0.05) * w, 0);
    solveLegs(rig, f, feet);
    // hands meet (gap 0) at t = tC + k/freq, k = 1..n
    const ph = t > tC && t < tB ? 2 * Math.PI * freq * (t - tC) : 0;
    const gapHalf = 0.035 + (open / 2) * (0.5 + 0.5 * Math.cos(ph));
    for (const s of [0, 1] as const) {
      const sg = s === 0 ? 1 : -1;
      // the hanging hand (as relaxedArm places it) blended with the clap target, in the chest frame
      const x = lerp(sg * 0.26, sg * gapHalf, w), y = lerp(-0.33, cy, w), z = lerp(0.04, cz, w);
      rig.handAtChest(f, s, x, y, z, lerp(0.3, 1, w), lerp(-0.1, where === 'head' ? 0 : -0.5, w), lerp(-1, -0.4, w));
    }
  }
  const place = where === 'chest' ? 'in front of the chest' : where === 'face' ? 'in front of the face' : 'above the head';
  const pace = freq > 2.7 ? 'quickly' : freq < 2.0 ? 'slowly' : '';
  const cap = rng.bernoulli(0.7)
    ? caption(subject(rng), 'claps', times(n), place, pace)
    : caption(subject(rng), 'claps', pace, place);
  return { caption: cap, meta: { claps: n, freq: r3(freq), place: where, opening: r3(open), heading0: r3(h0) } };
}

// Gait programs: walk (forward or backward, optional turn, optional start from standing or stop) and run (with
// ballistic flight phases between stances). Feet follow periodic footholds along the root path; legs are solved
// by IK so planted feet stay put.

import type { Rng } from '../../random';
import { ANKLE_SOLE_OFFSET } from '../skeleton';
import { GRAVITY, smoothstep } from './curves';
import { Path, footAt, periodicPlants, type Plant, type SwingStyle } from './gait';
import { caption, subject } from './captions';
import { r3, relaxedArm, solveLegs, type ProgramResult } from './program';
import { newFoot, type Rig } from './rig';

/** Heading over time: constant, or turning by `turn` radians between ta and tb. */
function headingFn(h0: number, turn: number, ta: number, tb: number): (t: number) => number {
  return (t: number) => h0 + turn * smoothstep((t - ta) / (tb - ta));
}

function turnPhrase(turn: number, rng: Rng): string {
  if (Math.abs(turn) < 0.2) return '';
  const dir = turn > 0 ? 'left' : 'right';
  return rng.bernoulli(0.5) ? `and turns ${dir}` : `while turning ${dir}`;
}

/** Footholds of a foot that stands still until `tGo`: the foothold in use at tGo (or ending exactly then) starts
 *  at -∞ at the standing position (x, z, yaw); earlier ones are dropped. */
function standUntil(plants: Plant[], tGo: number, x: number, z: number, yaw: number): Plant[] {
  let i = 0;
  while (i < plants.length - 1 && plants[i].t1 < tGo - 1e-9) i++;
  return [{ t0: -Infinity, t1: plants[i].t1, x, z, yaw }, ...plants.slice(i + 1)];
}

/** Footholds of a foot that comes to rest: the first foothold whose mid-stance is at or after `tEnd` (when the
 *  path has stopped, so it already lies at the final stance) lasts for ever; later ones are dropped. */
function standFrom(plants: Plant[], tEnd: number): Plant[] {
  let i = 0;
  while (i < plants.length - 1 && (plants[i].t0 + plants[i].t1) / 2 < tEnd) i++;
  return [...plants.slice(0, i), { ...plants[i], t1: Infinity }];
}

/** walk: speed 0.6–1.6 m/s, forward (80 %) or backward, straight (55 %) or turning 40–120°, arm swing; straight
 *  forward walks may start from standing or come to a stop. */
export function walk(rig: Rig, rng: Rng): ProgramResult {
  const backward = rng.bernoulli(0.2);
  const speed = backward ? rng.uniform(0.5, 1.0) : rng.uniform(0.6, 1.6);
  const turning = rng.bernoulli(0.45);
  const turn = turning ? (rng.bernoulli(0.5) ? 1 : -1) * rng.uniform(0.7, 2.1) : 0;
  const h0 = rng.uniform(-0.3, 0.3);
  const ta = rng.uniform(0.0, 1.0);
  const tb = ta + rng.uniform(1.2, 2.0);
  const armSwing = rng.uniform(0.1, 0.45) * (backward ? 0.5 : 1);
  const stepTime = Math.max(0.42, 0.64 - 0.11 * speed) * rng.uniform(0.94, 1.06);
  const cycle = 2 * stepTime;
  const duty = rng.uniform(0.58, 0.63);
  const t0 = rng.uniform(0, cycle);
  const lateral = rng.uniform(0.07, 0.11);
  const vSign = backward ? -1 : 1;
  const yawFn = headingFn(h0, turn, ta, tb);
  const mode = !turning && !backward ? rng.pick(['steady', 'steady', 'starts', 'stops'] as const) : 'steady';
  const ramp = cycle * rng.uniform(0.9, 1.3);
  // a start lifts the lead foot (its foothold's end in the periodic schedule) shortly after the body moves
  const lead = rng.bernoulli(0.5) ? 0 : 1;
  const want = t0 + rng.uniform(0.3, 0.8);
  const liftPhase = (lead === 0 ? 0 : 0.5) * cycle + duty * cycle;
  const tGo = liftPhase + Math.ceil((want - liftPhase) / cycle) * cycle;
  const tHalt = t0 + rng.uniform(0.9, Math.max(0.95, 2.5 - ramp));
  const speedFrac = (t: number): number =>
    mode === 'starts' ? smoothstep((t - tGo + 0.15) / ramp) : mode === 'stops' ? 1 - smoothstep((t - tHalt) / ramp) : 1;
  const vel: [number, number] = [0, 0];
  const path = Path.integrate(-3, 6, 0.01, (t) => {
    vel[0] = vSign * speed * speedFrac(t);
    return vel;
  }, yawFn);
  const span = [-cycle * 2, rig.n / rig.fps + cycle * 2];
  const toeOut = 0.06;
  const plants = [
    periodicPlants(path, 0, cycle, duty, 0, lateral, span[0], span[1], -0.03 * vSign, toeOut),
    periodicPlants(path, 1, cycle, duty, 0.5, lateral, span[0], span[1], -0.03 * vSign, toeOut),
  ];
  if (mode === 'starts') {
    const pt0 = { x: 0, z: 0, heading: 0 };
    path.at(tGo - 0.15, pt0);
    const lx = Math.cos(pt0.heading), lz = -Math.sin(pt0.heading);
    for (const sd of [0, 1] as const) {
      const sg = sd === 0 ? 1 : -1;
      plants[sd] = standUntil(plants[sd], tGo, pt0.x + sg * lateral * lx, pt0.z + sg * lateral * lz, pt0.heading + sg * toeOut);
    }
  } else if (mode === 'stops') {
    for (const sd of [0, 1] as const) plants[sd] = standFrom(plants[sd], tHalt + ramp);
  }
  const style: SwingStyle = { height: rng.uniform(0.05, 0.09), heelRise: backward ? 0.1 : rng.uniform(0.3, 0.55), heelTime: 0.12 };
  const feet = [newFoot(), newFoot()];
  const baseY = 0.92 - 0.04 * speed;
  const bob = 0.012 + 0.01 * speed;
  const lean = vSign * (0.03 + 0.04 * speed);
  const pt = { x: 0, z: 0, heading: 0 };
  const tMid = duty * cycle / 2; // mid-stance of the left foot (phase 0)
  for (let f = 0; f < rig.n; f++) {
    const t = rig.time(f) + t0;
    path.at(t, pt);
    const ph = (2 * Math.PI * (t - tMid)) / cycle; // 0 at left mid-stance
    const sf = speedFrac(t);
    const pelvisYaw = 0.07 * speed * Math.sin(ph) * vSign * sf;
    const y = 0.925 + (baseY - 0.925) * sf + bob * sf * Math.cos(2 * ph);
    rig.setRoot(f, pt.x, y, pt.z, pt.heading + pelvisYaw, 0.04, -0.03 * Math.cos(ph) * sf);
    rig.setSpine(f, 0.03 + (lean - 0.03) * sf, -pelvisYaw * 1.6, 0.03 * Math.cos(ph) * sf);
    rig.setHead(f, 0.05, -pelvisYaw * 0.5);
    footAt(plants[0], style, t, feet[0]);
    footAt(plants[1], style, t, feet[1]);
    solveLegs(rig, f, feet);
    // left arm forward when the left foot is behind (after left mid-stance)
    relaxedArm(rig, f, 0, armSwing * Math.sin(ph) * vSign * sf, 0.5);
    relaxedArm(rig, f, 1, -armSwing * Math.sin(ph) * vSign * sf, 0.5);
  }
  const pace = speed < (backward ? 0.7 : 0.95) ? 'slowly' : speed > (backward ? 0.85 : 1.3) ? 'quickly' : '';
  const s = subject(rng);
  const cap = mode === 'starts'
    ? caption(s, 'starts walking forward', pace)
    : mode === 'stops'
      ? caption(s, 'walks forward', pace, 'and stops')
      : caption(s, 'walks', backward ? 'backward' : 'forward', pace, turnPhrase(turn, rng));
  return {
    caption: cap,
    meta: { speed: r3(speed), direction: backward ? 'backward' : 'forward', turn: r3(turn), heading0: r3(h0), mode,
      ...(mode === 'starts' ? { startTime: r3(tGo - t0), leadFoot: lead === 0 ? 'left' : 'right' } : mode === 'stops' ? { stopTime: r3(tHalt - t0) } : {}),
      cycle: r3(cycle), duty: r3(duty), armSwing: r3(armSwing), stepHeight: r3(style.height) },
  };
}

/** run: speed 2.0–3.8 m/s, duty factor 0.3–0.4 (flight between stances follows g), optional turn. */
export function run(rig: Rig, rng: Rng): ProgramResult {
  const speed = rng.uniform(2.0, 3.8);
  const turning = rng.bernoulli(0.4);
  const turn = turning ? (rng.bernoulli(0.5) ? 1 : -1) * rng.uniform(0.6, 1.6) : 0;
  const h0 = rng.uniform(-0.3, 0.3);
  const ta = rng.uniform(0.0, 1.0);
  const tb = ta + rng.uniform(1.2, 2.0);
  const cycle = rng.uniform(0.62, 0.74) - 0.02 * (speed - 2.5);
  const duty = rng.uniform(0.3, 0.4);
  const tStance = duty * cycle;
  const tFlight = cycle / 2 - tStance;
  const v0 = (GRAVITY * tFlight) / 2;
  const amp = (v0 * tStance) / Math.PI;
  const lateral = rng.uniform(0.05, 0.08);
  const yawFn = headingFn(h0, turn, ta, tb);
  const vel = [speed, 0] as const;
  const path = Path.integrate(-3, 6, 0.01, () => vel, yawFn);
  const span = [-cycle * 2, rig.n / rig.fps + cycle * 2];
  const plants = [
    periodicPlants(path, 0, cycle, duty, 0, lateral, span[0], span[1], 0.02, 0.04),
    periodicPlants(path, 1, cycle, duty, 0.5, lateral, span[0], span[1], 0.02, 0.04),
  ];
  const style: SwingStyle = { height: rng.uniform(0.12, 0.22), heelRise: rng.uniform(0.4, 0.6), heelTime: Math.min(0.1, tStance * 0.45) };
  // touchdown height: the leg reaches the foot half a stance ahead with a slightly bent knee
  const half = (speed * tStance) / 2 + 0.02;
  const yTd = ANKLE_SOLE_OFFSET + Math.sqrt(0.78 * 0.78 - half * half - 0.03 * 0.03) + 0.065;
  const armSwing = rng.uniform(0.25, 0.5);
  const lean = 0.12 + 0.03 * speed;
  const t0 = rng.uniform(0, cycle);
  const feet = [newFoot(), newFoot()];
  const pt = { x: 0, z: 0, heading: 0 };
  for (let f = 0; f < rig.n; f++) {
    const t = rig.time(f) + t0;
    path.at(t, pt);
    // time within the current step (a step = one stance + one flight, half a cycle)
    const half2 = cycle / 2;
    const u = ((t % half2) + half2) % half2;
    const y = u < tStance ? yTd - amp * Math.sin((Math.PI * u) / tStance) : yTd + v0 * (u - tStance) - 0.5 * GRAVITY * (u - tStance) ** 2;
    const ph = (2 * Math.PI * (t - tStance / 2)) / cycle;
    const pelvisYaw = 0.1 * Math.sin(ph);
    rig.setRoot(f, pt.x, y, pt.z, pt.heading + pelvisYaw, 0.08, 0);
    rig.setSpine(f, lean, -pelvisYaw * 1.8, 0);
    rig.setHead(f, -0.05, -pelvisYaw * 0.4);
    footAt(plants[0], style, t, feet[0]);
    footAt(plants[1], style, t, feet[1]);
    const airborne = feet[0].contact === 0 && feet[1].contact === 0;
    rig.setFlight(f, airborne);
    solveLegs(rig, f, feet, 0.05);
    const a = armSwing * Math.sin(ph);
    // bent elbows: hands about 0.36 m from the shoulders, pumping opposite to the legs
    rig.handChest(f, 0, 0.06, 0.36 * Math.cos(a + 0.35), 0.36 * Math.sin(a + 0.35) + 0.08, 0.2, 0.8, -1);
    rig.handChest(f, 1, 0.06, 0.36 * Math.cos(-a + 0.35), 0.36 * Math.sin(-a + 0.35) + 0.08, 0.2, 0.8, -1);
  }
  const pace = speed < 2.6 ? (rng.bernoulli(0.5) ? 'slowly' : '') : speed > 3.2 ? 'fast' : '';
  const verb = speed < 2.6 && rng.bernoulli(0.5) ? 'jogs' : 'runs';
  const cap = caption(subject(rng), verb, 'forward', verb === 'jogs' ? '' : pace, turnPhrase(turn, rng));
  return {
    caption: cap,
    meta: { speed: r3(speed), turn: r3(turn), heading0: r3(h0), cycle: r3(cycle), duty: r3(duty), flightTime: r3(tFlight), armSwing: r3(armSwing) },
  };
}

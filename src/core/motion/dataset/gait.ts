// Foot-placement planner shared by the stepping motions (walk, run, side step, turn): a root path
// sampled in time, footholds ("plants") where a foot rests flat for a time interval, and the swing of a foot
// between two plants (lift with optional heel rise pivoting about the planted toe, arc, flat landing).

import { ANKLE_SOLE_OFFSET, REST_OFFSETS, J } from '../skeleton';
import type { FootState } from './rig';
import { angleDelta, bump, smoothstep } from './curves';

/** A foothold: the ankle rests at (x, ANKLE_SOLE_OFFSET, z) with the foot flat and turned to `yaw` during
 *  [t0, t1] (use ±Infinity for a foot planted before or after the clip). */
export interface Plant {
  t0: number;
  t1: number;
  x: number;
  z: number;
  yaw: number;
}

export interface SwingStyle {
  /** Peak lift of the ankle above the straight line between footholds (m). */
  height: number;
  /** Heel rise at lift-off (rad of foot pitch, pivoting about the planted toe); 0 for a flat lift. */
  heelRise: number;
  /** Duration of the heel rise before lift-off (s). */
  heelTime: number;
}

const TOE_FWD = REST_OFFSETS[J.left_foot * 3 + 2]; // 0.13
const TOE_DOWN = -REST_OFFSETS[J.left_foot * 3 + 1]; // 0.05

/** Ankle of a foot pivoting about its planted toe by pitch φ (heel up), for a foothold at (x, z, yaw). */
function toePivot(p: Plant, phi: number, out: FootState): void {
  const fx = Math.sin(p.yaw), fz = Math.cos(p.yaw);
  // toe (flat): ankle + yaw·(0, -0.05, 0.13)
  const tx = p.x + TOE_FWD * fx, tz = p.z + TOE_FWD * fz;
  const ty = ANKLE_SOLE_OFFSET - TOE_DOWN;
  const c = Math.cos(phi), s = Math.sin(phi);
  // Rx(φ)·(0, -0.05, 0.13) = (0, -0.05c - 0.13s, -0.05s + 0.13c)
  const ry = -TOE_DOWN * c - TOE_FWD * s;
  const rz = -TOE_DOWN * s + TOE_FWD * c;
  out.x = tx - rz * fx;
  out.z = tz - rz * fz;
  out.y = ty - ry;
  out.yaw = p.yaw;
  out.pitch = phi;
  out.roll = 0;
}

/**
 * State of a foot at time t from its footholds (sorted, non-overlapping). Flat on a foothold during its interval,
 * heel rising in the last `heelTime` before a swing, swinging in between (horizontal ease in/out, vertical arc).
 */
export function footAt(plants: readonly Plant[], style: SwingStyle, t: number, out: FootState): FootState {
  let i = 0;
  while (i < plants.length - 1 && t >= plants[i + 1].t0) i++;
  const p = plants[i];
  const hasNext = i < plants.length - 1;
  const ht = Math.max(1e-6, style.heelTime);
  if (t <= p.t1 || !hasNext) {
    const heelStart = p.t1 - ht;
    if (hasNext && style.heelRise > 0 && t > heelStart && t <= p.t1) {
      toePivot(p, style.heelRise * smoothstep((t - heelStart) / ht), out);
      out.contact = 2;
    } else {
      out.x = p.x;
      out.y = ANKLE_SOLE_OFFSET;
      out.z = p.z;
      out.yaw = p.yaw;
      out.pitch = 0;
      out.roll = 0;
      out.contact = 1;
    }
    return out;
  }
  // swing from p (lift at p.t1) to q (land at q.t0)
  const q = plants[i + 1];
  const s = (t - p.t1) / (q.t0 - p.t1);
  const e = smoothstep(s);
  toePivot(p, style.heelRise, out);
  const lx = out.x, ly = out.y, lz = out.z;
  out.x = lx + (q.x - lx) * e;
  out.z = lz + (q.z - lz) * e;
  out.y = ly + (ANKLE_SOLE_OFFSET - ly) * e + style.height * bump(s);
  out.yaw = p.yaw + angleDelta(p.yaw, q.yaw) * e;
  out.pitch = style.heelRise * (1 - e) - 0.15 * bump(s) * s; // toes come up before landing
  out.roll = 0;
  out.contact = 0;
  return out;
}

/** A root path sampled every `dt` seconds from time `t0`: position (x, z) and heading. */
export class Path {
  readonly x: Float64Array;
  readonly z: Float64Array;
  readonly heading: Float64Array;
  constructor(readonly t0: number, readonly dt: number, n: number) {
    this.x = new Float64Array(n);
    this.z = new Float64Array(n);
    this.heading = new Float64Array(n);
  }

  /**
   * Integrate a path from velocity in the heading frame: `vel(t)` gives (forward, left) speed and `yaw(t)` the
   * heading; the path passes through (x0, z0) at time 0.
   */
  static integrate(
    t0: number, t1: number, dt: number,
    vel: (t: number) => readonly [number, number], yaw: (t: number) => number, x0 = 0, z0 = 0,
  ): Path {
    const n = Math.ceil((t1 - t0) / dt) + 1;
    const p = new Path(t0, dt, n);
    let x = 0, z = 0;
    let x0i = 0, z0i = 0;
    const i0 = Math.round(-t0 / dt);
    for (let i = 0; i < n; i++) {
      const t = t0 + i * dt;
      const h = yaw(t);
      p.x[i] = x;
      p.z[i] = z;
      p.heading[i] = h;
      if (i === i0) {
        x0i = x;
        z0i = z;
      }
      // midpoint rule
      const tm = t + dt / 2;
      const hm = yaw(tm);
      const [vf, vl] = vel(tm);
      x += (vf * Math.sin(hm) + vl * Math.cos(hm)) * dt;
      z += (vf * Math.cos(hm) - vl * Math.sin(hm)) * dt;
    }
    for (let i = 0; i < n; i++) {
      p.x[i] += x0 - x0i;
      p.z[i] += z0 - z0i;
    }
    return p;
  }

  /** Linear interpolation at time t (clamped to the sampled range). */
  at(t: number, out: { x: number; z: number; heading: number }): void {
    const u = Math.min(this.x.length - 1.000001, Math.max(0, (t - this.t0) / this.dt));
    const i = Math.floor(u);
    const a = u - i;
    out.x = this.x[i] + (this.x[i + 1] - this.x[i]) * a;
    out.z = this.z[i] + (this.z[i + 1] - this.z[i]) * a;
    out.heading = this.heading[i] + angleDelta(this.heading[i], this.heading[i + 1]) * a;
  }
}

/**
 * Periodic footholds along a path: foot `side` is down during [phase·T + kT, phase·T + kT + duty·T] for every k
 * covering [tFrom, tTo], placed at the root's position at mid-stance shifted sideways by `lateral` (m, towards the
 * foot's side) and forward by `fwd`, toes turned out by `toeOut`.
 */
export function periodicPlants(
  path: Path, side: 0 | 1, cycle: number, duty: number, phase: number, lateral: number,
  tFrom: number, tTo: number, fwd = 0, toeOut = 0.06,
): Plant[] {
  const sg = side === 0 ? 1 : -1;
  const out: Plant[] = [];
  const pt = { x: 0, z: 0, heading: 0 };
  const kMin = Math.floor((tFrom - phase * cycle) / cycle) - 1;
  const kMax = Math.ceil((tTo - phase * cycle) / cycle) + 1;
  for (let k = kMin; k <= kMax; k++) {
    const a = phase * cycle + k * cycle;
    const b = a + duty * cycle;
    path.at((a + b) / 2, pt);
    const h = pt.heading;
    const lx = Math.cos(h), lz = -Math.sin(h);
    const fx = Math.sin(h), fz = Math.cos(h);
    out.push({ t0: a, t1: b, x: pt.x + sg * lateral * lx + fwd * fx, z: pt.z + sg * lateral * lz + fwd * fz, yaw: h + sg * toeOut });
  }
  return out;
}

// Scalar curves the motion programs are built from: easing, Hermite segments, keyframe tracks and the
// ballistic flight of a body under gravity (g = 9.81 m/s²).

export const GRAVITY = 9.81;

export function clamp01(s: number): number {
  return s < 0 ? 0 : s > 1 ? 1 : s;
}

/** Cubic ease in/out on [0, 1] (zero slope at both ends). */
export function smoothstep(s: number): number {
  const x = clamp01(s);
  return x * x * (3 - 2 * x);
}

export function lerp(a: number, b: number, s: number): number {
  return a + (b - a) * s;
}

/** Cubic Hermite through (t0, y0) with slope v0 and (t1, y1) with slope v1, evaluated at t (clamped). */
export function hermite(t: number, t0: number, y0: number, v0: number, t1: number, y1: number, v1: number): number {
  const h = t1 - t0;
  const s = clamp01((t - t0) / h);
  const s2 = s * s, s3 = s2 * s;
  return (2 * s3 - 3 * s2 + 1) * y0 + (s3 - 2 * s2 + s) * h * v0 + (-2 * s3 + 3 * s2) * y1 + (s3 - s2) * h * v1;
}

/** A key of a track: time (s), value and slope (value per second, default 0). */
export type Key = readonly [t: number, value: number, slope?: number];

/** Piecewise Hermite through keys sorted by time; constant before the first and after the last key. */
export function track(keys: readonly Key[], t: number): number {
  if (t <= keys[0][0]) return keys[0][1];
  const last = keys[keys.length - 1];
  if (t >= last[0]) return last[1];
  let i = 0;
  while (keys[i + 1][0] < t) i++;
  const a = keys[i], b = keys[i + 1];
  return hermite(t, a[0], a[1], a[2] ?? 0, b[0], b[1], b[2] ?? 0);
}

/** Height of a ballistic body launched at time t0 from height y0 with upward speed v0. */
export function ballistic(t: number, t0: number, y0: number, v0: number): number {
  const d = t - t0;
  return y0 + v0 * d - 0.5 * GRAVITY * d * d;
}

/** A bump 0 → 1 → 0 on [0, 1] (half sine), 0 outside. */
export function bump(s: number): number {
  return s <= 0 || s >= 1 ? 0 : Math.sin(Math.PI * s);
}

/** Shortest signed angle from a to b. */
export function angleDelta(a: number, b: number): number {
  let d = (b - a) % (2 * Math.PI);
  if (d > Math.PI) d -= 2 * Math.PI;
  if (d < -Math.PI) d += 2 * Math.PI;
  return d;
}

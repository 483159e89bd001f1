// Quaternion and 6-D rotation utilities over flat arrays. A quaternion is 4 numbers (x, y, z, w), the three.js
// order, Hamilton product, unit length. Functions take (array, offset) pairs and write into caller-owned output,
// so hot loops allocate nothing. The 6-D rotation (Zhou et al. 2019) is the first two columns of the rotation
// matrix, stored column by column: (m00, m10, m20, m01, m11, m21).

export type Arr = Float32Array | Float64Array | number[];

export function qSet(out: Arr, o: number, x: number, y: number, z: number, w: number): void {
  out[o] = x;
  out[o + 1] = y;
  out[o + 2] = z;
  out[o + 3] = w;
}

export function qIdentity(out: Arr, o = 0): void {
  qSet(out, o, 0, 0, 0, 1);
}

/** out = a * b (apply b first, then a). out may alias a or b. */
export function qMul(a: Arr, ao: number, b: Arr, bo: number, out: Arr, oo: number): void {
  const ax = a[ao], ay = a[ao + 1], az = a[ao + 2], aw = a[ao + 3];
  const bx = b[bo], by = b[bo + 1], bz = b[bo + 2], bw = b[bo + 3];
  out[oo] = aw * bx + ax * bw + ay * bz - az * by;
  out[oo + 1] = aw * by - ax * bz + ay * bw + az * bx;
  out[oo + 2] = aw * bz + ax * by - ay * bx + az * bw;
  out[oo + 3] = aw * bw - ax * bx - ay * by - az * bz;
}

/** out = conjugate(a) (the inverse of a unit quaternion). */
export function qConj(a: Arr, ao: number, out: Arr, oo: number): void {
  out[oo] = -a[ao];
  out[oo + 1] = -a[ao + 1];
  out[oo + 2] = -a[ao + 2];
  out[oo + 3] = a[ao + 3];
}

export function qNormalize(a: Arr, ao: number, out: Arr = a, oo: number = ao): void {
  const x = a[ao], y = a[ao + 1], z = a[ao + 2], w = a[ao + 3];
  const n = Math.sqrt(x * x + y * y + z * z + w * w);
  if (!(n > 1e-12) || !Number.isFinite(n)) {
    qIdentity(out, oo);
    return;
  }
  out[oo] = x / n;
  out[oo + 1] = y / n;
  out[oo + 2] = z / n;
  out[oo + 3] = w / n;
}

/** Rotate vector v (3 numbers at vo) by unit quaternion q; write to out at oo. out may alias v. */
export function qRotateVec(q: Arr, qo: number, v: Arr, vo: number, out: Arr, oo: number): void {
  const qx = q[qo], qy = q[qo + 1], qz = q[qo + 2], qw = q[qo + 3];
  const vx = v[vo], vy = v[vo + 1], vz = v[vo + 2];
  // t = 2 * cross(q.xyz, v); v' = v + w * t + cross(q.xyz, t)
  const tx = 2 * (qy * vz - qz * vy);
  const ty = 2 * (qz * vx - qx * vz);
  const tz = 2 * (qx * vy - qy * vx);
  out[oo] = vx + qw * tx + (qy * tz - qz * ty);
  out[oo + 1] = vy + qw * ty + (qz * tx - qx * tz);
  out[oo + 2] = vz + qw * tz + (qx * ty - qy * tx);
}

/** Quaternion for a rotation of `angle` radians about the (unit) axis (ax, ay, az). */
export function qFromAxisAngle(out: Arr, o: number, ax: number, ay: number, az: number, angle: number): void {
  const h = angle / 2;
  const s = Math.sin(h);
  qSet(out, o, ax * s, ay * s, az * s, Math.cos(h));
}

/** Rotation about Y (yaw) by `angle` radians. */
export function qFromYaw(out: Arr, o: number, angle: number): void {
  qFromAxisAngle(out, o, 0, 1, 0, angle);
}

/**
 * Quaternion from intrinsic Euler angles applied in the given axis order, e.g. 'ZXY' means
 * q = Rz(a) * Rx(b) * Ry(c) with a, b, c the angles in that order (the BVH channel convention).
 */
export function qFromEuler(out: Arr, o: number, order: string, a: number, b: number, c: number): void {
  const angles = [a, b, c];
  qIdentity(out, o);
  const tmp = [0, 0, 0, 1];
  for (let i = 0; i < 3; i++) {
    const axis = order[i].toUpperCase();
    qFromAxisAngle(tmp, 0, axis === 'X' ? 1 : 0, axis === 'Y' ? 1 : 0, axis === 'Z' ? 1 : 0, angles[i]);
    qMul(out, o, tmp, 0, out, o);
  }
}

/** Rotation matrix (row-major 3×3) of unit quaternion q. */
export function qToMat3(q: Arr, qo: number, m: Arr, mo = 0): void {
  const x = q[qo], y = q[qo + 1], z = q[qo + 2], w = q[qo + 3];
  const xx = x * x, yy = y * y, zz = z * z;
  const xy = x * y, xz = x * z, yz = y * z, wx = w * x, wy = w * y, wz = w * z;
  m[mo] = 1 - 2 * (yy + zz);
  m[mo + 1] = 2 * (xy - wz);
  m[mo + 2] = 2 * (xz + wy);
  m[mo + 3] = 2 * (xy + wz);
  m[mo + 4] = 1 - 2 * (xx + zz);
  m[mo + 5] = 2 * (yz - wx);
  m[mo + 6] = 2 * (xz - wy);
  m[mo + 7] = 2 * (yz + wx);
  m[mo + 8] = 1 - 2 * (xx + yy);
}

/** Unit quaternion (w ≥ 0) from a row-major 3×3 rotation matrix (Shepperd's method, numerically stable). */
export function qFromMat3(m: Arr, mo: number, out: Arr, oo: number): void {
  const m00 = m[mo], m01 = m[mo + 1], m02 = m[mo + 2];
  const m10 = m[mo + 3], m11 = m[mo + 4], m12 = m[mo + 5];
  const m20 = m[mo + 6], m21 = m[mo + 7], m22 = m[mo + 8];
  const tr = m00 + m11 + m22;
  let x: number, y: number, z: number, w: number;
  if (tr > 0) {
    const s = Math.sqrt(tr + 1) * 2;
    w = 0.25 * s;
    x = (m21 - m12) / s;
    y = (m02 - m20) / s;
    z = (m10 - m01) / s;
  } else if (m00 > m11 && m00 > m22) {
    const s = Math.sqrt(1 + m00 - m11 - m22) * 2;
    w = (m21 - m12) / s;
    x = 0.25 * s;
    y = (m01 + m10) / s;
    z = (m02 + m20) / s;
  } else if (m11 > m22) {
    const s = Math.sqrt(1 + m11 - m00 - m22) * 2;
    w = (m02 - m20) / s;
    x = (m01 + m10) / s;
    y = 0.25 * s;
    z = (m12 + m21) / s;
  } else {
    const s = Math.sqrt(1 + m22 - m00 - m11) * 2;
    w = (m10 - m01) / s;
    x = (m02 + m20) / s;
    y = (m12 + m21) / s;
    z = 0.25 * s;
  }
  if (w < 0) {
    x = -x;
    y = -y;
    z = -z;
    w = -w;
  }
  qSet(out, oo, x, y, z, w);
  qNormalize(out, oo);
}

const m9 = new Float64Array(9);

/** 6-D rotation (first two matrix columns) of unit quaternion q. */
export function qTo6d(q: Arr, qo: number, out: Arr, oo: number): void {
  qToMat3(q, qo, m9, 0);
  out[oo] = m9[0];
  out[oo + 1] = m9[3];
  out[oo + 2] = m9[6];
  out[oo + 3] = m9[1];
  out[oo + 4] = m9[4];
  out[oo + 5] = m9[7];
}

/**
 * Unit quaternion (w ≥ 0) from a 6-D rotation: Gram–Schmidt on the two columns, third column by cross product.
 * Degenerate input (zero or parallel columns, NaN) gives the identity rather than NaN.
 */
export function q6dToQuat(r: Arr, ro: number, out: Arr, oo: number): void {
  let ax = r[ro], ay = r[ro + 1], az = r[ro + 2];
  let bx = r[ro + 3], by = r[ro + 4], bz = r[ro + 5];
  const na = Math.sqrt(ax * ax + ay * ay + az * az);
  if (!(na > 1e-12) || !Number.isFinite(na)) {
    qIdentity(out, oo);
    return;
  }
  ax /= na;
  ay /= na;
  az /= na;
  const d = ax * bx + ay * by + az * bz;
  bx -= d * ax;
  by -= d * ay;
  bz -= d * az;
  const nb = Math.sqrt(bx * bx + by * by + bz * bz);
  if (!(nb > 1e-12) || !Number.isFinite(nb)) {
    qIdentity(out, oo);
    return;
  }
  bx /= nb;
  by /= nb;
  bz /= nb;
  const cx = ay * bz - az * by;
  const cy = az * bx - ax * bz;
  const cz = ax * by - ay * bx;
  // columns a, b, c -> row-major matrix
  m9[0] = ax; m9[1] = bx; m9[2] = cx;
  m9[3] = ay; m9[4] = by; m9[5] = cy;
  m9[6] = az; m9[7] = bz; m9[8] = cz;
  qFromMat3(m9, 0, out, oo);
}

/** Spherical linear interpolation from a to b by t ∈ [0, 1] along the shorter arc. out may alias a or b. */
export function qSlerp(a: Arr, ao: number, b: Arr, bo: number, t: number, out: Arr, oo: number): void {
  const ax = a[ao], ay = a[ao + 1], az = a[ao + 2], aw = a[ao + 3];
  let bx = b[bo], by = b[bo + 1], bz = b[bo + 2], bw = b[bo + 3];
  let cos = ax * bx + ay * by + az * bz + aw * bw;
  if (cos < 0) {
    cos = -cos;
    bx = -bx;
    by = -by;
    bz = -bz;
    bw = -bw;
  }
  let s0: number, s1: number;
  if (cos > 0.9995) {
    s0 = 1 - t;
    s1 = t;
  } else {
    const theta = Math.acos(Math.min(1, cos));
    const sin = Math.sin(theta);
    s0 = Math.sin((1 - t) * theta) / sin;
    s1 = Math.sin(t * theta) / sin;
  }
  out[oo] = s0 * ax + s1 * bx;
  out[oo + 1] = s0 * ay + s1 * by;
  out[oo + 2] = s0 * az + s1 * bz;
  out[oo + 3] = s0 * aw + s1 * bw;
  qNormalize(out, oo);
}

/** Rotation angle (radians, in [0, π]) between unit quaternions a and b. */
export function qAngle(a: Arr, ao: number, b: Arr, bo: number): number {
  const d = Math.abs(a[ao] * b[bo] + a[ao + 1] * b[bo + 1] + a[ao + 2] * b[bo + 2] + a[ao + 3] * b[bo + 3]);
  return 2 * Math.acos(Math.min(1, d));
}

/**
 * Heading (yaw, radians) of a rotation: the yaw that best lines up the floor projections of its forward (+Z) and
 * left (+X, turned a quarter forward) axes, atan2 of their sum, so that qFromYaw(qHeading(q)) faces the same way.
 * Exact for pure yaw; unlike the forward axis alone it stays well defined in a deep bow or a sideways lean. Only a
 * rotation that turns the body upside down makes it ill-defined.
 */
export function qHeading(q: Arr, qo: number): number {
  const x = q[qo], y = q[qo + 1], z = q[qo + 2], w = q[qo + 3];
  // forward = R·(0,0,1) = 3rd column; left = R·(1,0,0) = 1st column (floor components only)
  const fx = 2 * (x * z + w * y);
  const fz = 1 - 2 * (x * x + y * y);
  const lx = 1 - 2 * (y * y + z * z);
  const lz = 2 * (x * z - w * y);
  return Math.atan2(fx - lz, fz + lx);
}

/** Wrap an angle to (-π, π]. */
export function wrapAngle(a: number): number {
  const t = a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
  return t === -Math.PI ? Math.PI : t;
}

// The "imperfect motion" benchmark set: good clips corrupted the way a motion diffusion model errs (seeded), and
// the figures the corrector must improve on them. Unlike artifacts.ts (one clean defect per clip, for the corrector's
// per-artifact targets), these are the diffuse errors of generated motion: temporally correlated noise on every
// joint rotation and the root (the model's low-frequency wobble), high-frequency jitter (residual sampling noise),
// an off-balance body (the pelvis leaning and bobbing in height, so feet float or sink), foot skate (a root that
// drifts away from the planted feet) and a mixture of all of them at lower strength. Real samples of a briefly
// trained diffusion model live in test/fixtures/physics/generated-tiny.json (see its README) and are evaluated
// the same way by `scsc correct --eval N --kinds generated`.

import { cloneClip, type Clip } from '../motion/clip';
import { qFromAxisAngle, qMul, qNormalize } from '../motion/quat';
import { NUM_JOINTS } from '../motion/skeleton';
import { Rng } from '../random';

export type ImperfectKind = 'smooth-noise' | 'hf-jitter' | 'off-balance' | 'skate' | 'mixture';

export const IMPERFECT_KINDS: readonly ImperfectKind[] = ['smooth-noise', 'hf-jitter', 'off-balance', 'skate', 'mixture'];

/** Strengths of each corruption at scale 1 (the mixture uses MIXTURE_SCALE of each). */
export const IMPERFECT_LEVELS = {
  /** Correlated noise: per-joint rotation std (rad) and root position std (m); correlation length (frames). */
  smoothRotSd: 0.1,
  smoothRootSd: 0.03,
  smoothFrames: 4,
  /** High-frequency jitter: per-frame rotation std (rad) and root position std (m). */
  jitterRotSd: 0.04,
  jitterRootSd: 0.012,
  /** Off-balance: pelvis lean std (rad) and root-height offset std (m), correlated over offBalanceFrames. */
  leanSd: 0.12,
  heightSd: 0.05,
  offBalanceFrames: 10,
  /** Skate: std of the root's extra horizontal velocity (m/s), correlated over skateFrames. */
  skateSpeedSd: 0.25,
  skateFrames: 15,
} as const;

export const MIXTURE_SCALE = 0.6;

/**
 * Unit-variance Gaussian noise, n samples, temporally correlated: white noise smoothed with a Gaussian kernel of
 * standard deviation `corr` frames, then rescaled to unit standard deviation (exactly, over the kernel).
 */
export function correlatedNoise(n: number, corr: number, rng: Rng): Float64Array {
  const out = new Float64Array(n);
  if (corr <= 0) {
    for (let i = 0; i < n; i++) out[i] = rng.normal();
    return out;
  }
  const r = Math.ceil(3 * corr);
  const w = new Float64Array(2 * r + 1);
  let s2 = 0;
  for (let k = -r; k <= r; k++) {
    w[k + r] = Math.exp(-(k * k) / (2 * corr * corr));
    s2 += w[k + r] * w[k + r];
  }
  const norm = 1 / Math.sqrt(s2);
  const white = new Float64Array(n + 2 * r);
  for (let i = 0; i < white.length; i++) white[i] = rng.normal();
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k <= 2 * r; k++) s += w[k] * white[i + k];
    out[i] = s * norm;
  }
  return out;
}

/** Multiply a random rotation (axis-angle vector per frame: ax, ay, az arrays) onto joint j of every frame. */
function perturbJoint(c: Clip, j: number, ax: Float64Array, ay: Float64Array, az: Float64Array, pre: boolean): void {
  const q = new Float64Array(4);
  for (let f = 0; f < c.nFrames; f++) {
    const ang = Math.hypot(ax[f], ay[f], az[f]);
    if (ang < 1e-12) continue;
    qFromAxisAngle(q, 0, ax[f] / ang, ay[f] / ang, az[f] / ang, ang);
    const o = (f * NUM_JOINTS + j) * 4;
    if (pre) qMul(q, 0, c.rotations, o, c.rotations, o);
    else qMul(c.rotations, o, q, 0, c.rotations, o);
    qNormalize(c.rotations, o);
  }
}

function scaled(a: Float64Array, k: number): Float64Array {
  for (let i = 0; i < a.length; i++) a[i] *= k;
  return a;
}

function rotationNoise(c: Clip, sd: number, corr: number, rng: Rng): void {
  for (let j = 1; j < NUM_JOINTS; j++) {
    const n = c.nFrames;
    perturbJoint(c, j, scaled(correlatedNoise(n, corr, rng), sd), scaled(correlatedNoise(n, corr, rng), sd), scaled(correlatedNoise(n, corr, rng), sd), false);
  }
}

function rootNoise(c: Clip, sd: number, corr: number, rng: Rng): void {
  for (let k = 0; k < 3; k++) {
    const e = correlatedNoise(c.nFrames, corr, rng);
    for (let f = 0; f < c.nFrames; f++) c.rootPos[f * 3 + k] += sd * e[f];
  }
}

/** A corrupted copy of `clip` (the input is unchanged); `scale` multiplies every strength. */
export function corruptImperfect(clip: Clip, kind: ImperfectKind, rng: Rng, scale = 1): Clip {
  const c = cloneClip(clip);
  const L = IMPERFECT_LEVELS;
  const n = c.nFrames;
  c.meta = { ...(c.meta ?? {}), imperfect: kind };
  // designed flight flags describe the clean motion; a corrupted clip is judged like a generated one (no flags)
  c.flight = undefined;
  switch (kind) {
    case 'smooth-noise':
      rotationNoise(c, L.smoothRotSd * scale, L.smoothFrames, rng);
      rootNoise(c, L.smoothRootSd * scale, L.smoothFrames, rng);
      break;
    case 'hf-jitter':
      rotationNoise(c, L.jitterRotSd * scale, 0, rng);
      rootNoise(c, L.jitterRootSd * scale, 0, rng);
      break;
    case 'off-balance': {
      const lx = scaled(correlatedNoise(n, L.offBalanceFrames, rng), L.leanSd * scale);
      const lz = scaled(correlatedNoise(n, L.offBalanceFrames, rng), L.leanSd * scale);
      perturbJoint(c, 0, lx, new Float64Array(n), lz, true);
      const h = correlatedNoise(n, L.offBalanceFrames, rng);
      for (let f = 0; f < n; f++) c.rootPos[f * 3 + 1] += L.heightSd * scale * h[f];
      break;
    }
    case 'skate': {
      const vx = correlatedNoise(n, L.skateFrames, rng);
      const vz = correlatedNoise(n, L.skateFrames, rng);
      let x = 0, z = 0;
      for (let f = 0; f < n; f++) {
        x += (L.skateSpeedSd * scale * vx[f]) / c.fps;
        z += (L.skateSpeedSd * scale * vz[f]) / c.fps;
        c.rootPos[f * 3] += x;
        c.rootPos[f * 3 + 2] += z;
      }
      break;
    }
    case 'mixture': {
      const k = MIXTURE_SCALE * scale;
      for (const part of ['smooth-noise', 'hf-jitter', 'off-balance', 'skate'] as const) {
        const d = corruptImperfect(c, part, rng.fork(part), k);
        c.rootPos = d.rootPos;
        c.rotations = d.rotations;
      }
      c.meta.imperfect = kind;
      break;
    }
    default:
      throw new Error(`corruptImperfect: unknown kind "${String(kind)}" (known: ${IMPERFECT_KINDS.join(', ')})`);
  }
  return c;
}

/** The benchmark set: clip i gets kind i mod 5 (so every kind sees every class), seeded by (seed, kind, clip id). */
export function imperfectSet(clips: readonly Clip[], seed = 1, kinds: readonly ImperfectKind[] = IMPERFECT_KINDS): Clip[] {
  const rng = new Rng(seed);
  return clips.map((c, i) => {
    const kind = kinds[i % kinds.length];
    const out = corruptImperfect(c, kind, rng.fork(`${kind}:${c.id}`));
    out.id = `${c.id}~${kind}`;
    return out;
  });
}

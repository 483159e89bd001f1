// Artifact injection: corrupts a good clip the way generated motion goes wrong (feet sunk into the floor, a
// floating body, planted feet sliding, joint jitter, a hand passing through the torso), for the corrector's tests
// and benchmark. Also the one metric the floor metrics cannot see: how deep a hand is inside the torso.

import type { Rng } from '../random';
import { cloneClip, type Clip } from '../motion/clip';
import { forwardKinematicsArrays } from '../motion/fk';
import { qFromAxisAngle, qIdentity, qMul, qNormalize, qSlerp } from '../motion/quat';
import { J, NUM_JOINTS, PARENTS, REST_OFFSETS } from '../motion/skeleton';
import { HUMANOID_SEGMENTS } from './humanoid';

export type ArtifactKind = 'sink' | 'float' | 'slide' | 'jitter' | 'hand-through-torso';

export const ARTIFACT_KINDS: readonly ArtifactKind[] = ['sink', 'float', 'slide', 'jitter', 'hand-through-torso'];

/** Jitter noise: standard deviation of each joint's displacement (m). */
export const JITTER_SIGMA = 0.02;

/**
 * A corrupted copy of `clip` (the input is not changed); every random choice from `rng`.
 * - sink: the whole body lowered 5–10 cm, so the planted feet are that deep in the floor;
 * - float: the whole body raised 10 cm;
 * - slide: the root drifts 0.15–0.3 m/s in a random horizontal direction the legs do not follow, so planted feet slide;
 * - jitter: independent noise per frame on every joint, about σ = 2 cm per axis (root translation plus joint
 *   rotations scaled by bone length; measured per-axis RMS displacement 2.2–2.6 cm, mean distance 3.3 cm);
 * - hand-through-torso: for 20 frames one arm (chosen at random) reaches back so that its hand passes through the
 *   chest, blended in and out over 5 frames.
 */
export function injectArtifact(clip: Clip, kind: ArtifactKind, rng: Rng): Clip {
  const c = cloneClip(clip);
  const n = c.nFrames;
  c.meta = { ...(c.meta ?? {}), artifact: kind };
  switch (kind) {
    case 'sink': {
      const d = rng.uniform(0.05, 0.1);
      for (let f = 0; f < n; f++) c.rootPos[f * 3 + 1] -= d;
      c.meta.artifactDepth = d;
      break;
    }
    case 'float': {
      for (let f = 0; f < n; f++) c.rootPos[f * 3 + 1] += 0.1;
      break;
    }
    case 'slide': {
      const speed = rng.uniform(0.15, 0.3);
      const dir = rng.uniform(-Math.PI, Math.PI);
      for (let f = 0; f < n; f++) {
        const t = f / c.fps;
        c.rootPos[f * 3] += Math.sin(dir) * speed * t;
        c.rootPos[f * 3 + 2] += Math.cos(dir) * speed * t;
      }
      c.meta.artifactSpeed = speed;
      break;
    }
    case 'jitter': {
      const q = new Float64Array(4);
      for (let f = 0; f < n; f++) {
        for (let k = 0; k < 3; k++) c.rootPos[f * 3 + k] += rng.normal(0, JITTER_SIGMA / Math.sqrt(3));
        for (let j = 0; j < NUM_JOINTS; j++) {
          const len = childBoneLength(j);
          if (len <= 0) continue;
          // a rotation of angle 0.3·σ/len about a random axis moves the child joint by 0.3·σ; displacements add
          // up along each chain, which brings the per-axis spread of the joints to about σ
          const ang = rng.normal(0, (0.3 * JITTER_SIGMA) / len);
          let ax = rng.normal(), ay = rng.normal(), az = rng.normal();
          const norm = Math.hypot(ax, ay, az) || 1;
          ax /= norm;
          ay /= norm;
          az /= norm;
          qFromAxisAngle(q, 0, ax, ay, az, ang);
          const o = (f * NUM_JOINTS + j) * 4;
          qMul(c.rotations, o, q, 0, c.rotations, o);
          qNormalize(c.rotations, o);
        }
      }
      break;
    }
    case 'hand-through-torso': {
      const side = rng.bernoulli(0.5) ? 'left' : 'right';
      const start = rng.int(Math.max(1, n - 30)) + 5;
      const pose = throughTorsoPose(side);
      const joints = [J[`${side}_collar`], J[`${side}_shoulder`], J[`${side}_elbow`], J[`${side}_wrist`]];
      for (let f = start; f < Math.min(n, start + 20); f++) {
        const k = f - start;
        const w = Math.min(1, (k + 1) / 5, (20 - k) / 5);
        for (let i = 0; i < joints.length; i++) {
          const o = (f * NUM_JOINTS + joints[i]) * 4;
          qSlerp(c.rotations, o, pose, i * 4, w, c.rotations, o);
        }
      }
      c.meta.artifactSide = side;
      c.meta.artifactStart = start;
      break;
    }
    default:
      throw new Error(`injectArtifact: unknown artifact kind "${String(kind)}" (known: ${ARTIFACT_KINDS.join(', ')})`);
  }
  return c;
}

/** Length of the longest bone leaving joint j (0 for leaves). */
function childBoneLength(j: number): number {
  let best = 0;
  for (let k = 1; k < NUM_JOINTS; k++) {
    if (PARENTS[k] !== j) continue;
    best = Math.max(best, Math.hypot(REST_OFFSETS[k * 3], REST_OFFSETS[k * 3 + 1], REST_OFFSETS[k * 3 + 2]));
  }
  return best;
}


const poseCache = new Map<string, Float64Array>();

/**
 * Local rotations (collar, shoulder, elbow, wrist; 4×4) that put the hand of one arm inside the chest of an upright
 * body: upper arm forward, elbow bent back towards the spine. The elbow angle is the one (searched on a 1° grid)
 * that brings the wrist nearest the chest capsule's axis.
 */
export function throughTorsoPose(side: 'left' | 'right'): Float64Array {
  const cached = poseCache.get(side);
  if (cached) return cached;
  const s = side === 'left' ? 1 : -1;
  const rot = new Float32Array(NUM_JOINTS * 4);
  for (let i = 3; i < rot.length; i += 4) rot[i] = 1;
  const root = new Float32Array([0, 1, 0]);
  const sh = J[`${side}_shoulder`], el = J[`${side}_elbow`], wr = J[`${side}_wrist`];
  const chest = HUMANOID_SEGMENTS[J.spine3];
  const out = new Float32Array(NUM_JOINTS * 3);
  const g = new Float64Array(NUM_JOINTS * 4);
  const turn = new Float64Array(4), lower = new Float64Array(4);
  qFromAxisAngle(turn, 0, 0, 1, 0, (-s * Math.PI) / 2);
  let best = Infinity;
  let bestDown = 0;
  let bestElbow = 0;
  // upper arm: lowered by `down` about Z, then turned forward about Y; elbow bent about Y
  for (let down = 0; down <= 60; down += 2) {
    qFromAxisAngle(lower, 0, 0, 0, 1, (-s * down * Math.PI) / 180);
    qMul(turn, 0, lower, 0, rot, sh * 4);
    for (let deg = -180; deg <= 180; deg += 2) {
      qFromAxisAngle(rot, el * 4, 0, 1, 0, (deg * Math.PI) / 180);
      forwardKinematicsArrays(root, rot, 1, out, g);
      // chest capsule axis: spine3 + (x ∈ [a.x, b.x], a.y, a.z)
      const cx = out[J.spine3 * 3], cy = out[J.spine3 * 3 + 1] + chest.a[1], cz = out[J.spine3 * 3 + 2] + chest.a[2];
      const wx = out[wr * 3], wy = out[wr * 3 + 1], wz = out[wr * 3 + 2];
      const dx = Math.max(0, Math.abs(wx - cx) - chest.b[0]);
      const d = Math.hypot(dx, wy - cy, wz - cz);
      if (d < best - 1e-9) {
        best = d;
        bestDown = down;
        bestElbow = deg;
      }
    }
  }
  const pose = new Float64Array(16);
  qIdentity(pose, 0);
  qFromAxisAngle(lower, 0, 0, 0, 1, (-s * bestDown * Math.PI) / 180);
  qMul(turn, 0, lower, 0, pose, 4);
  qFromAxisAngle(pose, 8, 0, 1, 0, (bestElbow * Math.PI) / 180);
  qIdentity(pose, 12);
  poseCache.set(side, pose);
  return pose;
}

/**
 * How deep the hands are inside the torso (mm): per frame, the larger over both hands of (torso capsule radius −
 * distance from the wrist to the nearest torso capsule axis), 0 when outside; mean over frames. Torso capsules are
 * the ragdoll's pelvis, spine and chest bodies.
 */
export function handTorsoPenetration(clip: Clip): number {
  const n = clip.nFrames;
  const g = new Float64Array(n * NUM_JOINTS * 4);
  const pos = forwardKinematicsArrays(clip.rootPos, clip.rotations, n, undefined, g);
  const torso = [J.pelvis, J.spine1, J.spine2, J.spine3];
  const a = [0, 0, 0], b = [0, 0, 0];
  let sum = 0;
  for (let f = 0; f < n; f++) {
    let worst = 0;
    for (const w of [J.left_wrist, J.right_wrist]) {
      const px = pos[(f * NUM_JOINTS + w) * 3], py = pos[(f * NUM_JOINTS + w) * 3 + 1], pz = pos[(f * NUM_JOINTS + w) * 3 + 2];
      for (const t of torso) {
        const seg = HUMANOID_SEGMENTS[t];
        worldPoint(pos, g, f, t, seg.a, a);
        worldPoint(pos, g, f, t, seg.b, b);
        const depth = seg.radius - segmentDistance(px, py, pz, a, b);
        if (depth > worst) worst = depth;
      }
    }
    sum += worst;
  }
  return (sum / n) * 1000;
}

function worldPoint(pos: Float32Array, g: Float64Array, f: number, j: number, local: readonly number[], out: number[]): void {
  const o = (f * NUM_JOINTS + j) * 4;
  const x = g[o], y = g[o + 1], z = g[o + 2], w = g[o + 3];
  const vx = local[0], vy = local[1], vz = local[2];
  const tx = 2 * (y * vz - z * vy), ty = 2 * (z * vx - x * vz), tz = 2 * (x * vy - y * vx);
  const p = (f * NUM_JOINTS + j) * 3;
  out[0] = pos[p] + vx + w * tx + (y * tz - z * ty);
  out[1] = pos[p + 1] + vy + w * ty + (z * tx - x * tz);
  out[2] = pos[p + 2] + vz + w * tz + (x * ty - y * tx);
}

function segmentDistance(px: number, py: number, pz: number, a: number[], b: number[]): number {
  const ux = b[0] - a[0], uy = b[1] - a[1], uz = b[2] - a[2];
  const l2 = ux * ux + uy * uy + uz * uz;
  let t = l2 > 0 ? ((px - a[0]) * ux + (py - a[1]) * uy + (pz - a[2]) * uz) / l2 : 0;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(px - a[0] - t * ux, py - a[1] - t * uy, pz - a[2] - t * uz);
}

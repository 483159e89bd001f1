import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACTIONS, clipSeed, generateClip, generateDataset, generateTestSplit,
} from '../../src/core/motion/dataset/index';
import { CAPTION_PATTERN } from '../../src/core/motion/dataset/captions';
import { CLIP_FRAMES, FPS, type Clip } from '../../src/core/motion/clip';
import { jointPositions } from '../../src/core/motion/fk';
import { LEFT_ARM, LEFT_LEG, RIGHT_ARM, RIGHT_LEG, solveTwoBone } from '../../src/core/motion/ik';
import { clipPhysMetrics, lowestPointHeights, FLOOR_TOLERANCE } from '../../src/core/motion/physMetrics';
import { forwardKinematicsArrays } from '../../src/core/motion/fk';
import { qFromEuler, qMul } from '../../src/core/motion/quat';
import { J, NUM_JOINTS, PARENTS, boneLength } from '../../src/core/motion/skeleton';
import { Rng } from '../../src/core/random';

let test: Clip[];
let testPos: Float32Array[];

beforeAll(() => {
  test = generateTestSplit(512);
  testPos = test.map((c) => jointPositions(c));
});

describe('two-bone IK', () => {
  it('puts the end joint exactly on reachable targets, bending knees forward and elbows back', () => {
    const rng = new Rng(7);
    const rot = new Float32Array(NUM_JOINTS * 4);
    for (let i = 3; i < rot.length; i += 4) rot[i] = 1;
    for (let trial = 0; trial < 200; trial++) {
      // random pelvis orientation, random reachable target around the hip/shoulder
      rot.fill(0);
      for (let i = 3; i < rot.length; i += 4) rot[i] = 1;
      qFromEuler(rot, 0, 'YXZ', rng.uniform(-3, 3), rng.uniform(-0.5, 0.5), rng.uniform(-0.3, 0.3));
      const root = [rng.uniform(-1, 1), 1, rng.uniform(-1, 1)];
      const chain = [LEFT_LEG, RIGHT_LEG, LEFT_ARM, RIGHT_ARM][trial % 4];
      const pos = forwardKinematicsArrays(root, rot, 1);
      const gr = new Float64Array(NUM_JOINTS * 4);
      forwardKinematicsArrays(root, rot, 1, pos, gr);
      const up = chain.upper;
      const base = [pos[up * 3], pos[up * 3 + 1], pos[up * 3 + 2]];
      const r = rng.uniform(0.15, 0.75) * (chain === LEFT_ARM || chain === RIGHT_ARM ? 0.65 : 1);
      const dir = [rng.normal(), rng.normal(), rng.normal()];
      const n = Math.hypot(dir[0], dir[1], dir[2]);
      const target = dir.map((d, i) => base[i] + (r * d) / n);
      const pole = [rng.normal(), rng.normal(), rng.normal()];
      const miss = solveTwoBone(chain, gr, PARENTS[up] * 4, base, target, pole, rot, up * 4, rot, chain.middle * 4);
      expect(miss).toBe(0);
      const after = forwardKinematicsArrays(root, rot, 1);
      const e = chain.end;
      for (let c = 0; c < 3; c++) expect(Math.abs(after[e * 3 + c] - target[c])).toBeLessThan(2e-5);
      // the middle joint sits on the pole's side of the upper–end line
      const m = chain.middle;
      const u = [0, 1, 2].map((c) => target[c] - base[c]);
      const k = [0, 1, 2].map((c) => after[m * 3 + c] - base[c]);
      const uu = u[0] ** 2 + u[1] ** 2 + u[2] ** 2;
      const ku = (k[0] * u[0] + k[1] * u[1] + k[2] * u[2]) / uu;
      const off = [0, 1, 2].map((c) => k[c] - ku * u[c]);
      const pu = (pole[0] * u[0] + pole[1] * u[1] + pole[2] * u[2]) / uu;
      const pp = [0, 1, 2].map((c) => pole[c] - pu * u[c]);
      expect(off[0] * pp[0] + off[1] * pp[1] + off[2] * pp[2]).toBeGreaterThan(0);
    }
  });

  it('keeps the knee a hinge (no twist of the shank about the thigh)', () => {
    const rot = new Float32Array(NUM_JOINTS * 4);
    for (let i = 3; i < rot.length; i += 4) rot[i] = 1;
    const gr = new Float64Array(NUM_JOINTS * 4);
    const pos = forwardKinematicsArrays([0, 1, 0], rot, 1, undefined, gr);
    const hip = [pos[J.left_hip * 3], pos[J.left_hip * 3 + 1], pos[J.left_hip * 3 + 2]];
    solveTwoBone(LEFT_LEG, gr, 0, hip, [hip[0] + 0.1, hip[1] - 0.6, hip[2] + 0.2], [0, 0, 1], rot, J.left_hip * 4, rot, J.left_knee * 4);
    const k = J.left_knee * 4;
    // a rotation about the local X axis only
    expect(Math.abs(rot[k + 1])).toBeLessThan(1e-6);
    expect(Math.abs(rot[k + 2])).toBeLessThan(1e-6);
    expect(rot[k] * rot[k + 3]).toBeGreaterThan(0); // bends the shank backwards (positive angle about +X)
  });
});

describe('embedded dataset: API and determinism', () => {
  it('has at least 12 distinct action classes including walk, run, jump, wave and kick', () => {
    expect(ACTIONS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(ACTIONS).size).toBe(ACTIONS.length);
    for (const a of ['walk', 'run', 'jump', 'wave', 'squat', 'kick', 'punch', 'turn', 'jumping_jacks', 'side_step', 'bow', 'clap']) {
      expect(ACTIONS).toContain(a);
    }
  });

  it('is deterministic in the seed, and different seeds give different clips', () => {
    const a = generateDataset({ n: 24, seed: 5 });
    const b = generateDataset({ n: 24, seed: 5 });
    const c = generateDataset({ n: 24, seed: 6 });
    for (let i = 0; i < a.length; i++) {
      expect(b[i].id).toBe(a[i].id);
      expect(b[i].caption).toBe(a[i].caption);
      expect(b[i].meta).toEqual(a[i].meta);
      expect(Array.from(b[i].rootPos)).toEqual(Array.from(a[i].rootPos));
      expect(Array.from(b[i].rotations)).toEqual(Array.from(a[i].rotations));
      expect(Array.from(b[i].flight!)).toEqual(Array.from(a[i].flight!));
      expect(c[i].label).toBe(a[i].label);
      expect(Array.from(c[i].rotations)).not.toEqual(Array.from(a[i].rotations));
    }
  });

  it('balances the classes, gives unique ids and well-formed 60-frame clips at 20 fps', () => {
    const d = generateDataset({ n: 100, seed: 1 });
    expect(d.length).toBe(100);
    const counts = new Map<string, number>();
    for (const c of d) counts.set(c.label, (counts.get(c.label) ?? 0) + 1);
    expect(counts.size).toBe(ACTIONS.length);
    const v = [...counts.values()];
    expect(Math.max(...v) - Math.min(...v)).toBeLessThanOrEqual(1);
    expect(new Set(d.map((c) => c.id)).size).toBe(100);
    for (const c of d) {
      expect(c.nFrames).toBe(CLIP_FRAMES);
      expect(c.fps).toBe(FPS);
      expect(c.rootPos.length).toBe(CLIP_FRAMES * 3);
      expect(c.rotations.length).toBe(CLIP_FRAMES * NUM_JOINTS * 4);
      expect(c.flight?.length).toBe(CLIP_FRAMES);
      expect(c.meta).toBeDefined();
    }
    expect(generateDataset({ n: 0, seed: 1 })).toEqual([]);
  });

  it('rejects an unknown action and a bad size with a clear message', () => {
    expect(() => generateClip('moonwalk', new Rng(1), 'x')).toThrow(/unknown action "moonwalk"/);
    expect(() => generateDataset({ n: -1, seed: 1 })).toThrow(/n must be a non-negative integer/);
  });

  it('keeps the held-out test split disjoint from training splits', () => {
    // seeds: train even, test odd
    for (let i = 0; i < 200; i++) {
      expect(clipSeed('train', i % 7, i) % 2).toBe(0);
      expect(clipSeed('test', 0, i) % 2).toBe(1);
    }
    const key = (c: Clip) => `${c.rootPos.join(',')}|${c.rotations.slice(0, 400).join(',')}`;
    const testKeys = new Set(test.map(key));
    expect(testKeys.size).toBe(512);
    for (const seed of [0, 1, 2]) {
      for (const c of generateDataset({ n: 128, seed })) expect(testKeys.has(key(c))).toBe(false);
    }
    expect(test.every((c) => c.id.startsWith('test-'))).toBe(true);
    expect(generateTestSplit(8).map((c) => c.caption)).toEqual(test.slice(0, 8).map((c) => c.caption));
  });
});

describe('embedded dataset: captions', () => {
  it('gives captions that carry more than the label, in a small lowercase vocabulary', () => {
    const d = generateDataset({ n: 256, seed: 3 });
    expect(new Set(d.map((c) => c.label)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(d.map((c) => c.caption)).size).toBeGreaterThanOrEqual(100);
    const vocab = new Set<string>();
    for (const c of [...d, ...test]) {
      expect(c.caption).toMatch(CAPTION_PATTERN);
      for (const w of c.caption.split(' ')) vocab.add(w);
    }
    expect(vocab.size).toBeLessThan(150);
    // within every class, captions vary with the parameters (not just the subject word)
    for (const a of ACTIONS) {
      const bodies = new Set(test.filter((c) => c.label === a).map((c) => c.caption.replace(/^(a person|someone|the person) /, '')));
      expect(bodies.size, a).toBeGreaterThanOrEqual(4);
    }
  });

  it('says what the parameters say', () => {
    for (const c of test) {
      const m = c.meta!;
      if (c.label === 'walk') expect(c.caption).toContain(m.direction === 'backward' ? 'backward' : 'forward');
      if (c.label === 'wave' && m.hand !== 'both') expect(c.caption).toContain(`${m.hand} hand`);
      if (c.label === 'kick') expect(c.caption).toContain(`${m.leg} leg`);
      if (c.label === 'turn') expect(c.caption).toContain(String(m.direction));
      if (c.label === 'side_step') expect(c.caption).toContain(String(m.direction));
    }
  });
});

describe('embedded dataset: the motion does what its parameters (and caption) say', () => {
  const P = (i: number, f: number, j: number, c: number) => testPos[i][(f * NUM_JOINTS + j) * 3 + c];
  /** Horizontal root speed (m/s) averaged over frames [a, b). */
  const rootSpeed = (c: Clip, a: number, b: number) =>
    (Math.hypot(c.rootPos[(b - 1) * 3] - c.rootPos[a * 3], c.rootPos[(b - 1) * 3 + 2] - c.rootPos[a * 3 + 2]) * FPS) / (b - 1 - a);
  const forwardOf = (c: Clip) => {
    const h = Number(c.meta!.heading0);
    return [Math.sin(h), Math.cos(h)];
  };

  it('walks and runs travel at their speed; starts and stops stand still at the start or end', () => {
    for (const c of test) {
      const m = c.meta!;
      if (c.label === 'run') expect(rootSpeed(c, 0, 60), c.id).toBeGreaterThan(1.5);
      if (c.label !== 'walk') continue;
      const [fx, fz] = forwardOf(c);
      const dx = c.rootPos[3 * 8] - c.rootPos[0], dz = c.rootPos[3 * 8 + 2] - c.rootPos[2];
      if (m.mode === 'steady' && m.turn === 0) {
        expect(rootSpeed(c, 0, 60) / Number(m.speed), c.id).toBeGreaterThan(0.95);
        expect(rootSpeed(c, 0, 60) / Number(m.speed), c.id).toBeLessThan(1.05);
        expect(Math.sign(dx * fx + dz * fz), c.id).toBe(m.direction === 'backward' ? -1 : 1);
      }
      if (m.mode === 'starts') {
        expect(rootSpeed(c, 0, 4), c.id).toBeLessThan(0.05);
        expect(rootSpeed(c, 56, 60), c.id).toBeGreaterThan(0.3);
      }
      if (m.mode === 'stops') {
        expect(rootSpeed(c, 0, 4), c.id).toBeGreaterThan(0.3);
        expect(rootSpeed(c, 56, 60), c.id).toBeLessThan(0.05);
      }
      if (c.caption.includes('quickly')) expect(Number(m.speed)).toBeGreaterThan(0.85);
      if (c.caption.includes('slowly')) expect(Number(m.speed)).toBeLessThan(0.95);
    }
  });

  it('jumps forward travel and jumps up stay in place; turns turn the body by their angle', () => {
    for (let i = 0; i < test.length; i++) {
      const c = test[i];
      const m = c.meta!;
      if (c.label === 'jump') {
        const [fx, fz] = forwardOf(c);
        const d = (c.rootPos[59 * 3] - c.rootPos[0]) * fx + (c.rootPos[59 * 3 + 2] - c.rootPos[2]) * fz;
        if (m.direction === 'forward') expect(d, c.id).toBeGreaterThan(0.25);
        else expect(Math.abs(d), c.id).toBeLessThan(0.05);
      }
      if (c.label === 'turn') {
        // total change of the pelvis heading over the clip (unwrapped) matches the angle to within the sway
        const q = c.rotations;
        let total = 0;
        let prev = 0;
        for (let f = 0; f < 60; f++) {
          const b = f * NUM_JOINTS * 4;
          const h = Math.atan2(2 * (q[b] * q[b + 2] + q[b + 3] * q[b + 1]), 1 - 2 * (q[b] ** 2 + q[b + 1] ** 2));
          if (f > 0) {
            let d = h - prev;
            if (d > Math.PI) d -= 2 * Math.PI;
            if (d < -Math.PI) d += 2 * Math.PI;
            total += d;
          }
          prev = h;
        }
        expect(Math.abs(total - Number(m.angle)), c.id).toBeLessThan(0.1);
        expect(Math.sign(total), c.id).toBe(m.direction === 'left' ? 1 : -1);
      }
    }
  });

  it('moves the limb the caption names: waving and punching hands, kicking legs', () => {
    for (let i = 0; i < test.length; i++) {
      const c = test[i];
      const m = c.meta!;
      const maxOver = (j: number, ref: number) => {
        let best = -Infinity;
        for (let f = 0; f < 60; f++) best = Math.max(best, P(i, f, j, 1) - P(i, f, ref, 1));
        return best;
      };
      if (c.label === 'wave') {
        const left = maxOver(J.left_wrist, J.left_shoulder), right = maxOver(J.right_wrist, J.right_shoulder);
        if (m.hand !== 'right') expect(left, c.id).toBeGreaterThan(0.1);
        if (m.hand !== 'left') expect(right, c.id).toBeGreaterThan(0.1);
        if (m.hand === 'left') expect(right, c.id).toBeLessThan(-0.3);
        if (m.hand === 'right') expect(left, c.id).toBeLessThan(-0.3);
      }
      if (c.label === 'kick') {
        const hi = (j: number) => Math.max(...Array.from({ length: 60 }, (_, f) => P(i, f, j, 1)));
        const kickAnkle = m.leg === 'left' ? J.left_ankle : J.right_ankle;
        const other = m.leg === 'left' ? J.right_ankle : J.left_ankle;
        expect(hi(kickAnkle), c.id).toBeGreaterThan(0.35);
        expect(hi(other), c.id).toBeLessThan(0.09);
      }
      if (c.label === 'punch' && m.kind === 'punch') {
        const [fx, fz] = forwardOf(c);
        const reach = (w: number, s: number) => {
          let best = -Infinity;
          for (let f = 0; f < 60; f++) {
            best = Math.max(best, (P(i, f, w, 0) - P(i, f, s, 0)) * fx + (P(i, f, w, 2) - P(i, f, s, 2)) * fz);
          }
          return best;
        };
        if (m.hand !== 'right') expect(reach(J.left_wrist, J.left_shoulder), c.id).toBeGreaterThan(0.3);
        if (m.hand !== 'left') expect(reach(J.right_wrist, J.right_shoulder), c.id).toBeGreaterThan(0.3);
      }
      if (c.label === 'clap') {
        let closest = Infinity;
        for (let f = 0; f < 60; f++) {
          closest = Math.min(closest, Math.hypot(
            P(i, f, J.left_wrist, 0) - P(i, f, J.right_wrist, 0), P(i, f, J.left_wrist, 1) - P(i, f, J.right_wrist, 1),
            P(i, f, J.left_wrist, 2) - P(i, f, J.right_wrist, 2)));
        }
        expect(closest, c.id).toBeLessThan(0.1);
      }
    }
  });
});

describe('embedded dataset: physical plausibility (held-out split, 512 clips)', () => {
  it('has finite frames and the skeleton bone lengths in every frame', () => {
    let worst = 0;
    let nonFinite = 0;
    for (let i = 0; i < test.length; i++) {
      const p = testPos[i];
      for (let k = 0; k < p.length; k++) if (!Number.isFinite(p[k])) nonFinite++;
      for (let f = 0; f < CLIP_FRAMES; f++) {
        const b = f * NUM_JOINTS * 3;
        for (let j = 1; j < NUM_JOINTS; j++) {
          const q = PARENTS[j];
          const l = Math.hypot(p[b + j * 3] - p[b + q * 3], p[b + j * 3 + 1] - p[b + q * 3 + 1], p[b + j * 3 + 2] - p[b + q * 3 + 2]);
          worst = Math.max(worst, Math.abs(l - boneLength(j)));
        }
      }
    }
    expect(nonFinite).toBe(0);
    expect(worst).toBeLessThan(1e-5);
  });

  it('averages Penetrate ≤ 1 mm, Skate ≤ 1 mm and Float ≤ 1 mm outside flight', () => {
    let pen = 0, flo = 0, sk = 0;
    for (const c of test) {
      const m = clipPhysMetrics(c, { excludeFlight: true });
      pen += m.penetrate;
      flo += m.float;
      sk += m.skate;
      // every clip on its own is plausible too
      expect(m.penetrate, c.id).toBeLessThan(1);
      expect(m.float, c.id).toBeLessThan(1);
      expect(m.skate, c.id).toBeLessThan(1);
    }
    expect(pen / test.length).toBeLessThanOrEqual(1);
    expect(flo / test.length).toBeLessThanOrEqual(1);
    expect(sk / test.length).toBeLessThanOrEqual(1);
  });

  it('supports the body on the floor in every frame that is not a designed flight', () => {
    const lows = new Float32Array(CLIP_FRAMES);
    const bad: string[] = [];
    let flights = 0;
    for (let i = 0; i < test.length; i++) {
      lowestPointHeights(testPos[i], CLIP_FRAMES, lows);
      for (let f = 0; f < CLIP_FRAMES; f++) {
        const fl = test[i].flight![f] === 1;
        if (fl) flights++;
        if (lows[f] < -FLOOR_TOLERANCE || (!fl && lows[f] > FLOOR_TOLERANCE) || (fl && lows[f] <= 0)) {
          bad.push(`${test[i].id} frame ${f}: lowest point ${lows[f].toFixed(4)} m, flight ${fl}`);
        }
      }
    }
    expect(bad).toEqual([]);
    expect(flights).toBeGreaterThan(100);
  });

  it('flies only in jumps and runs, ballistically under g = 9.81 m/s², taking off from and landing on the floor', () => {
    const g = 9.81 / (FPS * FPS);
    let checked = 0;
    for (const c of test) {
      const fl = c.flight!;
      const any = fl.some((x) => x === 1);
      if (c.label === 'jump' || c.label === 'jumping_jacks') expect(any, c.id).toBe(true);
      if (!['jump', 'jumping_jacks', 'run'].includes(c.label)) expect(any, c.id).toBe(false);
      for (let f = 1; f < CLIP_FRAMES - 1; f++) {
        if (fl[f - 1] && fl[f] && fl[f + 1]) {
          const y = (k: number) => c.rootPos[k * 3 + 1];
          expect(Math.abs(y(f + 1) - 2 * y(f) + y(f - 1) + g)).toBeLessThan(2e-5);
          // horizontal root motion is uniform in flight
          const x = (k: number) => c.rootPos[k * 3];
          const z = (k: number) => c.rootPos[k * 3 + 2];
          if (c.label !== 'run') {
            expect(Math.abs(x(f + 1) - 2 * x(f) + x(f - 1))).toBeLessThan(2e-5);
            expect(Math.abs(z(f + 1) - 2 * z(f) + z(f - 1))).toBeLessThan(2e-5);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('embedded dataset: variation and separability', () => {
  /** A few hand-made motion features: what moves and how much. */
  function features(c: Clip, p: Float32Array): number[] {
    const n = c.nFrames;
    const y = (f: number, j: number) => p[(f * NUM_JOINTS + j) * 3 + 1];
    const dx = c.rootPos[(n - 1) * 3] - c.rootPos[0], dz = c.rootPos[(n - 1) * 3 + 2] - c.rootPos[2];
    const h0 = Number(c.meta?.heading0 ?? 0);
    const fwd = dx * Math.sin(h0) + dz * Math.cos(h0), lat = dx * Math.cos(h0) - dz * Math.sin(h0);
    let yMin = Infinity, yMax = -Infinity, wrist = -Infinity, ankle = -Infinity, wristSpread = Infinity, handAsym = 0;
    let heading = 0;
    for (let f = 0; f < n; f++) {
      const ry = c.rootPos[f * 3 + 1];
      yMin = Math.min(yMin, ry);
      yMax = Math.max(yMax, ry);
      const head = y(f, J.head);
      wrist = Math.max(wrist, Math.max(y(f, J.left_wrist), y(f, J.right_wrist)) - head);
      ankle = Math.max(ankle, Math.max(y(f, J.left_ankle), y(f, J.right_ankle)));
      const b = f * NUM_JOINTS * 3;
      wristSpread = Math.min(wristSpread, Math.hypot(p[b + J.left_wrist * 3] - p[b + J.right_wrist * 3], p[b + J.left_wrist * 3 + 2] - p[b + J.right_wrist * 3 + 2]));
      handAsym = Math.max(handAsym, Math.abs(y(f, J.left_wrist) - y(f, J.right_wrist)));
      if (f > 0) {
        const q = c.rotations;
        const hy = (k: number) => Math.atan2(2 * (q[k * 88] * q[k * 88 + 2] + q[k * 88 + 3] * q[k * 88 + 1]), 1 - 2 * (q[k * 88] ** 2 + q[k * 88 + 1] ** 2));
        let d = hy(f) - hy(f - 1);
        if (d > Math.PI) d -= 2 * Math.PI;
        if (d < -Math.PI) d += 2 * Math.PI;
        heading += d;
      }
    }
    const flight = c.flight!.reduce((a, b) => a + b, 0) / n;
    let hipPitch = 0;
    for (let f = 0; f < n; f++) {
      const b = f * NUM_JOINTS * 3;
      const sx = p[b + J.neck * 3] - p[b], sy = p[b + J.neck * 3 + 1] - p[b + 1], sz = p[b + J.neck * 3 + 2] - p[b + 2];
      hipPitch = Math.max(hipPitch, Math.acos(sy / Math.hypot(sx, sy, sz)));
    }
    return [fwd, Math.abs(lat), yMax - yMin, 0.93 - yMin, wrist, ankle, wristSpread, handAsym, Math.abs(heading), flight * 5, hipPitch];
  }

  it('lets a nearest-centroid classifier on simple motion features tell the classes apart', () => {
    const train = generateDataset({ n: 240, seed: 11 });
    const f = train.map((c) => features(c, jointPositions(c)));
    const dim = f[0].length;
    const mean = new Array(dim).fill(0), sd = new Array(dim).fill(0);
    for (const v of f) v.forEach((x, i) => (mean[i] += x / f.length));
    for (const v of f) v.forEach((x, i) => (sd[i] += (x - mean[i]) ** 2 / f.length));
    const z = (v: number[]) => v.map((x, i) => (x - mean[i]) / Math.sqrt(sd[i] + 1e-9));
    const cent = new Map<string, number[]>();
    const cnt = new Map<string, number>();
    train.forEach((c, i) => {
      const v = z(f[i]);
      const s = cent.get(c.label) ?? new Array(dim).fill(0);
      v.forEach((x, k) => (s[k] += x));
      cent.set(c.label, s);
      cnt.set(c.label, (cnt.get(c.label) ?? 0) + 1);
    });
    for (const [k, s] of cent) cent.set(k, s.map((x) => x / cnt.get(k)!));
    let correct = 0;
    test.forEach((c, i) => {
      const v = z(features(c, testPos[i]));
      let best = '', bd = Infinity;
      for (const [k, s] of cent) {
        const d = s.reduce((a, x, j) => a + (x - v[j]) ** 2, 0);
        if (d < bd) {
          bd = d;
          best = k;
        }
      }
      if (best === c.label) correct++;
    });
    expect(correct / test.length).toBeGreaterThan(0.8);
  });

  it('varies within a class: clips of one action differ in their motion and parameters', () => {
    for (const a of ACTIONS) {
      const clips = test.filter((c) => c.label === a).slice(0, 12);
      const metas = new Set(clips.map((c) => JSON.stringify({ ...c.meta, seed: 0 })));
      expect(metas.size, a).toBe(clips.length);
      const idx = test.indexOf(clips[0]), idx2 = test.indexOf(clips[1]);
      const p = testPos[idx], q = testPos[idx2];
      let diff = 0;
      for (let k = 0; k < p.length; k++) diff = Math.max(diff, Math.abs(p[k] - q[k]));
      expect(diff, a).toBeGreaterThan(0.05);
    }
  });
});

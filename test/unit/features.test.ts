import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type Clip, emptyClip, validateClip } from '../../src/core/motion/clip';
import { jointPositions } from '../../src/core/motion/fk';
import { FEATURE_DIM, clipStart, clipToFeatures, featuresToClip, rotationFeatureOffset } from '../../src/core/motion/features';
import {
  STD_FLOOR, computeFeatureStats, denormalizeFeatures, normalizeFeatures, statsFromJson, statsToJson,
} from '../../src/core/motion/featureStats';
import { qFromAxisAngle, qFromYaw, qHeading, qMul, qNormalize, qRotateVec } from '../../src/core/motion/quat';
import { NUM_JOINTS } from '../../src/core/motion/skeleton';
import { generateDataset } from '../../src/core/motion/dataset/index';
import { Rng } from '../../src/core/random';

function randomClip(seed: number, nFrames = 60, smooth = false): Clip {
  const rng = new Rng(seed);
  const c = emptyClip(nFrames);
  c.id = `rand-${seed}`;
  for (let i = 0; i < c.rotations.length; i += 4) {
    if (smooth && i >= NUM_JOINTS * 4) {
      // small changes from the previous frame
      for (let k = 0; k < 4; k++) c.rotations[i + k] = c.rotations[i + k - NUM_JOINTS * 4] + rng.normal(0, 0.05);
    } else {
      for (let k = 0; k < 4; k++) c.rotations[i + k] = rng.normal();
    }
    qNormalize(c.rotations, i);
  }
  for (let f = 0; f < nFrames; f++) {
    c.rootPos[f * 3] = rng.uniform(-3, 3);
    c.rootPos[f * 3 + 1] = rng.uniform(0.2, 1.5);
    c.rootPos[f * 3 + 2] = rng.uniform(-3, 3);
  }
  return c;
}

/** Max |a − b| over joint positions, and max quaternion difference up to sign. */
function compare(a: Clip, b: Clip): { pos: number; rot: number } {
  const pa = jointPositions(a), pb = jointPositions(b);
  let pos = 0;
  for (let i = 0; i < pa.length; i++) pos = Math.max(pos, Math.abs(pa[i] - pb[i]));
  let rot = 0;
  for (let i = 0; i < a.rotations.length; i += 4) {
    let dp = 0, dm = 0;
    for (let k = 0; k < 4; k++) {
      dp = Math.max(dp, Math.abs(a.rotations[i + k] - b.rotations[i + k]));
      dm = Math.max(dm, Math.abs(a.rotations[i + k] + b.rotations[i + k]));
    }
    rot = Math.max(rot, Math.min(dp, dm));
  }
  return { pos, rot };
}

describe('clip features', () => {
  it('has 4 root features and 22 six-D rotations', () => {
    expect(FEATURE_DIM).toBe(136);
    expect(rotationFeatureOffset(0)).toBe(4);
    expect(rotationFeatureOffset(21)).toBe(130);
  });

  it('round-trips dataset clips exactly (positions < 1e-4 m, rotations up to sign)', () => {
    const clips = generateDataset({ n: 8, seed: 11 });
    for (const c of clips) {
      const f = clipToFeatures(c);
      expect(f.length).toBe(c.nFrames * FEATURE_DIM);
      const back = featuresToClip(f, c.nFrames, { id: c.id, label: c.label, caption: c.caption, start: clipStart(c) });
      const d = compare(c, back);
      expect(d.pos).toBeLessThan(1e-4);
      expect(d.rot).toBeLessThan(1e-5);
      expect(back.label).toBe(c.label);
      validateClip(back);
    }
  });

  it('round-trips arbitrary rotations and root paths (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 2, max: 60 }), fc.boolean(), (seed, n, smooth) => {
        const c = randomClip(seed, n, smooth);
        const back = featuresToClip(clipToFeatures(c), n, { start: clipStart(c) });
        const d = compare(c, back);
        return d.pos < 1e-4 && d.rot < 1e-5;
      }),
      { numRuns: 60 },
    );
  });

  it('does not depend on where the clip starts or which way it faces', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), (seed, yaw, tx, tz) => {
          const c = randomClip(seed, 20, true);
          const moved = { ...c, rootPos: c.rootPos.slice(), rotations: c.rotations.slice() };
          const y = new Float64Array(4);
          qFromYaw(y, 0, yaw);
          for (let f = 0; f < c.nFrames; f++) {
            qRotateVec(y, 0, c.rootPos, f * 3, moved.rootPos, f * 3);
            moved.rootPos[f * 3] += tx;
            moved.rootPos[f * 3 + 2] += tz;
            qMul(y, 0, c.rotations, f * NUM_JOINTS * 4, moved.rotations, f * NUM_JOINTS * 4);
          }
          const a = clipToFeatures(c), b = clipToFeatures(moved);
          let m = 0;
          for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
          return m < 2e-4;
        }),
      { numRuns: 40 },
    );
  });

  it('encodes height, velocity in the heading frame (m/frame) and yaw rate (rad/frame)', () => {
    const c = emptyClip(10);
    const heading = Math.PI / 2; // facing +X
    for (let f = 0; f < 10; f++) {
      qFromYaw(c.rotations, f * NUM_JOINTS * 4, heading + 0.1 * f);
      c.rootPos[f * 3] = 0.05 * f; // moving along +X (= forward at frame 0)
      c.rootPos[f * 3 + 1] = 0.9;
    }
    const feat = clipToFeatures(c);
    expect(feat[0]).toBeCloseTo(0.9, 6);
    expect(feat[1]).toBeCloseTo(0, 6); // no sideways motion at frame 0
    expect(feat[2]).toBeCloseTo(0.05, 6); // forward
    expect(feat[3]).toBeCloseTo(0.1, 6); // turning left by 0.1 rad per frame
    // last frame repeats the previous one
    expect(feat[9 * FEATURE_DIM + 3]).toBeCloseTo(feat[8 * FEATURE_DIM + 3], 6);
    // the pelvis rotation in the features has no heading left: identity 6-D
    const o = rotationFeatureOffset(0);
    expect(Array.from(feat.slice(o, o + 6)).map((v) => Math.round(v * 1e6) / 1e6 + 0)).toEqual([1, 0, 0, 0, 1, 0]);
  });

  it('decodes any finite features into a valid clip', () => {
    const rng = new Rng(5);
    const f = new Float32Array(30 * FEATURE_DIM).map(() => rng.normal(0, 2));
    const c = featuresToClip(f, 30);
    validateClip(c);
    for (let i = 0; i < c.rotations.length; i += 4) {
      expect(Math.hypot(c.rotations[i], c.rotations[i + 1], c.rotations[i + 2], c.rotations[i + 3])).toBeCloseTo(1, 5);
    }
    expect(c.fps).toBe(20);
  });

  it('finds the heading of a pelvis turned about Y, also when bowed 90° forward or leaning sideways', () => {
    const q = new Float64Array(4), tilt = new Float64Array(4);
    for (const h of [-3, -1.2, 0, 0.4, 2.5]) {
      qFromYaw(q, 0, h);
      expect(qHeading(q, 0)).toBeCloseTo(h, 9);
      for (const [ax, ay, az, a] of [[1, 0, 0, Math.PI / 2], [0, 0, 1, 0.8], [1, 0, 0, -0.7]]) {
        qFromAxisAngle(tilt, 0, ax, ay, az, a);
        qMul(q, 0, tilt, 0, tilt, 0); // yaw, then a tilt about the body's own axis
        expect(qHeading(tilt, 0)).toBeCloseTo(h, 6);
        qFromYaw(q, 0, h);
      }
    }
  });

  it('rejects a wrong feature length', () => {
    expect(() => featuresToClip(new Float32Array(10), 2)).toThrow(/need 272/);
  });
});

describe('feature statistics', () => {
  const clips = generateDataset({ n: 12, seed: 2 });
  const stats = computeFeatureStats(clips);

  it('normalises the data to zero mean and unit std per dimension (floored dims to ~0)', () => {
    const all = clips.map((c) => normalizeFeatures(clipToFeatures(c), stats));
    const sum = new Float64Array(FEATURE_DIM), sq = new Float64Array(FEATURE_DIM);
    let n = 0;
    for (const f of all) {
      for (let i = 0; i < f.length; i++) {
        sum[i % FEATURE_DIM] += f[i];
        sq[i % FEATURE_DIM] += f[i] * f[i];
      }
      n += f.length / FEATURE_DIM;
    }
    for (let d = 0; d < FEATURE_DIM; d++) {
      const mean = sum[d] / n;
      const sd = Math.sqrt(Math.max(0, sq[d] / n - mean * mean));
      expect(Math.abs(mean)).toBeLessThan(1e-3);
      if (stats.std[d] > 1.01 * STD_FLOOR) expect(sd).toBeCloseTo(1, 3);
      else expect(sd).toBeLessThan(1);
      expect(stats.std[d]).toBeGreaterThanOrEqual(STD_FLOOR);
    }
  });

  it('floors the std of a dimension that never varies', () => {
    const still = [emptyClip(10), emptyClip(10)];
    const s = computeFeatureStats(still);
    expect(s.std[rotationFeatureOffset(5)]).toBeCloseTo(STD_FLOOR, 9);
    expect(s.mean[rotationFeatureOffset(5)]).toBeCloseTo(1, 9);
  });

  it('denormalize inverts normalize, in place too', () => {
    const f = clipToFeatures(clips[0]);
    const copy = f.slice();
    normalizeFeatures(copy, stats, copy);
    denormalizeFeatures(copy, stats, copy);
    for (let i = 0; i < f.length; i++) expect(Math.abs(copy[i] - f[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(f[i])));
  });

  it('survives JSON and names a bad field', () => {
    const back = statsFromJson(JSON.parse(JSON.stringify(statsToJson(stats))));
    expect(Array.from(back.mean)).toEqual(Array.from(stats.mean));
    expect(Array.from(back.std)).toEqual(Array.from(stats.std));
    const bad = statsToJson(stats);
    bad.std[7] = 0;
    expect(() => statsFromJson(bad)).toThrow(/std\[7\]/);
    expect(() => statsFromJson({ mean: [1, 2], std: bad.std })).toThrow(/"mean" has 2 values/);
    expect(() => statsFromJson(null)).toThrow(/expected an object/);
  });
});

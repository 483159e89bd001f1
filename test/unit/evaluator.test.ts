// The evaluator: shipped weights load and meet their targets on the held-out test split (accuracy ≥ 0.95,
// R-precision top-3 ≥ 0.8), unit-length embeddings, no tensor leaks, byte round trip, training determinism from
// the seed (a few steps), and evaluateMotions' behaviour (FID ≈ 0 for a set against itself, noise raises it).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEvaluatorFile, SHIPPED_EVALUATOR_PATH } from '../../src/cli/evaluatorFile';
import { selectNodeBackend } from '../../src/core/diffusion/backendNode';
import { tf } from '../../src/core/diffusion/tf';
import { evaluateMotions, realFloor } from '../../src/core/eval/motionMetrics';
import { evaluatorFromBytes, evaluatorToBytes, type TfEvaluator } from '../../src/core/eval/evaluator';
import { trainEvaluator } from '../../src/core/eval/evaluatorTrain';
import { rPrecision } from '../../src/core/eval/retrieval';
import { type Clip, cloneClip, emptyClip } from '../../src/core/motion/clip';
import { ACTIONS, generateDataset, generateTestSplit } from '../../src/core/motion/dataset/index';
import { correct } from '../../src/core/physics/corrector';
import { initPhysics } from '../../src/core/physics/rapier';
import { Rng } from '../../src/core/random';

let ev: TfEvaluator;
let test: Clip[];

beforeAll(async () => {
  expect((await selectNodeBackend()).name).toBe('wasm');
  ev = await loadEvaluatorFile(SHIPPED_EVALUATOR_PATH);
  test = generateTestSplit(512);
}, 60_000);

/** Each joint rotation of every frame jittered by N(0, sd²) on its quaternion components, renormalised. */
function jitter(clips: Clip[], sd: number, seed: number): Clip[] {
  const rng = new Rng(seed);
  return clips.map((c) => {
    const o = cloneClip(c);
    const q = o.rotations;
    for (let i = 0; i < q.length; i += 4) {
      let n = 0;
      for (let k = 0; k < 4; k++) {
        q[i + k] += rng.normal(0, sd);
        n += q[i + k] * q[i + k];
      }
      n = Math.sqrt(n);
      for (let k = 0; k < 4; k++) q[i + k] /= n;
    }
    return o;
  });
}

function rowNorms(a: Float32Array, dim: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < a.length / dim; r++) {
    let s = 0;
    for (let k = 0; k < dim; k++) s += a[r * dim + k] ** 2;
    out.push(Math.sqrt(s));
  }
  return out;
}

describe('shipped evaluator', () => {
  it('is small, knows every action and meets the accuracy and R-precision targets on the test split', async () => {
    expect(ev.labels).toEqual([...ACTIONS]);
    const labels = await ev.classify(test);
    const accuracy = labels.filter((l, i) => l === test[i].label).length / test.length;
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
    const m = await ev.embedMotions(test);
    const t = await ev.embedTexts(test.map((c) => c.caption));
    const r = rPrecision(t, m, ev.dim, { batchSize: 32, seed: 0 });
    expect(r.topK[2]).toBeGreaterThanOrEqual(0.8);
    expect(r.topK[0]).toBeLessThanOrEqual(r.topK[1]);
    expect(evaluatorToBytes(ev).length).toBeLessThan(2 * 1024 * 1024);
  });

  it('gives unit-length embeddings and leaks no tensors (each async read disposes its output)', async () => {
    const clips = test.slice(0, 40);
    const before = tf.memory().numTensors;
    const m = await ev.embedMotions(clips);
    expect(tf.memory().numTensors).toBe(before);
    const t = await ev.embedTexts(clips.map((c) => c.caption));
    expect(tf.memory().numTensors).toBe(before);
    const labels = await ev.classify(clips);
    expect(tf.memory().numTensors).toBe(before);
    expect(labels).toHaveLength(40);
    // Overlapping calls (reads awaited concurrently) and a rejected call leak nothing either.
    await Promise.all([ev.embedMotions(clips), ev.classify(clips), ev.embedTexts(['a person walks forward'])]);
    await expect(ev.embedMotions([clips[0], { ...emptyClip(8), id: 'short' }])).rejects.toThrow(/short has 8 frames/);
    expect(tf.memory().numTensors).toBe(before);
    expect(m.length).toBe(40 * ev.dim);
    for (const n of [...rowNorms(m, ev.dim), ...rowNorms(t, ev.dim)]) expect(n).toBeCloseTo(1, 5);
  });

  it('embeds clips of other lengths (cropped to 12-frame groups) and rejects too short ones by name', async () => {
    const a = test[0];
    const n = 66;
    /** `a` extended to 66 frames: frame 60 repeats frame 59, frames 61… are frame 59 shifted by `dy` metres up. */
    const extend = (dy: number): Clip => {
      const o = cloneClip(a);
      o.nFrames = n;
      o.rootPos = new Float32Array(n * 3);
      o.rotations = new Float32Array(n * 88);
      o.rootPos.set(a.rootPos);
      o.rotations.set(a.rotations);
      for (let f = 60; f < n; f++) {
        o.rootPos.set(a.rootPos.subarray(59 * 3, 60 * 3), f * 3);
        if (f > 60) o.rootPos[f * 3 + 1] += dy;
        o.rotations.set(a.rotations.subarray(59 * 88, 60 * 88), f * 88);
      }
      return o;
    };
    // Only the first 60 frames (and frame 60, through frame 59's velocity) are used: what comes later cannot matter.
    const e = await ev.embedMotions([a, extend(0), extend(0.5)]);
    const d = ev.dim;
    expect(Array.from(e.subarray(2 * d, 3 * d))).toEqual(Array.from(e.subarray(d, 2 * d)));
    let cos = 0;
    for (let k = 0; k < d; k++) cos += e[k] * e[d + k];
    expect(cos).toBeGreaterThan(0.9);
    const short = { ...emptyClip(8), id: 'tiny-clip' };
    await expect(ev.embedMotions([short])).rejects.toThrow(/tiny-clip has 8 frames/);
  });

  it('ignores and reports unknown caption words', async () => {
    const known = await ev.embedTexts(['a person walks forward']);
    const withUnknown = await ev.embedTexts(['a person walks forward zigzaggingly']);
    expect(Array.from(withUnknown)).toEqual(Array.from(known));
    expect(ev.unknownWords(['a person walks forward zigzaggingly'])).toEqual(['zigzaggingly']);
    expect(ev.unknownCounts.get('zigzaggingly')).toBeGreaterThanOrEqual(1);
  });

  it('round-trips through bytes exactly and rejects bad files by name', async () => {
    const bytes = evaluatorToBytes(ev);
    const copy = evaluatorFromBytes(bytes);
    const clips = test.slice(0, 12);
    expect(Array.from(await copy.embedMotions(clips))).toEqual(Array.from(await ev.embedMotions(clips)));
    expect(Array.from(evaluatorToBytes(copy))).toEqual(Array.from(bytes));
    copy.dispose();
    await expect(copy.embedMotions(clips)).rejects.toThrow(/disposed/);
    expect(() => evaluatorFromBytes(new Uint8Array(40), 'x.bin')).toThrow(/x\.bin: not an SCSC evaluator file/);
    expect(() => evaluatorFromBytes(bytes.slice(0, bytes.length - 8), 'cut.bin')).toThrow(/cut\.bin: .*weights stored/);
  });
});

describe('evaluateMotions', () => {
  it('gives FID ≈ 0 for the test set against itself, the targets in accuracy and R-precision, and is seeded', async () => {
    const set = test.slice(0, 256);
    const m = await evaluateMotions(ev, set, set, { seed: 3 });
    expect(m.fid).toBeLessThan(1e-6);
    expect(m.n).toBe(256);
    expect(m.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(m.rPrecision[2]).toBeGreaterThanOrEqual(m.rPrecision[0]);
    expect(m.diversity).toBeGreaterThan(0.3);
    expect(m.multimodality).toBeNull();
    expect(m.physErr).toBeCloseTo(m.penetrate + m.float + m.skate, 9);
    expect(await evaluateMotions(ev, set, set, { seed: 3 })).toEqual(m);
  });

  it('rises with joint noise, and the floor (real train vs real test) stays below noisy sets', async () => {
    const set = test.slice(0, 144);
    const fidOf = async (clips: Clip[]): Promise<number> => (await evaluateMotions(ev, clips, set, { seed: 1 })).fid;
    const small = await fidOf(jitter(set, 0.02, 5));
    const big = await fidOf(jitter(set, 0.08, 5));
    expect(small).toBeGreaterThan(1e-3);
    expect(big).toBeGreaterThan(small);
    const noisy = await evaluateMotions(ev, jitter(set, 0.08, 5), set, { seed: 1 });
    expect(noisy.jitter).toBeGreaterThan((await evaluateMotions(ev, set, set, { seed: 1 })).jitter);
    // A degree of wobble on every joint (what generators and physics leave) does not change what a motion is.
    expect((await evaluateMotions(ev, jitter(set, 0.02, 6), set, { seed: 1 })).accuracy).toBeGreaterThanOrEqual(0.95);
    const floor = await realFloor(ev, generateDataset({ n: 144, seed: 0 }), set, 1);
    expect(floor.fid).toBeGreaterThan(0);
    expect(floor.fid).toBeLessThan(big);
    expect(floor.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('still recognises real clips after the physics corrector has performed them', async () => {
    await initPhysics();
    const clips = test.slice(0, 12); // one per action
    const corrected = clips.map((c) => correct(c).clip);
    const m = await evaluateMotions(ev, corrected, test.slice(0, 256), { seed: 4 });
    expect(m.accuracy).toBeGreaterThanOrEqual(11 / 12);
  }, 40_000);

  it('computes Multimodality over groups generated for one caption (cut to the smallest group)', async () => {
    const groups = [test.slice(0, 5), test.slice(12, 16), test.slice(24, 30)];
    const m = await evaluateMotions(ev, test.slice(0, 40), test.slice(40, 80), { seed: 2, multimodalGroups: groups });
    expect(m.multimodality).not.toBeNull();
    expect(m.multimodality!).toBeGreaterThan(0);
    const same = [[test[0], test[0]], [test[1], test[1]]];
    expect((await evaluateMotions(ev, test.slice(0, 40), test.slice(40, 80), { seed: 2, multimodalGroups: same })).multimodality).toBeCloseTo(0, 6);
  });
});

describe('trainEvaluator', () => {
  it('is deterministic from the seed (same bytes twice, different for another seed) and leaks no tensors', async () => {
    const clips = generateDataset({ n: 48, seed: 9 });
    const before = tf.memory().numTensors;
    const opts = { nTrain: 48, clips, epochs: 1, batchSize: 16 };
    const losses: number[] = [];
    const a = await trainEvaluator({ seed: 4, ...opts, onProgress: (p) => losses.push(p.loss) });
    const b = await trainEvaluator({ seed: 4, ...opts });
    const c = await trainEvaluator({ seed: 5, ...opts });
    expect(losses).toHaveLength(3);
    losses.forEach((l) => expect(Number.isFinite(l)).toBe(true));
    const [ba, bb, bc] = [a, b, c].map((e) => evaluatorToBytes(e));
    expect(Buffer.from(ba).equals(Buffer.from(bb))).toBe(true);
    expect(Buffer.from(ba).equals(Buffer.from(bc))).toBe(false);
    [a, b, c].forEach((e) => e.dispose());
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('names a clip with an unknown label', async () => {
    const clips = generateDataset({ n: 4, seed: 1 });
    clips[2] = { ...clips[2], label: 'moonwalk' };
    await expect(trainEvaluator({ seed: 1, clips, epochs: 1, batchSize: 2 })).rejects.toThrow(/clip 2 .*unknown label "moonwalk"/);
  });
});

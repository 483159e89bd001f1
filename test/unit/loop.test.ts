// The self-consuming loop engine (src/core/loop): loop invariants, controls and checkpoint/resume, with a stand-in
// evaluator and corrector (the real ones are exercised by experiment-cli.test.ts).

import { beforeAll, describe, expect, it } from 'vitest';
import { selectNodeBackend } from '../../src/core/diffusion/backendNode';
import { flatParams } from '../../src/core/diffusion/checkpoint';
import { tf } from '../../src/core/diffusion/tf';
import { cloneClip, type Clip } from '../../src/core/motion/clip';
import { generateDataset, generateTestSplit } from '../../src/core/motion/dataset/index';
import { Rng } from '../../src/core/random';
import { featureSpaceMetrics } from '../../src/core/loop/featureMetrics';
import {
  type ArmName, clipsFromBytes, clipsToBytes, correctionProbability, type CorrectFn, type EvaluateFn, type GenerationEvent,
  historyFromJson, historyToJson, type LoopConfig, loopConfigFromJson, loopConfigToJson, LoopRunner, makeLoopConfig, MemoryStore, oracleSwap,
  type RunStore, type StoreValue, loadSamples,
} from '../../src/core/loop/index';
import { stubEvaluate } from './loopStubs';

const REAL = generateDataset({ n: 12, seed: 3 });
const REF = generateTestSplit(4);

const evaluate = stubEvaluate;

let correctorCalls = 0;
/** Stand-in corrector: mixture with t = γ/(1+γ); a "corrected" clip is lifted 1 cm. */
const correct: CorrectFn = (batch, gamma, { seed }) => {
  correctorCalls++;
  const rng = new Rng(seed);
  const t = correctionProbability(gamma);
  const corrected = batch.map(() => rng.next() < t);
  const clips = batch.map((c, i) => {
    if (!corrected[i]) return c;
    const d = cloneClip(c);
    for (let f = 0; f < d.nFrames; f++) d.rootPos[f * 3 + 1] += 0.01;
    return d;
  });
  return { clips, corrected };
};

const BASE: Partial<LoopConfig> = {
  n: 12, lambda: 0.5, gamma: 1, generations: 2, steps: 2, initialSteps: 3, preset: 'tiny', seed: 7, dataSeed: 3,
  batchSize: 4, sampleSteps: 2, evalSamples: 4, viewerSamples: 2,
};

function deps(extra: { store?: RunStore } = {}) {
  return { evaluate, correct, real: REAL, reference: REF, ...extra };
}

async function weights(r: LoopRunner, arm: ArmName): Promise<Float32Array> {
  return flatParams(r.model(arm));
}

beforeAll(async () => {
  await selectNodeBackend('wasm');
});

describe('loop pieces', () => {
  it('config validation names the field', () => {
    expect(() => makeLoopConfig({ lambda: -1 })).toThrow(/lambda/);
    expect(() => makeLoopConfig({ arms: ['baseline', 'nope' as ArmName] })).toThrow(/unknown arm "nope"/);
    expect(() => makeLoopConfig({ preset: 'huge' as 'tiny' })).toThrow(/preset/);
    expect(makeLoopConfig({ gamma: Infinity, arms: ['idealized', 'baseline'] }).arms).toEqual(['baseline', 'idealized']);
    expect(() => makeLoopConfig({ rootIntegral: -1 })).toThrow(/rootIntegral must be in \[0, 100\]/);
  });

  it("the corrector's pelvis integral: 5 for new runs, 0 for runs saved before the setting existed", () => {
    expect(makeLoopConfig().rootIntegral).toBe(5);
    const saved = loopConfigToJson(makeLoopConfig({ rootIntegral: 2 }));
    expect(loopConfigFromJson(saved).rootIntegral).toBe(2);
    delete saved.rootIntegral;
    expect(loopConfigFromJson(saved).rootIntegral).toBe(0);
  });

  it('oracle swap: none at γ = 0, all at γ = ∞ (fresh clips of the same label, not training clips), ≈ t in between', () => {
    const batch = generateDataset({ n: 24, seed: 11 });
    expect(oracleSwap(batch, 1, 1, 0).corrected.every((x) => !x)).toBe(true);
    const all = oracleSwap(batch, 1, 1, Infinity);
    expect(all.corrected.every(Boolean)).toBe(true);
    all.clips.forEach((c, i) => {
      expect(c.label).toBe(batch[i].label);
      expect(c.rootPos).not.toEqual(batch[i].rootPos);
    });
    const big = Array.from({ length: 600 }, () => batch[0]);
    const frac = oracleSwap(big, 5, 2, 1).corrected.filter(Boolean).length / big.length;
    expect(frac).toBeGreaterThan(0.42);
    expect(frac).toBeLessThan(0.58);
    // deterministic in (seed, generation)
    expect(oracleSwap(batch, 1, 3, 1).corrected).toEqual(oracleSwap(batch, 1, 3, 1).corrected);
  });

  it('feature-space stand-in metrics: FID 0 for the reference itself, a collapsed set is worse; multimodality from groups', () => {
    const ref = generateTestSplit(48);
    const m = featureSpaceMetrics(ref);
    const self = m(ref, 1);
    expect(self.fid).toBeLessThan(1e-6);
    expect(self.accuracy).toBeGreaterThan(0.8);
    expect(self.multimodality).toBeNull();
    expect(self.matching).toBeNaN();
    const collapsed = m(Array.from({ length: 24 }, (_, i) => ref[i % 2]), 1, [[ref[0], ref[1]], [ref[2], ref[2]]]);
    expect(collapsed.fid).toBeGreaterThan(self.fid + 10);
    expect(collapsed.diversity).toBeLessThan(self.diversity);
    expect(collapsed.multimodality).toBeGreaterThan(0);
    expect(m(ref, 1, [[ref[2], ref[2]]]).multimodality).toBe(0);
  });

  it('clips survive the byte format bit for bit; the history survives JSON with γ = ∞ and NaN', () => {
    const clips = generateDataset({ n: 3, seed: 2 });
    const back = clipsFromBytes(clipsToBytes(clips));
    expect(back.map((c) => [c.id, c.label, c.caption])).toEqual(clips.map((c) => [c.id, c.label, c.caption]));
    back.forEach((c, i) => {
      expect(c.rootPos).toEqual(clips[i].rootPos);
      expect(c.rotations).toEqual(clips[i].rotations);
      expect(c.meta).toEqual(clips[i].meta);
    });
    const h = [{ generation: 0, lambda: 0.5, gamma: Infinity, changes: [], arms: {}, ms: 1, loss: NaN, m: { multimodality: null } }];
    const j = JSON.parse(JSON.stringify(historyToJson(h as never)));
    const r = historyFromJson(j) as unknown as typeof h;
    expect(r[0].gamma).toBe(Infinity);
    expect(r[0].loss).toBeNaN();
    expect(r[0].m.multimodality).toBeNull();
  });
});

describe('LoopRunner', () => {
  it('shares generation 0, makes ⌊λ·n⌋ synthetic clips per arm, the baseline none; events carry every arm', async () => {
    const events: GenerationEvent[] = [];
    const store = new MemoryStore();
    const r = await LoopRunner.start({ ...BASE, arms: ['baseline', 'self-consuming', 'self-correcting', 'idealized'], gamma: Infinity, generations: 1 }, deps({ store }));
    r.on((e) => events.push(e));
    const w0 = await weights(r, 'baseline');
    for (const a of ['self-consuming', 'self-correcting', 'idealized'] as ArmName[]) expect(await weights(r, a)).toEqual(w0);
    const g0 = r.history[0];
    expect(g0.arms['idealized']?.metrics).toEqual(g0.arms.baseline?.metrics);
    expect(g0.arms.baseline?.drift).toBe(0);
    await r.run();
    expect(r.done).toBe(true);
    expect(events).toHaveLength(1);
    const rec = events[0].record;
    expect(rec.generation).toBe(1);
    expect(rec.arms.baseline).toMatchObject({ synthetic: 0, trainSynthetic: 0, corrected: 0 });
    expect(events[0].samples.baseline?.before).toHaveLength(0);
    for (const a of ['self-consuming', 'self-correcting', 'idealized'] as ArmName[]) {
      expect(rec.arms[a]?.synthetic).toBe(6);
      expect(rec.arms[a]?.trainSynthetic).toBe(6);
      expect(rec.arms[a]?.drift).toBeGreaterThan(0);
      expect(events[0].samples[a]?.before).toHaveLength(2);
      expect(events[0].samples[a]?.after).toHaveLength(2);
      for (const k of ['sampleMs', 'correctMs', 'trainMs', 'evalMs', 'totalMs'] as const) expect(rec.arms[a]?.timings[k]).toBeGreaterThanOrEqual(0);
    }
    expect(rec.arms['self-consuming']?.corrected).toBe(0);
    expect(rec.arms['self-correcting']?.corrected).toBe(6); // γ = ∞
    expect(rec.arms.idealized?.corrected).toBe(6);
    // after = corrected version (lifted 1 cm), before = as sampled, same caption
    const s = events[0].samples['self-correcting'];
    expect(s?.after[0].rootPos[1]).toBeCloseTo((s?.before[0].rootPos[1] ?? 0) + 0.01, 5);
    expect(s?.after[0].caption).toBe(s?.before[0].caption);
    // the conditioning captions are real captions
    for (const c of s?.before ?? []) expect(REAL.map((x) => x.caption)).toContain(c.caption);
    // the viewer samples are in the store
    const stored = await loadSamples(store, 1, 'self-correcting');
    expect(stored?.after[0].rootPos).toEqual(s?.after[0].rootPos);
    await r.close();
  });

  it('with γ = 0 the self-correcting arm equals the self-consuming arm (weights and metrics); the corrector is not called', async () => {
    correctorCalls = 0;
    const r = await LoopRunner.start({ ...BASE, gamma: 0, arms: ['self-consuming', 'self-correcting'] }, deps());
    await r.run();
    expect(await weights(r, 'self-correcting')).toEqual(await weights(r, 'self-consuming'));
    for (const rec of r.history) expect(rec.arms['self-correcting']?.metrics).toEqual(rec.arms['self-consuming']?.metrics);
    expect(correctorCalls).toBe(0);
    // and with γ > 0 they differ
    const q = await LoopRunner.start({ ...BASE, gamma: Infinity, arms: ['self-consuming', 'self-correcting'], generations: 1 }, deps());
    await q.run();
    expect(await weights(q, 'self-correcting')).not.toEqual(await weights(q, 'self-consuming'));
    await Promise.all([r.close(), q.close()]);
  });

  it('the baseline uses no synthetic data: its weights do not depend on λ', async () => {
    const a = await LoopRunner.start({ ...BASE, lambda: 0.25, arms: ['baseline', 'self-consuming'], generations: 1 }, deps());
    const b = await LoopRunner.start({ ...BASE, lambda: 1, arms: ['baseline', 'self-consuming'], generations: 1 }, deps());
    await a.run();
    await b.run();
    expect(await weights(a, 'baseline')).toEqual(await weights(b, 'baseline'));
    expect(await weights(a, 'self-consuming')).not.toEqual(await weights(b, 'self-consuming'));
    await Promise.all([a.close(), b.close()]);
  });

  it('λ and γ changes take effect at the next generation and are recorded; pause, step and run', async () => {
    const groups: Clip[][][] = [];
    const spy: EvaluateFn = (clips, arm, g, mm) => {
      if (mm) groups.push(mm);
      return evaluate(clips, arm, g);
    };
    const r = await LoopRunner.start({ ...BASE, generations: 3, arms: ['self-correcting'], multimodalityTexts: 2, multimodalityRepeats: 3 }, { ...deps(), evaluate: spy });
    // multimodality groups: 2 reference captions × 3 samples each
    expect(groups).toHaveLength(1);
    expect(groups[0].map((g) => g.map((c) => c.caption))).toEqual([0, 1].map((i) => [REF[i].caption, REF[i].caption, REF[i].caption]));
    let seen = 0;
    const tensors: number[] = [tf.memory().numTensors];
    r.on(() => {
      tensors.push(tf.memory().numTensors);
      seen++;
      r.pause(); // pause after the first generation of run()
    });
    await r.run();
    expect(r.generation).toBe(1);
    expect(r.running).toBe(false);
    await r.setLambda(1);
    await r.setGamma(Infinity);
    expect(r.history[1]).toMatchObject({ lambda: 0.5, gamma: 1, changes: [] });
    expect(await r.step()).not.toBeNull();
    expect(r.generation).toBe(2);
    const h2 = r.history[2];
    expect(h2).toMatchObject({ lambda: 1, gamma: Infinity });
    expect(h2.changes).toEqual([{ field: 'lambda', from: 0.5, to: 1 }, { field: 'gamma', from: 1, to: Infinity }]);
    expect(h2.arms['self-correcting']?.synthetic).toBe(12);
    expect(h2.arms['self-correcting']?.corrected).toBe(12);
    expect(r.history[1].arms['self-correcting']?.synthetic).toBe(6);
    await expect(r.setLambda(-2)).rejects.toThrow(/lambda/);
    r.on(() => undefined);
    await r.run();
    expect(r.generation).toBe(3);
    expect(r.history[3].changes).toEqual([]);
    expect(await r.step()).toBeNull();
    expect(seen).toBe(3);
    expect(new Set(tensors).size).toBe(1); // no tensor leaks from generation to generation
    await r.close();
  });

  it('a run resumed from its checkpoint (after a crash, even one mid-write) equals an uninterrupted run', async () => {
    const cfg: Partial<LoopConfig> = { ...BASE, generations: 2, accumulate: true, arms: ['baseline', 'self-correcting', 'idealized'], mode: 'blend' };
    const full = await LoopRunner.start(cfg, deps());
    await full.run();

    const store = new MemoryStore();
    const a = await LoopRunner.start(cfg, deps({ store }));
    await a.step();
    a.dispose(); // crash after generation 1
    // a second process resumes, then dies while writing generation 2's checkpoint
    let saves = 0;
    const flaky: RunStore = {
      save: async (k: string, v: StoreValue) => {
        if (++saves === 3) throw new Error('disk full');
        await store.save(k, v);
      },
      load: (k: string) => store.load(k),
    };
    const b = await LoopRunner.resume(deps({ store: flaky }));
    expect(b?.generation).toBe(1);
    await expect(b?.step()).rejects.toThrow(/disk full/);
    b?.dispose();
    const c = await LoopRunner.resume(deps({ store }));
    if (!c) throw new Error('no run in the store');
    expect(c.generation).toBe(1);
    await c.run();
    expect(c.generation).toBe(2);
    for (const arm of cfg.arms ?? []) expect(await weights(c, arm)).toEqual(await weights(full, arm));
    const strip = (h: typeof full.history) => h.map((g) => ({ ...g, ms: 0, arms: Object.fromEntries(Object.entries(g.arms).map(([k, v]) => [k, { ...v, timings: null }])) }));
    expect(strip(c.history)).toEqual(strip(full.history));
    expect(c.history[2].arms['self-correcting']?.trainSynthetic).toBe(12); // accumulated 2 × 6
    expect(await LoopRunner.resume(deps({ store: new MemoryStore() }))).toBeNull();
    await Promise.all([full.close(), c.close()]);
  });
});

// Pure parts of the diffusion core: cosine schedule, respacing, vocabulary/stemming, preset parameter counts.
import { describe, expect, it } from 'vitest';
import { MODEL_PRESETS, PRESET_NAMES, parameterCount, presetConfig } from '../../src/core/diffusion/presets';
import { cosineSchedule, respacedTimesteps, TRAIN_STEPS } from '../../src/core/diffusion/schedule';
import { promptBags } from '../../src/core/diffusion/textEncoder';
import { scheduledLearningRate } from '../../src/core/diffusion/trainer';
import { buildVocab, encodeText, stem, tokenize } from '../../src/core/diffusion/vocab';

describe('cosine schedule', () => {
  const s = cosineSchedule();
  it('has 1000 steps, ᾱ decreasing from ≈1 to ≈0, betas in (0, 0.999]', () => {
    expect(s.T).toBe(TRAIN_STEPS);
    expect(s.alphasCumprod[0]).toBeGreaterThan(0.999);
    expect(s.alphasCumprod[999]).toBeLessThan(1e-4);
    for (let t = 1; t < s.T; t++) expect(s.alphasCumprod[t]).toBeLessThan(s.alphasCumprod[t - 1]);
    for (const b of s.betas) {
      expect(b).toBeGreaterThan(0);
      expect(b).toBeLessThanOrEqual(0.999);
    }
  });
  it('matches the closed form ᾱ(t) = f(t+1)/f(0) away from the clipped end', () => {
    const f = (t: number): number => Math.cos(((t / 1000 + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
    for (const t of [0, 10, 250, 500, 900]) expect(s.alphasCumprod[t]).toBeCloseTo(f(t + 1) / f(0), 9);
  });
});

describe('respacing', () => {
  it('spans the whole 0…999 range with S evenly spaced, strictly increasing steps', () => {
    for (const S of [2, 10, 50, 100, 1000]) {
      const ts = respacedTimesteps(1000, S);
      expect(ts.length).toBe(S);
      expect(ts[0]).toBe(0);
      expect(ts[S - 1]).toBe(999);
      for (let i = 1; i < S; i++) expect(ts[i]).toBeGreaterThan(ts[i - 1]);
      const gap = 999 / (S - 1);
      for (let i = 1; i < S; i++) expect(Math.abs(ts[i] - ts[i - 1] - gap)).toBeLessThanOrEqual(1);
    }
  });
  it('is not a truncation: with 50 steps half of them lie in the upper half of the schedule', () => {
    const ts = respacedTimesteps(1000, 50);
    expect(ts.filter((t) => t >= 500).length).toBe(25);
  });
  it('rejects bad step counts', () => {
    expect(() => respacedTimesteps(1000, 0)).toThrow(/positive integer/);
    expect(() => respacedTimesteps(1000, 1001)).toThrow(/cannot exceed/);
    expect(respacedTimesteps(1000, 1)).toEqual([999]);
  });
});

describe('vocabulary', () => {
  const vocab = buildVocab(['a person walks forward slowly', 'someone jumps up twice', 'the person runs in place', 'a person waves with the left hand']);
  it('stems inflections onto one entry', () => {
    expect(stem('walks')).toBe(stem('walk'));
    expect(stem('walking')).toBe(stem('walk'));
    expect(stem('running')).toBe(stem('run'));
    expect(stem('waving')).toBe(stem('waves'));
    expect(stem('jumped')).toBe(stem('jump'));
    expect(vocab.words).toContain(stem('walk'));
    expect(vocab.words).not.toContain('person');
  });
  it('is sorted and independent of caption order', () => {
    const other = buildVocab(['the person runs in place', 'a person waves with the left hand', 'someone jumps up twice', 'a person walks forward slowly']);
    expect(other.words).toEqual(vocab.words);
    expect([...vocab.words].sort()).toEqual(vocab.words);
  });
  it('reports unknown words as typed and keeps known ones', () => {
    const enc = encodeText(vocab, 'A person Walking forward and doing a backflip!');
    expect(enc.unknown).toEqual(['doing', 'backflip']);
    expect(enc.ids.map((i) => vocab.words[i])).toEqual([stem('walk'), 'forward']);
    expect(tokenize("someone's walk")).toEqual(['someones', 'walk']);
  });
  it('builds mean-pooling rows; a prompt with no known word gets the null condition', () => {
    const b = promptBags(vocab, ['walk forward', 'moonwalk', '']);
    const V = vocab.words.length;
    const row0 = Array.from(b.bags.subarray(0, V));
    expect(row0.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 6);
    expect(row0[vocab.index.get(stem('walk')) as number]).toBeCloseTo(0.5, 6);
    expect(Array.from(b.hasWords)).toEqual([1, 0, 0]);
    expect(b.unknown).toEqual([[], ['moonwalk'], []]);
    expect(Array.from(b.bags.subarray(V, 3 * V)).every((x) => x === 0)).toBe(true);
  });
});

describe('presets', () => {
  it('tiny < small < base in parameters, with sane architecture', () => {
    const counts = PRESET_NAMES.map((p) => parameterCount(presetConfig(p), 60));
    expect(counts[0]).toBeLessThan(counts[1]);
    expect(counts[1]).toBeLessThan(counts[2]);
    for (const p of PRESET_NAMES) expect(MODEL_PRESETS[p].dModel % MODEL_PRESETS[p].nHeads).toBe(0);
  });
  it('rejects unknown presets by name', () => {
    expect(() => presetConfig('huge' as never)).toThrow(/unknown model preset "huge"/);
  });
  it('weighted pooling adds one score per vocabulary word; bad conditioning options are named', () => {
    const w = parameterCount(presetConfig('tiny', 60, 136, { textPooling: 'weighted' }), 60);
    const m = parameterCount(presetConfig('tiny', 60, 136, { textPooling: 'mean' }), 60);
    expect(w - m).toBe(60);
    expect(() => presetConfig('tiny', 60, 136, { textPooling: 'max' as never })).toThrow(/text pooling "max"/);
  });
});

describe('learning-rate schedule', () => {
  it('is constant without a schedule', () => {
    expect(scheduledLearningRate(1e-3, 500, undefined)).toBe(1e-3);
  });
  it('warms up linearly, peaks, then decays by a cosine to the final fraction', () => {
    const s = { warmup: 10, total: 110, final: 0.1 };
    expect(scheduledLearningRate(2e-3, 0, s)).toBeCloseTo(2e-4, 12);
    expect(scheduledLearningRate(2e-3, 4, s)).toBeCloseTo(1e-3, 12);
    expect(scheduledLearningRate(2e-3, 10, s)).toBeCloseTo(2e-3, 12);
    expect(scheduledLearningRate(2e-3, 60, s)).toBeCloseTo(2e-3 * 0.55, 12);
    expect(scheduledLearningRate(2e-3, 110, s)).toBeCloseTo(2e-4, 12);
    expect(scheduledLearningRate(2e-3, 1000, s)).toBeCloseTo(2e-4, 12);
    for (let k = 11; k < 110; k++) expect(scheduledLearningRate(2e-3, k, s)).toBeLessThanOrEqual(scheduledLearningRate(2e-3, k - 1, s));
  });
});

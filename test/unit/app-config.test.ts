// The lab configuration's URL form (src/app/state/labConfig.ts): every valid config round-trips through the URL
// exactly; any garbage query parses without throwing into a valid config; each bad or out-of-range value is
// reported once, naming the parameter, the bad value and what was used; unrelated URL parameters are kept.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESET_NAMES } from '../../src/core/diffusion/presets';
import { makeLoopConfig } from '../../src/core/loop/config';
import {
  clampLabConfig, CORRECTION_MODES, DATA_SIZES, DEFAULT_LAB_CONFIG, encodeLabConfig, formatIssue, isValidLabConfig,
  type LabConfig, labConfigFromLoop, mergeConfigIntoSearch, parseLabConfig, RANGES, THEORY_SEEDS, toLoopConfig, URL_PARAMS,
} from '../../src/app/state/labConfig';

const intIn = (f: keyof typeof RANGES) => fc.integer({ min: RANGES[f].min, max: RANGES[f].max });

const validConfig: fc.Arbitrary<LabConfig> = fc.record({
  n: fc.constantFrom(...DATA_SIZES),
  preset: fc.constantFrom(...PRESET_NAMES),
  lambda: fc.double({ min: 0, max: 1.5, noNaN: true }).map((v) => v + 0),
  gamma: fc.oneof(fc.constant(Infinity), fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true }).map((v) => v + 0)),
  mode: fc.constantFrom(...CORRECTION_MODES),
  accumulate: fc.boolean(),
  generations: intIn('generations'),
  steps: intIn('steps'),
  initialSteps: intIn('initialSteps'),
  evalSamples: intIn('evalSamples'),
  sampleSteps: intIn('sampleSteps'),
  seed: intIn('seed'),
  batch: intIn('batch'),
  theoryLambda: fc.double({ min: 0, max: 1.5, noNaN: true }).map((v) => v + 0),
  theoryGamma: fc.oneof(fc.constant(Infinity), fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true }).map((v) => v + 0)),
  theoryN: intIn('theoryN'),
  theorySeeds: fc.constantFrom(...THEORY_SEEDS),
  theoryAccumulate: fc.boolean(),
  theoryRho: fc.double({ min: 0, max: 2, noNaN: true }).map((v) => v + 0),
  theoryC: fc.double({ min: 0, max: 1, noNaN: true }).map((v) => v + 0),
  theoryStabilityC: fc.double({ min: 0.1, max: 3, noNaN: true }).map((v) => v + 0),
  theoryScatterGeneration: intIn('theoryScatterGeneration'),
});

describe('lab config URL round trip', () => {
  it('the defaults are valid and make a valid LoopConfig', () => {
    expect(isValidLabConfig(DEFAULT_LAB_CONFIG)).toBe(true);
    expect(() => makeLoopConfig(toLoopConfig(DEFAULT_LAB_CONFIG))).not.toThrow();
  });

  it('every valid config survives encode → parse exactly, with no issues', () => {
    fc.assert(fc.property(validConfig, (c) => {
      expect(isValidLabConfig(c)).toBe(true);
      const { config, issues } = parseLabConfig(encodeLabConfig(c));
      expect(issues).toEqual([]);
      expect(config).toEqual(c);
      // And the loop engine accepts it.
      expect(() => makeLoopConfig(toLoopConfig(config))).not.toThrow();
    }), { numRuns: 300 });
  });

  it('a loop run\'s settings map back onto the controls: lab → loop → lab is the identity; the run\'s next λ/γ win', () => {
    fc.assert(fc.property(validConfig, (c) => {
      const loop = makeLoopConfig(toLoopConfig(c));
      // (the theory lab's fields are not a run's: they come from the base config)
      expect(labConfigFromLoop(loop, undefined, c)).toEqual(c);
      expect(labConfigFromLoop(loop, { lambda: 0.25, gamma: 3 }, c)).toEqual({ ...c, lambda: 0.25, gamma: 3 });
    }), { numRuns: 200 });
    // out-of-range settings of a run made elsewhere (e.g. the CLI) are clamped onto the controls' ranges
    const wide = makeLoopConfig({ ...toLoopConfig(DEFAULT_LAB_CONFIG), n: 100 });
    expect(labConfigFromLoop(wide).n).toBe(128);
  });

  it('writes γ = ∞ as "inf" and accumulate as 0/1, with the documented parameter names', () => {
    const q = encodeLabConfig({ ...DEFAULT_LAB_CONFIG, accumulate: true });
    expect(q).toBe('n=64&preset=tiny&lambda=0.5&gamma=inf&mode=mixture&acc=1&gens=20&steps=100&init=600&evals=32&ss=20&seed=0&batch=32' +
      '&tlambda=0.5&tgamma=1&tn=50&tseeds=5&tacc=1&trho=1&tc=0.02&tstab=1&tgen=500');
    expect(Object.values(URL_PARAMS).sort()).toEqual([
      'acc', 'batch', 'evals', 'gamma', 'gens', 'init', 'lambda', 'mode', 'n', 'preset', 'seed', 'ss', 'steps',
      'tacc', 'tc', 'tgamma', 'tgen', 'tlambda', 'tn', 'trho', 'tseeds', 'tstab',
    ]);
  });

  it('parses the example link and keeps defaults for absent parameters', () => {
    const { config, issues } = parseLabConfig('?preset=tiny&gens=2&steps=5&init=20&evals=4&ss=4');
    expect(issues).toEqual([]);
    expect(config).toEqual({ ...DEFAULT_LAB_CONFIG, generations: 2, steps: 5, initialSteps: 20, evalSamples: 4, sampleSteps: 4 });
    expect(parseLabConfig('gamma=Infinity').config.gamma).toBe(Infinity);
    expect(parseLabConfig('gamma=%E2%88%9E').config.gamma).toBe(Infinity);
    expect(parseLabConfig('acc=true&mode=BLEND').config).toMatchObject({ accumulate: true, mode: 'blend' });
  });
});

describe('lab config clamping', () => {
  it('clamps out-of-range values and names the parameter, the value and what was used', () => {
    const { config, issues } = parseLabConfig('lambda=7&gamma=-2&n=100&gens=0&seed=1.6&preset=huge&mode=x&acc=2&evals=abc');
    expect(config.lambda).toBe(1.5);
    expect(config.gamma).toBe(0);
    expect(config.n).toBe(128);
    expect(config.generations).toBe(1);
    expect(config.seed).toBe(2);
    expect(config.preset).toBe(DEFAULT_LAB_CONFIG.preset);
    expect(config.mode).toBe(DEFAULT_LAB_CONFIG.mode);
    expect(config.accumulate).toBe(DEFAULT_LAB_CONFIG.accumulate);
    expect(config.evalSamples).toBe(DEFAULT_LAB_CONFIG.evalSamples);
    expect(issues.map((i) => i.param)).toEqual(['n', 'preset', 'lambda', 'gamma', 'mode', 'acc', 'gens', 'evals', 'seed']);
    const lambda = issues.find((i) => i.param === 'lambda');
    expect(lambda).toMatchObject({ value: '7', used: '1.5' });
    expect(formatIssue(lambda!)).toBe('URL parameter "lambda" = "7" is out of range (0–1.5); used 1.5.');
    expect(formatIssue(issues.find((i) => i.param === 'seed')!)).toBe('URL parameter "seed" = "1.6" must be a whole number; used 2.');
    expect(formatIssue(issues.find((i) => i.param === 'preset')!)).toContain('"huge"');
  });

  it('infinite and empty values are reported, not accepted', () => {
    const a = parseLabConfig('steps=Infinity&lambda=');
    expect(a.config.steps).toBe(RANGES.steps.max);
    expect(a.config.lambda).toBe(DEFAULT_LAB_CONFIG.lambda);
    expect(a.issues.map((i) => i.param).sort()).toEqual(['lambda', 'steps']);
    expect(parseLabConfig('gens=12abc').issues[0]).toMatchObject({ param: 'gens', value: '12abc', used: '20' });
  });

  it('garbage never throws and always yields a valid config, one issue at most per parameter', () => {
    const names = [...Object.values(URL_PARAMS), 'x', 'run'];
    const value = fc.oneof(fc.string(), fc.double().map(String), fc.integer().map(String), fc.constantFrom('inf', '-inf', 'NaN', '1e400', '', ' 3 '));
    const query = fc.oneof(
      fc.string(),
      fc.array(fc.tuple(fc.constantFrom(...names), value)).map((kv) => new URLSearchParams(kv).toString()),
    );
    fc.assert(fc.property(query, (q) => {
      const { config, issues } = parseLabConfig(q);
      expect(isValidLabConfig(config)).toBe(true);
      expect(new Set(issues.map((i) => i.param)).size).toBe(issues.length);
      for (const i of issues) expect(formatIssue(i)).toMatch(/^URL parameter "[a-z]+" = ".*" .+; used .+\.$/s);
      // What was used re-parses cleanly.
      expect(parseLabConfig(encodeLabConfig(config)).issues).toEqual([]);
    }), { numRuns: 500 });
  });

  it('clampLabConfig makes any patch valid (the store writes through it)', () => {
    const junk = fc.record({
      n: fc.double(), lambda: fc.double(), gamma: fc.double(), generations: fc.double(), steps: fc.double(),
      initialSteps: fc.double(), evalSamples: fc.double(), sampleSteps: fc.double(), seed: fc.double(),
    }, { requiredKeys: [] });
    fc.assert(fc.property(junk, (p) => {
      expect(isValidLabConfig(clampLabConfig(p as Partial<LabConfig>))).toBe(true);
    }), { numRuns: 300 });
    expect(clampLabConfig({ lambda: 0.25 }, { ...DEFAULT_LAB_CONFIG, seed: 9 })).toEqual({ ...DEFAULT_LAB_CONFIG, seed: 9, lambda: 0.25 });
  });

  it('merging into a search keeps other parameters and replaces the config ones', () => {
    const s = mergeConfigIntoSearch('?run=abc&lambda=9', { ...DEFAULT_LAB_CONFIG, lambda: 0.75 });
    const p = new URLSearchParams(s);
    expect(p.get('run')).toBe('abc');
    expect(p.get('lambda')).toBe('0.75');
    expect(p.getAll('lambda').length).toBe(1);
    expect(parseLabConfig(s).config.lambda).toBe(0.75);
  });
});

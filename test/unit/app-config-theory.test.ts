// The lab configuration's newer URL fields (src/app/state/labConfig.ts): the theory lab's settings (tlambda,
// tgamma, tn, tseeds, tacc, trho, tc, tstab, tgen) and the training batch (batch). Each parses, clamps an
// out-of-range or bad value with an issue naming the parameter, the value and what was used (the notice text),
// and serialises back to the same query.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeLoopConfig } from '../../src/core/loop/config';
import {
  clampLabConfig, DEFAULT_LAB_CONFIG, encodeLabConfig, formatIssue, isValidLabConfig, type LabConfig,
  labConfigFromLoop, parseLabConfig, RANGES, THEORY_GENERATIONS, THEORY_SEEDS, toLoopConfig,
} from '../../src/app/state/labConfig';

/** Parse → the issues' notice texts by parameter. */
function notices(query: string): Record<string, string> {
  return Object.fromEntries(parseLabConfig(query).issues.map((i) => [i.param, formatIssue(i)]));
}

describe('theory lab settings in the URL', () => {
  it('parses every theory parameter and writes it back the same', () => {
    const q = 'tlambda=1.2&tgamma=0.1&tn=80&tseeds=10&tacc=0&trho=0.9&tc=0.05&tstab=2.5&tgen=42';
    const { config, issues } = parseLabConfig(q);
    expect(issues).toEqual([]);
    expect(config).toEqual({
      ...DEFAULT_LAB_CONFIG, theoryLambda: 1.2, theoryGamma: 0.1, theoryN: 80, theorySeeds: 10, theoryAccumulate: false,
      theoryRho: 0.9, theoryC: 0.05, theoryStabilityC: 2.5, theoryScatterGeneration: 42,
    });
    const back = new URLSearchParams(encodeLabConfig(config));
    for (const [k, v] of new URLSearchParams(q)) expect(back.get(k)).toBe(v);
    expect(parseLabConfig(encodeLabConfig(config))).toEqual({ config, issues: [] });
    // γ as the loop's: inf (or ∞) for every sample corrected, any number ≥ 0 kept as given.
    expect(parseLabConfig('tgamma=inf').config.theoryGamma).toBe(Infinity);
    expect(parseLabConfig('tgamma=%E2%88%9E').config.theoryGamma).toBe(Infinity);
    expect(new URLSearchParams(encodeLabConfig({ ...DEFAULT_LAB_CONFIG, theoryGamma: Infinity })).get('tgamma')).toBe('inf');
    expect(parseLabConfig('tgamma=0.123').config.theoryGamma).toBe(0.123);
    expect(parseLabConfig('tacc=true').config.theoryAccumulate).toBe(true);
  });

  it('defaults are the paper\'s toy protocol and absent parameters keep them', () => {
    const { config } = parseLabConfig('lambda=1');
    expect(config).toMatchObject({
      theoryLambda: 0.5, theoryGamma: 1, theoryN: 50, theorySeeds: 5, theoryAccumulate: true,
      theoryRho: 1, theoryC: 0.02, theoryStabilityC: 1, theoryScatterGeneration: THEORY_GENERATIONS,
    });
  });

  it('clamps out-of-range values with a notice naming the parameter, the value and what was used', () => {
    const q = 'tlambda=7&tgamma=-1&tn=3&tseeds=7&tacc=2&trho=9&tc=-0.5&tstab=0&tgen=900';
    const { config, issues } = parseLabConfig(q);
    expect(config).toMatchObject({
      theoryLambda: 1.5, theoryGamma: 0, theoryN: 5, theorySeeds: 5, theoryAccumulate: true,
      theoryRho: 2, theoryC: 0, theoryStabilityC: 0.1, theoryScatterGeneration: 500,
    });
    expect(isValidLabConfig(config)).toBe(true);
    expect(issues.map((i) => i.param)).toEqual(['tlambda', 'tgamma', 'tn', 'tseeds', 'tacc', 'trho', 'tc', 'tstab', 'tgen']);
    const n = notices(q);
    expect(n.tlambda).toBe('URL parameter "tlambda" = "7" is out of range (0–1.5); used 1.5.');
    expect(n.tgamma).toBe('URL parameter "tgamma" = "-1" is below 0; used 0.');
    expect(n.tn).toBe('URL parameter "tn" = "3" is out of range (5–200, whole numbers); used 5.');
    expect(n.tseeds).toBe('URL parameter "tseeds" = "7" is not one of 1, 3, 5, 10, 20; used 5.');
    expect(n.tacc).toBe('URL parameter "tacc" = "2" must be 0 (replace) or 1 (accumulate); used 1.');
    expect(n.trho).toBe('URL parameter "trho" = "9" is out of range (0–2); used 2.');
    expect(n.tstab).toBe('URL parameter "tstab" = "0" is out of range (0.1–3); used 0.1.');
    expect(n.tgen).toBe('URL parameter "tgen" = "900" is out of range (1–500, whole numbers); used 500.');
    // What was used is what the address bar is rewritten to, and it parses cleanly.
    const used = new URLSearchParams(encodeLabConfig(config));
    expect(used.get('tlambda')).toBe('1.5');
    expect(used.get('tseeds')).toBe('5');
    expect(parseLabConfig(encodeLabConfig(config)).issues).toEqual([]);
  });

  it('a non-number keeps the base value, fractions of whole-number fields are rounded, both with a notice', () => {
    const base: LabConfig = { ...DEFAULT_LAB_CONFIG, theoryN: 80, theorySeeds: 20 };
    const { config, issues } = parseLabConfig('tn=lots&tseeds=&tgamma=x&tgen=10.4&tc=0.5', base);
    expect(config).toMatchObject({ theoryN: 80, theorySeeds: 20, theoryGamma: 1, theoryScatterGeneration: 10, theoryC: 0.5 });
    expect(issues.map((i) => [i.param, i.used])).toEqual([['tgamma', '1'], ['tn', '80'], ['tseeds', '20'], ['tgen', '10']]);
    expect(formatIssue(issues[3])).toBe('URL parameter "tgen" = "10.4" must be a whole number; used 10.');
    // Seed counts snap to the nearest the select offers.
    expect(parseLabConfig('tseeds=2').config.theorySeeds).toBe(1);
    expect(parseLabConfig('tseeds=16').config.theorySeeds).toBe(20);
  });

  it('clampLabConfig makes any theory patch valid (the theory slice writes through it)', () => {
    const junk = fc.record({
      theoryLambda: fc.double(), theoryGamma: fc.double(), theoryN: fc.double(), theorySeeds: fc.double(),
      theoryRho: fc.double(), theoryC: fc.double(), theoryStabilityC: fc.double(), theoryScatterGeneration: fc.double(),
      batch: fc.double(),
    }, { requiredKeys: [] });
    fc.assert(fc.property(junk, (p) => {
      expect(isValidLabConfig(clampLabConfig(p as Partial<LabConfig>))).toBe(true);
    }), { numRuns: 300 });
    expect(clampLabConfig({ theorySeeds: 4 as LabConfig['theorySeeds'] }).theorySeeds).toBe(THEORY_SEEDS[1]);
  });
});

describe('training batch in the URL', () => {
  it('round-trips, defaults to the loop engine\'s batch, and becomes the run\'s batchSize', () => {
    expect(DEFAULT_LAB_CONFIG.batch).toBe(32);
    const { config, issues } = parseLabConfig('?preset=tiny&batch=4');
    expect(issues).toEqual([]);
    expect(config.batch).toBe(4);
    expect(new URLSearchParams(encodeLabConfig(config)).get('batch')).toBe('4');
    expect(toLoopConfig(config).batchSize).toBe(4);
    expect(makeLoopConfig(toLoopConfig(config)).batchSize).toBe(4);
    // A run's batch shows in the config when the run is opened.
    expect(labConfigFromLoop(makeLoopConfig({ ...toLoopConfig(DEFAULT_LAB_CONFIG), batchSize: 8 })).batch).toBe(8);
  });

  it('clamps bad values to 1–4096 whole numbers with a notice', () => {
    expect(RANGES.batch).toEqual({ min: 1, max: 4096, integer: true });
    const n = (q: string) => notices(q).batch;
    expect(parseLabConfig('batch=0').config.batch).toBe(1);
    expect(n('batch=0')).toBe('URL parameter "batch" = "0" is out of range (1–4096, whole numbers); used 1.');
    expect(parseLabConfig('batch=99999').config.batch).toBe(4096);
    expect(parseLabConfig('batch=2.5').config.batch).toBe(3);
    expect(n('batch=2.5')).toBe('URL parameter "batch" = "2.5" must be a whole number; used 3.');
    expect(parseLabConfig('batch=big').config.batch).toBe(32);
    expect(n('batch=big')).toBe('URL parameter "batch" = "big" is not a number (allowed: 1–4096, whole numbers); used 32.');
  });
});

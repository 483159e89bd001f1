// The theory lab as a slice of the one app store (src/app/state/theorySlice.ts): its settings are the config's
// theory fields, so a slider move is a config change (and so a URL change), a URL's values reach the lab, and a
// config change made elsewhere (replaceConfig) recomputes the curves the lab shows.

import { describe, expect, it } from 'vitest';
import { encodeLabConfig, parseLabConfig } from '../../src/app/state/labConfig';
import { DEFAULT_SETTINGS, selectGammaPos, selectSettings, theorySettingsOf } from '../../src/app/state/theorySlice';
import { useAppStore } from '../../src/app/store';
import { gammaFromPos, posFromGamma } from '../../src/app/theory/gammaScale';

const st = () => useAppStore.getState();

describe('theory slice and the lab configuration', () => {
  it('a URL\'s theory values reach the lab before it computes, without computing', () => {
    const { config } = parseLabConfig('tlambda=0.25&tgamma=0.3&tn=40&tseeds=1&tacc=0&tgen=60');
    st().replaceConfig(config);
    expect(st().theory.curves).toBeNull();
    expect(selectSettings(st())).toEqual({
      ...DEFAULT_SETTINGS, lambda: 0.25, gamma: 0.3, n: 40, seeds: 1, accumulate: false, scatterGeneration: 60,
    });
    expect(selectGammaPos(st())).toBe(posFromGamma(0.3));
    st().initTheory();
    expect(st().theory.scatter?.capture.real.length).toBe(80);
    expect(st().theory.scatter?.capture.generation).toBe(60);
  });

  it('every setter writes the config (so the URL), clamped', () => {
    st().setTheoryLambda(1.2);
    st().setTheoryGammaPos(posFromGamma(2));
    st().setTheoryN(500);
    st().setTheorySeeds(3);
    st().setTheoryAccumulate(true);
    st().setTheoryRho(0.5);
    st().setTheoryC(0.1);
    st().setTheoryStabilityC(9);
    st().setTheoryScatterGeneration(12);
    const c = st().config;
    expect(c).toMatchObject({
      theoryLambda: 1.2, theoryGamma: 2, theoryN: 200, theorySeeds: 3, theoryAccumulate: true,
      theoryRho: 0.5, theoryC: 0.1, theoryStabilityC: 3, theoryScatterGeneration: 12,
    });
    expect(selectSettings(st())).toEqual(theorySettingsOf(c));
    const q = new URLSearchParams(encodeLabConfig(c));
    expect([q.get('tlambda'), q.get('tgamma'), q.get('tn'), q.get('tseeds'), q.get('tstab'), q.get('tgen')])
      .toEqual(['1.2', '2', '200', '3', '3', '12']);
    // The URL written reproduces the lab.
    expect(theorySettingsOf(parseLabConfig(q).config)).toEqual(selectSettings(st()));
  });

  it('the γ slider\'s stop is its position; bad input keeps the setting', () => {
    st().setTheoryGammaPos(40);
    expect(st().theory.gammaPos).toBe(40);
    expect(st().config.theoryGamma).toBe(gammaFromPos(40));
    st().setTheoryGammaPos(Number.NaN);
    expect(st().theory.gammaPos).toBe(40);
    st().setTheoryLambda(Number.NaN);
    expect(st().config.theoryLambda).toBe(1.2);
  });

  it('a loop-only config change leaves the lab alone; a theory change from elsewhere recomputes it', () => {
    const before = st().theory;
    st().setConfig({ lambda: 1, generations: 3 });
    expect(st().theory).toBe(before);
    st().replaceConfig({ ...st().config, theoryN: 30 });
    const after = st().theory;
    expect(after.settings.n).toBe(30);
    expect(after.curves).not.toBe(before.curves);
    expect(after.scatter?.capture.real.length).toBe(60);
    expect(after.timings.length).toBe(before.timings.length + 1);
    // Only the scatter's generation: the scatter is redrawn, the curves kept.
    st().replaceConfig({ ...st().config, theoryScatterGeneration: 20 });
    expect(st().theory.curves).toBe(after.curves);
    expect(st().theory.scatter?.capture.generation).toBe(20);
  });
});

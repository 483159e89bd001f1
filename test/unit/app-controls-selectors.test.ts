// The controls panel subscribes to the loop's settings only (src/app/controls/selectors.ts, through useShallow):
// the picked object stays shallow-equal while only the theory lab's settings (config fields too) or the URL-only
// batch change, so a theory-lab slider does not re-render the panel; a loop setting's change does. The λ label's
// synthetic-clip count is ⌊λ·n⌋ of the real clips a run has: imported clips count.

import { describe, expect, it } from 'vitest';
import { shallow } from 'zustand/shallow';
import { LOOP_CONTROL_FIELDS, selectLoopControls, selectSyntheticPerGeneration } from '../../src/app/controls/selectors';
import { generateDataset } from '../../src/core/motion/dataset/index';
import { DEFAULT_LAB_CONFIG, type LabConfig } from '../../src/app/state/labConfig';
import { useAppStore } from '../../src/app/store';
import { posFromGamma } from '../../src/app/theory/gammaScale';

const st = () => useAppStore.getState();

describe('controls panel selector', () => {
  it('picks exactly the loop fields the panel shows, with the config\'s values', () => {
    st().replaceConfig({ ...DEFAULT_LAB_CONFIG, lambda: 0.75, gamma: 0.1, n: 128, seed: 7 });
    const picked = selectLoopControls(st());
    expect(Object.keys(picked).sort()).toEqual([...LOOP_CONTROL_FIELDS].sort());
    for (const k of LOOP_CONTROL_FIELDS) expect(picked[k]).toBe(st().config[k]);
    // Every config field is either shown by the panel, a theory-lab setting, or batch (no control).
    const rest = (Object.keys(DEFAULT_LAB_CONFIG) as (keyof LabConfig)[])
      .filter((k) => !(LOOP_CONTROL_FIELDS as readonly string[]).includes(k));
    expect(rest.every((k) => k === 'batch' || k.startsWith('theory'))).toBe(true);
  });

  it('stays shallow-equal while only theory settings (or batch) change', () => {
    st().replaceConfig(DEFAULT_LAB_CONFIG);
    const before = selectLoopControls(st());
    const configBefore = st().config;
    st().setTheoryLambda(1.1);
    st().setTheoryGammaPos(posFromGamma(0.3));
    st().setTheoryN(120);
    st().setTheorySeeds(3);
    st().setTheoryAccumulate(false);
    st().setTheoryRho(0.8);
    st().setTheoryC(0.05);
    st().setTheoryStabilityC(2);
    st().setTheoryScatterGeneration(40);
    st().setConfig({ batch: 8 });
    // The whole config changed (a whole-config subscriber would re-render) …
    expect(st().config).not.toBe(configBefore);
    expect(shallow(st().config, configBefore)).toBe(false);
    // … the panel's pick did not.
    expect(shallow(selectLoopControls(st()), before)).toBe(true);
  });

  it('changes when a setting the panel shows changes', () => {
    st().replaceConfig(DEFAULT_LAB_CONFIG);
    for (const [k, v] of [
      ['lambda', 1], ['gamma', 0.5], ['n', 256], ['preset', 'small'], ['mode', 'blend'], ['accumulate', true],
      ['generations', 3], ['steps', 7], ['initialSteps', 9], ['evalSamples', 4], ['sampleSteps', 5], ['seed', 11],
    ] as const) {
      const before = selectLoopControls(st());
      st().setConfig({ [k]: v } as Partial<LabConfig>);
      const after = selectLoopControls(st());
      expect(after[k], k).toBe(v);
      expect(shallow(after, before), k).toBe(false);
    }
  });

  it('counts ⌊λ·n⌋ synthetic clips of the real set a run has: imported clips count, an open run counts its own n', () => {
    st().replaceConfig({ ...DEFAULT_LAB_CONFIG, lambda: 0.5, n: 64 });
    expect(selectSyntheticPerGeneration(st())).toBe(32);
    st().addImported(generateDataset({ n: 6, seed: 2 }), false);
    expect(st().imported).toHaveLength(6);
    expect(selectSyntheticPerGeneration(st())).toBe(35); // ⌊0.5 · 70⌋
    st().setRun({ id: 'r1', realClips: 67 });
    expect(selectSyntheticPerGeneration(st())).toBe(33); // the open run's ⌊0.5 · 67⌋
    st().setRun({ id: null, realClips: null });
  });
});

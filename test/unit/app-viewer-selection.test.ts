// The before/after viewer's pure parts: which generations and arms have samples, clamping a selection to what
// exists, the before/after pair at a selection, the correction note, the figures built for each view, and foot
// contact marking.

import { describe, expect, it } from 'vitest';
import type { ArmName } from '../../src/core/loop/config';
import type { ArmSamples } from '../../src/core/loop/types';
import { emptyClip, type Clip } from '../../src/core/motion/clip';
import { jointPositions } from '../../src/core/motion/fk';
import { J, STANDING_PELVIS_HEIGHT } from '../../src/core/motion/skeleton';
import {
  armsWithModel, armsWithSamples, clampView, correctionNote, generationsWithSamples, pairAt, type SamplesByGeneration,
} from '../../src/app/viewer/selection';
import { CONTACT_JOINTS, footContactFlags, supportedFraction } from '../../src/app/viewer/contacts';
import { buildFigures, FIGURE_SPACING } from '../../src/app/viewer/figures';
import type { SimulatedRagdoll } from '../../src/app/viewer/ragdollSimulation';

function clip(id: string): Clip {
  const c = emptyClip(4);
  c.id = id;
  return c;
}

function arm(prefix: string, n: number, corrected: boolean[]): ArmSamples {
  return {
    before: Array.from({ length: n }, (_, i) => clip(`${prefix}-before-${i}`)),
    after: Array.from({ length: n }, (_, i) => clip(`${prefix}-after-${i}`)),
    corrected,
  };
}

// Generation 0 has no samples (one shared model), the baseline never has any; generation 2 lacks self-correcting.
const samples: SamplesByGeneration = {
  0: {},
  1: {
    baseline: { before: [], after: [], corrected: [] },
    'self-consuming': arm('g1-sc', 2, [false, false]),
    'self-correcting': arm('g1-corr', 3, [true, false, true]),
  },
  2: { 'self-consuming': arm('g2-sc', 1, [false]) },
};

describe('generations and arms with samples', () => {
  it('lists only generations and arms that have before/after pairs, in order', () => {
    expect(generationsWithSamples(samples)).toEqual([1, 2]);
    expect(armsWithSamples(samples, 1)).toEqual<ArmName[]>(['self-consuming', 'self-correcting']);
    expect(armsWithSamples(samples, 0)).toEqual([]);
    expect(armsWithSamples(samples, 7)).toEqual([]);
    expect(generationsWithSamples({})).toEqual([]);
  });
});

describe('selection clamping', () => {
  it('keeps a valid selection as it is', () => {
    expect(clampView({ generation: 1, arm: 'self-consuming', sample: 1 }, samples)).toEqual({ generation: 1, arm: 'self-consuming', sample: 1 });
  });

  it('null generation means the latest with samples', () => {
    expect(clampView({ generation: null, arm: 'self-consuming', sample: 0 }, samples)?.generation).toBe(2);
  });

  it('a generation without samples falls back to the latest; a missing arm to the preferred one that exists', () => {
    expect(clampView({ generation: 0, arm: 'self-correcting', sample: 0 }, samples)).toEqual({ generation: 2, arm: 'self-consuming', sample: 0 });
    expect(clampView({ generation: 1, arm: 'baseline', sample: 0 }, samples)).toEqual({ generation: 1, arm: 'self-correcting', sample: 0 });
  });

  it('clamps the sample index into range (and floors fractions, maps NaN to 0)', () => {
    expect(clampView({ generation: 1, arm: 'self-correcting', sample: 99 }, samples)?.sample).toBe(2);
    expect(clampView({ generation: 1, arm: 'self-correcting', sample: -3 }, samples)?.sample).toBe(0);
    expect(clampView({ generation: 1, arm: 'self-correcting', sample: 1.7 }, samples)?.sample).toBe(1);
    expect(clampView({ generation: 1, arm: 'self-correcting', sample: Number.NaN }, samples)?.sample).toBe(0);
  });

  it('is null when the run has no samples', () => {
    expect(clampView({ generation: 3, arm: 'self-correcting', sample: 0 }, { 0: {} })).toBeNull();
    expect(pairAt({ generation: null, arm: 'self-correcting', sample: 0 }, {})).toBeNull();
  });
});

describe('before/after pairing', () => {
  it('pairs the i-th generated clip with the i-th corrected one and its flag', () => {
    const p = pairAt({ generation: 1, arm: 'self-correcting', sample: 1 }, samples);
    expect(p?.before.id).toBe('g1-corr-before-1');
    expect(p?.after.id).toBe('g1-corr-after-1');
    expect(p?.corrected).toBe(false);
    expect(p?.count).toBe(3);
    expect(pairAt({ generation: 1, arm: 'self-correcting', sample: 2 }, samples)?.corrected).toBe(true);
  });

  it('counts only complete pairs when the lists differ in length', () => {
    const uneven: SamplesByGeneration = { 1: { 'self-correcting': { before: [clip('a'), clip('b')], after: [clip('a2')], corrected: [true, true] } } };
    const p = pairAt({ generation: 1, arm: 'self-correcting', sample: 5 }, uneven);
    expect(p?.count).toBe(1);
    expect(p?.before.id).toBe('a');
    expect(p?.after.id).toBe('a2');
  });

  it('says why a sample was or was not corrected', () => {
    expect(correctionNote('self-correcting', true)).toMatch(/corrected by the physics/);
    expect(correctionNote('self-correcting', false)).toMatch(/not corrected.*mixture/);
    expect(correctionNote('self-consuming', false)).toMatch(/not corrected/);
    expect(correctionNote('idealized', true)).toMatch(/oracle/);
  });
});

describe('figures', () => {
  const pair = pairAt({ generation: 1, arm: 'self-correcting', sample: 1 }, samples)!;
  const sim: SimulatedRagdoll = {
    clip: clip('sim'),
    report: {
      mpjpeMm: 10, resets: 0, residualForceMean: 0, residualForceMax: 0, ms: 1,
      before: { penetrate: 0, float: 0, skate: 0, physErr: 0, jitter: 0 },
      after: { penetrate: 0, float: 0, skate: 0, physErr: 0, jitter: 0 },
    },
    positions: jointPositions(clip('sim')),
    rotations: new Float64Array(4 * 22 * 4),
  };

  it('a real clip alone is one figure; with the ragdoll, two side by side', () => {
    expect(buildFigures({ kind: 'single', clip: clip('x'), ragdoll: null, overlay: false })).toHaveLength(1);
    const two = buildFigures({ kind: 'single', clip: clip('x'), ragdoll: sim, overlay: false });
    expect(two).toHaveLength(2);
    expect(two[1].ragdollRotations).toBe(sim.rotations);
    expect(two[1].offsetX! - two[0].offsetX!).toBeCloseTo(FIGURE_SPACING);
  });

  it('overlay puts the see-through input on the solid ragdoll', () => {
    const two = buildFigures({ kind: 'single', clip: clip('x'), ragdoll: sim, overlay: true });
    expect(two[0].offsetX).toBe(two[1].offsetX);
    expect(two[0].opacity).toBeLessThan(1);
    expect(two[1].opacity ?? 1).toBe(1);
  });

  it('a run pair is before and after side by side, labelled, plus the ragdoll when simulated', () => {
    const f = buildFigures({ kind: 'pair', pair, ragdoll: null, overlay: false });
    expect(f.map((x) => x.clip.id)).toEqual(['g1-corr-before-1', 'g1-corr-after-1']);
    expect(f[0].label).toMatch(/before/);
    expect(f[1].label).toBe('after · not corrected');
    expect(f[0].offsetX).not.toBe(f[1].offsetX);
    expect(buildFigures({ kind: 'pair', pair, ragdoll: sim, overlay: false })).toHaveLength(3);
  });
});

describe('foot contact marking', () => {
  const standing = (dy: number, liftLeft = 0) => {
    const c = emptyClip(3);
    for (let f = 0; f < 3; f++) c.rootPos[f * 3 + 1] = STANDING_PELVIS_HEIGHT + dy;
    const pos = jointPositions(c);
    if (liftLeft) {
      for (let f = 0; f < 3; f++) {
        for (const j of [J.left_ankle, J.left_foot]) pos[(f * 22 + j) * 3 + 1] += liftLeft;
      }
    }
    return pos;
  };

  it('marks all four foot points of a body standing on the floor, in every frame', () => {
    const flags = footContactFlags(standing(0), 3);
    expect([...flags]).toEqual(new Array(12).fill(1));
    expect(supportedFraction(flags, 3)).toBe(1);
  });

  it('marks nothing when the body floats 10 cm', () => {
    const flags = footContactFlags(standing(0.1), 3);
    expect([...flags]).toEqual(new Array(12).fill(0));
    expect(supportedFraction(flags, 3)).toBe(0);
  });

  it('marks only the right foot when the left is lifted', () => {
    const flags = footContactFlags(standing(0, 0.08), 3);
    for (let f = 0; f < 3; f++) {
      for (let k = 0; k < 4; k++) {
        const right = CONTACT_JOINTS[k] === J.right_ankle || CONTACT_JOINTS[k] === J.right_foot;
        expect(flags[f * 4 + k]).toBe(right ? 1 : 0);
      }
    }
  });
});

describe('prompt box arms', () => {
  it('offers the arms of the latest generation record, in the lab order, and nothing before a model exists', () => {
    expect(armsWithModel(['self-correcting', 'baseline', 'self-consuming'])).toEqual(['baseline', 'self-consuming', 'self-correcting']);
    expect(armsWithModel([])).toEqual([]);
  });
});

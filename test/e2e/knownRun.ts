// A run file (the app's own export format, "scsc-lab-run/1") with known metrics, for the browser tests and benchmarks
// that need a run's charts without training one: three arms whose FID is 10 + g (baseline), 10 + 2g (self-consuming)
// and 10 + g/2 (self-correcting) at generation g, the other metrics following the same slopes; λ changes from 0.4 to
// 0.5 at generation 3 and γ from ∞ to 2 at generation 5 (when the run is that long). No samples, no weights.

import { historyToJson, toJsonSafe } from '../../src/core/loop/checkpoint';
import { DEFAULT_LOOP_CONFIG, loopConfigToJson, type ArmName } from '../../src/core/loop/config';
import type { ArmRecord, GenerationRecord } from '../../src/core/loop/types';

/** The run's arms: those of the default configuration, which the file's config also names. */
export const KNOWN_ARMS: readonly ArmName[] = DEFAULT_LOOP_CONFIG.arms;

/** FID gained per generation by each arm. */
const SLOPE: Readonly<Record<string, number>> = { baseline: 1, 'self-consuming': 2, 'self-correcting': 0.5 };

function armRecord(arm: ArmName, g: number): ArmRecord {
  const s = SLOPE[arm] * g;
  const synthetic = g === 0 || arm === 'baseline' ? 0 : 32;
  return {
    arm, generation: g, synthetic, trainSynthetic: synthetic, corrected: arm === 'self-correcting' ? synthetic : 0,
    metrics: {
      fid: 10 + s, diversity: 5 + s / 10, multimodality: null, matching: 3, rPrecision: [0.2 + s / 100, 0.3, 0.4],
      accuracy: 0.5, penetrate: 1, float: 2, skate: 3, physErr: 6 + s, jitter: 0.1, n: 8,
    },
    drift: s / 2, loss: 0.25, timings: { sampleMs: 1, correctMs: 2, trainMs: 3, evalMs: 4, totalMs: 10 },
  };
}

/** The text of a run file labelled `label` with generations 0 … `generations`. */
export function knownRunText(label: string, generations: number): string {
  const history: GenerationRecord[] = [];
  for (let g = 0; g <= generations; g++) {
    history.push({
      generation: g, lambda: g < 3 ? 0.4 : 0.5, gamma: g < 5 ? Infinity : 2,
      changes: g === 3 ? [{ field: 'lambda', from: 0.4, to: 0.5 }] : g === 5 ? [{ field: 'gamma', from: Infinity, to: 2 }] : [],
      arms: Object.fromEntries(KNOWN_ARMS.map((a) => [a, armRecord(a, g)])), ms: 100,
    });
  }
  const config = { ...DEFAULT_LOOP_CONFIG, generations, lambda: 0.4 };
  return JSON.stringify({
    format: 'scsc-lab-run/1', weightsIncluded: false, label, created: '2026-12-01T10:00:00.000Z',
    config: toJsonSafe(loopConfigToJson(config)), history: historyToJson(history), samples: [],
  });
}

// `scsc bench --suite motion-io`: speed of the feature encoding (clip ↔ features, statistics) and of motion file
// I/O (BVH export/import with retargeting, the Mixamo sample, dataset JSON text). Figures only, no pass/fail.

import { readFileSync } from 'node:fs';
import type { BenchSuite } from './suite';
import { generateDataset } from '../../core/motion/dataset/index';
import { clipStart, clipToFeatures, featuresToClip, FEATURE_DIM } from '../../core/motion/features';
import { computeFeatureStats, normalizeFeatures } from '../../core/motion/featureStats';
import { exportBvh } from '../../core/motion/bvhExport';
import { importBvh } from '../../core/motion/bvhImport';
import { clipsToDatasetJson, datasetJsonToText } from '../../core/motion/datasetJson';

function time(reps: number, f: () => void): number {
  f(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) f();
  return (performance.now() - t0) / reps;
}

export const motionIoBench: BenchSuite = {
  name: 'motion-io',
  description: 'feature encode/decode and statistics, BVH export/import (retargeting), dataset JSON',
  async run({ quick, log }) {
    const clips = generateDataset({ n: quick ? 16 : 64, seed: 1 });
    const c = clips[0];
    const reps = quick ? 20 : 200;
    const feat = new Float32Array(c.nFrames * FEATURE_DIM);
    log(`features on ${clips.length} clips`);
    const encodeMs = time(reps, () => clipToFeatures(c, feat));
    const decodeMs = time(reps, () => featuresToClip(feat, c.nFrames, { start: clipStart(c) }));
    const statsMs = time(quick ? 2 : 5, () => computeFeatureStats(clips));
    const stats = computeFeatureStats(clips);
    const normMs = time(reps, () => normalizeFeatures(feat, stats, feat));
    log('BVH');
    const text = exportBvh(c);
    const exportMs = time(quick ? 5 : 50, () => exportBvh(c));
    const importMs = time(quick ? 5 : 50, () => importBvh(text, 'bench.bvh'));
    const mixamo = readFileSync('test/fixtures/mixamo-sample.bvh', 'utf8');
    const mixamoMs = time(quick ? 3 : 20, () => importBvh(mixamo, 'mixamo-sample.bvh'));
    log('dataset JSON');
    let bytes = 0;
    const jsonMs = time(quick ? 1 : 3, () => {
      bytes = datasetJsonToText(clipsToDatasetJson(clips)).length;
    });
    return {
      clipFrames: c.nFrames,
      encodeClipMs: encodeMs,
      decodeClipMs: decodeMs,
      [`featureStats${clips.length}ClipsMs`]: statsMs,
      normalizeClipMs: normMs,
      bvhExport60FramesMs: exportMs,
      bvhImport60FramesMs: importMs,
      bvhBytes60Frames: text.length,
      mixamoSampleImportMs: mixamoMs,
      [`datasetJson${clips.length}ClipsMs`]: jsonMs,
      [`datasetJson${clips.length}ClipsBytes`]: bytes,
    };
  },
};

// The clips the first page shows: the embedded procedural dataset (64 training clips, seed 1), the same "real
// data" a run starts from. Clip 0 is made at once on the main thread (a few ms) so the viewer starts playing;
// the whole set (tens to hundreds of ms) is generated in a worker so the page never stalls.

import type { Clip } from '../core/motion/clip';
import { generateDataset } from '../core/motion/dataset/index';
import { generateDatasetInWorker } from '../worker/datasetClient';

export interface ClipSet {
  clips: Clip[];
  source: string;
}

export const EMBEDDED_N = 64;
export const EMBEDDED_SEED = 1;

export function embeddedSource(n: number, seed: number): string {
  return `Embedded procedural dataset: ${n} clips, seed ${seed}`;
}

/** The first clip of the embedded set, generated synchronously (identical to clip 0 of the full set). */
export function firstEmbeddedClip(seed = EMBEDDED_SEED): Clip {
  return generateDataset({ n: 1, seed })[0];
}

/** The embedded set, generated in a Web Worker (on the main thread where workers are unavailable). */
export async function loadEmbeddedClips(n = EMBEDDED_N, seed = EMBEDDED_SEED): Promise<ClipSet> {
  const source = embeddedSource(n, seed);
  const clips = typeof Worker === 'undefined' ? generateDataset({ n, seed }) : await generateDatasetInWorker(n, seed);
  return { clips, source };
}

// Main-thread side of the dataset worker (dataset.worker.ts): one worker per request, closed when it answers.

import type { Clip } from '../core/motion/clip';
import type { DatasetReplyMap, DatasetRequest } from './dataset.worker';
import { WorkerRpc } from './rpc';

/** generateDataset({ n, seed }) computed in a Web Worker. */
export async function generateDatasetInWorker(n: number, seed: number): Promise<Clip[]> {
  const worker = new Worker(new URL('./dataset.worker.ts', import.meta.url), { type: 'module', name: 'dataset' });
  const rpc = new WorkerRpc<DatasetRequest, DatasetReplyMap>(worker, 'dataset');
  try {
    return await rpc.request({ type: 'generate', n, seed });
  } finally {
    rpc.terminate();
  }
}

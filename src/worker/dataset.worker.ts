// Web Worker that generates the embedded dataset off the main thread and sends the clips back, their typed
// arrays transferred (not copied).

import type { Clip } from '../core/motion/clip';
import { generateDataset } from '../core/motion/dataset/index';
import { clipBuffers, rpcServer } from './rpc';

export type DatasetRequest = { type: 'generate'; n: number; seed: number };

export interface DatasetReplyMap {
  generate: Clip[];
}

const rpc = rpcServer<DatasetRequest, DatasetReplyMap>();

rpc.serve(({ n, seed }) => generateDataset({ n, seed }), clipBuffers);

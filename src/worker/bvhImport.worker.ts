// Web Worker that imports BVH files off the main thread (three's BVHLoader and the retargeting of a long capture
// take long enough to stall a frame) and sends the clips back with their typed arrays transferred.

import { importBvhFiles, type BvhFileResult, type BvhFileText } from './bvhImportFiles';
import { clipBuffers, rpcServer } from './rpc';

export type BvhImportRequest = { type: 'import'; files: BvhFileText[]; caption: string; label: string };

export interface BvhImportReplyMap {
  import: BvhFileResult[];
}

const rpc = rpcServer<BvhImportRequest, BvhImportReplyMap>();

rpc.serve(({ files, caption, label }) => importBvhFiles(files, caption, label), (results) => clipBuffers(results.flatMap((r) => (r.ok ? r.clips : []))));

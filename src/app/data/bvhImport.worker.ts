// Web Worker that imports BVH files off the main thread (three's BVHLoader and the retargeting of a long capture
// take long enough to stall a frame) and sends the clips back with their typed arrays transferred.

import { importBvhFiles, type BvhFileResult, type BvhFileText } from './importBvh';

export interface BvhImportRequest {
  id: number;
  files: BvhFileText[];
  caption: string;
  label: string;
}

export interface BvhImportReply {
  id: number;
  results: BvhFileResult[];
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<BvhImportRequest>) => {
  const { id, files, caption, label } = e.data;
  const results = importBvhFiles(files, caption, label);
  const transfer: Transferable[] = [];
  for (const r of results) {
    if (!r.ok) continue;
    for (const c of r.clips) {
      transfer.push(c.rootPos.buffer, c.rotations.buffer);
      if (c.flight) transfer.push(c.flight.buffer);
    }
  }
  const reply: BvhImportReply = { id, results };
  scope.postMessage(reply, transfer);
};

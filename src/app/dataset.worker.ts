// Web Worker that generates the embedded dataset off the main thread and sends the clips back, their typed
// arrays transferred (not copied).

import type { Clip } from '../core/motion/clip';
import { generateDataset } from '../core/motion/dataset/index';

export interface DatasetRequest {
  n: number;
  seed: number;
}

export type DatasetReply = { ok: true; clips: Clip[] } | { ok: false; error: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<DatasetRequest>) => {
  try {
    const clips = generateDataset({ n: e.data.n, seed: e.data.seed });
    const transfer: Transferable[] = [];
    for (const c of clips) {
      transfer.push(c.rootPos.buffer, c.rotations.buffer);
      if (c.flight) transfer.push(c.flight.buffer);
    }
    const reply: DatasetReply = { ok: true, clips };
    scope.postMessage(reply, transfer);
  } catch (err) {
    const reply: DatasetReply = { ok: false, error: err instanceof Error ? err.message : String(err) };
    scope.postMessage(reply);
  }
};

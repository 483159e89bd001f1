// The UI side of the diffusion (playground) worker: the shared typed request/reply client (rpcClient.ts) over
// this worker's protocol (protocol.ts): backend, progress and notice events.

import type { ReplyMap, WorkerEvent, WorkerRequest } from './protocol';
import { WorkerRpc } from './rpcClient';

export class DiffusionClient extends WorkerRpc<WorkerRequest, ReplyMap, WorkerEvent> {
  constructor(worker?: Worker) {
    super(worker ?? new Worker(new URL('./diffusion.worker.ts', import.meta.url), { type: 'module', name: 'diffusion' }), 'diffusion');
  }
}

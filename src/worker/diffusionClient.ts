// The UI side of the diffusion (playground) worker: the typed request/reply client (rpc.ts) over this worker's
// protocol (diffusionProtocol.ts): backend, progress and notice events.

import type { ReplyMap, WorkerEvent, WorkerRequest } from './diffusionProtocol';
import { WorkerRpc } from './rpc';

export class DiffusionClient extends WorkerRpc<WorkerRequest, ReplyMap, WorkerEvent> {
  constructor(worker?: Worker) {
    super(worker ?? new Worker(new URL('./diffusion.worker.ts', import.meta.url), { type: 'module', name: 'diffusion' }), 'diffusion');
  }
}

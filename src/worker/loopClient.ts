// The UI side of the loop worker: the typed request/reply client (rpc.ts) over the loop protocol
// (loopProtocol.ts): backend, progress, generation, status, notice and runs events.

import type { LoopEvent, LoopReplyMap, LoopRequest } from './loopProtocol';
import { WorkerRpc } from './rpc';

export class LoopClient extends WorkerRpc<LoopRequest, LoopReplyMap, LoopEvent> {
  constructor(worker?: Worker) {
    super(worker ?? new Worker(new URL('./loop.worker.ts', import.meta.url), { type: 'module', name: 'loop' }), 'loop');
  }
}

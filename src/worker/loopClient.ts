// The UI side of the loop worker: the shared typed request/reply client (rpcClient.ts) over the loop protocol
// (loopProtocol.ts): backend, progress, generation, status, notice and runs events.

import type { LoopEvent, LoopReplyMap, LoopRequest } from './loopProtocol';
import { WorkerRpc } from './rpcClient';

export class LoopClient extends WorkerRpc<LoopRequest, LoopReplyMap, LoopEvent> {
  constructor(worker?: Worker) {
    super(worker ?? new Worker(new URL('./loop.worker.ts', import.meta.url), { type: 'module', name: 'loop' }), 'loop');
  }
}

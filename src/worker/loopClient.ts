// The UI side of the loop worker: typed request/reply over postMessage (one promise per request id) and listeners
// for the worker's events (backend, progress, generation, status, notices, runs).

import type { FromLoopWorker, LoopEvent, LoopReplyMap, LoopRequest, ToLoopWorker } from './loopProtocol';

export class LoopClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(e: LoopEvent) => void>();

  constructor(worker?: Worker) {
    this.worker = worker ?? new Worker(new URL('./loop.worker.ts', import.meta.url), { type: 'module', name: 'loop' });
    this.worker.onmessage = (e: MessageEvent<FromLoopWorker>) => {
      const msg = e.data;
      if (msg.kind === 'event') {
        for (const l of this.listeners) l(msg.event);
        return;
      }
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(new Error(msg.error));
    };
    this.worker.onerror = (e) => {
      const err = new Error(`loop worker failed: ${e.message}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
  }

  request<T extends LoopRequest>(request: T, transfer: Transferable[] = []): Promise<LoopReplyMap[T['type']]> {
    const id = this.nextId++;
    return new Promise<LoopReplyMap[T['type']]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      const msg: ToLoopWorker = { id, request };
      this.worker.postMessage(msg, transfer);
    });
  }

  onEvent(listener: (e: LoopEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  terminate(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('loop worker terminated'));
    this.pending.clear();
  }
}

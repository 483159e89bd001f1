// The UI side of the diffusion worker: typed request/response over postMessage (one promise per request id)
// and listeners for the worker's events (backend, progress, notices).

import type { FromWorker, ReplyMap, ToWorker, WorkerEvent, WorkerRequest } from './protocol';

export class DiffusionClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(e: WorkerEvent) => void>();

  constructor(worker?: Worker) {
    this.worker = worker ?? new Worker(new URL('./diffusion.worker.ts', import.meta.url), { type: 'module', name: 'diffusion' });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
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
      const err = new Error(`diffusion worker failed: ${e.message}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
  }

  request<T extends WorkerRequest>(request: T, transfer: Transferable[] = []): Promise<ReplyMap[T['type']]> {
    const id = this.nextId++;
    return new Promise<ReplyMap[T['type']]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      const msg: ToWorker = { id, request };
      this.worker.postMessage(msg, transfer);
    });
  }

  onEvent(listener: (e: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  terminate(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('diffusion worker terminated'));
    this.pending.clear();
  }
}

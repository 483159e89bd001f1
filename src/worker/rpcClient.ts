// The UI side of any of our module Web Workers: typed request/reply over postMessage (one promise per request id,
// all rejected with a clear message if the worker fails or is terminated) and listeners for the worker's events.
// Each worker's protocol (protocol.ts, loopProtocol.ts) uses the same envelope: { id, request } in, and
// { kind: 'reply', id, ok, value | error } or { kind: 'event', event } out.

type Reply = { kind: 'reply'; id: number; ok: true; value: unknown } | { kind: 'reply'; id: number; ok: false; error: string };

export class WorkerRpc<Req extends { type: string }, Replies extends Record<Req['type'], unknown>, Ev> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(e: Ev) => void>();

  /** `name` is used in error messages ("loop worker failed: …"). */
  constructor(private readonly worker: Worker, private readonly name: string) {
    this.worker.onmessage = (e: MessageEvent<Reply | { kind: 'event'; event: Ev }>) => {
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
      const err = new Error(`${this.name} worker failed: ${e.message}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
  }

  request<T extends Req>(request: T, transfer: Transferable[] = []): Promise<Replies[T['type']]> {
    const id = this.nextId++;
    return new Promise<Replies[T['type']]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, request }, transfer);
    });
  }

  onEvent(listener: (e: Ev) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  terminate(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error(`${this.name} worker terminated`));
    this.pending.clear();
  }
}

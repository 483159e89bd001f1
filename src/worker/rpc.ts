// Typed request/reply between the UI and our module Web Workers, both ends. Every worker's protocol is a union of
// requests (each with a `type`), a map from request type to its reply, and the events the worker sends unasked.
// Envelope: { id, request } in; { kind: 'reply', id, ok, value | error } or { kind: 'event', event } out.
// UI side: WorkerRpc (one promise per request id, all rejected with a clear message if the worker fails or is
// terminated; listeners for events). Worker side: rpcServer (answers each request with its handler's value or
// error message; emits events). Typed arrays named by `transfer` move instead of being copied.

import type { Clip } from '../core/motion/clip';

export interface RpcRequestEnvelope<Req> {
  id: number;
  request: Req;
}

export type RpcReply = { kind: 'reply'; id: number; ok: true; value: unknown } | { kind: 'reply'; id: number; ok: false; error: string };
export type RpcMessage<Ev> = RpcReply | { kind: 'event'; event: Ev };

/** The UI side of a worker. */
export class WorkerRpc<Req extends { type: string }, Replies extends Record<Req['type'], unknown>, Ev = never> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(e: Ev) => void>();

  /** `name` is used in error messages ("loop worker failed: …"); `onFailure` runs after a crash failed every
   *  pending request (e.g. to start a fresh worker next time). */
  constructor(private readonly worker: Worker, private readonly name: string, onFailure?: () => void) {
    this.worker.onmessage = (e: MessageEvent<RpcMessage<Ev>>) => {
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
      const err = new Error(`${this.name} worker failed: ${e.message || 'unknown error'}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      onFailure?.();
    };
  }

  request<T extends Req>(request: T, transfer: Transferable[] = []): Promise<Replies[T['type']]> {
    const id = this.nextId++;
    return new Promise<Replies[T['type']]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      const envelope: RpcRequestEnvelope<T> = { id, request };
      this.worker.postMessage(envelope, transfer);
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

/** The worker side: `emit` sends an event; `serve` answers every request with `handle`'s value (or its error's
 *  message), moving the buffers `transferOf` names. Call only inside a dedicated worker. */
export function rpcServer<Req extends { type: string }, Replies extends Record<Req['type'], unknown>, Ev = never>(): {
  emit(event: Ev, transfer?: Transferable[]): void;
  serve(handle: (request: Req) => Promise<Replies[Req['type']]> | Replies[Req['type']], transferOf?: (value: Replies[Req['type']]) => Transferable[]): void;
} {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  const post = (msg: RpcMessage<Ev>, transfer: Transferable[] = []): void => scope.postMessage(msg, [...new Set(transfer)]);
  return {
    emit: (event, transfer) => post({ kind: 'event', event }, transfer),
    serve(handle, transferOf) {
      scope.onmessage = async (e: MessageEvent<RpcRequestEnvelope<Req>>) => {
        const { id, request } = e.data;
        let value: Replies[Req['type']];
        try {
          value = await handle(request);
        } catch (err) {
          post({ kind: 'reply', id, ok: false, error: err instanceof Error ? err.message : String(err) });
          return;
        }
        post({ kind: 'reply', id, ok: true, value }, transferOf?.(value));
      };
    },
  };
}

/** The buffers of clips' typed arrays, to transfer them. */
export function clipBuffers(clips: readonly Clip[]): Transferable[] {
  const out: Transferable[] = [];
  for (const c of clips) {
    out.push(c.rootPos.buffer, c.rotations.buffer);
    if (c.flight) out.push(c.flight.buffer);
  }
  return out;
}

// The module Web Worker that hosts diffusion training and sampling for the app: it wires worker messages to a
// DiffusionSession and serves tfjs-backend-wasm's binaries through Vite-bundled URLs.

import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { FromWorker, ToWorker, WorkerEvent } from './protocol';
import { DiffusionSession } from './session';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(msg: FromWorker): void {
  const transfer: Transferable[] = [];
  if (msg.kind === 'reply' && msg.ok) {
    const v = msg.value as { checkpoint?: ArrayBuffer; features?: Float32Array };
    if (v.checkpoint) transfer.push(v.checkpoint);
    if (v.features) transfer.push(v.features.buffer);
  }
  scope.postMessage(msg, transfer);
}

const session = new DiffusionSession((event: WorkerEvent) => post({ kind: 'event', event }), {
  wasmPaths: {
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  },
});

scope.onmessage = async (e: MessageEvent<ToWorker>) => {
  const { id, request } = e.data;
  try {
    const value = await session.handle(request);
    post({ kind: 'reply', id, ok: true, value });
  } catch (err) {
    post({ kind: 'reply', id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};

// The module Web Worker that hosts the app's self-consuming loop run: wires worker messages to a LoopHost with the
// IndexedDB run library, the evaluator fetched from `${BASE_URL}evaluator/evaluator.bin`, and tfjs-backend-wasm's
// binaries through Vite-bundled URLs.

import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { idbKeyValue } from '../app/persist/kv';
import { RunLibrary } from '../app/persist/runLibrary';
import { LoopHost } from './loopHost';
import type { FromLoopWorker, LoopEvent, ToLoopWorker } from './loopProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(msg: FromLoopWorker): void {
  scope.postMessage(msg);
}

const EVALUATOR_URL = `${import.meta.env.BASE_URL}evaluator/evaluator.bin`;

const host = new LoopHost((event: LoopEvent) => post({ kind: 'event', event }), {
  library: new RunLibrary(idbKeyValue()),
  loadEvaluator: async () => {
    const r = await fetch(EVALUATOR_URL);
    if (!r.ok) throw new Error(`${EVALUATOR_URL}: HTTP ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  },
  backendOptions: {
    wasmPaths: {
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    },
  },
});

scope.onmessage = async (e: MessageEvent<ToLoopWorker>) => {
  const { id, request } = e.data;
  try {
    const value = await host.handle(request);
    post({ kind: 'reply', id, ok: true, value });
  } catch (err) {
    post({ kind: 'reply', id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};

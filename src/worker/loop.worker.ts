// The module Web Worker that hosts the app's self-consuming loop run: serves the loop protocol (rpc.ts) from a
// LoopHost with the IndexedDB run library, the evaluator fetched from `${BASE_URL}evaluator/evaluator.bin`, and
// tfjs-backend-wasm's binaries through Vite-bundled URLs.

import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { LoopHost } from './loopHost';
import type { LoopEvent, LoopReplyMap, LoopRequest } from './loopProtocol';
import { idbKeyValue } from './persist/kv';
import { RunLibrary } from './persist/runLibrary';
import { rpcServer } from './rpc';

const EVALUATOR_URL = `${import.meta.env.BASE_URL}evaluator/evaluator.bin`;

const rpc = rpcServer<LoopRequest, LoopReplyMap, LoopEvent>();

const host = new LoopHost((event) => rpc.emit(event), {
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

rpc.serve((request) => host.handle(request));

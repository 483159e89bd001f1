// The module Web Worker that hosts diffusion training and sampling for the app's model playground: serves the
// diffusion protocol (rpc.ts) from a DiffusionSession, with tfjs-backend-wasm's binaries through Vite-bundled URLs.
// Checkpoints and sampled features are transferred, not copied.

import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { ReplyMap, WorkerEvent, WorkerRequest } from './diffusionProtocol';
import { DiffusionSession } from './diffusionSession';
import { rpcServer } from './rpc';

const rpc = rpcServer<WorkerRequest, ReplyMap, WorkerEvent>();

const session = new DiffusionSession((event) => rpc.emit(event), {
  wasmPaths: {
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  },
});

rpc.serve((request) => session.handle(request), (value) => {
  const v = value as { checkpoint?: unknown; features?: unknown };
  const transfer: Transferable[] = [];
  if (v.checkpoint instanceof ArrayBuffer) transfer.push(v.checkpoint);
  if (v.features instanceof Float32Array) transfer.push(v.features.buffer);
  return transfer;
});

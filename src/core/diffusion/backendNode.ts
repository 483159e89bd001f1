// Backend selection for Node (CLI, tests, bench): tfjs-backend-wasm with its .wasm binaries read from the
// installed package folder, falling back to the plain CPU backend.

import { createRequire } from 'node:module';
import path from 'node:path';
import { type BackendChoice, type BackendName, selectBackend } from './backend';

/** Folder (with trailing separator) holding tfjs-backend-wasm's .wasm files. */
export function nodeWasmDir(): string {
  const req = createRequire(import.meta.url);
  return path.join(path.dirname(req.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
}

/** Activate wasm (or `prefer`) in Node, falling back to cpu. Cheap to call again (backends initialise once). */
export function selectNodeBackend(prefer: BackendName = 'wasm'): Promise<BackendChoice> {
  return selectBackend({ order: prefer === 'cpu' ? ['cpu'] : [prefer, 'cpu'], wasmPaths: nodeWasmDir() });
}

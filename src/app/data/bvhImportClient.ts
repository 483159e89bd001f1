// Main-thread side of BVH import: reads the files' text, hands them to the import worker (one worker, created on
// first use and kept) and resolves with each file's result. Without module workers it imports on the main thread.

import type { BvhImportReply, BvhImportRequest } from './bvhImport.worker';
import { importBvhFiles, type BvhFileResult, type BvhFileText } from './importBvh';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (r: BvhFileResult[]) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./bvhImport.worker.ts', import.meta.url), { type: 'module', name: 'bvh-import' });
  w.onmessage = (e: MessageEvent<BvhImportReply>) => {
    const p = pending.get(e.data.id);
    pending.delete(e.data.id);
    p?.resolve(e.data.results);
  };
  w.onerror = (e) => {
    // A crashed worker fails every request in flight; the next import starts a fresh one.
    const err = new Error(`BVH import worker failed: ${e.message || 'unknown error'}`);
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    w.terminate();
    worker = null;
  };
  worker = w;
  return w;
}

/** Imports the files (File objects or name + text) under `caption` and `label`. */
export async function importBvhInWorker(files: readonly (File | BvhFileText)[], caption: string, label: string): Promise<BvhFileResult[]> {
  const texts: BvhFileText[] = await Promise.all(
    files.map(async (f): Promise<BvhFileText> => (typeof f.text === 'string' ? { name: f.name, text: f.text } : { name: f.name, text: await f.text() })),
  );
  if (typeof Worker === 'undefined') return importBvhFiles(texts, caption, label);
  const id = nextId++;
  return new Promise<BvhFileResult[]>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const request: BvhImportRequest = { id, files: texts, caption, label };
    getWorker().postMessage(request);
  });
}

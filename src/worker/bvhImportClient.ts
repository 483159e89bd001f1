// Main-thread side of BVH import: reads the files' text, hands them to the import worker (one worker, created on
// first use and kept; a fresh one after a crash) and resolves with each file's result. Without module workers it
// imports on the main thread.

import type { BvhImportReplyMap, BvhImportRequest } from './bvhImport.worker';
import { importBvhFiles, type BvhFileResult, type BvhFileText } from './bvhImportFiles';
import { WorkerRpc } from './rpc';

let client: WorkerRpc<BvhImportRequest, BvhImportReplyMap> | null = null;

function importer(): WorkerRpc<BvhImportRequest, BvhImportReplyMap> {
  if (client) return client;
  const worker = new Worker(new URL('./bvhImport.worker.ts', import.meta.url), { type: 'module', name: 'bvh-import' });
  // A crashed worker fails every request in flight; the next import starts a fresh one.
  const c = new WorkerRpc<BvhImportRequest, BvhImportReplyMap>(worker, 'BVH import', () => {
    c.terminate();
    if (client === c) client = null;
  });
  client = c;
  return c;
}

/** Imports the files (File objects or name + text) under `caption` and `label`. */
export async function importBvhInWorker(files: readonly (File | BvhFileText)[], caption: string, label: string): Promise<BvhFileResult[]> {
  const texts: BvhFileText[] = await Promise.all(
    files.map(async (f): Promise<BvhFileText> => (typeof f.text === 'string' ? { name: f.name, text: f.text } : { name: f.name, text: await f.text() })),
  );
  if (typeof Worker === 'undefined') return importBvhFiles(texts, caption, label);
  return importer().request({ type: 'import', files: texts, caption, label });
}

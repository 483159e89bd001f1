// The key → value backend under the app's run library: IndexedDB through idb-keyval (one database "scsc-lab",
// object store "runs"), usable from the page, from a Web Worker and, with fake-indexeddb, from Node tests.
// Values are structured-cloned: Uint8Array stays Uint8Array, JSON stays JSON.

import { createStore, del, delMany, get, keys, set, type UseStore } from 'idb-keyval';

export interface KeyValue {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  delMany(keys: string[]): Promise<void>;
  keys(): Promise<string[]>;
}

export const RUNS_DB = 'scsc-lab';
export const RUNS_OBJECT_STORE = 'runs';

/** An IndexedDB-backed KeyValue (needs a global indexedDB: browser, worker, or fake-indexeddb in Node). */
export function idbKeyValue(dbName = RUNS_DB, storeName = RUNS_OBJECT_STORE): KeyValue {
  if (typeof indexedDB === 'undefined') throw new Error('run library: IndexedDB is not available here, so runs cannot be saved');
  const store: UseStore = createStore(dbName, storeName);
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
    delMany: (ks) => delMany(ks, store),
    keys: async () => (await keys(store)).map(String),
  };
}

/** An in-memory KeyValue (values structured-cloned, as IndexedDB does). */
export function memoryKeyValue(): KeyValue {
  const m = new Map<string, unknown>();
  return {
    get: async (key) => (m.has(key) ? structuredClone(m.get(key)) : undefined),
    set: async (key, value) => {
      m.set(key, structuredClone(value));
    },
    del: async (key) => {
      m.delete(key);
    },
    delMany: async (ks) => {
      for (const k of ks) m.delete(k);
    },
    keys: async () => [...m.keys()],
  };
}

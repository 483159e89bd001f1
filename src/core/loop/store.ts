// Where a loop run keeps its checkpoints: an abstract key → value store (files in the CLI, IndexedDB in the app,
// memory in tests). Values are either bytes (weights, clips) or plain JSON (run state, history).

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };
export type StoreValue = Uint8Array | JsonValue;

export interface RunStore {
  /** Store `value` under `key`, replacing what was there; resolves when it is durable. */
  save(key: string, value: StoreValue): Promise<void>;
  /** The value under `key`, or undefined when there is none. */
  load(key: string): Promise<StoreValue | undefined>;
}

/** An in-memory RunStore (values copied on save and on load, as a real store would). */
export class MemoryStore implements RunStore {
  readonly data = new Map<string, StoreValue>();

  async save(key: string, value: StoreValue): Promise<void> {
    this.data.set(key, copy(value));
  }

  async load(key: string): Promise<StoreValue | undefined> {
    const v = this.data.get(key);
    return v === undefined ? undefined : copy(v);
  }
}

function copy(v: StoreValue): StoreValue {
  return v instanceof Uint8Array ? v.slice() : (JSON.parse(JSON.stringify(v)) as JsonValue);
}

export async function loadBytes(store: RunStore, key: string): Promise<Uint8Array | undefined> {
  const v = await store.load(key);
  if (v === undefined) return undefined;
  if (!(v instanceof Uint8Array)) throw new Error(`run store: "${key}" holds JSON, expected bytes`);
  return v;
}

export async function loadJson(store: RunStore, key: string): Promise<JsonValue | undefined> {
  const v = await store.load(key);
  if (v === undefined) return undefined;
  if (v instanceof Uint8Array) throw new Error(`run store: "${key}" holds bytes, expected JSON`);
  return v;
}

/** An ArrayBuffer holding exactly the bytes of `u` (for APIs that take ArrayBuffer). */
export function toArrayBuffer(u: Uint8Array): ArrayBuffer {
  return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
}

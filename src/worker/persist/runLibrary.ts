// The app's saved runs in IndexedDB (through a KeyValue, see kv.ts): each run's checkpoint keys under
// `run/<id>/<key>` (a RunStore the loop engine writes after every generation), a run index (`index`: id, created,
// label, config summary, last generation, done, running, imported) and the "active run" pointer (`active`: the run
// the page had open, and whether it was running, so a reload resumes it). Only the loop worker writes here.

import type { LoopConfig } from '../../core/loop/config';
import type { RunStore, StoreValue } from '../../core/loop/store';
import type { KeyValue } from './kv';

export interface RunIndexEntry {
  id: string;
  /** ISO date of the run's creation. */
  created: string;
  label: string;
  /** One line: preset, n, λ, γ, mode, K. */
  summary: string;
  /** Last completed generation (-1: generation 0 not finished yet). */
  generation: number;
  generations: number;
  done: boolean;
  /** Imported from a JSON file: history and samples only (no weights), so it cannot be continued. */
  imported: boolean;
  /** Metrics source the run was started with (a resumed run keeps it). */
  metrics: 'evaluator' | 'feature-space';
}

export interface ActiveRun {
  id: string;
  /** The run was running (not paused) when last seen: a reload continues it. */
  running: boolean;
}

const INDEX_KEY = 'index';
const ACTIVE_KEY = 'active';
const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

export const runPrefix = (id: string): string => `run/${id}/`;

/** γ as text (∞ for Infinity). */
export const fmtGamma = (g: number): string => (g === Infinity ? '∞' : String(g));

export function configSummary(c: LoopConfig): string {
  return `${c.preset}, n = ${c.n}, λ = ${c.lambda}, γ = ${fmtGamma(c.gamma)}, ${c.mode}${c.accumulate ? ', accumulate' : ''}, K = ${c.steps}`;
}

/** A fresh run id (time-ordered; `salt` keeps ids unique within one millisecond). */
let counter = 0;
export function newRunId(now = Date.now()): string {
  counter = (counter + 1) % 1296;
  return `r${now.toString(36)}${counter.toString(36).padStart(2, '0')}`;
}

function checkId(id: string): void {
  if (!ID_RE.test(id)) throw new Error(`run library: bad run id "${id}" (letters, digits, _ and - only)`);
}

/** A RunStore whose keys live under `run/<id>/` of a KeyValue. */
class PrefixedStore implements RunStore {
  constructor(private readonly kv: KeyValue, private readonly prefix: string) {}

  async save(key: string, value: StoreValue): Promise<void> {
    await this.kv.set(this.prefix + key, value);
  }

  async load(key: string): Promise<StoreValue | undefined> {
    const v = await this.kv.get(this.prefix + key);
    if (v === undefined) return undefined;
    if (v instanceof Uint8Array) return v;
    if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    return v as StoreValue;
  }
}

export class RunLibrary {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly kv: KeyValue) {}

  /** The checkpoint store of run `id`. */
  store(id: string): RunStore {
    checkId(id);
    return new PrefixedStore(this.kv, runPrefix(id));
  }

  /** Every saved run, newest first. */
  async list(): Promise<RunIndexEntry[]> {
    const v = await this.kv.get(INDEX_KEY);
    const list = Array.isArray(v) ? (v as RunIndexEntry[]) : [];
    return [...list].sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : a.id < b.id ? 1 : -1));
  }

  async get(id: string): Promise<RunIndexEntry | undefined> {
    return (await this.list()).find((e) => e.id === id);
  }

  /** Add or replace the index entry of `entry.id` (writes are serialised, so concurrent updates do not clobber). */
  put(entry: RunIndexEntry): Promise<void> {
    checkId(entry.id);
    return this.serial(async () => {
      const list = (await this.list()).filter((e) => e.id !== entry.id);
      await this.kv.set(INDEX_KEY, [...list, entry]);
    });
  }

  /** Merge `patch` into the entry of `id` (no-op when the run is not listed). */
  update(id: string, patch: Partial<Omit<RunIndexEntry, 'id'>>): Promise<void> {
    return this.serial(async () => {
      const list = await this.list();
      const i = list.findIndex((e) => e.id === id);
      if (i < 0) return;
      list[i] = { ...list[i], ...patch };
      await this.kv.set(INDEX_KEY, list);
    });
  }

  /** Remove run `id`: its index entry, every key under its prefix, and the active pointer if it points there. */
  delete(id: string): Promise<void> {
    checkId(id);
    return this.serial(async () => {
      const list = await this.list();
      await this.kv.set(INDEX_KEY, list.filter((e) => e.id !== id));
      const prefix = runPrefix(id);
      const ks = (await this.kv.keys()).filter((k) => k.startsWith(prefix));
      if (ks.length > 0) await this.kv.delMany(ks);
      const active = await this.getActive();
      if (active?.id === id) await this.kv.del(ACTIVE_KEY);
    });
  }

  async getActive(): Promise<ActiveRun | null> {
    const v = (await this.kv.get(ACTIVE_KEY)) as ActiveRun | undefined;
    return v && typeof v.id === 'string' && ID_RE.test(v.id) ? { id: v.id, running: Boolean(v.running) } : null;
  }

  setActive(active: ActiveRun | null): Promise<void> {
    return this.serial(() => (active ? this.kv.set(ACTIVE_KEY, { ...active }) : this.kv.del(ACTIVE_KEY)));
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.queue.then(fn);
    this.queue = p.catch(() => undefined);
    return p;
  }
}

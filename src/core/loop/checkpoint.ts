// A loop run's state in a RunStore, written after every generation so a run resumes after a reload or a crash
// with nothing lost and the same results as an uninterrupted run. No generator state needs saving: every random
// draw comes from a seed named by (run seed, generation, purpose) (seeds.ts).
//
// Keys: run.json (config, completed generation, λ/γ for the next generation, history, weight slot),
// real.clips (the n real clips), gen0.ckpt (θ_0), slot{0,1}/{arm}.ckpt (weights after the last generation) and
// slot{0,1}/{arm}.acc.clips (accumulated synthetic clips), samples/g{g}/{arm}.clips|.json (viewer samples).
// start.json and imported.clips (the settings a run was started with and its imported clips) are written before
// generation 0, so a run interrupted before its first checkpoint can start again from them.
// Generation g writes slot g mod 2 and then run.json, so a crash mid-write leaves the previous state intact.

import type { Clip } from '../motion/clip';
import { clipsFromBytes, clipsToBytes } from './clipBytes';
import { type ArmName, type LoopConfig, loopConfigFromJson, loopConfigToJson, gammaFromJson, gammaToJson } from './config';
import { type JsonValue, loadBytes, loadJson, type RunStore } from './store';
import type { ArmSamples, Gen0Source, GenerationRecord } from './types';

export const RUN_FORMAT = 'scsc-loop-run/1';
export const RUN_KEY = 'run.json';
export const REAL_KEY = 'real.clips';
export const GEN0_KEY = 'gen0.ckpt';
export const START_KEY = 'start.json';
export const IMPORTED_KEY = 'imported.clips';

export const weightsKey = (slot: number, arm: ArmName): string => `slot${slot}/${arm}.ckpt`;
export const accumulatedKey = (slot: number, arm: ArmName): string => `slot${slot}/${arm}.acc.clips`;
export const samplesKey = (g: number, arm: ArmName): string => `samples/g${g}/${arm}`;

/** A JSON copy of `v` in which ±Infinity become "inf"/"-inf" and NaN null (JSON has none of them). */
export function toJsonSafe(v: unknown): JsonValue {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return null;
    if (v === Infinity) return 'inf';
    if (v === -Infinity) return '-inf';
    return v;
  }
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map(toJsonSafe);
  if (typeof v === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) out[k] = toJsonSafe(x);
    return out;
  }
  throw new Error(`toJsonSafe: cannot store a ${typeof v}`);
}

/** Inverse of toJsonSafe for the history: "inf"/"-inf" back to ±Infinity, null loss/metric values to NaN. */
export function fromJsonSafe(v: JsonValue, nullAsNaN = false): unknown {
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (v === null) return nullAsNaN ? NaN : null;
  if (Array.isArray(v)) return v.map((x) => fromJsonSafe(x, nullAsNaN));
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = fromJsonSafe(x, nullAsNaN && k !== 'multimodality');
    return out;
  }
  return v;
}

export function historyToJson(history: readonly GenerationRecord[]): JsonValue {
  return toJsonSafe(history);
}

export function historyFromJson(j: JsonValue): GenerationRecord[] {
  if (!Array.isArray(j)) throw new Error('run state: history is not a list');
  return fromJsonSafe(j, true) as GenerationRecord[];
}

export interface RunHeader {
  config: LoopConfig;
  /** Last completed generation. */
  generation: number;
  /** Weight slot holding that generation's weights. */
  slot: number;
  /** λ and γ the next generation will use. */
  lambda: number;
  gamma: number;
  history: GenerationRecord[];
}

export async function saveRunHeader(store: RunStore, h: RunHeader): Promise<void> {
  await store.save(RUN_KEY, {
    format: RUN_FORMAT,
    config: toJsonSafe(loopConfigToJson(h.config)),
    generation: h.generation,
    slot: h.slot,
    lambda: h.lambda,
    gamma: gammaToJson(h.gamma),
    history: historyToJson(h.history),
  });
}

/** The run header in `store`, or null when it holds no run. Throws a clear error for a damaged one. */
export async function loadRunHeader(store: RunStore): Promise<RunHeader | null> {
  const j = await loadJson(store, RUN_KEY);
  if (j === undefined) return null;
  if (!j || typeof j !== 'object' || Array.isArray(j)) throw new Error(`${RUN_KEY}: not an object`);
  if (j.format !== RUN_FORMAT) throw new Error(`${RUN_KEY}: format "${String(j.format)}" is not ${RUN_FORMAT}`);
  const config = loopConfigFromJson(j.config, `${RUN_KEY}: config`);
  const generation = j.generation;
  const slot = j.slot;
  if (typeof generation !== 'number' || !Number.isInteger(generation) || generation < 0) throw new Error(`${RUN_KEY}: bad generation ${JSON.stringify(generation)}`);
  if (slot !== 0 && slot !== 1) throw new Error(`${RUN_KEY}: bad slot ${JSON.stringify(slot)}`);
  if (typeof j.lambda !== 'number') throw new Error(`${RUN_KEY}: bad lambda ${JSON.stringify(j.lambda)}`);
  const history = historyFromJson(j.history ?? null);
  if (history.length !== generation + 1) throw new Error(`${RUN_KEY}: history has ${history.length} generations, expected ${generation + 1}`);
  return { config, generation, slot, lambda: j.lambda, gamma: gammaFromJson(j.gamma, `${RUN_KEY}: gamma`), history };
}

/** Generation 0 of the run in `store` (its config, gen0.ckpt, real.clips and history[0]) for
 *  LoopRunner.startFromGen0; null when the store holds no run. */
export async function loadGen0Source(store: RunStore): Promise<Gen0Source | null> {
  const h = await loadRunHeader(store);
  if (!h) return null;
  return { config: h.config, weights: await requireBytes(store, GEN0_KEY), real: await loadClips(store, REAL_KEY), record: h.history[0] };
}

export async function requireBytes(store: RunStore, key: string): Promise<Uint8Array> {
  const b = await loadBytes(store, key);
  if (!b) throw new Error(`run store: "${key}" is missing (the checkpoint is incomplete)`);
  return b;
}

export async function saveClips(store: RunStore, key: string, clips: readonly Clip[]): Promise<void> {
  await store.save(key, clipsToBytes(clips));
}

export async function loadClips(store: RunStore, key: string): Promise<Clip[]> {
  return clipsFromBytes(await requireBytes(store, key), key);
}

export async function saveSamples(store: RunStore, g: number, arm: ArmName, s: ArmSamples): Promise<void> {
  const key = samplesKey(g, arm);
  await saveClips(store, `${key}.clips`, [...s.before, ...s.after]);
  await store.save(`${key}.json`, { count: s.before.length, corrected: s.corrected });
}

/** The viewer samples an arm stored for generation g (null when none were stored). */
export async function loadSamples(store: RunStore, g: number, arm: ArmName): Promise<ArmSamples | null> {
  const key = samplesKey(g, arm);
  const meta = await loadJson(store, `${key}.json`);
  if (meta === undefined) return null;
  const m = meta as { count: number; corrected: boolean[] };
  const clips = await loadClips(store, `${key}.clips`);
  return { before: clips.slice(0, m.count), after: clips.slice(m.count), corrected: m.corrected };
}

/** What a run was started with: written before generation 0 (saveRunStart), read when it must start again. */
export interface RunStart {
  config: LoopConfig;
  /** Clips imported into the real set (config.n counts them). */
  imported: Clip[];
}

export async function saveRunStart(store: RunStore, start: RunStart): Promise<void> {
  if (start.imported.length > 0) await saveClips(store, IMPORTED_KEY, start.imported);
  await store.save(START_KEY, { config: toJsonSafe(loopConfigToJson(start.config)), imported: start.imported.length });
}

/** The settings of the run in `store` as it was started; null when none were saved (runs from before start.json). */
export async function loadRunStart(store: RunStore): Promise<RunStart | null> {
  const j = await loadJson(store, START_KEY);
  if (j === undefined) return null;
  if (!j || typeof j !== 'object' || Array.isArray(j)) throw new Error(`${START_KEY}: not an object`);
  const config = loopConfigFromJson(j.config, `${START_KEY}: config`);
  const n = j.imported;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new Error(`${START_KEY}: bad imported count ${JSON.stringify(n)}`);
  const imported = n > 0 ? await loadClips(store, IMPORTED_KEY) : [];
  if (imported.length !== n) throw new Error(`${IMPORTED_KEY}: ${imported.length} clips, ${START_KEY} says ${n}`);
  return { config, imported };
}

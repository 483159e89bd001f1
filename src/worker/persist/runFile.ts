// A saved run as one JSON file (export / import): format "scsc-lab-run/1" with the run's label and creation date,
// its LoopConfig, the per-generation history (metrics of every arm, λ/γ changes) and the viewer samples (clips
// before/after correction, as base64 of the clip byte format). Model weights are NOT included: an imported run
// shows its charts and samples but cannot be continued. Import validates every field and names the one at fault.

import { clipsFromBytes, clipsToBytes } from '../../core/loop/clipBytes';
import { loadRunHeader, loadSamples, saveRunHeader, saveSamples, toJsonSafe, historyFromJson, historyToJson } from '../../core/loop/checkpoint';
import { ARM_NAMES, type ArmName, type LoopConfig, loopConfigFromJson, loopConfigToJson, gammaFromJson } from '../../core/loop/config';
import type { JsonValue } from '../../core/loop/store';
import type { ArmSamples, GenerationRecord, SamplesByGeneration } from '../../core/loop/types';
import { configSummary, newRunId, type RunIndexEntry, type RunLibrary } from './runLibrary';

export const RUN_FILE_FORMAT = 'scsc-lab-run/1';

export interface RunFile {
  label: string;
  created: string;
  config: LoopConfig;
  history: GenerationRecord[];
  samples: SamplesByGeneration;
}

export class RunFileError extends Error {
  override name = 'RunFileError';
}

// ---- base64 (no Buffer / btoa dependence: the same code in Node, page and worker) ----

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

export function bytesToBase64(b: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    chunk += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < b.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < b.length ? B64[n & 63] : '=');
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

export function base64ToBytes(s: string, where: string): Uint8Array {
  if (s.length % 4 !== 0) throw new RunFileError(`${where}: not base64 (length ${s.length} is not a multiple of 4)`);
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const ch = s.charCodeAt(i + k);
      const v = s[i + k] === '=' && i + k >= s.length - pad ? 0 : ch < 128 ? B64_INDEX[ch] : -1;
      if (v < 0) throw new RunFileError(`${where}: not base64 (bad character at ${i + k})`);
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

// ---- export ----

/** Run `id` of the library as the text of a run file. */
export async function exportRunJson(lib: RunLibrary, id: string): Promise<string> {
  const entry = await lib.get(id);
  if (!entry) throw new RunFileError(`export: no saved run "${id}"`);
  const store = lib.store(id);
  const header = await loadRunHeader(store);
  if (!header) throw new RunFileError(`export: run "${entry.label}" has no completed generation yet`);
  const samples: JsonValue[] = [];
  for (const rec of header.history) {
    for (const arm of header.config.arms) {
      const s = await loadSamples(store, rec.generation, arm);
      if (!s || s.before.length + s.after.length === 0) continue;
      samples.push({
        generation: rec.generation, arm, corrected: s.corrected,
        before: bytesToBase64(clipsToBytes(s.before)), after: bytesToBase64(clipsToBytes(s.after)),
      });
    }
  }
  const file = {
    format: RUN_FILE_FORMAT,
    weightsIncluded: false,
    label: entry.label,
    created: entry.created,
    config: toJsonSafe(loopConfigToJson(header.config)),
    history: historyToJson(header.history),
    samples,
  };
  return JSON.stringify(file);
}

// ---- import ----

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): boolean => typeof v === 'number' || v === null || v === 'inf' || v === '-inf';

function fail(field: string, problem: string): never {
  throw new RunFileError(`run file, field "${field}": ${problem}`);
}

const METRIC_FIELDS = ['fid', 'diversity', 'matching', 'accuracy', 'penetrate', 'float', 'skate', 'physErr'] as const;

function checkHistory(raw: unknown, config: LoopConfig): GenerationRecord[] {
  if (!Array.isArray(raw)) fail('history', 'must be a list of generation records');
  if (raw.length === 0) fail('history', 'is empty (a run file holds at least generation 0)');
  if (raw.length > config.generations + 1) fail('history', `has ${raw.length} generations, config.generations allows ${config.generations + 1}`);
  raw.forEach((g: unknown, i) => {
    const at = `history[${i}]`;
    if (!isObj(g)) fail(at, 'must be an object');
    if (g.generation !== i) fail(`${at}.generation`, `must be ${i}, got ${JSON.stringify(g.generation)}`);
    if (typeof g.lambda !== 'number') fail(`${at}.lambda`, `must be a number, got ${JSON.stringify(g.lambda)}`);
    if (!isNum(g.gamma)) fail(`${at}.gamma`, `must be a number or "inf", got ${JSON.stringify(g.gamma)}`);
    if (g.changes !== undefined && !Array.isArray(g.changes)) fail(`${at}.changes`, 'must be a list');
    if (!isObj(g.arms)) fail(`${at}.arms`, 'must be an object with one record per arm');
    for (const [arm, a] of Object.entries(g.arms)) {
      const aat = `${at}.arms.${arm}`;
      if (!(config.arms as string[]).includes(arm)) fail(aat, `arm "${arm}" is not in config.arms (${config.arms.join(', ')})`);
      if (!isObj(a)) fail(aat, 'must be an object');
      if (!isObj(a.metrics)) fail(`${aat}.metrics`, 'must be an object');
      for (const k of METRIC_FIELDS) if (!isNum(a.metrics[k])) fail(`${aat}.metrics.${k}`, `must be a number, got ${JSON.stringify(a.metrics[k])}`);
      const rp = a.metrics.rPrecision;
      if (!Array.isArray(rp) || rp.length !== 3 || !rp.every(isNum)) fail(`${aat}.metrics.rPrecision`, 'must be a list of 3 numbers');
      if (!isNum(a.drift)) fail(`${aat}.drift`, `must be a number, got ${JSON.stringify(a.drift)}`);
    }
  });
  const h = historyFromJson(raw as JsonValue);
  for (const g of h) {
    g.changes ??= [];
    g.gamma = gammaFromJson(g.gamma === Infinity ? 'inf' : g.gamma, `history[${g.generation}].gamma`);
    for (const a of Object.values(g.arms)) {
      if (!a) continue;
      a.timings ??= { sampleMs: 0, correctMs: 0, trainMs: 0, evalMs: 0, totalMs: 0 };
      if (a.metrics.multimodality === undefined) a.metrics.multimodality = null;
    }
  }
  return h;
}

function checkSamples(raw: unknown, config: LoopConfig, generations: number): SamplesByGeneration {
  if (raw === undefined) return {};
  if (!Array.isArray(raw)) fail('samples', 'must be a list');
  const out: SamplesByGeneration = {};
  raw.forEach((s: unknown, i) => {
    const at = `samples[${i}]`;
    if (!isObj(s)) fail(at, 'must be an object');
    const g = s.generation;
    if (typeof g !== 'number' || !Number.isInteger(g) || g < 0 || g >= generations) fail(`${at}.generation`, `must be a generation of the history (0–${generations - 1}), got ${JSON.stringify(g)}`);
    if (typeof s.arm !== 'string' || !(ARM_NAMES as readonly string[]).includes(s.arm) || !config.arms.includes(s.arm as ArmName)) {
      fail(`${at}.arm`, `must be one of ${config.arms.join(', ')}, got ${JSON.stringify(s.arm)}`);
    }
    if (typeof s.before !== 'string') fail(`${at}.before`, 'must be a base64 string');
    if (typeof s.after !== 'string') fail(`${at}.after`, 'must be a base64 string');
    const decode = (field: 'before' | 'after') => {
      try {
        return clipsFromBytes(base64ToBytes(s[field] as string, `${at}.${field}`), `${at}.${field}`);
      } catch (e) {
        fail(`${at}.${field}`, e instanceof Error ? e.message : String(e));
      }
    };
    const before = decode('before');
    const after = decode('after');
    if (before.length !== after.length) fail(at, `holds ${before.length} clips before and ${after.length} after correction`);
    const corrected = s.corrected;
    if (!Array.isArray(corrected) || corrected.length !== before.length || !corrected.every((x) => typeof x === 'boolean')) {
      fail(`${at}.corrected`, `must be a list of ${before.length} true/false values`);
    }
    (out[g] ??= {})[s.arm as ArmName] = { before, after, corrected: corrected as boolean[] };
  });
  return out;
}

/** Parse and validate the text of a run file (errors name the field: `run file, field "history[2].arms…": …`). */
export function parseRunJson(text: string): RunFile {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (e) {
    throw new RunFileError(`run file: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObj(j)) throw new RunFileError('run file: expected a JSON object at the top level');
  if (j.format !== RUN_FILE_FORMAT) fail('format', `must be "${RUN_FILE_FORMAT}", got ${JSON.stringify(j.format)} (is this an SCSC Lab run export?)`);
  if (typeof j.label !== 'string' || j.label.trim() === '') fail('label', 'must be a non-empty string');
  const created = typeof j.created === 'string' && !Number.isNaN(Date.parse(j.created)) ? j.created : fail('created', `must be an ISO date, got ${JSON.stringify(j.created)}`);
  let config: LoopConfig;
  try {
    config = loopConfigFromJson(j.config, 'config');
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /^loop config: (\w+)/.exec(msg);
    fail(m ? `config.${m[1]}` : 'config', msg.replace(/^loop config: /, ''));
  }
  const history = checkHistory(j.history, config);
  const samples = checkSamples(j.samples, config, history.length);
  return { label: j.label, created, config, history, samples };
}

/** Import a run file into the library as a new (view-only) run; returns its index entry. */
export async function importRunJson(lib: RunLibrary, text: string): Promise<RunIndexEntry> {
  const f = parseRunJson(text);
  const id = newRunId();
  const store = lib.store(id);
  const last = f.history[f.history.length - 1];
  await saveRunHeader(store, { config: f.config, generation: last.generation, slot: 0, lambda: last.lambda, gamma: last.gamma, history: f.history });
  for (const [g, arms] of Object.entries(f.samples)) {
    for (const [arm, s] of Object.entries(arms)) if (s) await saveSamples(store, Number(g), arm as ArmName, s);
  }
  const entry: RunIndexEntry = {
    id, created: f.created, label: f.label.endsWith('(imported)') ? f.label : `${f.label} (imported)`, summary: configSummary(f.config),
    generation: last.generation, generations: f.config.generations, done: true, imported: true, metrics: 'evaluator',
  };
  await lib.put(entry);
  return entry;
}

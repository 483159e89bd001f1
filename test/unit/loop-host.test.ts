// The loop worker's host (src/worker/loopHost.ts) in Node, on the wasm backend with the shipped evaluator, the real
// Rapier corrector and an IndexedDB run library (fake-indexeddb): start → generation events and a saved run; a
// crash after a generation's checkpoint resumes with the same results as the uninterrupted run; export/import
// round trip; bad run files give errors naming the field; a lost device switches backend and resumes.

import 'fake-indexeddb/auto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeWasmDir } from '../../src/core/diffusion/backendNode';
import { clipsToBytes } from '../../src/core/loop/clipBytes';
import type { LoopConfig } from '../../src/core/loop/config';
import type { GenerationRecord } from '../../src/core/loop/types';
import { generateDataset } from '../../src/core/motion/dataset/index';
import { idbKeyValue, type KeyValue } from '../../src/worker/persist/kv';
import { parseRunJson, RunFileError } from '../../src/worker/persist/runFile';
import { RunLibrary } from '../../src/worker/persist/runLibrary';
import { LoopHost } from '../../src/worker/loopHost';
import type { LoopEvent } from '../../src/worker/loopProtocol';

const EVALUATOR = new URL('../../public/evaluator/evaluator.bin', import.meta.url);

const TINY: Partial<LoopConfig> = {
  n: 12, lambda: 0.25, gamma: Infinity, generations: 2, steps: 2, initialSteps: 3, preset: 'tiny', seed: 5, dataSeed: 1,
  batchSize: 4, sampleSteps: 2, evalSamples: 4, viewerSamples: 2,
};

/** A KeyValue that can be "crashed": after freeze() every write is dropped, as if the tab had died. */
function freezable(kv: KeyValue): KeyValue & { freeze(): void } {
  let frozen = false;
  return {
    get: (k) => kv.get(k),
    keys: () => kv.keys(),
    set: async (k, v) => (frozen ? undefined : kv.set(k, v)),
    del: async (k) => (frozen ? undefined : kv.del(k)),
    delMany: async (ks) => (frozen ? undefined : kv.delMany(ks)),
    freeze: () => {
      frozen = true;
    },
  };
}

interface Harness {
  host: LoopHost;
  events: LoopEvent[];
  /** Resolves with the first event (already seen or future) that matches. */
  waitFor(pred: (e: LoopEvent) => boolean, what: string, ms?: number): Promise<LoopEvent>;
}

function harness(library: RunLibrary, onEvent?: (e: LoopEvent) => void): Harness {
  const events: LoopEvent[] = [];
  const waiters: { pred: (e: LoopEvent) => boolean; resolve: (e: LoopEvent) => void }[] = [];
  const host = new LoopHost((e) => {
    events.push(e);
    onEvent?.(e);
    for (const w of [...waiters]) if (w.pred(e)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(e);
    }
  }, {
    library,
    loadEvaluator: () => readFile(EVALUATOR),
    order: ['wasm', 'cpu'],
    backendOptions: { wasmPaths: nodeWasmDir() },
    evalReference: 32,
  });
  return {
    host, events,
    waitFor: (pred, what, ms = 240_000) => {
      const seen = events.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timed out waiting for ${what}; last events: ${JSON.stringify(events.slice(-3).map((e) => e.type === 'status' ? e : e.type))}`)), ms);
        waiters.push({ pred, resolve: (e) => { clearTimeout(t); resolve(e); } });
      });
    },
  };
}

const isGen = (g: number) => (e: LoopEvent): boolean => e.type === 'generation' && e.record.generation === g;
const isStatus = (s: string) => (e: LoopEvent): boolean => e.type === 'status' && e.status === s;
const records = (events: LoopEvent[]): GenerationRecord[] =>
  events.flatMap((e) => (e.type === 'generation' ? [e.record] : []));

/** What a resumed generation must reproduce: every arm's metrics, drift, loss and counts (not its timings). */
function essence(r: GenerationRecord): unknown {
  return {
    generation: r.generation, lambda: r.lambda, gamma: r.gamma, changes: r.changes,
    arms: Object.fromEntries(Object.entries(r.arms).map(([k, a]) => [k, a && {
      metrics: a.metrics, drift: a.drift, loss: a.loss, synthetic: a.synthetic, corrected: a.corrected,
    }])),
  };
}

let uninterrupted: GenerationRecord[] = [];
let runId = '';
let lib: RunLibrary;
const hosts: LoopHost[] = [];

beforeAll(() => {
  lib = new RunLibrary(idbKeyValue('scsc-test-host', 'runs'));
});

afterAll(async () => {
  for (const h of hosts) await h.dispose();
});

describe('LoopHost', () => {
  it('init reports the backend; start trains generation 0, steps, saves the run in the index', async () => {
    const h = harness(lib);
    hosts.push(h.host);
    const init = await h.host.handle({ type: 'init' });
    expect(init.backend.name).toBe('wasm');
    expect(init.backend.reason).toMatch(/wasm/);
    expect(h.events.some((e) => e.type === 'backend' && e.choice.name === 'wasm')).toBe(true);
    expect(init.runs).toEqual([]);
    expect(init.active).toBeNull();

    const before = h.events.length;
    const { runId: id } = await h.host.handle({ type: 'start', config: { ...TINY, generations: 1 }, run: false, label: 'first' });
    // the worker reports the new run's status itself, before its reply: the page never has to guess it
    expect(h.events.slice(before).find((e) => e.type === 'status')).toMatchObject({ runId: id, status: 'starting' });
    await h.waitFor(isGen(0), 'generation 0');
    await h.waitFor(isStatus('paused'), 'paused after generation 0');
    const progress = h.events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    for (const e of progress) if (e.type === 'progress') expect(e.progress.fraction).toBeGreaterThanOrEqual(0);

    await h.host.handle({ type: 'step' });
    const g1 = await h.waitFor(isGen(1), 'generation 1');
    await h.waitFor(isStatus('done'), 'done');
    if (g1.type !== 'generation') throw new Error('unreachable');
    expect(g1.done).toBe(true);
    expect(Object.keys(g1.record.arms).sort()).toEqual(['baseline', 'self-consuming', 'self-correcting']);
    expect(g1.record.arms['self-correcting']?.corrected).toBe(3); // ⌊0.25·12⌋, γ = ∞
    expect(g1.samples['self-correcting']?.before).toHaveLength(2);
    expect(Number.isFinite(g1.record.arms.baseline?.metrics.fid)).toBe(true);

    const runs = await lib.list();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id, label: 'first', generation: 1, done: true, imported: false, metrics: 'evaluator' });
    expect(runs[0].summary).toMatch(/tiny, n = 12, λ = 0.25, γ = ∞/);
    expect(await lib.getActive()).toEqual({ id, running: false });

    // a prompt sampled from an arm's model: one 60-frame clip, unknown words reported
    const s = await h.host.handle({ type: 'sample', prompt: 'a person walks zorblax', arm: 'self-correcting', seed: 3 });
    expect(s.clip.nFrames).toBe(60);
    expect(s.clip.rotations.every(Number.isFinite)).toBe(true);
    expect(s.unknownWords).toContain('zorblax');
    await expect(h.host.handle({ type: 'sample', prompt: 'walk', arm: 'idealized', seed: 1 })).rejects.toThrow(/no arm "idealized"/);

    // reset: the run closes but stays saved; nothing is active
    await h.host.handle({ type: 'stop' });
    expect(await lib.getActive()).toBeNull();
    expect((await lib.list()).map((r) => r.id)).toEqual([id]);
  }, 300_000);

  it('imported clips join the real set (config.n counts them); a bad config names the field', async () => {
    const h = harness(lib);
    hosts.push(h.host);
    await h.host.handle({ type: 'init' });
    await expect(h.host.handle({ type: 'start', config: { ...TINY, lambda: -1 }, run: false })).rejects.toThrow(/lambda/);
    expect(h.events.filter((e) => e.type === 'status')).toEqual([]); // refused before anything changed
    const imported = clipsToBytes(generateDataset({ n: 2, seed: 9 }).map((c) => ({ ...c, id: `bvh-${c.id}`, label: 'dance', caption: 'a person dances' })));
    const { runId: id } = await h.host.handle({ type: 'start', config: { ...TINY, n: 14, generations: 1, initialSteps: 1 }, imported, run: false });
    await h.waitFor(isGen(0), 'generation 0 with imported clips');
    expect((await lib.get(id))?.summary).toMatch(/2 imported/);
    await h.host.handle({ type: 'deleteRun', runId: id });
    expect((await lib.list()).map((r) => r.id)).not.toContain(id);
    expect((await idbKeyValue('scsc-test-host', 'runs').keys()).filter((k) => k.startsWith(`run/${id}/`))).toEqual([]);
  }, 300_000);

  it('a crash after generation 1 resumes on reload: generation 2 equals the uninterrupted run', async () => {
    const kv = freezable(idbKeyValue('scsc-test-crash', 'runs'));
    const crashLib = new RunLibrary(kv);
    const a = harness(crashLib, (e) => {
      // the tab "dies" right after generation 1's checkpoint: nothing later reaches IndexedDB
      if (e.type === 'generation' && e.record.generation === 1) kv.freeze();
    });
    hosts.push(a.host);
    await a.host.handle({ type: 'init' });
    ({ runId } = await a.host.handle({ type: 'start', config: { ...TINY, lambda: 0.5 }, run: true }));
    await a.waitFor(isStatus('done'), 'the uninterrupted run to finish');
    uninterrupted = records(a.events);
    expect(uninterrupted.map((r) => r.generation)).toEqual([0, 1, 2]);

    // the reload: a fresh host on the same IndexedDB finds the active run, running, and continues it
    const b = harness(new RunLibrary(idbKeyValue('scsc-test-crash', 'runs')));
    hosts.push(b.host);
    const init = await b.host.handle({ type: 'init' });
    expect(init.active).toEqual({ id: runId, running: true });
    const opened = await b.host.handle({ type: 'open', runId, run: true });
    expect(opened.history.map((r) => r.generation)).toEqual([0, 1]);
    expect(opened.canContinue).toBe(true);
    expect(opened.next).toEqual({ lambda: 0.5, gamma: opened.config.gamma }); // what the controls are set to
    expect(opened.samples[1]?.['self-correcting']?.after).toHaveLength(2);
    await b.waitFor(isStatus('done'), 'the resumed run to finish');
    const resumed = records(b.events);
    expect(resumed.map((r) => r.generation)).toEqual([2]); // only the interrupted generation ran again
    expect(essence(resumed[0])).toEqual(essence(uninterrupted[2]));
    expect(opened.history.map(essence)).toEqual(uninterrupted.slice(0, 2).map(essence));
  }, 400_000);

  it('a crash before generation 0 finished: the reload starts it again from the saved settings, same result', async () => {
    const kv = freezable(idbKeyValue('scsc-test-crash0', 'runs'));
    const a = harness(new RunLibrary(kv));
    hosts.push(a.host);
    await a.host.handle({ type: 'init' });
    const imported = clipsToBytes(generateDataset({ n: 1, seed: 9 }).map((c) => ({ ...c, id: `bvh-${c.id}`, label: 'dance', caption: 'a person dances' })));
    const config = { ...TINY, n: 13, generations: 1, initialSteps: 2 };
    const { runId: id } = await a.host.handle({ type: 'start', config, imported, run: true });
    kv.freeze(); // the tab dies while generation 0 trains: its checkpoint never reaches IndexedDB
    const first = await a.waitFor(isGen(0), 'generation 0 of the run that "crashed"');
    await a.host.handle({ type: 'stop' });

    const b = harness(new RunLibrary(idbKeyValue('scsc-test-crash0', 'runs')));
    hosts.push(b.host);
    const init = await b.host.handle({ type: 'init' });
    expect(init.active).toEqual({ id, running: true });
    expect(init.runs.find((r) => r.id === id)?.generation).toBe(-1);
    const opened = await b.host.handle({ type: 'open', runId: id, run: true });
    expect(opened.history).toEqual([]);
    expect(opened.canContinue).toBe(true);
    expect(opened.config).toMatchObject({ n: 13, seed: TINY.seed, lambda: TINY.lambda, generations: 1 });
    const again = await b.waitFor(isGen(0), 'generation 0, started again');
    if (first.type !== 'generation' || again.type !== 'generation') throw new Error('unreachable');
    // same settings and the same imported clip (without it the real set, and so every metric, would differ)
    expect(essence(again.record)).toEqual(essence(first.record));
    await b.waitFor(isStatus('done'), 'the restarted run to finish');
    expect((await b.host.handle({ type: 'init' })).runs.find((r) => r.id === id)).toMatchObject({ generation: 1, done: true });
  }, 400_000);

  it('export → import round trip: history and samples survive; the imported run is view-only', async () => {
    const h = harness(new RunLibrary(idbKeyValue('scsc-test-crash', 'runs')));
    hosts.push(h.host);
    await h.host.handle({ type: 'init' });
    const { json, fileName } = await h.host.handle({ type: 'exportRun', runId });
    expect(fileName).toBe(`scsc-run-${runId}.json`);
    const file = JSON.parse(json) as { format: string; weightsIncluded: boolean };
    expect(file.format).toBe('scsc-lab-run/1');
    expect(file.weightsIncluded).toBe(false);

    const { entry } = await h.host.handle({ type: 'importRun', text: json });
    expect(entry.id).not.toBe(runId);
    expect(entry).toMatchObject({ imported: true, done: true, generation: 2 });
    const opened = await h.host.handle({ type: 'open', runId: entry.id, run: false });
    expect(opened.canContinue).toBe(false);
    expect(opened.history.map(essence)).toEqual(uninterrupted.map(essence));
    expect(opened.config.gamma).toBe(Infinity);
    const original = await h.host.handle({ type: 'open', runId, run: false });
    for (const g of [1, 2]) {
      const a = original.samples[g]?.['self-correcting'];
      const b = opened.samples[g]?.['self-correcting'];
      expect(b?.corrected).toEqual(a?.corrected);
      expect(b?.after[1].rotations).toEqual(a?.after[1].rotations);
      expect(b?.before[0].caption).toBe(a?.before[0].caption);
    }
    await h.host.handle({ type: 'open', runId: entry.id, run: false });
    await expect(h.host.handle({ type: 'run' })).rejects.toThrow(/imported without weights/);
  }, 300_000);

  it('bad run files give one clear error naming the field', () => {
    const bad = (text: string): string => {
      try {
        parseRunJson(text);
      } catch (e) {
        expect(e).toBeInstanceOf(RunFileError);
        return (e as Error).message;
      }
      throw new Error('parseRunJson accepted a bad file');
    };
    expect(bad('{"format": ')).toMatch(/not valid JSON/);
    expect(bad('[1,2]')).toMatch(/JSON object/);
    expect(bad('{"format":"other"}')).toMatch(/field "format"/);
    const ok = {
      format: 'scsc-lab-run/1', label: 'x', created: '2026-01-01T00:00:00.000Z',
      config: { n: 12, lambda: 0.5, gamma: 'inf', generations: 2, preset: 'tiny', arms: ['baseline'] },
      history: [{
        generation: 0, lambda: 0.5, gamma: 'inf', changes: [], ms: 1,
        arms: { baseline: { metrics: { fid: 1, diversity: 2, matching: 3, accuracy: 0.5, penetrate: 0, float: 0, skate: 0, physErr: 0, rPrecision: [0.1, 0.2, 0.3] }, drift: 0 } },
      }],
      samples: [],
    };
    expect(parseRunJson(JSON.stringify(ok)).history[0].gamma).toBe(Infinity);
    const withField = (mut: (o: typeof ok) => void): string => {
      const o = structuredClone(ok);
      mut(o);
      return bad(JSON.stringify(o));
    };
    expect(withField((o) => { o.label = ''; })).toMatch(/field "label"/);
    expect(withField((o) => { o.config.lambda = -1; })).toMatch(/field "config\.lambda"/);
    expect(withField((o) => { (o.config as Record<string, unknown>).preset = 'huge'; })).toMatch(/field "config\.preset"/);
    expect(withField((o) => { (o.history[0].arms.baseline.metrics as Record<string, unknown>).fid = 'x'; })).toMatch(/field "history\[0\]\.arms\.baseline\.metrics\.fid"/);
    expect(withField((o) => { o.history[0].generation = 3; })).toMatch(/field "history\[0\]\.generation": must be 0/);
    expect(withField((o) => { (o.history[0].arms as Record<string, unknown>).idealized = o.history[0].arms.baseline; })).toMatch(/history\[0\]\.arms\.idealized/);
    expect(withField((o) => { (o.samples as unknown[]).push({ generation: 0, arm: 'baseline', before: 'AAAA', after: 'AAAA', corrected: [] }); })).toMatch(/field "samples\[0\]\.before": .*not an SCSC clip file/);
  });

  it('a lost device: the host switches to the next backend and resumes the run from its last checkpoint', async () => {
    const h = harness(new RunLibrary(idbKeyValue('scsc-test-loss', 'runs')));
    hosts.push(h.host);
    await h.host.handle({ type: 'init' });
    await h.host.handle({ type: 'start', config: { ...TINY, generations: 2, arms: ['baseline', 'self-consuming'] }, run: false });
    await h.waitFor(isStatus('paused'), 'generation 0');
    expect(await h.host.handle({ type: 'simulateDeviceLoss' })).toEqual({ destroyed: false });
    await h.host.handle({ type: 'run' });
    await h.waitFor(isStatus('done'), 'the run to finish on the fallback backend', 400_000);
    expect(h.events.some((e) => e.type === 'backend' && e.choice.name === 'cpu')).toBe(true);
    const notice = h.events.find((e) => e.type === 'notice');
    expect(notice?.type === 'notice' && notice.text).toMatch(/Simulated loss of the wasm backend\. Switched to cpu and resumed the run from its last checkpoint \(generation \d\)/);
    expect(records(h.events).map((r) => r.generation)).toEqual([0, 1, 2]);
  }, 500_000);
});

// The loop worker's run library (src/worker/persist) on IndexedDB (fake-indexeddb in Node): per-run key prefixes,
// bytes and JSON kept as they are, the run index and the active-run pointer, deletion of everything a run owns,
// and the base64 used by run files.

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { idbKeyValue, memoryKeyValue } from '../../src/worker/persist/kv';
import { base64ToBytes, bytesToBase64 } from '../../src/worker/persist/runFile';
import { newRunId, type RunIndexEntry, RunLibrary } from '../../src/worker/persist/runLibrary';

const entry = (id: string, created: string, extra: Partial<RunIndexEntry> = {}): RunIndexEntry => ({
  id, created, label: `run ${id}`, summary: 'tiny, n = 64', generation: 0, generations: 3, done: false, imported: false, metrics: 'evaluator', ...extra,
});

describe('RunLibrary on IndexedDB', () => {
  it('keeps each run under its own prefix; bytes stay bytes, JSON stays JSON', async () => {
    const kv = idbKeyValue('persist-test-1', 'runs');
    const lib = new RunLibrary(kv);
    const a = lib.store('a1');
    const b = lib.store('b2');
    await a.save('slot0/baseline.ckpt', new Uint8Array([1, 2, 3]));
    await a.save('run.json', { generation: 1, gamma: 'inf' });
    await b.save('run.json', { generation: 7 });
    const bytes = await a.load('slot0/baseline.ckpt');
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(bytes as Uint8Array)).toEqual([1, 2, 3]);
    expect(await a.load('run.json')).toEqual({ generation: 1, gamma: 'inf' });
    expect(await b.load('run.json')).toEqual({ generation: 7 });
    expect(await a.load('missing')).toBeUndefined();
    expect((await kv.keys()).sort()).toEqual(['run/a1/run.json', 'run/a1/slot0/baseline.ckpt', 'run/b2/run.json']);
    expect(() => lib.store('../x')).toThrow(/bad run id "\.\.\/x"/);
  });

  it('the index lists runs newest first; updates merge; concurrent puts are not lost', async () => {
    const lib = new RunLibrary(idbKeyValue('persist-test-2', 'runs'));
    await Promise.all([
      lib.put(entry('r1', '2026-01-01T00:00:00.000Z')),
      lib.put(entry('r2', '2026-03-01T00:00:00.000Z')),
      lib.put(entry('r3', '2026-02-01T00:00:00.000Z')),
    ]);
    expect((await lib.list()).map((e) => e.id)).toEqual(['r2', 'r3', 'r1']);
    await Promise.all([lib.update('r1', { generation: 2 }), lib.update('r3', { done: true, generation: 3 })]);
    expect(await lib.get('r1')).toMatchObject({ generation: 2, done: false, label: 'run r1' });
    expect(await lib.get('r3')).toMatchObject({ generation: 3, done: true });
    await lib.update('nope', { generation: 9 });
    expect(await lib.list()).toHaveLength(3);
  });

  it('delete removes the index entry, every key of the run (not its neighbours) and the active pointer', async () => {
    const kv = idbKeyValue('persist-test-3', 'runs');
    const lib = new RunLibrary(kv);
    await lib.put(entry('x1', '2026-01-01T00:00:00.000Z'));
    await lib.put(entry('x10', '2026-01-02T00:00:00.000Z'));
    await lib.store('x1').save('run.json', { a: 1 });
    await lib.store('x1').save('samples/g1/baseline.clips', new Uint8Array(4));
    await lib.store('x10').save('run.json', { a: 2 });
    await lib.setActive({ id: 'x1', running: true });
    expect(await lib.getActive()).toEqual({ id: 'x1', running: true });
    await lib.delete('x1');
    expect((await lib.list()).map((e) => e.id)).toEqual(['x10']);
    expect(await kv.keys()).toEqual(expect.arrayContaining(['run/x10/run.json']));
    expect((await kv.keys()).filter((k) => k.startsWith('run/x1/'))).toEqual([]);
    expect(await lib.getActive()).toBeNull();
    await lib.setActive({ id: 'x10', running: false });
    await lib.delete('x1'); // deleting another run leaves the pointer alone
    expect(await lib.getActive()).toEqual({ id: 'x10', running: false });
    await lib.setActive(null);
    expect(await lib.getActive()).toBeNull();
  });

  it('data survives a new connection to the same database (a reload)', async () => {
    await new RunLibrary(idbKeyValue('persist-test-4', 'runs')).put(entry('k1', '2026-01-01T00:00:00.000Z', { generation: 5 }));
    expect(await new RunLibrary(idbKeyValue('persist-test-4', 'runs')).get('k1')).toMatchObject({ generation: 5 });
  });

  it('memoryKeyValue copies values like IndexedDB does', async () => {
    const kv = memoryKeyValue();
    const v = { a: [1, 2] };
    await kv.set('k', v);
    v.a.push(3);
    expect(await kv.get('k')).toEqual({ a: [1, 2] });
  });

  it('run ids are unique and valid keys', () => {
    const ids = new Set(Array.from({ length: 500 }, () => newRunId(1_700_000_000_000)));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+$/);
  });
});

describe('base64 of run files', () => {
  it('round-trips every length and byte value', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 255, 256, 257, 10_000]) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      const s = bytesToBase64(b);
      expect(s).toBe(Buffer.from(b).toString('base64'));
      expect(Array.from(base64ToBytes(s, 'x'))).toEqual(Array.from(b));
    }
  });

  it('rejects text that is not base64, naming where', () => {
    expect(() => base64ToBytes('abc', 'samples[0].before')).toThrow(/samples\[0\]\.before: not base64 \(length 3/);
    expect(() => base64ToBytes('ab$d', 'f')).toThrow(/f: not base64 \(bad character at 2\)/);
  });
});

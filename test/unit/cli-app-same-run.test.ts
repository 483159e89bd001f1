// A browser run and a CLI run of the same settings are the same computation. `scsc experiment` and the app's loop
// worker (LoopHost, as loop.worker.ts hosts it, here in Node on the wasm backend with an IndexedDB run library)
// build their evaluate and correct functions with the one makeLoopDeps; with the same settings every arm of every
// generation has the same metrics, drift, loss and counts, to the last bit.

import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeWasmDir } from '../../src/core/diffusion/backendNode';
import { toJsonSafe } from '../../src/core/loop/checkpoint';
import type { LoopConfig } from '../../src/core/loop/config';
import type { GenerationRecord } from '../../src/core/loop/types';
import { LoopHost } from '../../src/worker/loopHost';
import type { LoopEvent } from '../../src/worker/loopProtocol';
import { idbKeyValue } from '../../src/worker/persist/kv';
import { RunLibrary } from '../../src/worker/persist/runLibrary';
import { runScsc } from './cliHarness';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'scsc-same-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SETTINGS: Partial<LoopConfig> = {
  n: 12, lambda: 0.5, gamma: Infinity, generations: 1, steps: 3, initialSteps: 3, preset: 'tiny', seed: 5, dataSeed: 1,
  batchSize: 4, sampleSteps: 2, evalSamples: 4, viewerSamples: 2, multimodalityTexts: 0,
};
const FLAGS = [
  '--n', '12', '--lambda', '0.5', '--gamma', 'inf', '--generations', '1', '--steps', '3', '--initial-steps', '3', '--preset', 'tiny',
  '--seed', '5', '--data-seed', '1', '--batch', '4', '--sample-steps', '2', '--eval-samples', '4', '--viewer-samples', '2',
  '--multimodality-texts', '0', '--eval-reference', '32',
];

/** What both runs must agree on: every arm's metrics, drift, loss and counts (not timings), as JSON. */
function essence(r: GenerationRecord | Record<string, unknown>): unknown {
  const g = toJsonSafe(r) as { generation: number; lambda: unknown; gamma: unknown; arms: Record<string, Record<string, unknown>> };
  return {
    generation: g.generation, lambda: g.lambda, gamma: g.gamma,
    arms: Object.fromEntries(Object.entries(g.arms).map(([k, a]) => [k, {
      metrics: a.metrics, drift: a.drift, loss: a.loss, synthetic: a.synthetic, trainSynthetic: a.trainSynthetic, corrected: a.corrected,
    }])),
  };
}

describe('a CLI experiment and the same run in the app worker', () => {
  it('give identical metrics for every arm and generation', async () => {
    const out = path.join(tmp, 'cli');
    const r = await runScsc('experiment', '--out', out, ...FLAGS, '--json');
    expect(r.err).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const cli = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as { generations: Record<string, unknown>[]; evaluator: { kind: string } };
    expect(cli.evaluator.kind).toBe('evaluator');

    const events: LoopEvent[] = [];
    let finished: () => void = () => undefined;
    const done = new Promise<void>((res) => (finished = res));
    const host = new LoopHost((e) => {
      events.push(e);
      if (e.type === 'status' && (e.status === 'done' || e.status === 'error')) finished();
    }, {
      library: new RunLibrary(idbKeyValue('scsc-test-same-run', 'runs')),
      loadEvaluator: () => readFile(new URL('../../public/evaluator/evaluator.bin', import.meta.url)),
      order: ['wasm', 'cpu'],
      backendOptions: { wasmPaths: nodeWasmDir() },
      evalReference: 32,
    });
    try {
      await host.handle({ type: 'init' });
      await host.handle({ type: 'start', config: SETTINGS, run: true });
      await done;
    } finally {
      await host.dispose();
    }
    const errors = events.filter((e) => e.type === 'notice' && e.level !== 'info');
    expect(errors).toEqual([]);
    const app = events.flatMap((e) => (e.type === 'generation' ? [e.record] : []));

    expect(app.map((g) => g.generation)).toEqual([0, 1]);
    expect(cli.generations.map((g) => g.generation)).toEqual([0, 1]);
    expect(app.map(essence)).toEqual(cli.generations.map(essence));
    // not vacuous: the corrector ran, and the arms' models differ after generation 0
    const g1 = essence(app[1]) as { arms: Record<string, { metrics: { fid: number }; drift: number; corrected: number }> };
    expect(g1.arms['self-correcting'].corrected).toBe(6); // ⌊0.5·12⌋, γ = ∞
    expect(new Set(Object.values(g1.arms).map((a) => a.drift)).size).toBe(3);
  }, 400_000);
});

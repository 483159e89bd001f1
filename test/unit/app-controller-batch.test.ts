// The run controller (src/app/runController.ts) takes a new run's training batch from the store's config (the
// `batch` URL parameter), not from the address bar; opening a saved run shows its batch and keeps the theory
// lab's settings. The loop worker is replaced by a stand-in that records the requests it gets.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { makeLoopConfig } from '../../src/core/loop/config';
import type { LoopRequest } from '../../src/worker/loopProtocol';

const requests: LoopRequest[] = [];

vi.mock('../../src/worker/loopClient', () => ({
  LoopClient: class {
    onEvent(): void {}
    request(r: LoopRequest): Promise<unknown> {
      requests.push(r);
      switch (r.type) {
        case 'init': return Promise.resolve({ backend: { name: 'cpu', reason: 'test' }, runs: [], active: null });
        case 'start': return Promise.resolve({ runId: 'run-1' });
        case 'open':
          return Promise.resolve({
            runId: r.runId, config: makeLoopConfig({ batchSize: 8, lambda: 1, rootIntegral: 0 }), history: [], samples: {}, done: false,
            canContinue: true, status: 'paused', next: { lambda: 1, gamma: 2 },
          });
        default: return Promise.resolve({});
      }
    }
  },
}));

const { labController } = await import('../../src/app/runController');
const { parseLabConfig } = await import('../../src/app/state/labConfig');
const { useAppStore } = await import('../../src/app/store');

beforeEach(() => {
  requests.length = 0;
});

describe('the controller reads the batch from the store', () => {
  it('a new run gets the config\'s batch (from the URL), clamped', async () => {
    const { config, issues } = parseLabConfig('?preset=tiny&batch=4');
    expect(issues).toEqual([]);
    useAppStore.getState().replaceConfig(config);
    await labController.step();
    const start = requests.find((r) => r.type === 'start');
    expect(start?.type === 'start' && start.config.batchSize).toBe(4);
    // The store, not the address bar: a later change applies to the next run.
    await labController.reset();
    useAppStore.getState().setConfig({ batch: 10000 });
    requests.length = 0;
    await labController.step();
    const again = requests.find((r) => r.type === 'start');
    expect(again?.type === 'start' && again.config.batchSize).toBe(4096);
  });

  it('opening a run shows its batch, λ and γ and keeps the theory lab\'s settings', async () => {
    useAppStore.getState().setConfig({ theoryN: 33, theoryLambda: 1.1 });
    await labController.openRun('run-9');
    expect(useAppStore.getState().config).toMatchObject({ batch: 8, lambda: 1, gamma: 2, theoryN: 33, theoryLambda: 1.1 });
    // the viewer's Simulate preview uses the run's own pelvis support (0 here, as in runs saved before it existed)
    expect(useAppStore.getState().run.rootIntegral).toBe(0);
    await labController.reset();
    expect(useAppStore.getState().run.rootIntegral).toBe(5);
  });
});

// The run a reload interrupted is reopened by the controller's initLoop (src/app/runController.ts). When its saved
// state cannot be read (here the worker's `open` fails as it does on a damaged start.json), the user is told which
// run failed and why, while the backend badge and the runs list still come up: the worker itself started fine. The
// page shows the status the worker reports (starting while it reopens the run, idle after the failure), no other.

import { describe, expect, it, vi } from 'vitest';
import type { RunIndexEntry } from '../../src/worker/persist/runLibrary';
import type { LoopEvent, LoopRequest } from '../../src/worker/loopProtocol';

const requests: LoopRequest[] = [];
let statusBeforeOpen: string | undefined;
let statusAtOpen: string | undefined;
const entry: RunIndexEntry = {
  id: 'run-7', created: '2026-12-05T00:00:00.000Z', label: 'tiny λ=0.5', summary: 'tiny, n = 64', generation: -1,
  generations: 20, done: false, imported: false, metrics: 'evaluator',
};

vi.mock('../../src/worker/loopClient', () => ({
  LoopClient: class {
    private listener: (e: LoopEvent) => void = () => undefined;
    onEvent(l: (e: LoopEvent) => void): void {
      this.listener = l;
    }
    request(r: LoopRequest): Promise<unknown> {
      requests.push(r);
      switch (r.type) {
        case 'init':
          return Promise.resolve({ backend: { name: 'wasm', reason: 'test' }, runs: [entry], active: { id: entry.id, running: true } });
        case 'open':
          // as LoopHost does: 'starting' for the run it reopens, then, when that fails, no run open
          statusBeforeOpen = useAppStore.getState().run.status;
          this.listener({ type: 'status', runId: entry.id, status: 'starting', generation: -1, error: null });
          statusAtOpen = useAppStore.getState().run.status;
          this.listener({ type: 'status', runId: null, status: 'idle', generation: -1, error: null });
          return Promise.reject(new Error('start.json: bad imported count -1'));
        default: return Promise.resolve({});
      }
    }
  },
}));

const { initLoop } = await import('../../src/app/runController');
const { useAppStore } = await import('../../src/app/store');

describe('reopening the interrupted run after a reload', () => {
  it('a run whose saved state cannot be read gets a notice naming it; the worker still counts as started', async () => {
    await initLoop();
    expect(requests.map((r) => r.type)).toEqual(['init', 'open']);
    const s = useAppStore.getState();
    expect(s.backend?.name).toBe('wasm');
    expect(s.runs.map((r) => r.id)).toEqual(['run-7']);
    const errors = s.notices.filter((n) => n.level === 'error').map((n) => n.text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('Could not reopen run "tiny λ=0.5"');
    expect(errors[0]).toContain('start.json: bad imported count -1');
    expect(errors[0]).not.toContain('could not start');
    expect(s.run.status).not.toBe('error');
    expect(statusBeforeOpen).toBe('idle'); // the page does not guess
    expect(statusAtOpen).toBe('starting');
    expect(s.run.status).toBe('idle');
  });
});

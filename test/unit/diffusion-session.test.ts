// The worker's diffusion session in Node: setup, training with progress events every N steps, sampling,
// checkpoints, and the lost-device fallback (next backend, resume from the last checkpoint, notice).
import { describe, expect, it } from 'vitest';
import { nodeWasmDir } from '../../src/core/diffusion/backendNode';
import { tf } from '../../src/core/diffusion/tf';
import type { WorkerEvent } from '../../src/worker/diffusionProtocol';
import { DiffusionSession } from '../../src/worker/diffusionSession';

describe('diffusion session', () => {
  it('trains with progress events, samples, saves, and falls back to the next backend when the device is lost', async () => {
    const events: WorkerEvent[] = [];
    let loseDeviceAtNextProgress = false;
    let simulated: Promise<{ destroyed: boolean }> | null = null;
    const session: DiffusionSession = new DiffusionSession((e) => {
      events.push(e);
      if (e.type === 'progress' && loseDeviceAtNextProgress) {
        loseDeviceAtNextProgress = false;
        simulated = session.handle({ type: 'simulateDeviceLoss' });
      }
    }, { wasmPaths: nodeWasmDir() });
    const choice = await session.handle({ type: 'init', order: ['wasm', 'cpu'] });
    expect(choice.name).toBe('wasm');
    expect(events[0]).toEqual({ type: 'backend', choice });

    await expect(session.handle({ type: 'train', steps: 2 })).rejects.toThrow(/setup/);
    const info = await session.handle({ type: 'setup', preset: 'tiny', seed: 1, dataset: { n: 12, seed: 3 } });
    expect(info.clips).toBe(12);
    expect(info.parameters).toBeGreaterThan(50_000);

    const done = await session.handle({ type: 'train', steps: 10, batchSize: 2, progressEvery: 5 });
    expect(done.steps).toBe(10);
    expect(done.losses.every(Number.isFinite)).toBe(true);
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.map((e) => (e.type === 'progress' ? e.progress.step : -1))).toEqual([5, 10]);

    // lose the device after the first interval of a second run: training resumes on cpu from the checkpoint
    loseDeviceAtNextProgress = true;
    const after = await session.handle({ type: 'train', steps: 10, batchSize: 2, progressEvery: 5, checkpointEvery: 5 });
    expect(simulated).not.toBeNull();
    expect((await (simulated as unknown as Promise<{ destroyed: boolean }>)).destroyed).toBe(false);
    expect(after.backend).toBe('cpu');
    expect(after.steps).toBeGreaterThanOrEqual(10);
    expect(tf.getBackend()).toBe('cpu');
    const notices = events.filter((e) => e.type === 'notice');
    expect(notices.length).toBe(1);
    expect(notices[0].type === 'notice' && notices[0].message).toMatch(/simulated loss of the wasm backend.*Switched to cpu/i);
    expect(events.some((e) => e.type === 'backend' && e.choice.name === 'cpu')).toBe(true);

    const s = await session.handle({ type: 'sample', prompts: ['a person walks', 'moonwalk'], steps: 3, seed: 1 });
    expect(s.features.length).toBe(2 * s.nFrames * s.featureDim);
    expect(s.unknownWords).toEqual([[], ['moonwalk']]);
    const { checkpoint } = await session.handle({ type: 'save' });
    const loaded = await session.handle({ type: 'load', checkpoint });
    expect(loaded.parameters).toBe(info.parameters);
  });
});

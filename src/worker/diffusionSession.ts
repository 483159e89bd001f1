// The diffusion session a worker hosts: backend choice, dataset and model setup, training with progress events,
// sampling, checkpoints, and the lost-WebGPU-device fallback (the backend guard switches to the next backend; the
// session rebuilds the model from the last in-memory checkpoint, carries on with the remaining steps and tells the
// UI). Free of worker APIs, so it also runs (and is tested) in Node.

import type { BackendName } from '../core/diffusion/backend';
import { modelFromCheckpoint, saveWeights } from '../core/diffusion/checkpoint';
import { createModel, type DiffusionModel, disposeModel, paramCountOf } from '../core/diffusion/denoiser';
import { datasetSetup, poolFromClips } from '../core/diffusion/pools';
import { sample } from '../core/diffusion/sampler';
import { Trainer, type TrainPool } from '../core/diffusion/trainer';
import type { Clip } from '../core/motion/clip';
import { generateDataset } from '../core/motion/dataset/index';
import { BackendGuard, type BackendGuardOptions } from './backendGuard';
import type { ReplyMap, SetupInfo, WorkerEvent, WorkerRequest } from './diffusionProtocol';

export class DiffusionSession {
  private readonly backend: BackendGuard;
  private model: DiffusionModel | null = null;
  private clips: Clip[] = [];
  private pool: TrainPool | null = null;
  private lastCheckpoint: ArrayBuffer | null = null;
  private stopRequested = false;
  private busy = false;

  constructor(private readonly emit: (e: WorkerEvent) => void, backendOptions: BackendGuardOptions = {}) {
    this.backend = new BackendGuard((choice) => this.emit({ type: 'backend', choice }), backendOptions);
  }

  async handle<T extends WorkerRequest>(req: T): Promise<ReplyMap[T['type']]> {
    type R = ReplyMap[T['type']];
    switch (req.type) {
      case 'init':
        return (await this.backend.select(req.order)) as R;
      case 'setup':
        return (await this.exclusive(() => this.setup(req.preset, req.seed, req.dataset))) as R;
      case 'train':
        return (await this.exclusive(() => this.train(req))) as R;
      case 'stop':
        this.stopRequested = this.busy;
        return { stopping: this.busy } as R;
      case 'sample':
        return (await this.exclusive(() => this.sample(req.prompts, req.steps, req.guidance, req.seed))) as R;
      case 'save':
        return { checkpoint: await this.exclusive(() => saveWeights(this.requireModel())) } as R;
      case 'load':
        return (await this.exclusive(async () => this.load(req.checkpoint))) as R;
      case 'simulateDeviceLoss':
        return this.backend.simulateLoss() as R;
    }
    throw new Error(`unknown request ${(req as { type: string }).type}`);
  }

  private async exclusive<V>(f: () => Promise<V>): Promise<V> {
    if (this.busy) throw new Error('the diffusion worker is busy with another task');
    this.busy = true;
    try {
      return await f();
    } finally {
      this.busy = false;
    }
  }

  private requireModel(): DiffusionModel {
    if (!this.model) throw new Error('no model yet: send "setup" first');
    return this.model;
  }

  private info(): SetupInfo {
    const m = this.requireModel();
    return { preset: m.preset, parameters: paramCountOf(m), vocabSize: m.vocab.words.length, clips: this.clips.length };
  }

  private async setup(preset: DiffusionModel['preset'], seed: number, dataset: { n: number; seed: number }): Promise<SetupInfo> {
    await this.backend.ensure();
    this.clips = generateDataset(dataset);
    const { vocab, stats } = datasetSetup(this.clips);
    if (this.model) disposeModel(this.model);
    this.model = createModel(preset, vocab, seed, { stats });
    this.pool = poolFromClips(this.model, this.clips, { name: 'real' });
    this.lastCheckpoint = await saveWeights(this.model);
    return this.info();
  }

  private load(checkpoint: ArrayBuffer): SetupInfo {
    const m = modelFromCheckpoint(checkpoint);
    if (this.model) disposeModel(this.model);
    this.model = m;
    this.lastCheckpoint = checkpoint.slice(0);
    if (this.clips.length > 0) this.pool = poolFromClips(m, this.clips, { name: 'real' });
    return this.info();
  }

  private async train(req: Extract<WorkerRequest, { type: 'train' }>): Promise<ReplyMap['train']> {
    const pool = this.pool;
    if (!pool) throw new Error('no training data yet: send "setup" first');
    this.stopRequested = false;
    const losses: number[] = [];
    let remaining = req.steps;
    const every = Math.max(1, req.progressEvery ?? 5);
    const ckptEvery = Math.max(every, req.checkpointEvery ?? 50);
    let seed = req.seed ?? 1;
    let sinceCkpt = 0;
    while (remaining > 0) {
      const model = this.requireModel();
      const trainer = new Trainer(model, { seed, batchSize: req.batchSize, learningRate: req.learningRate });
      sinceCkpt = 0;
      try {
        while (remaining > 0 && !this.stopRequested && !this.backend.lost) {
          const n = Math.min(every, remaining);
          const r = await trainer.train({ pools: [pool] }, n, {
            progressEvery: n,
            onProgress: (p) => {
              this.emit({
                type: 'progress',
                progress: { ...p, step: losses.length + n, total: losses.length + remaining, backend: this.backendName() },
              });
            },
          });
          losses.push(...r.losses);
          remaining -= r.losses.length;
          sinceCkpt += r.losses.length;
          if (sinceCkpt >= ckptEvery || remaining === 0) {
            this.lastCheckpoint = await saveWeights(model);
            sinceCkpt = 0;
          }
          // let the worker's message loop run (stop requests) between intervals
          await new Promise((res) => setTimeout(res, 0));
        }
      } catch (e) {
        if (!(await this.backend.deviceLost())) throw e;
      } finally {
        try {
          trainer.dispose();
        } catch {
          // optimizer state on a lost device may fail to release; it is dropped with the backend
        }
      }
      if (this.stopRequested || remaining <= 0) break;
      if (this.backend.lost) {
        // the steps since the last checkpoint are lost with the device: run them again on the next backend
        remaining += sinceCkpt;
        await this.fallBack(`${this.backend.lost}${sinceCkpt > 0 ? ` (${sinceCkpt} steps since the last checkpoint are redone)` : ''}`);
        seed += 1;
      }
    }
    return { losses, steps: losses.length, stopped: this.stopRequested, backend: this.backendName() };
  }

  private backendName(): BackendName {
    return this.backend.current?.name ?? 'cpu';
  }

  /** Move to the next backend and rebuild the model from the last checkpoint. */
  private async fallBack(reason: string): Promise<void> {
    const ckpt = this.lastCheckpoint;
    if (!ckpt) throw new Error(`${reason}; no checkpoint to resume from`);
    this.model = null; // its variables lived on the lost device
    const choice = await this.backend.switchAfterLoss();
    this.model = modelFromCheckpoint(ckpt);
    this.emit({ type: 'notice', message: `${reason}. Switched to ${choice.name} and resumed from the last checkpoint.` });
  }

  private async sample(prompts: string[], steps: number | undefined, guidance: number | undefined, seed: number): Promise<ReplyMap['sample']> {
    const m = this.requireModel();
    const r = await sample(m, prompts, { steps, guidance, seed });
    return { features: r.features, nFrames: m.config.nFrames, featureDim: m.config.featureDim, unknownWords: r.unknownWords };
  }
}

// LoopRunner: runs every arm of a self-consuming loop from one shared generation 0 (trained on the n real clips
// only), one generation at a time: run / pause / step, λ and γ changes that take effect at the next generation
// (recorded in the history), an event per generation, and a checkpoint per generation in an optional RunStore
// from which `LoopRunner.resume` continues with the same results as an uninterrupted run. `LoopRunner.startFromGen0`
// starts a new run from the generation 0 another run trained (same settings where generation 0 depends on them),
// so runs that differ only after generation 0 (λ, γ, arms, …) train it once.

import { flatParams, modelFromCheckpoint, saveWeights } from '../diffusion/checkpoint';
import { cloneModel, createModel, type DiffusionModel, disposeModel } from '../diffusion/denoiser';
import { datasetSetup, poolFromClips } from '../diffusion/pools';
import type { TrainPool } from '../diffusion/trainer';
import type { Clip } from '../motion/clip';
import { generateDataset, generateTestSplit } from '../motion/dataset/index';
import {
  accumulatedKey, GEN0_KEY, loadClips, loadRunHeader, REAL_KEY, requireBytes, saveClips, saveRunHeader, saveSamples, weightsKey,
} from './checkpoint';
import { type ArmName, LoopConfigError, type LoopConfig, makeLoopConfig } from './config';
import { type ArmState, evaluateModel, fineTune, runArmGeneration } from './generation';
import { seedFor } from './seeds';
import { toArrayBuffer } from './store';
import type { ArmRecord, ArmSamples, Gen0Source, GenerationEvent, GenerationRecord, LoopDeps, LoopPhase, ParamChange } from './types';

type Listener = (e: GenerationEvent) => void;

/** The settings generation 0 depends on: the real clips (n, dataSeed), the model's initialisation and training
 *  (seed, preset, initialSteps, batchSize, learningRate) and its evaluation (evalSamples, sampleSteps, guidance,
 *  multimodality; the evaluation and metrics seeds derive from seed). Everything else (λ, γ, generations, steps,
 *  arms, mode, accumulate, viewerSamples) only matters after generation 0. The arm names do not feed any seed
 *  (seeds.ts): generation 0 is evaluated once, under the first arm's name, and its record copied to every arm.
 *  Not in the config, so up to the caller: the evaluation reference set and the evaluator (deps.reference and
 *  deps.evaluate must measure as the source run's did) and the numeric backend. */
export const GEN0_FIELDS = [
  'n', 'dataSeed', 'seed', 'preset', 'initialSteps', 'batchSize', 'learningRate', 'evalSamples', 'sampleSteps', 'guidance',
  'multimodalityTexts', 'multimodalityRepeats',
] as const satisfies readonly (keyof LoopConfig)[];

export interface Gen0Mismatch {
  field: (typeof GEN0_FIELDS)[number];
  source: unknown;
  config: unknown;
}

/** The settings generation 0 depends on that differ between the run that trained it (`source`) and `config`
 *  (multimodalityRepeats only counts when multimodality is measured). Empty: the generation 0 can be shared. */
export function gen0Mismatches(source: LoopConfig, config: LoopConfig): Gen0Mismatch[] {
  const out: Gen0Mismatch[] = [];
  for (const field of GEN0_FIELDS) {
    if (field === 'multimodalityRepeats' && source.multimodalityTexts === 0 && config.multimodalityTexts === 0) continue;
    if (!Object.is(source[field], config[field])) out.push({ field, source: source[field], config: config[field] });
  }
  return out;
}

export class LoopRunner {
  /** The run's settings; only extendTo changes them (the generation count). */
  get config(): LoopConfig {
    return this.cfg;
  }
  private cfg: LoopConfig;
  /** One record per completed generation (index = generation). */
  readonly history: GenerationRecord[] = [];
  private readonly deps: LoopDeps;
  private arms: ArmState[] = [];
  private real: Clip[] = [];
  private realPool: TrainPool | null = null;
  private evalConditions: Clip[] = [];
  private theta0: Float32Array | null = null;
  private lambdaNext: number;
  private gammaNext: number;
  private slot = 0;
  private paused = true;
  private disposed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<Listener>();

  private constructor(config: LoopConfig, deps: LoopDeps) {
    this.cfg = config;
    this.deps = deps;
    this.lambdaNext = config.lambda;
    this.gammaNext = config.gamma;
  }

  /** A new run: trains the shared generation 0 (emits and checkpoints it) before resolving. */
  static async start(config: Partial<LoopConfig>, deps: LoopDeps): Promise<LoopRunner> {
    const c = makeLoopConfig(config);
    if (c.arms.includes('self-correcting') && !deps.correct) {
      throw new LoopConfigError('loop: the self-correcting arm needs a physics corrector (deps.correct)');
    }
    const r = new LoopRunner(c, deps);
    try {
      await r.initFresh();
    } catch (e) {
      r.dispose();
      throw e;
    }
    return r;
  }

  /** A new run that starts from the generation 0 of another run (`gen0`, e.g. checkpoint.ts loadGen0Source of its
   *  store) instead of training it: the same weights, real clips and generation-0 record (copied to every arm of
   *  this run, λ and γ this run's), so the run goes on exactly as a fresh run with these settings would. Refused
   *  (LoopConfigError naming the fields) when a setting generation 0 depends on differs (GEN0_FIELDS); deps.real
   *  is not used (the source's real clips are). Checkpointed in deps.store as a fresh run is, so it resumes. */
  static async startFromGen0(config: Partial<LoopConfig>, deps: LoopDeps, gen0: Gen0Source): Promise<LoopRunner> {
    const c = makeLoopConfig(config);
    if (c.arms.includes('self-correcting') && !deps.correct) {
      throw new LoopConfigError('loop: the self-correcting arm needs a physics corrector (deps.correct)');
    }
    const diff = gen0Mismatches(gen0.config, c);
    if (diff.length > 0) {
      throw new LoopConfigError(`loop: cannot start from that generation 0, it was made with other settings: ${
        diff.map((d) => `${d.field} ${String(d.source)} there, ${String(d.config)} here`).join('; ')}`);
    }
    const r = new LoopRunner(c, deps);
    try {
      await r.initFromGen0(gen0);
    } catch (e) {
      r.dispose();
      throw e;
    }
    return r;
  }

  /** Continue the run checkpointed in deps.store (null when the store holds none). */
  static async resume(deps: LoopDeps): Promise<LoopRunner | null> {
    if (!deps.store) throw new Error('LoopRunner.resume: no store');
    const h = await loadRunHeader(deps.store);
    if (!h) return null;
    const r = new LoopRunner(h.config, deps);
    try {
      await r.initFromStore(h.generation, h.slot, h.lambda, h.gamma, h.history);
    } catch (e) {
      r.dispose();
      throw e;
    }
    return r;
  }

  /** Raise the number of generations, so a finished run can go on; the next checkpoint records it. */
  extendTo(generations: number): void {
    if (!Number.isInteger(generations) || generations < this.cfg.generations) {
      throw new LoopConfigError(`loop: generations can only grow (the run has ${this.cfg.generations}), got ${generations}`);
    }
    this.cfg = makeLoopConfig({ ...this.cfg, generations });
  }

  /** Last completed generation. */
  get generation(): number {
    return this.history.length - 1;
  }

  get done(): boolean {
    return this.generation >= this.config.generations;
  }

  get running(): boolean {
    return !this.paused;
  }

  /** λ and γ the next generation will use. */
  get next(): { lambda: number; gamma: number } {
    return { lambda: this.lambdaNext, gamma: this.gammaNext };
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Change λ from the next generation on (saved in the store at once, so a crash does not lose it). */
  async setLambda(lambda: number): Promise<void> {
    makeLoopConfig({ ...this.config, lambda });
    this.lambdaNext = lambda;
    await this.serial(() => this.saveHeader());
  }

  /** Change γ from the next generation on (Infinity allowed). */
  async setGamma(gamma: number): Promise<void> {
    makeLoopConfig({ ...this.config, gamma });
    if (gamma > 0 && this.config.arms.includes('self-correcting') && !this.deps.correct) {
      throw new LoopConfigError('loop: the self-correcting arm needs a physics corrector (deps.correct)');
    }
    this.gammaNext = gamma;
    await this.serial(() => this.saveHeader());
  }

  /** Run one generation of every arm (null when the run is complete). */
  step(): Promise<GenerationEvent | null> {
    return this.serial(() => (this.done ? Promise.resolve(null) : this.runGeneration()));
  }

  /** Run generations until the last one or until pause(); resolves when it stops. */
  async run(): Promise<void> {
    this.paused = false;
    try {
      while (!this.paused && !this.done && !this.disposed) await this.step();
    } finally {
      this.paused = true;
    }
  }

  /** Stop `run` after the generation in progress. */
  pause(): void {
    this.paused = true;
  }

  /** The model of one arm (owned by the runner: do not dispose or train it). */
  model(arm: ArmName): DiffusionModel {
    const s = this.arms.find((a) => a.arm === arm);
    if (!s) throw new Error(`loop: no arm "${arm}" in this run (arms: ${this.config.arms.join(', ')})`);
    return s.model;
  }

  /** Wait for the generation in progress, then free every model. */
  async close(): Promise<void> {
    this.paused = true;
    await this.queue.catch(() => undefined);
    this.dispose();
  }

  dispose(): void {
    this.disposed = true;
    this.paused = true;
    for (const a of this.arms) disposeModel(a.model);
    this.arms = [];
  }

  // ---- internals ----

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.queue.then(() => {
      if (this.disposed) throw new Error('loop: the runner was disposed');
      return fn();
    });
    this.queue = p.catch(() => undefined);
    return p;
  }

  private progress(generation: number, arm: ArmName | null, phase: LoopPhase, within: number): void {
    if (!this.deps.onProgress) return;
    const c = this.config;
    const nArms = c.arms.length;
    // work units: one per arm-generation; generation 0 weighs its training steps against K
    const w0 = Math.max(1, c.initialSteps / Math.max(1, c.steps));
    const units = w0 + c.generations * nArms;
    const done = generation === 0 ? within * w0 : w0 + (generation - 1) * nArms + c.arms.indexOf(arm as ArmName) + within;
    this.deps.onProgress({ generation, arm, phase, fraction: Math.min(1, done / units) });
  }

  private prepareData(real: Clip[]): void {
    const c = this.config;
    if (real.length !== c.n) throw new LoopConfigError(`loop: ${real.length} real clips given, config.n is ${c.n}`);
    this.real = real;
    const ref = this.deps.reference ?? generateTestSplit(c.evalSamples);
    if (ref.length === 0) throw new LoopConfigError('loop: the evaluation reference set is empty');
    this.evalConditions = Array.from({ length: c.evalSamples }, (_, i) => ref[i % ref.length]);
  }

  private async initFresh(): Promise<void> {
    const c = this.config;
    const t0 = performance.now();
    this.progress(0, null, 'setup', 0);
    this.prepareData(this.deps.real ?? generateDataset({ n: c.n, seed: c.dataSeed }));
    const { vocab, stats } = datasetSetup(this.real);
    const model = createModel(c.preset, vocab, seedFor(c.seed, 'init'), { stats });
    try {
      this.realPool = poolFromClips(model, this.real, { name: 'real' });
      this.progress(0, null, 'training', 0.05);
      const loss = await fineTune(model, [this.realPool], c.initialSteps, c, seedFor(c.seed, 'g0/train'), (f) => this.progress(0, null, 'training', 0.05 + 0.8 * f));
      const tTrain = performance.now();
      this.progress(0, null, 'evaluating', 0.85);
      // Generation 0 is one model: evaluated once, its record copied to every arm.
      const metrics = await evaluateModel(model, c.arms[0], 0, c, this.evalConditions, this.deps.evaluate);
      const tEval = performance.now();
      this.theta0 = await flatParams(model);
      this.arms = c.arms.map((arm) => ({ arm, model: cloneModel(model), accumulated: [] }));
      const arms: Partial<Record<ArmName, ArmRecord>> = {};
      for (const arm of c.arms) {
        arms[arm] = {
          arm, generation: 0, synthetic: 0, trainSynthetic: 0, corrected: 0, metrics: structuredClone(metrics), drift: 0, loss,
          timings: { sampleMs: 0, correctMs: 0, trainMs: tTrain - t0, evalMs: tEval - tTrain, totalMs: tEval - t0 },
        };
      }
      const record: GenerationRecord = { generation: 0, lambda: c.lambda, gamma: c.gamma, changes: [], arms, ms: performance.now() - t0 };
      this.history.push(record);
      if (this.deps.store) {
        this.progress(0, null, 'checkpoint', 0.95);
        await saveClips(this.deps.store, REAL_KEY, this.real);
        const bytes = new Uint8Array(await saveWeights(model));
        await this.deps.store.save(GEN0_KEY, bytes);
        await this.saveSlot(0, bytes);
      }
      this.emit({ type: 'generation', record, samples: {}, done: this.done });
    } finally {
      disposeModel(model);
    }
  }

  private async initFromGen0(gen0: Gen0Source): Promise<void> {
    const c = this.config;
    const source = gen0.record;
    const sourceArm = source?.generation === 0 ? Object.values(source.arms).find((a) => a !== undefined) : undefined;
    if (!sourceArm) throw new LoopConfigError('loop: the generation-0 record to start from is not one of generation 0 with an arm');
    this.progress(0, null, 'setup', 0);
    this.prepareData(gen0.real);
    const model = modelFromCheckpoint(toArrayBuffer(gen0.weights), GEN0_KEY);
    try {
      this.theta0 = await flatParams(model);
      this.realPool = poolFromClips(model, this.real, { name: 'real' });
      this.arms = c.arms.map((arm) => ({ arm, model: cloneModel(model), accumulated: [] }));
    } finally {
      disposeModel(model);
    }
    const arms: Partial<Record<ArmName, ArmRecord>> = {};
    for (const arm of c.arms) arms[arm] = { ...structuredClone(sourceArm), arm };
    const record: GenerationRecord = { generation: 0, lambda: c.lambda, gamma: c.gamma, changes: [], arms, ms: source.ms };
    this.history.push(record);
    if (this.deps.store) {
      this.progress(0, null, 'checkpoint', 0.95);
      await saveClips(this.deps.store, REAL_KEY, this.real);
      await this.deps.store.save(GEN0_KEY, gen0.weights);
      await this.saveSlot(0, gen0.weights);
    }
    this.emit({ type: 'generation', record, samples: {}, done: this.done });
  }

  private async initFromStore(generation: number, slot: number, lambda: number, gamma: number, history: GenerationRecord[]): Promise<void> {
    const store = this.deps.store;
    if (!store) throw new Error('LoopRunner.resume: no store');
    const c = this.config;
    if (c.arms.includes('self-correcting') && !this.deps.correct) {
      throw new LoopConfigError('loop: the self-correcting arm needs a physics corrector (deps.correct)');
    }
    this.prepareData(await loadClips(store, REAL_KEY));
    const gen0 = modelFromCheckpoint(toArrayBuffer(await requireBytes(store, GEN0_KEY)), GEN0_KEY);
    try {
      this.theta0 = await flatParams(gen0);
      this.realPool = poolFromClips(gen0, this.real, { name: 'real' });
    } finally {
      disposeModel(gen0);
    }
    for (const arm of c.arms) {
      const key = weightsKey(slot, arm);
      const model = modelFromCheckpoint(toArrayBuffer(await requireBytes(store, key)), key);
      this.arms.push({ arm, model, accumulated: [] });
      if (c.accumulate && generation > 0) this.arms[this.arms.length - 1].accumulated = await loadClips(store, accumulatedKey(slot, arm));
    }
    this.history.push(...history);
    this.slot = slot;
    this.lambdaNext = lambda;
    this.gammaNext = gamma;
  }

  private async runGeneration(): Promise<GenerationEvent> {
    const c = this.config;
    const g = this.generation + 1;
    const t0 = performance.now();
    const prev = this.history[this.history.length - 1];
    const lambda = this.lambdaNext;
    const gamma = this.gammaNext;
    const changes: ParamChange[] = [];
    if (lambda !== prev.lambda) changes.push({ field: 'lambda', from: prev.lambda, to: lambda });
    if (gamma !== prev.gamma) changes.push({ field: 'gamma', from: prev.gamma, to: gamma });
    const arms: Partial<Record<ArmName, ArmRecord>> = {};
    const samples: Partial<Record<ArmName, ArmSamples>> = {};
    for (const state of this.arms) {
      const out = await runArmGeneration(state, {
        config: c, generation: g, lambda, gamma, real: this.real, realPool: this.realPool as TrainPool,
        evalConditions: this.evalConditions, theta0: this.theta0 as Float32Array,
        evaluate: this.deps.evaluate, correct: this.deps.correct,
        report: (phase, f) => this.progress(g, state.arm, phase, f),
      });
      arms[state.arm] = out.record;
      samples[state.arm] = out.samples;
    }
    const record: GenerationRecord = { generation: g, lambda, gamma, changes, arms, ms: performance.now() - t0 };
    this.history.push(record);
    if (this.deps.store) {
      this.progress(g, c.arms[c.arms.length - 1], 'checkpoint', 1);
      for (const arm of c.arms) if (samples[arm]) await saveSamples(this.deps.store, g, arm, samples[arm] as ArmSamples);
      await this.saveSlot(g % 2);
    }
    const event: GenerationEvent = { type: 'generation', record, samples, done: this.done };
    this.emit(event);
    return event;
  }

  /** Write every arm's weights (and accumulated clips) into `slot`, then point run.json at it. */
  private async saveSlot(slot: number, sameBytes?: Uint8Array): Promise<void> {
    const store = this.deps.store;
    if (!store) return;
    for (const a of this.arms) {
      await store.save(weightsKey(slot, a.arm), sameBytes ?? new Uint8Array(await saveWeights(a.model)));
      if (this.config.accumulate) await saveClips(store, accumulatedKey(slot, a.arm), a.accumulated);
    }
    this.slot = slot;
    await this.saveHeader();
  }

  private async saveHeader(): Promise<void> {
    if (!this.deps.store || this.history.length === 0) return;
    await saveRunHeader(this.deps.store, {
      config: this.config, generation: this.generation, slot: this.slot, lambda: this.lambdaNext, gamma: this.gammaNext, history: this.history,
    });
  }

  private emit(e: GenerationEvent): void {
    for (const l of this.listeners) l(e);
  }
}

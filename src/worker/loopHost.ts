// The loop run a Web Worker hosts (loop.worker.ts), free of worker globals so Node tests drive it directly:
// backend choice (webgpu → webgl → wasm → cpu) with its reason, the evaluator (bytes from a loader) and the Rapier
// corrector wired into a LoopRunner whose checkpoints go to the run library (IndexedDB in the app), run / pause /
// step / λ / γ / stop, opening (and resuming) saved runs, sampling a prompt from an arm's model, the runs list with
// export and import, and the lost-WebGPU-device path: dispose, switch to the next backend, resume from the last
// checkpoint, tell the UI. NaN losses and failed generations end the run in status 'error' with a notice; the
// generations already saved stay.

import { type BackendChoice, type BackendName, BROWSER_ORDER, destroyDeviceForTest, selectBackend, type SelectBackendOptions, watchDeviceLoss } from '../core/diffusion/backend';
import { sampleClips } from '../core/diffusion/sampler';
import { tf } from '../core/diffusion/tf';
import { evaluateMotions } from '../core/eval/evaluate';
import { type Evaluator, evaluatorFromBytes, type TfEvaluator } from '../core/eval/evaluator';
import { loadRunHeader, loadRunStart, loadSamples, saveRunStart } from '../core/loop/checkpoint';
import { clipsFromBytes } from '../core/loop/clipBytes';
import { type ArmName, type LoopConfig, makeLoopConfig } from '../core/loop/config';
import { featureSpaceMetrics } from '../core/loop/featureMetrics';
import { LoopRunner } from '../core/loop/runner';
import { seedFor } from '../core/loop/seeds';
import type { CorrectFn, EvaluateFn, GenerationEvent, LoopDeps, LoopProgress } from '../core/loop/types';
import type { Clip } from '../core/motion/clip';
import { generateDataset, generateTestSplit } from '../core/motion/dataset/index';
import { applyCorrection, initPhysics } from '../core/physics/index';
import { exportRunJson, importRunJson } from '../app/persist/runFile';
import { configSummary, newRunId, type RunIndexEntry, type RunLibrary } from '../app/persist/runLibrary';
import type { LoopEvent, LoopReplyMap, LoopRequest, LoopRunStatus, OpenedRun, SamplesByGeneration } from './loopProtocol';

export interface LoopHostOptions {
  library: RunLibrary;
  /** The evaluator weights (public/evaluator/evaluator.bin); when it fails, runs use the feature-space metrics. */
  loadEvaluator: () => Promise<Uint8Array | ArrayBuffer>;
  /** Backend order (default: the browser order webgpu → webgl → wasm → cpu). */
  order?: readonly BackendName[];
  backendOptions?: Omit<SelectBackendOptions, 'order' | 'exclude'>;
  /** Real test clips the metrics compare against (default 256, as `scsc experiment`). */
  evalReference?: number;
  /** Least time between two progress events of the same phase (default 150 ms). */
  progressIntervalMs?: number;
  now?: () => number;
}

/** Clips per evaluator pass: small GPU submissions (a long one can trip the GPU watchdog under SwiftShader). */
const EVAL_CHUNK = 32;

/**
 * `ev` evaluated in chunks of EVAL_CHUNK clips, with the embeddings of the fixed reference set computed once per
 * backend (evaluateMotions embeds the reference at every call; the results are the same, row by row).
 */
export function chunkedEvaluator(ev: Evaluator, reference: readonly Clip[]): Evaluator {
  let refEmb: Promise<Float32Array> | null = null;
  const embed = async (clips: Clip[]): Promise<Float32Array> => {
    if (clips.length <= EVAL_CHUNK) return ev.embedMotions(clips);
    const out = new Float32Array(clips.length * ev.dim);
    for (let i = 0; i < clips.length; i += EVAL_CHUNK) out.set(await ev.embedMotions(clips.slice(i, i + EVAL_CHUNK)), i * ev.dim);
    return out;
  };
  return {
    dim: ev.dim,
    embedMotions: async (clips) => {
      if (clips === reference) {
        // Cached as a promise (two overlapping calls share one pass); a failed pass is not cached.
        refEmb ??= embed(clips).catch((e: unknown) => {
          refEmb = null;
          throw e;
        });
        return (await refEmb).slice();
      }
      return embed(clips);
    },
    embedTexts: (captions) => ev.embedTexts(captions),
    classify: async (clips) => {
      const out: string[] = [];
      for (let i = 0; i < clips.length; i += EVAL_CHUNK) out.push(...(await ev.classify(clips.slice(i, i + EVAL_CHUNK))));
      return out;
    },
    dispose: () => ev.dispose(),
  };
}

class Cancelled extends Error {
  override name = 'Cancelled';
}

/** The open run. */
interface Current {
  id: string;
  entry: RunIndexEntry;
  config: LoopConfig;
  runner: LoopRunner | null;
  off: () => void;
  cancelled: boolean;
  pending: { lambda?: number; gamma?: number };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const msg = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class LoopHost {
  private backend: BackendChoice | null = null;
  private readonly excluded: BackendName[] = [];
  private deviceLost: string | null = null;
  private unwatch: () => void = () => undefined;
  private evaluatorBytes: Uint8Array | null = null;
  private evaluatorError: string | null = null;
  private evaluator: TfEvaluator | null = null;
  private chunked: Evaluator | null = null;
  private referenceClips: Clip[] | null = null;
  private standIn: ReturnType<typeof featureSpaceMetrics> | null = null;
  private ready: Promise<void> | null = null;
  private cur: Current | null = null;
  private status: LoopRunStatus = 'idle';
  private wantRun = false;
  private stepsLeft = 0;
  private driving: Promise<void> | null = null;
  private eta = { t0: 0, f0: null as number | null, lastEmit: 0, lastKey: '' };
  private readonly now: () => number;

  constructor(private readonly emit: (e: LoopEvent) => void, private readonly opts: LoopHostOptions) {
    this.now = opts.now ?? (() => performance.now());
  }

  async handle<T extends LoopRequest>(req: T): Promise<LoopReplyMap[T['type']]> {
    type R = LoopReplyMap[T['type']];
    switch (req.type) {
      case 'init':
        return (await this.init(req.order)) as R;
      case 'start':
        return (await this.start(req.config, req.imported, req.label, req.run)) as R;
      case 'run':
        return { status: this.continueRun(true) } as R;
      case 'step':
        return { status: this.continueRun(false) } as R;
      case 'pause':
        return { status: this.pause() } as R;
      case 'setLambda':
        return { lambda: await this.setParam('lambda', req.lambda) } as R;
      case 'setGamma':
        return { gamma: await this.setParam('gamma', req.gamma) } as R;
      case 'stop':
        return { stopped: await this.stop() } as R;
      case 'open':
        return (await this.open(req.runId, req.run)) as R;
      case 'sample':
        return (await this.sample(req.prompt, req.arm, req.seed)) as R;
      case 'listRuns':
        return { runs: await this.opts.library.list() } as R;
      case 'deleteRun':
        return { runs: await this.deleteRun(req.runId) } as R;
      case 'exportRun': {
        const json = await exportRunJson(this.opts.library, req.runId);
        return { json, fileName: `scsc-run-${req.runId}.json` } as R;
      }
      case 'importRun': {
        const entry = await importRunJson(this.opts.library, req.text);
        const runs = await this.publishRuns();
        return { entry, runs } as R;
      }
      case 'simulateDeviceLoss':
        return this.simulateDeviceLoss() as R;
    }
    throw new Error(`loop worker: unknown request "${(req as { type: string }).type}"`);
  }

  /** Stop everything and free the models and the evaluator (tests). */
  async dispose(): Promise<void> {
    await this.stop();
    try {
      this.evaluator?.dispose();
    } catch {
      // its backend is gone (removed after a lost device)
    }
    this.evaluator = null;
    this.unwatch();
  }

  // ---- setup ----

  private async init(order?: BackendName[]): Promise<LoopReplyMap['init']> {
    const backend = this.backend ?? (await this.selectBackend(order));
    void this.prepare().catch(() => undefined); // fetch the evaluator and start Rapier while the user reads the page
    return { backend, runs: await this.opts.library.list(), active: await this.opts.library.getActive() };
  }

  private async selectBackend(order?: readonly BackendName[]): Promise<BackendChoice> {
    const choice = await selectBackend({ ...this.opts.backendOptions, order: order ?? this.opts.order ?? BROWSER_ORDER, exclude: this.excluded });
    this.backend = choice;
    this.deviceLost = null;
    this.unwatch();
    this.unwatch = watchDeviceLoss((m) => {
      this.deviceLost = m;
    });
    this.emit({ type: 'backend', choice });
    return choice;
  }

  /** Backend, evaluator bytes, reference clips and Rapier, once. */
  private prepare(): Promise<void> {
    this.ready ??= (async () => {
      if (!this.backend) await this.selectBackend();
      try {
        const b = await this.opts.loadEvaluator();
        this.evaluatorBytes = b instanceof Uint8Array ? b : new Uint8Array(b);
      } catch (e) {
        this.evaluatorError = msg(e);
      }
      await initPhysics();
    })();
    return this.ready;
  }

  private reference(): Clip[] {
    this.referenceClips ??= generateTestSplit(this.opts.evalReference ?? 256);
    return this.referenceClips;
  }

  /** The evaluator on the current backend (rebuilt after a backend switch); null: feature-space metrics. */
  private requireEvaluator(): Evaluator | null {
    if (this.evaluator && !this.evaluator.disposed && this.chunked) return this.chunked;
    if (!this.evaluatorBytes) return null;
    this.evaluator = evaluatorFromBytes(this.evaluatorBytes, 'evaluator/evaluator.bin');
    this.chunked = chunkedEvaluator(this.evaluator, this.reference());
    return this.chunked;
  }

  private metricsKind(): RunIndexEntry['metrics'] {
    if (this.evaluatorBytes) return 'evaluator';
    this.emit({
      type: 'notice', level: 'warning',
      text: `The evaluator weights could not be loaded (${this.evaluatorError ?? 'unknown error'}): this run uses the feature-space stand-in metrics (no R-precision).`,
    });
    return 'feature-space';
  }

  private deps(cur: Current): LoopDeps {
    const { config } = cur;
    const kind = cur.entry.metrics;
    const evaluate: EvaluateFn = (generated, _arm, generation, multimodalGroups) => {
      const seed = seedFor(config.seed, `g${generation}/metrics`);
      const ev = kind === 'evaluator' ? this.requireEvaluator() : null;
      if (ev) return evaluateMotions(ev, generated, this.reference(), { seed, multimodalGroups });
      this.standIn ??= featureSpaceMetrics(this.reference());
      return this.standIn(generated, seed, multimodalGroups);
    };
    const correct: CorrectFn = (batch, gamma, { mode, seed }) => {
      const r = applyCorrection(batch, gamma, { mode, seed, correctOptions: { rootIntegralGain: config.rootIntegral } });
      return { clips: r.clips, corrected: r.corrected };
    };
    return {
      evaluate, correct, store: this.opts.library.store(cur.id), reference: this.reference(),
      onProgress: (p) => {
        if (cur.cancelled) throw new Cancelled('run closed');
        this.progress(cur, p);
      },
    };
  }

  // ---- status and progress ----

  private setStatus(status: LoopRunStatus, error: string | null = null): void {
    this.status = status;
    this.emit({ type: 'status', runId: this.cur?.id ?? null, status, generation: this.cur?.runner?.generation ?? -1, error });
  }

  private progress(cur: Current, p: LoopProgress): void {
    const t = this.now();
    const key = `${p.generation}/${p.arm}/${p.phase}`;
    if (this.eta.f0 === null) {
      this.eta.f0 = p.fraction;
      this.eta.t0 = t;
    }
    if (key === this.eta.lastKey && t - this.eta.lastEmit < (this.opts.progressIntervalMs ?? 150) && p.fraction < 1) return;
    this.eta.lastKey = key;
    this.eta.lastEmit = t;
    const df = p.fraction - this.eta.f0;
    const etaSeconds = df > 0.002 ? (((t - this.eta.t0) / 1000) * (1 - p.fraction)) / df : null;
    this.emit({ type: 'progress', progress: { runId: cur.id, generation: p.generation, arm: p.arm, phase: p.phase, fraction: p.fraction, etaSeconds } });
  }

  private async publishRuns(): Promise<RunIndexEntry[]> {
    const runs = await this.opts.library.list();
    this.emit({ type: 'runs', runs });
    return runs;
  }

  // ---- runs ----

  private async start(partial: Partial<LoopConfig>, imported: Uint8Array | undefined, label: string | undefined, run: boolean): Promise<{ runId: string }> {
    await this.stop();
    const config = makeLoopConfig(partial);
    const extra = imported && imported.length > 0 ? clipsFromBytes(imported, 'imported clips') : [];
    const embeddedN = config.n - extra.length;
    if (embeddedN < 1) throw new Error(`start: config.n (${config.n}) must exceed the ${extra.length} imported clips`);
    await this.prepare();
    const id = newRunId();
    const entry: RunIndexEntry = {
      id, created: new Date().toISOString(), label: label ?? `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`,
      summary: configSummary(config) + (extra.length > 0 ? ` (${extra.length} imported)` : ''), generation: -1, generations: config.generations,
      done: false, imported: false, metrics: this.metricsKind(),
    };
    await this.opts.library.put(entry);
    await saveRunStart(this.opts.library.store(id), { config, imported: extra });
    await this.opts.library.setActive({ id, running: run });
    await this.publishRuns();
    this.beginGeneration0(entry, config, extra, run);
    return { runId: id };
  }

  /** Train generation 0 of a new run (or of one interrupted before its first checkpoint), then run or pause. */
  private beginGeneration0(entry: RunIndexEntry, config: LoopConfig, imported: readonly Clip[], run: boolean): void {
    const cur: Current = { id: entry.id, entry, config, runner: null, off: () => undefined, cancelled: false, pending: {} };
    this.cur = cur;
    this.wantRun = run;
    this.stepsLeft = 0;
    this.setStatus('starting');
    const real = [...generateDataset({ n: config.n - imported.length, seed: config.dataSeed }), ...imported];
    this.driving = this.drive(cur, () => LoopRunner.start(config, { ...this.deps(cur), real }));
  }

  /** Keep the runner's generation events flowing to the UI and the index; apply λ/γ set while it was loading. */
  private async attach(cur: Current, r: LoopRunner): Promise<void> {
    cur.runner = r;
    cur.off = r.on((e: GenerationEvent) => {
      this.emit({ type: 'generation', runId: cur.id, record: e.record, samples: e.samples, done: e.done });
    });
    if (cur.pending.lambda !== undefined) await r.setLambda(cur.pending.lambda);
    if (cur.pending.gamma !== undefined) await r.setGamma(cur.pending.gamma);
    cur.pending = {};
  }

  private continueRun(run: boolean): LoopRunStatus {
    const cur = this.cur;
    if (!cur) throw new Error('no open run: start one or reopen a saved one');
    if (cur.entry.imported) throw new Error(`run "${cur.entry.label}" was imported without weights and cannot be continued`);
    if (cur.runner?.done) return this.status;
    this.wantRun = run;
    this.stepsLeft = run ? 0 : 1;
    if (!this.driving) this.driving = this.drive(cur);
    void this.opts.library.setActive({ id: cur.id, running: run });
    return this.status;
  }

  private pause(): LoopRunStatus {
    this.wantRun = false;
    this.stepsLeft = 0;
    if (this.driving && this.cur) {
      void this.opts.library.setActive({ id: this.cur.id, running: false });
      this.setStatus('pausing');
    }
    return this.status;
  }

  private async setParam(field: 'lambda' | 'gamma', v: number): Promise<number> {
    const cur = this.cur;
    if (!cur) throw new Error(`set ${field}: no open run`);
    makeLoopConfig({ ...cur.config, [field]: v }); // validates, naming the field
    if (cur.runner) await (field === 'lambda' ? cur.runner.setLambda(v) : cur.runner.setGamma(v));
    else cur.pending[field] = v;
    return v;
  }

  /** Generation 0 (when `create` is given), then generations while running or steps remain. */
  private async drive(cur: Current, create?: () => Promise<LoopRunner>): Promise<void> {
    this.eta = { t0: this.now(), f0: null, lastEmit: 0, lastKey: '' };
    try {
      if (create) {
        this.setStatus('running');
        for (;;) {
          try {
            const r = await create();
            if (cur.cancelled) {
              r.dispose();
              return;
            }
            await this.attach(cur, r);
            break;
          } catch (e) {
            if (cur.cancelled || e instanceof Cancelled) return;
            if (!(await this.lostDevice())) throw e;
            const reason = this.lostReason();
            await this.switchBackend();
            this.emit({ type: 'notice', level: 'warning', text: `${reason}. Switched to ${this.backend?.name}; generation 0 starts again.` });
          }
        }
        const r = cur.runner as LoopRunner;
        this.emit({ type: 'generation', runId: cur.id, record: r.history[0], samples: {}, done: r.done });
        await this.afterGeneration(cur);
      }
      for (;;) {
        if (this.wantRun || this.stepsLeft > 0) this.setStatus('running');
        while (this.cur === cur && !cur.cancelled && cur.runner && !cur.runner.done && (this.wantRun || this.stepsLeft > 0)) {
          if (!this.wantRun) this.stepsLeft--;
          const runner: LoopRunner = cur.runner;
          try {
            await runner.step();
          } catch (e) {
            if (cur.cancelled || e instanceof Cancelled) return;
            if (!(await this.lostDevice())) throw new Error(`generation ${runner.generation + 1} failed: ${msg(e)}`);
            await this.recover(cur);
            if (!this.wantRun) this.stepsLeft++; // the lost generation runs again
            continue;
          }
          if (this.deviceLost) await this.recover(cur);
          await this.afterGeneration(cur);
        }
        if (this.cur !== cur || cur.cancelled) return;
        const done = cur.runner?.done ?? false;
        await this.opts.library.setActive({ id: cur.id, running: false });
        // a run or step request that arrived while this was saving continues here
        if (!done && (this.wantRun || this.stepsLeft > 0) && this.cur === cur && !cur.cancelled) {
          await this.opts.library.setActive({ id: cur.id, running: this.wantRun });
          continue;
        }
        this.setStatus(done ? 'done' : 'paused');
        break;
      }
    } catch (e) {
      if (cur.cancelled || e instanceof Cancelled) return;
      const text = `Run "${cur.entry.label}" stopped with an error: ${msg(e)}. Its saved generations are kept.`;
      await this.opts.library.setActive({ id: cur.id, running: false }).catch(() => undefined);
      this.emit({ type: 'notice', level: 'error', text });
      this.setStatus('error', msg(e));
    } finally {
      if (this.cur === cur || cur.cancelled) this.driving = null;
    }
  }

  /** Index update after a generation, and the NaN-loss check (the generation is saved; the run stops). */
  private async afterGeneration(cur: Current): Promise<void> {
    const r = cur.runner;
    if (!r) return;
    const rec = r.history[r.history.length - 1];
    cur.entry = { ...cur.entry, generation: r.generation, done: r.done };
    await this.opts.library.update(cur.id, { generation: r.generation, done: r.done });
    await this.publishRuns();
    const steps = rec.generation === 0 ? cur.config.initialSteps : cur.config.steps;
    if (steps > 0) {
      for (const [arm, a] of Object.entries(rec.arms)) {
        if (a && !Number.isFinite(a.loss)) {
          throw new Error(`generation ${rec.generation}, arm ${arm}: the training loss is ${a.loss} (training diverged; try a lower learning rate or another seed)`);
        }
      }
    }
  }

  private lostReason(): string {
    return this.deviceLost ?? 'The GPU device was lost';
  }

  private async lostDevice(): Promise<boolean> {
    if (this.deviceLost) return true;
    await sleep(50); // the device's lost promise resolves just after the failing call
    return this.deviceLost !== null;
  }

  /** Drop everything that lived on the lost backend and select the next one. */
  private async switchBackend(): Promise<void> {
    const lost = this.backend?.name;
    if (lost) this.excluded.push(lost);
    try {
      this.evaluator?.dispose();
    } catch {
      // its tensors lived on the lost device
    }
    this.evaluator = null;
    this.chunked = null;
    if (lost) {
      try {
        tf.removeBackend(lost);
      } catch {
        // already gone
      }
    }
    this.backend = null;
    await this.selectBackend();
  }

  /** The device was lost during a generation: switch backends, reload the run from its last checkpoint. */
  private async recover(cur: Current): Promise<void> {
    const reason = this.lostReason();
    cur.off();
    try {
      cur.runner?.dispose();
    } catch {
      // the models' tensors were on the lost device
    }
    cur.runner = null;
    await this.switchBackend();
    const r = await LoopRunner.resume(this.deps(cur));
    if (!r) throw new Error(`${reason}, and run "${cur.entry.label}" has no checkpoint to resume from`);
    await this.attach(cur, r);
    this.emit({
      type: 'notice', level: 'warning',
      text: `${reason}. Switched to ${this.backend?.name ?? 'another backend'} and resumed the run from its last checkpoint (generation ${r.generation}).`,
    });
  }

  private simulateDeviceLoss(): { destroyed: boolean } {
    if (destroyDeviceForTest()) return { destroyed: true };
    this.deviceLost = `Simulated loss of the ${this.backend?.name ?? 'current'} backend`;
    return { destroyed: false };
  }

  /** Close the open run (it stays saved): cancel the generation in progress, free its models. */
  private async stop(): Promise<boolean> {
    const cur = this.cur;
    if (!cur) return false;
    cur.cancelled = true;
    this.wantRun = false;
    this.stepsLeft = 0;
    const d = this.driving;
    if (d) await d.catch(() => undefined);
    this.driving = null;
    cur.off();
    try {
      if (cur.runner) await cur.runner.close();
    } catch {
      // its models lived on a backend that is gone (removed after a lost device)
    }
    cur.runner = null;
    this.cur = null;
    this.status = 'idle';
    const active = await this.opts.library.getActive();
    if (active?.id === cur.id) await this.opts.library.setActive(null);
    this.emit({ type: 'status', runId: null, status: 'idle', generation: -1, error: null });
    return true;
  }

  private async open(runId: string, run: boolean): Promise<OpenedRun> {
    await this.stop();
    const lib = this.opts.library;
    const entry = await lib.get(runId);
    if (!entry) throw new Error(`open: no saved run "${runId}"`);
    const store = lib.store(runId);
    const header = await loadRunHeader(store);
    if (!header) {
      // interrupted before its first checkpoint: generation 0 starts again from the settings saved at the start
      const start = entry.imported ? null : await loadRunStart(store);
      if (!start) throw new Error(`open: run "${entry.label}" never finished generation 0, so there is nothing to show (delete it and start again)`);
      await this.prepare();
      await lib.setActive({ id: runId, running: run });
      this.beginGeneration0(entry, start.config, start.imported, run);
      return {
        runId, config: start.config, history: [], samples: {}, done: false, canContinue: true, status: this.status,
        next: { lambda: start.config.lambda, gamma: start.config.gamma },
      };
    }
    const samples: SamplesByGeneration = {};
    for (const rec of header.history) {
      for (const arm of header.config.arms) {
        const s = await loadSamples(store, rec.generation, arm);
        if (s) (samples[rec.generation] ??= {})[arm] = s;
      }
    }
    const done = header.generation >= header.config.generations;
    const canContinue = !entry.imported && !done;
    const cur: Current = { id: runId, entry, config: header.config, runner: null, off: () => undefined, cancelled: false, pending: {} };
    if (!entry.imported) {
      await this.prepare();
      const r = await LoopRunner.resume(this.deps(cur));
      if (!r) throw new Error(`open: run "${entry.label}" has no checkpoint`);
      await this.attach(cur, r);
    }
    this.cur = cur;
    const going = run && canContinue;
    await lib.setActive({ id: runId, running: going });
    this.wantRun = going;
    this.stepsLeft = 0;
    if (going) {
      this.status = 'running';
      this.driving = this.drive(cur);
    } else {
      this.status = done ? 'done' : 'paused';
    }
    this.emit({ type: 'status', runId, status: this.status, generation: header.generation, error: null });
    return {
      runId, config: header.config, history: header.history, samples, done, canContinue, status: this.status,
      next: { lambda: header.lambda, gamma: header.gamma },
    };
  }

  private async deleteRun(runId: string): Promise<RunIndexEntry[]> {
    if (this.cur?.id === runId) await this.stop();
    await this.opts.library.delete(runId);
    return this.publishRuns();
  }

  private async sample(prompt: string, arm: ArmName, seed: number): Promise<LoopReplyMap['sample']> {
    const text = prompt.trim();
    if (text === '') throw new Error('sample: the prompt is empty');
    const runner = this.cur?.runner;
    if (!runner) throw new Error('sample: no model loaded; start a run (or reopen an unfinished one) first');
    const c = runner.config;
    if (!c.arms.includes(arm)) throw new Error(`sample: this run has no arm "${arm}" (arms: ${c.arms.join(', ')})`);
    const { clips, unknownWords } = await sampleClips(runner.model(arm), [text], {
      steps: c.sampleSteps, guidance: c.guidance, seed, idPrefix: `prompt-${arm}-g${runner.generation}`,
    });
    return { clip: clips[0], unknownWords: unknownWords[0] ?? [] };
  }
}

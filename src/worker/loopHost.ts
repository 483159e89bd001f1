// The loop run a Web Worker hosts (loop.worker.ts), free of worker globals so Node tests drive it directly: it
// answers the loop protocol's requests. Starting, opening (and resuming) and deleting runs, the runs list with
// export and import, and sampling a prompt from an arm's model live here; the open run's state machine is the
// RunDriver (runDriver.ts), the backend and its device-loss handling the BackendGuard (backendGuard.ts), and the
// evaluator, reference clips and loop functions the LoopResources (loopResources.ts).

import type { BackendName } from '../core/diffusion/backend';
import { sampleClips } from '../core/diffusion/sampler';
import { loadRunHeader, loadRunStart, loadSamples, saveRunStart } from '../core/loop/checkpoint';
import { clipsFromBytes } from '../core/loop/clipBytes';
import { type ArmName, type LoopConfig, makeLoopConfig } from '../core/loop/config';
import type { SamplesByGeneration } from '../core/loop/types';
import { BackendGuard, type BackendGuardOptions } from './backendGuard';
import { LoopResources } from './loopResources';
import type { LoopEvent, LoopReplyMap, LoopRequest, OpenedRun } from './loopProtocol';
import { exportRunJson, importRunJson } from './persist/runFile';
import { configSummary, newRunId, type RunIndexEntry, type RunLibrary } from './persist/runLibrary';
import { openRun, RunDriver } from './runDriver';

export interface LoopHostOptions {
  library: RunLibrary;
  /** The evaluator weights (public/evaluator/evaluator.bin); when it fails, runs use the feature-space metrics. */
  loadEvaluator: () => Promise<Uint8Array | ArrayBuffer>;
  /** Backend order (default: the browser order webgpu → webgl → wasm → cpu). */
  order?: readonly BackendName[];
  backendOptions?: BackendGuardOptions;
  /** Real test clips the metrics compare against (default 256, as `scsc experiment`). */
  evalReference?: number;
  /** Least time between two progress events of the same phase (default 150 ms). */
  progressIntervalMs?: number;
  now?: () => number;
}

export class LoopHost {
  private readonly backend: BackendGuard;
  private readonly resources: LoopResources;
  private readonly driver: RunDriver;
  /** Requests that open or close runs, one at a time (a double click on Start must not make two runs). */
  private runChange: Promise<unknown> = Promise.resolve();

  constructor(private readonly emit: (e: LoopEvent) => void, private readonly opts: LoopHostOptions) {
    this.backend = new BackendGuard((choice) => emit({ type: 'backend', choice }), opts.backendOptions, opts.order);
    this.resources = new LoopResources({
      backend: this.backend, library: opts.library, loadEvaluator: opts.loadEvaluator, evalReference: opts.evalReference ?? 256,
    });
    this.driver = new RunDriver({
      emit, library: opts.library, backend: this.backend, deps: (run) => this.resources.deps(run),
      dropBackendState: () => this.resources.dropBackendState(),
      progressIntervalMs: opts.progressIntervalMs ?? 150, now: opts.now ?? (() => performance.now()),
    });
  }

  async handle<T extends LoopRequest>(req: T): Promise<LoopReplyMap[T['type']]> {
    type R = LoopReplyMap[T['type']];
    const lib = this.opts.library;
    switch (req.type) {
      case 'init': {
        const backend = this.backend.current ?? (await this.backend.select(req.order));
        void this.resources.prepare().catch(() => undefined); // fetch the evaluator and start Rapier while the user reads the page
        return { backend, runs: await lib.list(), active: await lib.getActive() } as R;
      }
      case 'start':
        return (await this.serial(() => this.start(req.config, req.imported, req.label, req.run))) as R;
      case 'run':
        return { status: this.driver.continueRun(true) } as R;
      case 'step':
        return { status: this.driver.continueRun(false) } as R;
      case 'pause':
        return { status: this.driver.pause() } as R;
      case 'setLambda':
        return { lambda: await this.driver.setParam('lambda', req.lambda) } as R;
      case 'setGamma':
        return { gamma: await this.driver.setParam('gamma', req.gamma) } as R;
      case 'stop':
        return { stopped: await this.serial(() => this.driver.stop()) } as R;
      case 'open':
        return (await this.serial(() => this.open(req.runId, req.run))) as R;
      case 'sample':
        return (await this.sample(req.prompt, req.arm, req.seed)) as R;
      case 'listRuns':
        return { runs: await lib.list() } as R;
      case 'deleteRun':
        return { runs: await this.serial(() => this.deleteRun(req.runId)) } as R;
      case 'exportRun':
        return { json: await exportRunJson(lib, req.runId), fileName: `scsc-run-${req.runId}.json` } as R;
      case 'importRun': {
        const entry = await importRunJson(lib, req.text);
        return { entry, runs: await this.publishRuns() } as R;
      }
      case 'simulateDeviceLoss':
        return this.backend.simulateLoss() as R;
    }
    throw new Error(`loop worker: unknown request "${(req as { type: string }).type}"`);
  }

  /** Stop everything and free the models and the evaluator (tests). */
  async dispose(): Promise<void> {
    await this.driver.stop();
    this.resources.dispose();
    this.backend.dispose();
  }

  private serial<V>(f: () => Promise<V>): Promise<V> {
    const p = this.runChange.then(f);
    this.runChange = p.catch(() => undefined);
    return p;
  }

  private async publishRuns(): Promise<RunIndexEntry[]> {
    const runs = await this.opts.library.list();
    this.emit({ type: 'runs', runs });
    return runs;
  }

  private async start(partial: Partial<LoopConfig>, imported: Uint8Array | undefined, label: string | undefined, run: boolean): Promise<{ runId: string }> {
    // bad settings or clips are refused before the open run is closed
    const config = makeLoopConfig(partial);
    const extra = imported && imported.length > 0 ? clipsFromBytes(imported, 'imported clips') : [];
    if (config.n - extra.length < 1) throw new Error(`start: config.n (${config.n}) must exceed the ${extra.length} imported clips`);
    await this.driver.stop(false);
    const id = newRunId();
    this.driver.report('starting', id); // the page is busy from now on, while the worker gets ready
    try {
      await this.resources.prepare();
      const { kind, warning } = this.resources.metricsKind();
      if (warning) this.emit({ type: 'notice', level: 'warning', text: warning });
      const now = new Date().toISOString();
      const entry: RunIndexEntry = {
        id, created: now, label: label ?? `Run ${now.slice(0, 16).replace('T', ' ')}`,
        summary: configSummary(config) + (extra.length > 0 ? ` (${extra.length} imported)` : ''), generation: -1, generations: config.generations,
        done: false, imported: false, metrics: kind,
      };
      const lib = this.opts.library;
      await lib.put(entry);
      await saveRunStart(lib.store(id), { config, imported: extra });
      await lib.setActive({ id, running: run });
      await this.publishRuns();
      this.driver.begin(entry, config, extra, run);
    } catch (e) {
      this.driver.report('idle', null);
      throw e;
    }
    return { runId: id };
  }

  private async open(runId: string, run: boolean): Promise<OpenedRun> {
    await this.driver.stop();
    try {
      return await this.openRun(runId, run);
    } catch (e) {
      if (!this.driver.open) this.driver.report('idle', null); // a 'starting' it reported is over
      throw e;
    }
  }

  private async openRun(runId: string, run: boolean): Promise<OpenedRun> {
    const lib = this.opts.library;
    const entry = await lib.get(runId);
    if (!entry) throw new Error(`open: no saved run "${runId}"`);
    const store = lib.store(runId);
    const header = await loadRunHeader(store);
    if (!header) {
      // interrupted before its first checkpoint: generation 0 starts again from the settings saved at the start
      const start = entry.imported ? null : await loadRunStart(store);
      if (!start) throw new Error(`open: run "${entry.label}" never finished generation 0, so there is nothing to show (delete it and start again)`);
      this.driver.report('starting', runId);
      await this.resources.prepare();
      await lib.setActive({ id: runId, running: run });
      this.driver.begin(entry, start.config, start.imported, run);
      return {
        runId, config: start.config, history: [], samples: {}, done: false, canContinue: true, status: this.driver.status,
        next: { lambda: start.config.lambda, gamma: start.config.gamma },
      };
    }
    const done = header.generation >= header.config.generations;
    const canContinue = !entry.imported && !done;
    const going = run && canContinue;
    if (going) this.driver.report('starting', runId); // loading its samples and models takes a while
    const samples: SamplesByGeneration = {};
    for (const rec of header.history) {
      for (const arm of header.config.arms) {
        const s = await loadSamples(store, rec.generation, arm);
        if (s) (samples[rec.generation] ??= {})[arm] = s;
      }
    }
    const cur = openRun(entry, header.config);
    if (!entry.imported) {
      await this.resources.prepare();
      if (!(await this.driver.resume(cur))) throw new Error(`open: run "${entry.label}" has no checkpoint`);
    }
    await lib.setActive({ id: runId, running: going });
    this.driver.adopt(cur, going, done, header.generation);
    return {
      runId, config: header.config, history: header.history, samples, done, canContinue, status: this.driver.status,
      next: { lambda: header.lambda, gamma: header.gamma },
    };
  }

  private async deleteRun(runId: string): Promise<RunIndexEntry[]> {
    if (this.driver.open?.id === runId) await this.driver.stop();
    await this.opts.library.delete(runId);
    return this.publishRuns();
  }

  private async sample(prompt: string, arm: ArmName, seed: number): Promise<LoopReplyMap['sample']> {
    const text = prompt.trim();
    if (text === '') throw new Error('sample: the prompt is empty');
    const runner = this.driver.open?.runner;
    if (!runner) throw new Error('sample: no model loaded; start a run (or reopen an unfinished one) first');
    const c = runner.config;
    if (!c.arms.includes(arm)) throw new Error(`sample: this run has no arm "${arm}" (arms: ${c.arms.join(', ')})`);
    const { clips, unknownWords } = await sampleClips(runner.model(arm), [text], {
      steps: c.sampleSteps, guidance: c.guidance, seed, idPrefix: `prompt-${arm}-g${runner.generation}`,
    });
    return { clip: clips[0], unknownWords: unknownWords[0] ?? [] };
  }
}

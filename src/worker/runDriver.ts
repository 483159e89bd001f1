// The open run's state machine in the loop worker: generation 0, then generations while running (or while steps
// are left), pause after the generation in progress, λ/γ changes from the next generation, stop (cancel and free
// the models), and recovery from a lost GPU device (switch backend, reload the last checkpoint, go on). It is the
// only writer of a run's status ('status' events; the UI shows what they say), sends the progress (with an ETA)
// and generation events, and keeps the run index and the active-run pointer up to date. NaN losses and failed
// generations end the run in status 'error' with a notice; the generations already saved stay.

import { type LoopConfig, makeLoopConfig } from '../core/loop/config';
import { LoopRunner } from '../core/loop/runner';
import type { GenerationEvent, LoopDeps, LoopProgress } from '../core/loop/types';
import type { Clip } from '../core/motion/clip';
import { generateDataset } from '../core/motion/dataset/index';
import type { BackendGuard } from './backendGuard';
import type { LoopEvent, LoopRunStatus } from './loopProtocol';
import type { RunIndexEntry, RunLibrary } from './persist/runLibrary';

class Cancelled extends Error {
  override name = 'Cancelled';
}

/** The open run. */
export interface OpenRun {
  id: string;
  entry: RunIndexEntry;
  config: LoopConfig;
  runner: LoopRunner | null;
  off: () => void;
  cancelled: boolean;
  /** λ/γ set before the runner existed (applied when it does). */
  pending: { lambda?: number; gamma?: number };
}

export interface RunDriverOptions {
  emit: (e: LoopEvent) => void;
  library: RunLibrary;
  backend: BackendGuard;
  /** The loop's functions for a run (all but onProgress, which the driver adds). */
  deps: (run: OpenRun) => Omit<LoopDeps, 'onProgress'>;
  /** Free what lived on a lost backend (the evaluator), before the driver switches to the next one. */
  dropBackendState: () => void;
  /** Least time between two progress events of the same phase. */
  progressIntervalMs: number;
  now: () => number;
}

const msg = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function openRun(entry: RunIndexEntry, config: LoopConfig): OpenRun {
  return { id: entry.id, entry, config, runner: null, off: () => undefined, cancelled: false, pending: {} };
}

export class RunDriver {
  private cur: OpenRun | null = null;
  private state: LoopRunStatus = 'idle';
  private wantRun = false;
  private stepsLeft = 0;
  private driving: Promise<void> | null = null;
  private eta = { t0: 0, f0: null as number | null, lastEmit: 0, lastKey: '' };

  constructor(private readonly o: RunDriverOptions) {}

  get status(): LoopRunStatus {
    return this.state;
  }

  get open(): OpenRun | null {
    return this.cur;
  }

  /** Report a status: of the open run, or (`runId`) of a run about to open, or of none. */
  report(status: LoopRunStatus, runId: string | null = this.cur?.id ?? null, generation = this.cur?.runner?.generation ?? -1, error: string | null = null): void {
    this.state = status;
    this.o.emit({ type: 'status', runId, status, generation, error });
  }

  /** Open a new run (or one interrupted before its first checkpoint): train generation 0, then run or pause. */
  begin(entry: RunIndexEntry, config: LoopConfig, imported: readonly Clip[], run: boolean): void {
    const cur = openRun(entry, config);
    this.cur = cur;
    this.wantRun = run;
    this.stepsLeft = 0;
    this.report('starting');
    const real = [...generateDataset({ n: config.n - imported.length, seed: config.dataSeed }), ...imported];
    this.driving = this.drive(cur, () => LoopRunner.start(config, { ...this.deps(cur), real }));
  }

  /** Open a checkpointed run whose runner (if it can continue) is attached; run it if `run`. */
  adopt(cur: OpenRun, run: boolean, done: boolean, generation: number): void {
    this.cur = cur;
    this.wantRun = run;
    this.stepsLeft = 0;
    if (run) this.driving = this.drive(cur); // reports 'running'
    else this.report(done ? 'done' : 'paused', cur.id, generation);
  }

  /** Resume `cur` from its last checkpoint (a runner for its models), with generation events flowing. */
  async resume(cur: OpenRun): Promise<LoopRunner | null> {
    const r = await LoopRunner.resume(this.deps(cur));
    if (r) await this.attach(cur, r);
    return r;
  }

  continueRun(run: boolean): LoopRunStatus {
    const cur = this.cur;
    if (!cur) throw new Error('no open run: start one or reopen a saved one');
    if (cur.entry.imported) throw new Error(`run "${cur.entry.label}" was imported without weights and cannot be continued`);
    if (cur.runner?.done) return this.state;
    this.wantRun = run;
    this.stepsLeft = run ? 0 : 1;
    if (!this.driving) this.driving = this.drive(cur);
    void this.o.library.setActive({ id: cur.id, running: run });
    return this.state;
  }

  pause(): LoopRunStatus {
    this.wantRun = false;
    this.stepsLeft = 0;
    if (this.driving && this.cur) {
      void this.o.library.setActive({ id: this.cur.id, running: false });
      this.report('pausing');
    }
    return this.state;
  }

  async setParam(field: 'lambda' | 'gamma', v: number): Promise<number> {
    const cur = this.cur;
    if (!cur) throw new Error(`set ${field}: no open run`);
    makeLoopConfig({ ...cur.config, [field]: v }); // validates, naming the field
    if (cur.runner) await (field === 'lambda' ? cur.runner.setLambda(v) : cur.runner.setGamma(v));
    else cur.pending[field] = v;
    return v;
  }

  /** Close the open run (it stays saved): cancel the generation in progress, free its models. `announce`: report
   *  'idle' (false when another run opens at once and reports its own status). */
  async stop(announce = true): Promise<boolean> {
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
    this.state = 'idle';
    const active = await this.o.library.getActive();
    if (active?.id === cur.id) await this.o.library.setActive(null);
    if (announce) this.report('idle', null, -1);
    return true;
  }

  private deps(cur: OpenRun): LoopDeps {
    return {
      ...this.o.deps(cur),
      onProgress: (p) => {
        if (cur.cancelled) throw new Cancelled('run closed');
        this.progress(cur, p);
      },
    };
  }

  private progress(cur: OpenRun, p: LoopProgress): void {
    const t = this.o.now();
    const key = `${p.generation}/${p.arm}/${p.phase}`;
    if (this.eta.f0 === null) {
      this.eta.f0 = p.fraction;
      this.eta.t0 = t;
    }
    if (key === this.eta.lastKey && t - this.eta.lastEmit < this.o.progressIntervalMs && p.fraction < 1) return;
    this.eta.lastKey = key;
    this.eta.lastEmit = t;
    const df = p.fraction - this.eta.f0;
    const etaSeconds = df > 0.002 ? (((t - this.eta.t0) / 1000) * (1 - p.fraction)) / df : null;
    this.o.emit({ type: 'progress', progress: { runId: cur.id, generation: p.generation, arm: p.arm, phase: p.phase, fraction: p.fraction, etaSeconds } });
  }

  /** Keep the runner's generation events flowing to the UI; apply λ/γ set while it was loading. */
  private async attach(cur: OpenRun, r: LoopRunner): Promise<void> {
    cur.runner = r;
    cur.off = r.on((e: GenerationEvent) => {
      this.o.emit({ type: 'generation', runId: cur.id, record: e.record, samples: e.samples, done: e.done });
    });
    if (cur.pending.lambda !== undefined) await r.setLambda(cur.pending.lambda);
    if (cur.pending.gamma !== undefined) await r.setGamma(cur.pending.gamma);
    cur.pending = {};
  }

  /** Generation 0 (when `create` is given), then generations while running or steps remain. */
  private async drive(cur: OpenRun, create?: () => Promise<LoopRunner>): Promise<void> {
    this.eta = { t0: this.o.now(), f0: null, lastEmit: 0, lastKey: '' };
    try {
      if (create) {
        this.report('running');
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
            if (!(await this.o.backend.deviceLost())) throw e;
            const reason = this.lostReason();
            await this.switchBackend();
            this.o.emit({ type: 'notice', level: 'warning', text: `${reason}. Switched to ${this.o.backend.current?.name}; generation 0 starts again.` });
          }
        }
        const r = cur.runner as LoopRunner;
        this.o.emit({ type: 'generation', runId: cur.id, record: r.history[0], samples: {}, done: r.done });
        await this.afterGeneration(cur);
      }
      for (;;) {
        if (this.wantRun || this.stepsLeft > 0) this.report('running');
        while (this.cur === cur && !cur.cancelled && cur.runner && !cur.runner.done && (this.wantRun || this.stepsLeft > 0)) {
          if (!this.wantRun) this.stepsLeft--;
          const runner: LoopRunner = cur.runner;
          try {
            await runner.step();
          } catch (e) {
            if (cur.cancelled || e instanceof Cancelled) return;
            if (!(await this.o.backend.deviceLost())) throw new Error(`generation ${runner.generation + 1} failed: ${msg(e)}`);
            await this.recover(cur);
            if (!this.wantRun) this.stepsLeft++; // the lost generation runs again
            continue;
          }
          if (this.o.backend.lost) await this.recover(cur);
          await this.afterGeneration(cur);
        }
        if (this.cur !== cur || cur.cancelled) return;
        const done = cur.runner?.done ?? false;
        await this.o.library.setActive({ id: cur.id, running: false });
        // a run or step request that arrived while this was saving continues here
        if (!done && (this.wantRun || this.stepsLeft > 0) && this.cur === cur && !cur.cancelled) {
          await this.o.library.setActive({ id: cur.id, running: this.wantRun });
          continue;
        }
        this.report(done ? 'done' : 'paused');
        break;
      }
    } catch (e) {
      if (cur.cancelled || e instanceof Cancelled) return;
      const text = `Run "${cur.entry.label}" stopped with an error: ${msg(e)}. Its saved generations are kept.`;
      await this.o.library.setActive({ id: cur.id, running: false }).catch(() => undefined);
      this.o.emit({ type: 'notice', level: 'error', text });
      this.report('error', cur.id, cur.runner?.generation ?? -1, msg(e));
    } finally {
      if (this.cur === cur || cur.cancelled) this.driving = null;
    }
  }

  /** Index update after a generation, and the NaN-loss check (the generation is saved; the run stops). */
  private async afterGeneration(cur: OpenRun): Promise<void> {
    const r = cur.runner;
    if (!r) return;
    const rec = r.history[r.history.length - 1];
    cur.entry = { ...cur.entry, generation: r.generation, done: r.done };
    await this.o.library.update(cur.id, { generation: r.generation, done: r.done });
    this.o.emit({ type: 'runs', runs: await this.o.library.list() });
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
    return this.o.backend.lost ?? 'The GPU device was lost';
  }

  private async switchBackend(): Promise<void> {
    this.o.dropBackendState();
    await this.o.backend.switchAfterLoss();
  }

  /** The device was lost during a generation: switch backends, reload the run from its last checkpoint. */
  private async recover(cur: OpenRun): Promise<void> {
    const reason = this.lostReason();
    cur.off();
    try {
      cur.runner?.dispose();
    } catch {
      // the models' tensors were on the lost device
    }
    cur.runner = null;
    await this.switchBackend();
    const r = await this.resume(cur);
    if (!r) throw new Error(`${reason}, and run "${cur.entry.label}" has no checkpoint to resume from`);
    this.o.emit({
      type: 'notice', level: 'warning',
      text: `${reason}. Switched to ${this.o.backend.current?.name ?? 'another backend'} and resumed the run from its last checkpoint (generation ${r.generation}).`,
    });
  }
}

// What every run of the loop worker shares, made once: the backend, the evaluator's weights (fetched while the
// user reads the page), the real test clips the metrics compare against, Rapier, and the evaluator network on the
// current backend (rebuilt after a backend switch). deps(run) is makeLoopDeps over these, the same functions
// `scsc experiment` uses.

import type { Evaluator, TfEvaluator } from '../core/eval/evaluator';
import { evaluatorFromBytes } from '../core/eval/evaluator';
import { makeLoopDeps } from '../core/loop/deps';
import type { LoopDeps } from '../core/loop/types';
import type { Clip } from '../core/motion/clip';
import { generateTestSplit } from '../core/motion/dataset/index';
import { initPhysics } from '../core/physics/index';
import type { BackendGuard } from './backendGuard';
import type { RunIndexEntry, RunLibrary } from './persist/runLibrary';
import type { OpenRun } from './runDriver';

export interface LoopResourceOptions {
  backend: BackendGuard;
  library: RunLibrary;
  /** The evaluator weights (public/evaluator/evaluator.bin); when it fails, runs use the feature-space metrics. */
  loadEvaluator: () => Promise<Uint8Array | ArrayBuffer>;
  /** Real test clips the metrics compare against. */
  evalReference: number;
}

export class LoopResources {
  private evaluatorBytes: Uint8Array | null = null;
  private evaluatorError: string | null = null;
  private evaluator: TfEvaluator | null = null;
  private referenceClips: Clip[] | null = null;
  private ready: Promise<void> | null = null;

  constructor(private readonly o: LoopResourceOptions) {}

  /** Backend, evaluator bytes and Rapier, once. */
  prepare(): Promise<void> {
    this.ready ??= (async () => {
      await this.o.backend.ensure();
      try {
        const b = await this.o.loadEvaluator();
        this.evaluatorBytes = b instanceof Uint8Array ? b : new Uint8Array(b);
      } catch (e) {
        this.evaluatorError = e instanceof Error ? e.message : String(e);
      }
      await initPhysics();
    })();
    return this.ready;
  }

  /** Which metrics a new run gets: the evaluator's, or (its weights failed to load) the feature-space stand-in. */
  metricsKind(): { kind: RunIndexEntry['metrics']; warning: string | null } {
    if (this.evaluatorBytes) return { kind: 'evaluator', warning: null };
    return {
      kind: 'feature-space',
      warning: `The evaluator weights could not be loaded (${this.evaluatorError ?? 'unknown error'}): this run uses the feature-space stand-in metrics (no R-precision).`,
    };
  }

  /** The loop's evaluate/correct functions and checkpoint store for `run` (its metrics kind stays its own). */
  deps(run: OpenRun): Omit<LoopDeps, 'onProgress'> {
    const { evaluate, correct, store, reference } = makeLoopDeps({
      config: () => run.config,
      reference: this.reference(),
      evaluator: () => (run.entry.metrics === 'evaluator' ? this.currentEvaluator() : null),
      store: this.o.library.store(run.id),
    });
    return { evaluate, correct, store, reference };
  }

  /** The evaluator lived on a lost backend: forget it (the next evaluation builds it on the new one). */
  dropBackendState(): void {
    try {
      this.evaluator?.dispose();
    } catch {
      // its tensors lived on the lost device
    }
    this.evaluator = null;
  }

  dispose(): void {
    this.dropBackendState();
  }

  private reference(): Clip[] {
    this.referenceClips ??= generateTestSplit(this.o.evalReference);
    return this.referenceClips;
  }

  /** The evaluator on the current backend; null: no weights, feature-space metrics. */
  private currentEvaluator(): Evaluator | null {
    if (this.evaluator && !this.evaluator.disposed) return this.evaluator;
    if (!this.evaluatorBytes) return null;
    this.evaluator = evaluatorFromBytes(this.evaluatorBytes, 'evaluator/evaluator.bin');
    return this.evaluator;
  }
}

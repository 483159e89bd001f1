// Typed messages between the UI and the loop Web Worker (loop.worker.ts → LoopHost), over rpc.ts. Each request
// gets one reply (or an error); long work (training a generation) runs in the background and reports
// through events: backend, progress (phase, arm, fraction, ETA), generation (record + viewer samples), status,
// notices and the saved-runs list. Clips cross as structured clones of their typed arrays.

import type { BackendChoice, BackendName } from '../core/diffusion/backend';
import type { ArmName, LoopConfig } from '../core/loop/config';
import type { ArmSamples, GenerationRecord, LoopPhase, SamplesByGeneration } from '../core/loop/types';
import type { Clip } from '../core/motion/clip';
import type { ActiveRun, RunIndexEntry } from './persist/runLibrary';

export type { ActiveRun, RunIndexEntry, SamplesByGeneration };

export type LoopRunStatus = 'idle' | 'starting' | 'running' | 'pausing' | 'paused' | 'done' | 'error';

export type LoopRequest =
  /** Choose the backend (webgpu → webgl → wasm → cpu) and report it with the saved runs and the active run. */
  | { type: 'init'; order?: BackendName[] }
  /** A new run: generation 0 then, if `run`, every generation until paused (else it stops after generation 0).
   *  `imported`: clips (clip byte format) that join the embedded real set; config.n counts them. */
  | { type: 'start'; config: Partial<LoopConfig>; imported?: Uint8Array; label?: string; run: boolean }
  /** Continue the open run until paused or done. */
  | { type: 'run' }
  /** Stop after the generation in progress. */
  | { type: 'pause' }
  /** One more generation of the open run. */
  | { type: 'step' }
  | { type: 'setLambda'; lambda: number }
  | { type: 'setGamma'; gamma: number }
  /** Close the open run (it stays saved) after the generation in progress; nothing is active afterwards. */
  | { type: 'stop' }
  /** Open a saved run (history and samples), load its models when it can continue, and run it if `run`. */
  | { type: 'open'; runId: string; run: boolean }
  | { type: 'sample'; prompt: string; arm: ArmName; seed: number }
  | { type: 'listRuns' }
  | { type: 'deleteRun'; runId: string }
  | { type: 'exportRun'; runId: string }
  | { type: 'importRun'; text: string }
  /** Tests: destroy the WebGPU device (or, on other backends, act as if the device was lost). */
  | { type: 'simulateDeviceLoss' };

export interface OpenedRun {
  runId: string;
  config: LoopConfig;
  history: GenerationRecord[];
  samples: SamplesByGeneration;
  done: boolean;
  /** False for imported runs (no weights) and finished ones. */
  canContinue: boolean;
  status: LoopRunStatus;
  /** λ and γ the run's next generation will use (they may have been changed since config was made). */
  next: { lambda: number; gamma: number };
}

export interface LoopReplyMap {
  init: { backend: BackendChoice; runs: RunIndexEntry[]; active: ActiveRun | null };
  start: { runId: string };
  run: { status: LoopRunStatus };
  pause: { status: LoopRunStatus };
  step: { status: LoopRunStatus };
  setLambda: { lambda: number };
  setGamma: { gamma: number };
  stop: { stopped: boolean };
  open: OpenedRun;
  sample: { clip: Clip; unknownWords: string[] };
  listRuns: { runs: RunIndexEntry[] };
  deleteRun: { runs: RunIndexEntry[] };
  exportRun: { json: string; fileName: string };
  importRun: { entry: RunIndexEntry; runs: RunIndexEntry[] };
  simulateDeviceLoss: { destroyed: boolean };
}

export interface LoopProgressEvent {
  runId: string;
  generation: number;
  arm: ArmName | null;
  phase: LoopPhase;
  fraction: number;
  /** Seconds left, from the elapsed time and the fraction done since the worker began driving the run this time. */
  etaSeconds: number | null;
}

export type LoopEvent =
  | { type: 'backend'; choice: BackendChoice }
  | { type: 'progress'; progress: LoopProgressEvent }
  | { type: 'generation'; runId: string; record: GenerationRecord; samples: Partial<Record<ArmName, ArmSamples>>; done: boolean }
  | { type: 'status'; runId: string | null; status: LoopRunStatus; generation: number; error: string | null }
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; text: string }
  | { type: 'runs'; runs: RunIndexEntry[] };

// Typed messages between the UI and the diffusion Web Worker. Requests carry an id; the worker answers each with
// a reply of the same id (or an error), and sends events (backend, progress, notices) without one. Motions and
// checkpoints cross as transferable ArrayBuffers.

import type { BackendChoice, BackendName } from '../core/diffusion/backend';
import type { PresetName } from '../core/diffusion/presets';
import type { TrainProgress } from '../core/diffusion/trainer';

export type WorkerRequest =
  | { type: 'init'; order?: BackendName[] }
  | { type: 'setup'; preset: PresetName; seed: number; dataset: { n: number; seed: number } }
  | { type: 'train'; steps: number; batchSize?: number; learningRate?: number; progressEvery?: number; seed?: number; checkpointEvery?: number }
  | { type: 'stop' }
  | { type: 'sample'; prompts: string[]; steps?: number; guidance?: number; seed: number }
  | { type: 'save' }
  | { type: 'load'; checkpoint: ArrayBuffer }
  | { type: 'simulateDeviceLoss' };

export type RequestType = WorkerRequest['type'];

export interface SetupInfo {
  preset: PresetName;
  parameters: number;
  vocabSize: number;
  clips: number;
}

export interface TrainDone {
  losses: number[];
  steps: number;
  stopped: boolean;
  backend: BackendName;
}

export interface SampleDone {
  /** prompts × nFrames × featureDim raw features. */
  features: Float32Array;
  nFrames: number;
  featureDim: number;
  unknownWords: string[][];
}

/** What each request resolves to. */
export interface ReplyMap {
  init: BackendChoice;
  setup: SetupInfo;
  train: TrainDone;
  stop: { stopping: boolean };
  sample: SampleDone;
  save: { checkpoint: ArrayBuffer };
  load: SetupInfo;
  simulateDeviceLoss: { destroyed: boolean };
}

export type WorkerEvent =
  | { type: 'backend'; choice: BackendChoice }
  | { type: 'progress'; progress: TrainProgress & { backend: BackendName } }
  | { type: 'notice'; message: string };

export type FromWorker =
  | { kind: 'reply'; id: number; ok: true; value: ReplyMap[RequestType] }
  | { kind: 'reply'; id: number; ok: false; error: string }
  | { kind: 'event'; event: WorkerEvent };

export interface ToWorker {
  id: number;
  request: WorkerRequest;
}

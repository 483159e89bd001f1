// Typed messages between the UI and the diffusion (playground) Web Worker, over rpc.ts: requests and their replies,
// and the events (backend, progress, notices) it sends unasked. Sampled features and checkpoints cross as
// transferred ArrayBuffers.

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

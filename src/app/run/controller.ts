// The run controller: the one place the UI drives the loop worker from. Components call these actions; the
// controller talks to the worker (src/worker/loop.worker.ts) and writes what it reports into the store's run
// slice. TEMPORARY CONTRACT: the worker-backed implementation replaces the bodies below in this session.

import type { ArmName } from '../../core/loop/config';
import type { Clip } from '../../core/motion/clip';

export interface PromptSample {
  clip: Clip;
  /** Words of the prompt the model's vocabulary does not know (ignored by the text encoder). */
  unknownWords: string[];
}

export interface LabController {
  /** Start a new run from the store's config (plus imported clips), or resume a paused one. */
  start(): Promise<void>;
  /** Pause after the current generation. */
  pause(): void;
  /** Run exactly one more generation (starting a run first when there is none). */
  step(): Promise<void>;
  /** Stop and forget the current run's charts (the saved run stays in the runs list). */
  reset(): Promise<void>;
  /** Sample a motion for `prompt` from the current model of `arm`. */
  samplePrompt(prompt: string, arm: ArmName, seed: number): Promise<PromptSample>;
  openRun(id: string): Promise<void>;
  deleteRun(id: string): Promise<void>;
  /** The run as a JSON file (config, history, samples). */
  exportRun(id: string): Promise<Blob>;
  importRun(file: File): Promise<void>;
}

function notYet(): never {
  throw new Error('run controller: not connected to the loop worker yet');
}

export const labController: LabController = {
  start: async () => notYet(),
  pause: () => notYet(),
  step: async () => notYet(),
  reset: async () => notYet(),
  samplePrompt: async () => notYet(),
  openRun: async () => notYet(),
  deleteRun: async () => notYet(),
  exportRun: async () => notYet(),
  importRun: async () => notYet(),
};

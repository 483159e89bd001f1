// The current loop run as the loop worker reports it: its id and status, the phase and progress (with an ETA),
// the per-generation history the charts plot, the before/after samples the viewer shows, the backend the worker
// runs on, and the list of saved runs. Only the run controller (src/app/runController.ts) writes this slice.

import { type ArmName, DEFAULT_LOOP_CONFIG } from '../../core/loop/config';
import type { ArmSamples, GenerationRecord, LoopPhase, SamplesByGeneration } from '../../core/loop/types';
import type { LoopRunStatus } from '../../worker/loopProtocol';
import type { AppSlice } from '../store';

export interface RunInfo {
  /** Id of the run in IndexedDB; null before the first Start. */
  id: string | null;
  /** As the loop worker last reported it (its 'status' events); the page never sets it on its own. */
  status: LoopRunStatus;
  phase: LoopPhase | null;
  arm: ArmName | null;
  /** Fraction of the whole run done, in [0, 1]. */
  fraction: number;
  /** Seconds left, estimated; null while unknown. */
  etaSeconds: number | null;
  /** Last completed generation (-1: none yet). */
  generation: number;
  error: string | null;
  /** The open run can run more generations (false when done, and for imported runs, which carry no weights). */
  canContinue: boolean;
  /** The run's PI pelvis-support gain (LoopConfig.rootIntegral), which the viewer's Simulate preview uses so that it
   *  shows the run's own correction (runs saved before the setting existed ran, and resume, with 0). */
  rootIntegral: number;
  /** Real clips n of the open run (imported clips included; LoopConfig.n); null while no run is open. */
  realClips: number | null;
}

export interface BackendInfo {
  name: string;
  reason: string;
}

export interface RunSummary {
  id: string;
  /** ISO date of the run's creation. */
  created: string;
  label: string;
  generation: number;
  generations: number;
  done: boolean;
  /** One line of settings: preset, n, λ, γ, mode, K. */
  summary: string;
  /** Imported from a JSON file (history and samples only: view, not continue). */
  imported: boolean;
}

export interface RunSlice {
  run: RunInfo;
  history: GenerationRecord[];
  /** Synthetic samples before/after correction, by generation then arm. */
  samples: SamplesByGeneration;
  backend: BackendInfo | null;
  runs: RunSummary[];
  setRun(patch: Partial<RunInfo>): void;
  /** Replace the history and samples (a new, reset, opened or resumed run). */
  setHistory(history: GenerationRecord[], samples: SamplesByGeneration): void;
  /** Append one generation's record and samples. */
  addGeneration(record: GenerationRecord, samples: Partial<Record<ArmName, ArmSamples>>): void;
  setBackend(b: BackendInfo | null): void;
  setRuns(runs: RunSummary[]): void;
}

export const IDLE_RUN: Readonly<RunInfo> = Object.freeze({
  id: null, status: 'idle', phase: null, arm: null, fraction: 0, etaSeconds: null, generation: -1, error: null, canContinue: false,
  rootIntegral: DEFAULT_LOOP_CONFIG.rootIntegral, realClips: null,
} satisfies RunInfo);

export const createRunSlice: AppSlice<RunSlice> = (set) => ({
  run: { ...IDLE_RUN },
  history: [],
  samples: {},
  backend: null,
  runs: [],
  setRun: (patch) => set((s) => ({ run: { ...s.run, ...patch } })),
  setHistory: (history, samples) => set({ history, samples }),
  addGeneration: (record, samples) =>
    set((s) => ({
      history: [...s.history.filter((r) => r.generation !== record.generation), record].sort((a, b) => a.generation - b.generation),
      samples: { ...s.samples, [record.generation]: samples },
      run: { ...s.run, generation: Math.max(s.run.generation, record.generation) },
    })),
  setBackend: (backend) => set({ backend }),
  setRuns: (runs) => set({ runs }),
});

// Small pure formatters of the controls panel: an ETA as people read it, a loop phase as a word, and which
// settings a run in progress locks.

import type { LoopPhase } from '../../core/loop/types';
import type { LoopRunStatus } from '../../worker/loopProtocol';

/** "12 s", "3 min 05 s", "1 h 02 min"; "–" when unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

const PHASE_WORDS: Readonly<Record<LoopPhase, string>> = {
  setup: 'setting up',
  sampling: 'sampling',
  correcting: 'correcting',
  training: 'training',
  evaluating: 'evaluating',
  checkpoint: 'saving',
};

export function phaseWord(phase: LoopPhase | null): string {
  return phase === null ? '' : PHASE_WORDS[phase];
}

/** A run exists that the next Start resumes: settings other than λ and γ cannot change it any more. */
export function runLocksSettings(status: LoopRunStatus): boolean {
  return status === 'starting' || status === 'running' || status === 'pausing' || status === 'paused';
}

/** The loop is busy (training or about to): Pause is possible, Start and Step are not. */
export function runIsBusy(status: LoopRunStatus): boolean {
  return status === 'starting' || status === 'running' || status === 'pausing';
}

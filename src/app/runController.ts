// The run controller: the one place the UI drives the loop worker from. Components call these actions; the
// controller talks to the worker (src/worker/loop.worker.ts through LoopClient) and writes what it reports into
// the store's run slice: backend, progress with ETA, generations (history + viewer samples), status, notices and
// the saved-runs list. The run's status is the worker's: the controller never guesses it (a Start shows
// 'starting' when the worker says so, a moment later), and it sends one start or step at a time so a double click
// cannot make two runs. initLoop() (called once from main.tsx) starts the worker at page load, so the backend
// badge is filled before Start, and resumes the run a reload or crash interrupted. While a run is open, λ/γ
// changes in the store's config are forwarded to it (they take effect at the next generation).

import type { ArmName, LoopConfig } from '../core/loop/config';
import { clipsToBytes } from '../core/loop/clipBytes';
import type { Clip } from '../core/motion/clip';
import type { RunIndexEntry } from '../worker/loopProtocol';
import { EMBEDDED_SEED } from './embeddedClips';
import { labConfigFromLoop, toLoopConfig } from './state/labConfig';
import { IDLE_RUN, type RunInfo, type RunSummary } from './state/runSlice';
import { type AppState, useAppStore } from './store';
import { LoopClient } from '../worker/loopClient';
import type { LoopEvent, OpenedRun } from '../worker/loopProtocol';

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
  /** Run exactly one more generation (starting a run first when there is none: that trains generation 0). */
  step(): Promise<void>;
  /** Stop and forget the current run's charts (the saved run stays in the runs list). */
  reset(): Promise<void>;
  /** Sample a motion for `prompt` from the current model of `arm`. */
  samplePrompt(prompt: string, arm: ArmName, seed: number): Promise<PromptSample>;
  openRun(id: string): Promise<void>;
  deleteRun(id: string): Promise<void>;
  /** The run as a JSON file (config, history, samples; no model weights). */
  exportRun(id: string): Promise<Blob>;
  importRun(file: File): Promise<void>;
}

const store = useAppStore;
const msg = (e: unknown): string => (e instanceof Error ? e.message : String(e));

let client: LoopClient | null = null;
let initPromise: Promise<void> | null = null;
let unsubscribeConfig: (() => void) | null = null;
/** The start or step request in flight, if any: a second click waits for it instead of sending another. */
let advancing: Promise<void> | null = null;

/** Everything of the run slice but its id and status (the worker reports those), as with no run open. */
const NO_RUN: Omit<RunInfo, 'id' | 'status'> = (({ id: _id, status: _status, ...rest }) => rest)(IDLE_RUN);

function loop(): LoopClient {
  if (!client) {
    client = new LoopClient();
    client.onEvent(onEvent);
  }
  return client;
}

function toSummary(e: RunIndexEntry): RunSummary {
  return { id: e.id, created: e.created, label: e.label, generation: e.generation, generations: e.generations, done: e.done, summary: e.summary, imported: e.imported };
}

/** Events of the run the worker has open (its status events name it before any other event of it). */
function isMine(s: AppState, runId: string): boolean {
  return runId === s.run.id;
}

function onEvent(e: LoopEvent): void {
  const s = store.getState();
  switch (e.type) {
    case 'backend':
      s.setBackend({ name: e.choice.name, reason: e.choice.reason });
      return;
    case 'runs':
      s.setRuns(e.runs.map(toSummary));
      return;
    case 'notice':
      s.pushNotice(e.level, e.text);
      return;
    case 'progress': {
      const p = e.progress;
      if (!isMine(s, p.runId)) return;
      s.setRun({ id: p.runId, phase: p.phase, arm: p.arm, fraction: p.fraction, etaSeconds: p.etaSeconds });
      return;
    }
    case 'generation':
      if (!isMine(s, e.runId)) return;
      s.addGeneration(e.record, e.samples);
      if (e.done) s.setRun({ fraction: 1, etaSeconds: null, canContinue: false });
      return;
    case 'status': {
      // the worker's open run, or none (runId null): its status is the one the page shows
      if (e.runId === null) {
        s.setRun({ ...NO_RUN, id: null, status: e.status, error: e.error });
        return;
      }
      let patch: Partial<AppState['run']> = { id: e.runId, status: e.status, error: e.error };
      if (e.runId !== s.run.id) {
        // another run is open now (started, or reopened): the last one's charts and samples go
        s.setHistory([], {});
        s.setView({ generation: null });
        patch = { ...NO_RUN, ...patch, generation: e.generation };
      } else if (e.generation >= 0) {
        patch.generation = Math.max(s.run.generation, e.generation);
      }
      if (e.status === 'done') Object.assign(patch, { canContinue: false, fraction: 1, etaSeconds: null, phase: null, arm: null });
      if (e.status === 'paused' || e.status === 'error') Object.assign(patch, { etaSeconds: null, phase: null, arm: null });
      s.setRun(patch);
      return;
    }
  }
}

/**
 * The LoopConfig of a new run: the lab's settings on the embedded set (the viewer's seed) plus imported clips. The
 * training batch is the config's `batch` (the `batch` URL parameter; browser tests set it small, since SwiftShader
 * runs WebGPU on the CPU and a batch of 32 makes one step take a minute).
 */
function runConfig(s: AppState): Partial<LoopConfig> {
  return { ...toLoopConfig(s.config), dataSeed: EMBEDDED_SEED, n: s.config.n + s.imported.length };
}

/** Forward λ/γ moves to the open run (from its next generation on). */
function watchConfig(): void {
  unsubscribeConfig?.();
  unsubscribeConfig = store.subscribe((s, prev) => {
    if (!s.run.id || !s.run.canContinue) return;
    const c = loop();
    if (s.config.lambda !== prev.config.lambda) {
      c.request({ type: 'setLambda', lambda: s.config.lambda }).catch((e: unknown) => s.pushNotice('error', `λ not applied to the run: ${msg(e)}`));
    }
    if (s.config.gamma !== prev.config.gamma) {
      c.request({ type: 'setGamma', gamma: s.config.gamma }).catch((e: unknown) => s.pushNotice('error', `γ not applied to the run: ${msg(e)}`));
    }
  });
}

function showOpened(r: OpenedRun): void {
  const s = store.getState();
  // the controls (and the URL) show the opened run's settings; the theory lab's stay as they are
  s.replaceConfig(labConfigFromLoop(r.config, r.next, s.config));
  s.setHistory(r.history, r.samples);
  const last = r.history.length - 1;
  s.setRun({
    ...IDLE_RUN, id: r.runId, status: r.status, generation: last, canContinue: r.canContinue, rootIntegral: r.config.rootIntegral,
    realClips: r.config.n,
    fraction: r.done ? 1 : Math.max(0, last) / Math.max(1, r.config.generations),
  });
}

/** Start the loop worker: backend badge, saved runs, and the run a reload interrupted (resumed if it was running). */
export function initLoop(): Promise<void> {
  initPromise ??= (async () => {
    const c = loop();
    watchConfig();
    const s = store.getState();
    try {
      const r = await c.request({ type: 'init' });
      s.setBackend({ name: r.backend.name, reason: r.backend.reason });
      s.setRuns(r.runs.map(toSummary));
      const entry = r.active ? r.runs.find((x) => x.id === r.active?.id) : undefined;
      // a run interrupted before generation 0 finished has nothing to show: it is reopened only to start again
      if (r.active && entry && !entry.imported && (entry.generation >= 0 || r.active.running)) {
        const resume = r.active.running && !entry.done;
        // Resuming: the worker reports 'starting' while it reloads the model, so the page is busy from then on (for
        // one, the viewer pauses on a CPU rasteriser before the worker's GPU work starts: softwarePlayback.ts).
        try {
          const opened = await c.request({ type: 'open', runId: entry.id, run: resume });
          showOpened(opened);
        } catch (e) {
          // the worker is fine (badge and runs list are filled); only this run's saved state could not be read
          store.getState().pushNotice('error', `Could not reopen run "${entry.label}" after the reload: ${msg(e)}. It stays in the runs list; open or delete it there, or start a new run.`);
          return;
        }
        if (resume) {
          store.getState().pushNotice('info', entry.generation >= 0
            ? `Resumed run "${entry.label}" after generation ${entry.generation} (the page was reloaded while it ran).`
            : `Started run "${entry.label}" again from generation 0 with its saved settings (the page was reloaded before generation 0 finished).`);
        }
      }
    } catch (e) {
      // the worker itself failed, so it cannot report a status: this is the one the page shows for it
      store.getState().pushNotice('error', `The loop worker could not start: ${msg(e)}`);
      store.getState().setRun({ status: 'error', error: msg(e) });
    }
  })();
  return initPromise;
}

async function newRun(run: boolean): Promise<void> {
  const s = store.getState();
  const config = runConfig(s);
  const imported = s.imported.length > 0 ? clipsToBytes(s.imported) : undefined;
  const { runId } = await loop().request({ type: 'start', config, imported, run });
  // the worker's status events for the new run came before this reply; what the page knows of it comes now
  if (store.getState().run.id === runId) store.getState().setRun({ canContinue: true, realClips: config.n ?? null });
}

/** Start or step the open run if it can continue, else a new run; one request at a time. */
function advance(run: boolean): Promise<void> {
  advancing ??= (async () => {
    try {
      await initLoop();
      const s = store.getState();
      if (s.run.id && s.run.canContinue && (s.run.status === 'paused' || s.run.status === 'error')) {
        await loop().request({ type: run ? 'run' : 'step' });
        return;
      }
      await newRun(run);
    } finally {
      advancing = null;
    }
  })();
  return advancing;
}

export const labController: LabController = {
  start() {
    return advance(true);
  },

  pause() {
    if (!store.getState().run.id) return;
    loop().request({ type: 'pause' }).catch((e: unknown) => store.getState().pushNotice('error', `Pause failed: ${msg(e)}`));
  },

  step() {
    return advance(false);
  },

  async reset() {
    await initLoop();
    await loop().request({ type: 'stop' });
    const s = store.getState();
    s.setHistory([], {});
    s.setView({ generation: null });
    s.setRun({ ...NO_RUN, id: null });
  },

  async samplePrompt(prompt, arm, seed) {
    await initLoop();
    return loop().request({ type: 'sample', prompt, arm, seed });
  },

  async openRun(id) {
    await initLoop();
    const opened = await loop().request({ type: 'open', runId: id, run: false });
    store.getState().setView({ generation: null });
    showOpened(opened);
  },

  async deleteRun(id) {
    await initLoop();
    const { runs } = await loop().request({ type: 'deleteRun', runId: id });
    const s = store.getState();
    s.setRuns(runs.map(toSummary));
    if (s.run.id === id) {
      s.setHistory([], {});
      s.setView({ generation: null });
      s.setRun({ ...NO_RUN, id: null });
    }
  },

  async exportRun(id) {
    await initLoop();
    const { json } = await loop().request({ type: 'exportRun', runId: id });
    return new Blob([json], { type: 'application/json' });
  },

  async importRun(file) {
    await initLoop();
    const text = await file.text();
    try {
      const { runs } = await loop().request({ type: 'importRun', text });
      store.getState().setRuns(runs.map(toSummary));
    } catch (e) {
      throw new Error(`${file.name}: ${msg(e)}`);
    }
  },
};

/** Tests: destroy the WebGPU device of the loop worker (the lost-device path). */
export function simulateDeviceLoss(): Promise<{ destroyed: boolean }> {
  return loop().request({ type: 'simulateDeviceLoss' });
}

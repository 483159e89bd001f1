// The real motion clips the page knows (the embedded dataset plus BVH files the user imported) and what the
// viewer shows: the source (a real clip, a run's synthetic sample before/after correction, or a prompt's sample),
// the selected real clip, the (generation, arm, sample) selection, playback, and the ragdoll "Simulate" toggle.

import type { ArmName } from '../../core/loop/config';
import type { Clip } from '../../core/motion/clip';
import type { AppSlice } from '../store';

export interface ViewSelection {
  /** Generation whose synthetic samples are shown; null: the latest that has samples. */
  generation: number | null;
  arm: ArmName;
  /** Index into that generation's samples of `arm`. */
  sample: number;
}

/** What the viewer shows: a real clip of the picker, a run's before/after pair, or the last prompt's sample. */
export type ViewSource = 'real' | 'run' | 'prompt';

/** A motion sampled from a prompt (the prompt box), shown in the viewer. */
export interface PromptResult {
  prompt: string;
  arm: ArmName;
  seed: number;
  clip: Clip;
  unknownWords: string[];
}

export interface ClipsSlice {
  /** Clips of the embedded dataset the picker lists first. */
  clips: Clip[];
  /** Where `clips` came from, shown to the user (e.g. "embedded dataset, 64 clips, seed 1"). */
  source: string;
  /** Clips imported from BVH files (they join the real set of the next run); listed after `clips`. */
  imported: Clip[];
  /** Index into the picker's list, `clips` then `imported` (see pickerClips). */
  selected: number;
  playing: boolean;
  /** Playback speed factor (1 = real time). */
  speed: number;
  view: ViewSelection;
  viewSource: ViewSource;
  prompt: PromptResult | null;
  /** Draw the simulated ragdoll next to the motion shown. */
  simulate: boolean;
  /** Draw the ragdoll over the motion (see-through) instead of beside it. */
  overlay: boolean;
  /** The model playground is training (its WebGPU work shares the GPU process with the viewer: softwarePlayback.ts). */
  playgroundTraining: boolean;
  setClips(clips: Clip[], source: string): void;
  /** Adds imported clips (ids made unique among all clips); `selectFirst` shows the first of them. Returns them. */
  addImported(clips: Clip[], selectFirst?: boolean): Clip[];
  removeImported(id: string): void;
  select(index: number): void;
  setPlaying(playing: boolean): void;
  togglePlaying(): void;
  setSpeed(speed: number): void;
  setView(patch: Partial<ViewSelection>): void;
  setViewSource(source: ViewSource): void;
  setPrompt(result: PromptResult | null): void;
  setSimulate(on: boolean): void;
  setOverlay(on: boolean): void;
  setPlaygroundTraining(on: boolean): void;
}

/** The clip picker's list: the embedded clips, then the imported ones. */
export function pickerClips(clips: readonly Clip[], imported: readonly Clip[]): Clip[] {
  return [...clips, ...imported];
}

/** `id`, or `id-2`, `id-3`, … — the first not in `taken` (which gains it). */
export function uniqueId(id: string, taken: Set<string>): string {
  const base = id || 'clip';
  let out = base;
  for (let k = 2; taken.has(out); k++) out = `${base}-${k}`;
  taken.add(out);
  return out;
}

export const SPEED_MIN = 0.1;
export const SPEED_MAX = 4;

export const createClipsSlice: AppSlice<ClipsSlice> = (set, get) => ({
  clips: [],
  source: '',
  imported: [],
  selected: 0,
  playing: true,
  speed: 1,
  view: { generation: null, arm: 'self-correcting', sample: 0 },
  viewSource: 'real',
  prompt: null,
  simulate: false,
  overlay: false,
  playgroundTraining: false,
  setClips: (clips, source) =>
    set((s) => {
      // An imported clip stays selected when the embedded set is replaced; otherwise the first clip is shown.
      const importedIndex = s.selected - s.clips.length;
      const selected = importedIndex >= 0 && importedIndex < s.imported.length ? clips.length + importedIndex : 0;
      return { clips, source, selected };
    }),
  addImported: (clips, selectFirst = false) => {
    const s = get();
    const taken = new Set([...s.clips, ...s.imported].map((c) => c.id));
    const added = clips.map((c) => ({ ...c, id: uniqueId(c.id, taken) }));
    const patch: Partial<ClipsSlice> = { imported: [...s.imported, ...added] };
    if (selectFirst && added.length > 0) {
      patch.selected = s.clips.length + s.imported.length;
      patch.viewSource = 'real';
    }
    set(patch);
    return added;
  },
  removeImported: (id) =>
    set((s) => {
      const k = s.imported.findIndex((c) => c.id === id);
      if (k < 0) return {};
      const imported = s.imported.filter((_, i) => i !== k);
      const at = s.clips.length + k;
      const selected = s.selected === at ? 0 : s.selected > at ? s.selected - 1 : s.selected;
      return { imported, selected };
    }),
  select: (index) =>
    set((s) => {
      const n = s.clips.length + s.imported.length;
      const i = Number.isFinite(index) ? Math.floor(index) : 0;
      return { selected: Math.max(0, Math.min(n - 1, i)) };
    }),
  setPlaying: (playing) => set({ playing }),
  togglePlaying: () => set((s) => ({ playing: !s.playing })),
  setSpeed: (speed) => set({ speed: Number.isFinite(speed) ? Math.max(SPEED_MIN, Math.min(SPEED_MAX, speed)) : 1 }),
  setView: (patch) => set((s) => ({ view: { ...s.view, ...patch } })),
  setViewSource: (viewSource) => set({ viewSource }),
  setPrompt: (prompt) => set(prompt ? { prompt, viewSource: 'prompt' } : { prompt: null, viewSource: get().viewSource === 'prompt' ? 'real' : get().viewSource }),
  setSimulate: (simulate) => set({ simulate }),
  setOverlay: (overlay) => set({ overlay }),
  setPlaygroundTraining: (playgroundTraining) => set({ playgroundTraining }),
});

// The real motion clips the page knows (the embedded dataset plus BVH files the user imported) and what the
// viewer shows: the selected real clip, playback, and — once a run has generations — which generation, arm and
// synthetic sample is shown before/after correction.

import type { ArmName } from '../../core/loop/config';
import type { Clip } from '../../core/motion/clip';
import type { AppSlice } from '../store';

export interface ViewSelection {
  /** Generation whose synthetic samples are shown; null shows the selected real clip. */
  generation: number | null;
  arm: ArmName;
  /** Index into that generation's samples of `arm`. */
  sample: number;
}

export interface ClipsSlice {
  /** Clips the picker lists (the embedded dataset by default). */
  clips: Clip[];
  /** Where `clips` came from, shown to the user (e.g. "embedded dataset, 64 clips, seed 1"). */
  source: string;
  /** Clips imported from BVH files (they join the real set of the next run). */
  imported: Clip[];
  /** Index into `clips` of the clip in the viewer. */
  selected: number;
  playing: boolean;
  /** Playback speed factor (1 = real time). */
  speed: number;
  view: ViewSelection;
  setClips(clips: Clip[], source: string): void;
  addImported(clips: Clip[]): void;
  removeImported(id: string): void;
  select(index: number): void;
  setPlaying(playing: boolean): void;
  togglePlaying(): void;
  setSpeed(speed: number): void;
  setView(patch: Partial<ViewSelection>): void;
}

export const createClipsSlice: AppSlice<ClipsSlice> = (set) => ({
  clips: [],
  source: '',
  imported: [],
  selected: 0,
  playing: true,
  speed: 1,
  view: { generation: null, arm: 'self-correcting', sample: 0 },
  setClips: (clips, source) => set({ clips, source, selected: 0 }),
  addImported: (clips) => set((s) => ({ imported: [...s.imported, ...clips] })),
  removeImported: (id) => set((s) => ({ imported: s.imported.filter((c) => c.id !== id) })),
  select: (index) => set((s) => ({ selected: Math.max(0, Math.min(s.clips.length - 1, Math.floor(index))) })),
  setPlaying: (playing) => set({ playing }),
  togglePlaying: () => set((s) => ({ playing: !s.playing })),
  setSpeed: (speed) => set({ speed: Math.max(0.1, Math.min(4, speed)) }),
  setView: (patch) => set((s) => ({ view: { ...s.view, ...patch } })),
});

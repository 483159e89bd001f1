// The app's one zustand store: what the page shows (the clip list, the selected clip) and playback state.
// Later UI (controls, runs, charts) adds its slices here, so there is a single source of truth for the page.

import { create } from 'zustand';
import type { Clip } from '../core/motion/clip';

export interface AppState {
  /** Clips the picker lists (the embedded dataset by default). */
  clips: Clip[];
  /** Where `clips` came from, shown to the user (e.g. "embedded dataset, 64 clips, seed 1"). */
  source: string;
  /** Index into `clips` of the clip in the viewer. */
  selected: number;
  playing: boolean;
  setClips(clips: Clip[], source: string): void;
  select(index: number): void;
  setPlaying(playing: boolean): void;
  togglePlaying(): void;
}

export const useAppStore = create<AppState>()((set) => ({
  clips: [],
  source: '',
  selected: 0,
  playing: true,
  setClips: (clips, source) => set({ clips, source, selected: 0 }),
  select: (index) => set((s) => ({ selected: Math.max(0, Math.min(s.clips.length - 1, Math.floor(index))) })),
  setPlaying: (playing) => set({ playing }),
  togglePlaying: () => set((s) => ({ playing: !s.playing })),
}));

// The app's one zustand store, built from slices (zustand's slices pattern): the real clips and the viewer
// selection (clipsSlice), the lab configuration that round-trips through the URL (configSlice), the current
// run as the loop worker reports it (runSlice), user-visible notices (noticesSlice), and the theory lab's computed
// curves (theorySlice; its settings are part of the config). Each slice file owns its state and the actions that
// change it; components read with selectors.

import { create, type StateCreator } from 'zustand';
import { type ClipsSlice, createClipsSlice } from './state/clipsSlice';
import { type ConfigSlice, createConfigSlice } from './state/configSlice';
import { createNoticesSlice, type NoticesSlice } from './state/noticesSlice';
import { createRunSlice, type RunSlice } from './state/runSlice';
import { createTheorySlice, type TheorySlice } from './state/theorySlice';

export type AppState = ClipsSlice & ConfigSlice & RunSlice & NoticesSlice & TheorySlice;

/** A slice creator with access to the whole store (get() sees every slice). */
export type AppSlice<T> = StateCreator<AppState, [], [], T>;

export const useAppStore = create<AppState>()((...a) => ({
  ...createClipsSlice(...a),
  ...createConfigSlice(...a),
  ...createRunSlice(...a),
  ...createNoticesSlice(...a),
  ...createTheorySlice(...a),
}));

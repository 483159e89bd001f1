// Browser entry: shows the first embedded clip at once, mounts the React app, then swaps in the whole embedded
// dataset when the worker has generated it.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { EMBEDDED_N, EMBEDDED_SEED, embeddedSource, firstEmbeddedClip, loadEmbeddedClips } from './embeddedClips';
import { initLoop } from './runController';
import { useAppStore } from './store';
import { initUrlSync } from './state/urlSync';
import { generateDataset } from '../core/motion/dataset/index';
import './styles.css';

initUrlSync();

const first = firstEmbeddedClip(EMBEDDED_SEED);
useAppStore.getState().setClips([first], `${embeddedSource(EMBEDDED_N, EMBEDDED_SEED)} (generating…)`);

loadEmbeddedClips(EMBEDDED_N, EMBEDDED_SEED).then(
  ({ clips, source }) => {
    // Keep the clip already on screen (same id, same data) so playback does not restart.
    if (clips[0]?.id === first.id) clips[0] = first;
    useAppStore.getState().setClips(clips, source);
  },
  (err: unknown) => {
    // No module workers here (or the worker failed): generate on the main thread instead (a fraction of a second).
    console.warn('Dataset worker unavailable, generating on the main thread:', err);
    const clips = generateDataset({ n: EMBEDDED_N, seed: EMBEDDED_SEED });
    if (clips[0]?.id === first.id) clips[0] = first;
    useAppStore.getState().setClips(clips, embeddedSource(EMBEDDED_N, EMBEDDED_SEED));
  },
);

// The loop worker starts now: the backend badge fills before Start, and a run a reload interrupted resumes.
void initLoop();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Browser entry: shows the first embedded clip at once, mounts the React app, then swaps in the whole embedded
// dataset when the worker has generated it.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { EMBEDDED_N, EMBEDDED_SEED, embeddedSource, firstEmbeddedClip, loadEmbeddedClips } from './data';
import { useAppStore } from './store';
import './styles.css';

const first = firstEmbeddedClip(EMBEDDED_SEED);
useAppStore.getState().setClips([first], `${embeddedSource(EMBEDDED_N, EMBEDDED_SEED)} (generating…)`);

loadEmbeddedClips(EMBEDDED_N, EMBEDDED_SEED).then(
  ({ clips, source }) => {
    // Keep the clip already on screen (same id, same data) so playback does not restart.
    if (clips[0]?.id === first.id) clips[0] = first;
    useAppStore.getState().setClips(clips, source);
  },
  (err: unknown) => {
    console.error('Could not generate the embedded dataset:', err);
  },
);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

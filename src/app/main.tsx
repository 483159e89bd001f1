// Browser entry: loads the embedded clips into the store and mounts the React app.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { embeddedClips } from './data';
import { useAppStore } from './store';
import './styles.css';

const { clips, source } = embeddedClips();
useAppStore.getState().setClips(clips, source);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

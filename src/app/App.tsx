// The page layout: header (title, one-line pitch, the paper in a paragraph, the guided tour), notices, then the
// lab: controls and BVH import on the left, the before/after motion viewer and the stability charts in the
// middle; below them the saved runs, the theory lab (Gaussian toy) and the model playground. Each panel is its
// own component reading the one store (./store.ts); this file only places them.

import { ChartsPanel } from './charts/ChartsPanel';
import { ControlsPanel } from './controls/ControlsPanel';
import { ImportPanel } from './bvhImport/ImportPanel';
import { AboutPaper } from './help/AboutPaper';
import { Tour } from './help/Tour';
import { NoticeBar } from './NoticeBar';
import { SavedRunsPanel } from './savedRuns/SavedRunsPanel';
import { TheoryLab } from './theory/TheoryLab';
import { TrainPanel } from './TrainPanel';
import { BeforeAfterPanel } from './viewer/BeforeAfterPanel';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>SCSC Lab</h1>
        <p className="tagline">
          Self-correcting self-consuming loops: a motion model retrained on its own samples drifts away from real
          motion, unless a physics simulation corrects each sample first (Gillman et al., ICML 2024).
        </p>
        <Tour />
      </header>
      <AboutPaper />
      <NoticeBar />
      <main className="lab">
        <aside className="lab-side">
          <ControlsPanel />
          <ImportPanel />
        </aside>
        <div className="lab-main">
          <BeforeAfterPanel />
          <ChartsPanel />
        </div>
      </main>
      <SavedRunsPanel />
      <TheoryLab />
      <details className="playground">
        <summary>Model playground: train the diffusion model alone and watch its loss</summary>
        <TrainPanel />
      </details>
    </div>
  );
}

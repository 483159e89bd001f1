// Viewer playback while a run trains on a machine without GPU acceleration. Where WebGL runs on a CPU rasteriser
// (SwiftShader, llvmpipe), the loop worker's WebGPU training runs in the same software GPU process, and every frame
// the viewer draws waits for it on the main thread. Measured in headless Chromium on SwiftShader (2 cores, the
// tiny loop of test/e2e/loop.spec.ts, `npx tsx bench/long-tasks.ts --viewer play|pause`): kept playing, 241 tasks
// over 50 ms in 52 s, 42.7 s of the main thread blocked, the longest 22.4 s (while the training's pipelines
// compiled); paused, 2 tasks of 97 and 78 ms.
// So when a run starts, or resumes after a reload, or the model playground starts training, on such a machine,
// playback pauses once, with a note saying why; Play still plays.

import { useEffect, useRef, useState } from 'react';
import { runIsBusy } from '../controls/format';
import { useAppStore } from '../store';
import { softwareRenderer } from './motionViewer';

/** Whether playback should pause now: on a CPU rasteriser, when training has just begun while playing. */
export function pauseForRun(software: boolean, wasBusy: boolean, busy: boolean, playing: boolean): boolean {
  return software && busy && !wasBusy && playing;
}

/** Pauses playback once per start of training (a loop run or the playground) on a CPU rasteriser; true while the
 *  note about it should show. */
export function useSoftwarePlaybackPause(): boolean {
  const busy = useAppStore((s) => runIsBusy(s.run.status) || s.playgroundTraining);
  const playing = useAppStore((s) => s.playing);
  const wasBusy = useRef(false);
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    const s = useAppStore.getState();
    if (pauseForRun(softwareRenderer(), wasBusy.current, busy, s.playing)) {
      s.setPlaying(false);
      setPaused(true);
    }
    if (!busy) setPaused(false);
    wasBusy.current = busy;
  }, [busy]);
  // the user pressed Play: the note has done its job
  useEffect(() => {
    if (playing) setPaused(false);
  }, [playing]);
  return paused;
}

// When the model playground (TrainPanel.tsx) starts its diffusion worker: not at page load, but when the folded
// playground section (a <details>) is first opened. The worker loads tfjs and initialises a GPU backend, which
// would otherwise add main-thread and GPU work (a second WebGPU context next to the loop worker's) to the first
// screen. Closing the section again leaves the worker running; it is never re-created per toggle.

/** The fold the panel sits in: a <details> element, or anything with `open` that fires `toggle` when it changes. */
export interface Fold extends EventTarget {
  readonly open: boolean;
}

/**
 * Calls `start` once: at once when there is no fold or it is already open, otherwise when the fold is first
 * opened. Returns a function that stops watching (call it on unmount; it does not undo a start).
 */
export function startWhenOpened(fold: Fold | null, start: () => void): () => void {
  if (!fold || fold.open) {
    start();
    return () => undefined;
  }
  const onToggle = () => {
    if (!fold.open) return;
    fold.removeEventListener('toggle', onToggle);
    start();
  };
  fold.addEventListener('toggle', onToggle);
  return () => fold.removeEventListener('toggle', onToggle);
}

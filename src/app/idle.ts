// Work the page does when it is idle after its first frame: `whenIdle` for one job, `whenIdleInTurn` for jobs that
// must not share a main-thread task (each runs in its own idle callback, after the previous one). Used for what is
// below the fold or not needed yet (the theory lab's sweep, the stability charts' empty mount, the date formatter),
// so the first screen and a run's first generation do not pay for it.

/** Longest wait (ms) for an idle moment before a job runs anyway. */
export const IDLE_TIMEOUT_MS = 1500;

function requestIdle(fn: () => void, timeoutMs: number): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(fn, { timeout: timeoutMs });
    return () => window.cancelIdleCallback(id);
  }
  const t = window.setTimeout(fn, 0);
  return () => clearTimeout(t);
}

/**
 * Runs `fn` once the page is idle after its next frame (requestIdleCallback, at most `timeoutMs` later; a plain
 * timer where the browser has no idle callbacks). Returns a cancel.
 */
export function whenIdle(fn: () => void, timeoutMs = IDLE_TIMEOUT_MS): () => void {
  let cancelIdle: (() => void) | null = null;
  const frame = requestAnimationFrame(() => {
    cancelIdle = requestIdle(fn, timeoutMs);
  });
  return () => {
    cancelAnimationFrame(frame);
    cancelIdle?.();
  };
}

interface Job {
  run(): void;
  cancelled: boolean;
}

const queue: Job[] = [];
let draining = false;

function drain(timeoutMs: number): void {
  // a cancelled job takes no turn (a chart cancels its pending update whenever a newer one comes)
  while (queue.length > 0 && queue[0].cancelled) queue.shift();
  const next = queue.shift();
  if (!next) {
    draining = false;
    return;
  }
  draining = true;
  whenIdle(() => {
    if (!next.cancelled) next.run();
    // the next job waits for another frame and idle period, so a render the job scheduled runs first
    drain(timeoutMs);
  }, timeoutMs);
}

/**
 * Queues `fn` behind the other jobs queued this way; each runs in its own idle callback after a frame, so jobs that
 * each schedule a render (e.g. one chart's first mount) do not pile up in one long task. Returns a cancel (a
 * cancelled job is skipped without taking a turn).
 */
export function whenIdleInTurn(fn: () => void, timeoutMs = IDLE_TIMEOUT_MS): () => void {
  const job: Job = { run: fn, cancelled: false };
  queue.push(job);
  if (!draining) drain(timeoutMs);
  return () => {
    job.cancelled = true;
  };
}

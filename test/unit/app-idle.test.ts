// The page's idle scheduling (src/app/idle.ts): a job waits for a frame and then an idle callback; jobs queued in
// turn each get their own idle callback, in order, and a cancelled job never runs.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenIdle, whenIdleInTurn } from '../../src/app/idle';

let frames: (() => void)[] = [];
let idles: (() => void)[] = [];

beforeEach(() => {
  frames = [];
  idles = [];
  vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => {
    frames[id - 1] = () => {};
  });
  vi.stubGlobal('window', {
    requestIdleCallback: (f: () => void) => idles.push(f),
    cancelIdleCallback: (id: number) => {
      idles[id - 1] = () => {};
    },
    setTimeout,
  });
});
afterEach(() => vi.unstubAllGlobals());

/** Runs the pending frame callbacks, then the idle callbacks they requested; returns how many idle callbacks ran. */
function frameThenIdle(): number {
  const f = frames;
  frames = [];
  for (const cb of f) cb();
  const i = idles;
  idles = [];
  for (const cb of i) cb();
  return i.length;
}

describe('whenIdle', () => {
  it('runs the job in an idle callback after the next frame, not before', () => {
    const ran = vi.fn();
    whenIdle(ran);
    expect(ran).not.toHaveBeenCalled();
    expect(frameThenIdle()).toBe(1);
    expect(ran).toHaveBeenCalledTimes(1);
  });
  it('never runs a cancelled job', () => {
    const ran = vi.fn();
    whenIdle(ran)();
    frameThenIdle();
    const late = vi.fn();
    const cancel = whenIdle(late);
    frames.splice(0).forEach((cb) => cb()); // the frame has passed, the idle callback is pending
    cancel();
    idles.splice(0).forEach((cb) => cb());
    expect(ran).not.toHaveBeenCalled();
    expect(late).not.toHaveBeenCalled();
  });
});

describe('whenIdleInTurn', () => {
  it('runs queued jobs one per idle callback, in the order they were queued', () => {
    const order: number[] = [];
    for (let k = 0; k < 3; k++) whenIdleInTurn(() => order.push(k));
    expect(frameThenIdle()).toBe(1);
    expect(order).toEqual([0]);
    expect(frameThenIdle()).toBe(1);
    expect(order).toEqual([0, 1]);
    expect(frameThenIdle()).toBe(1);
    expect(order).toEqual([0, 1, 2]);
    expect(frameThenIdle()).toBe(0); // the queue is drained
    // a job queued after the queue drained starts a new turn
    whenIdleInTurn(() => order.push(3));
    frameThenIdle();
    expect(order).toEqual([0, 1, 2, 3]);
  });
  it('skips a cancelled job', () => {
    const order: string[] = [];
    whenIdleInTurn(() => order.push('a'));
    const cancel = whenIdleInTurn(() => order.push('b'));
    whenIdleInTurn(() => order.push('c'));
    cancel();
    expect(frameThenIdle()).toBe(1);
    expect(order).toEqual(['a']);
    // the cancelled job takes no turn: 'c' runs in the very next idle callback
    expect(frameThenIdle()).toBe(1);
    expect(order).toEqual(['a', 'c']);
    expect(frameThenIdle()).toBe(0);
  });
  it('does not make later jobs wait behind many cancelled ones', () => {
    const ran = vi.fn();
    const cancels = Array.from({ length: 50 }, () => whenIdleInTurn(() => {}));
    whenIdleInTurn(ran);
    cancels.forEach((c) => c());
    frameThenIdle(); // the first job's turn had already begun: its callback finds it cancelled
    frameThenIdle();
    expect(ran).toHaveBeenCalledTimes(1);
  });
});

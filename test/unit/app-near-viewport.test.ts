// Deferring below-the-fold work (src/app/nearViewport.ts): the job runs once, when its element first comes near
// the visible area, never before and never twice; a cancel stops it; without IntersectionObserver it runs at once.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { NEAR_MARGIN, whenNearViewport } from '../../src/app/nearViewport';

type Callback = (entries: { isIntersecting: boolean }[]) => void;

function stubObserver() {
  const made: { cb: Callback; options: { rootMargin?: string }; observed: unknown[]; disconnected: boolean }[] = [];
  vi.stubGlobal('IntersectionObserver', class {
    private readonly rec: (typeof made)[number];
    constructor(cb: Callback, options: { rootMargin?: string }) {
      this.rec = { cb, options, observed: [], disconnected: false };
      made.push(this.rec);
    }
    observe(el: unknown) {
      this.rec.observed.push(el);
    }
    disconnect() {
      this.rec.disconnected = true;
    }
  });
  return made;
}

afterEach(() => vi.unstubAllGlobals());

describe('whenNearViewport', () => {
  it('runs the job once, when the element first comes within a viewport height', () => {
    const made = stubObserver();
    const el = {} as Element;
    const fn = vi.fn();
    whenNearViewport(el, fn);
    expect(made).toHaveLength(1);
    expect(made[0].observed).toEqual([el]);
    expect(made[0].options.rootMargin).toBe(NEAR_MARGIN);
    made[0].cb([{ isIntersecting: false }]); // the initial report of an element far down the page
    expect(fn).not.toHaveBeenCalled();
    made[0].cb([{ isIntersecting: true }]);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(made[0].disconnected).toBe(true);
  });
  it('a cancel disconnects the observer', () => {
    const made = stubObserver();
    const fn = vi.fn();
    whenNearViewport({} as Element, fn)();
    expect(made[0].disconnected).toBe(true);
  });
  it('runs at once where there is no IntersectionObserver', () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    const fn = vi.fn();
    whenNearViewport({} as Element, fn);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

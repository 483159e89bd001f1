// The model playground starts its diffusion worker lazily (src/app/playgroundStart.ts): not while its fold is
// closed, once at the fold's first opening, never again on later toggles, at once when there is no fold or the
// fold is already open, and not at all when the panel unmounts before the fold is opened.

import { describe, expect, it } from 'vitest';
import { startWhenOpened, type Fold } from '../../src/app/playgroundStart';

class FakeFold extends EventTarget implements Fold {
  open = false;
  /** Like a <details> element: `toggle` fires after `open` changed. */
  setOpen(open: boolean): void {
    if (open === this.open) return;
    this.open = open;
    this.dispatchEvent(new Event('toggle'));
  }
}

describe('startWhenOpened', () => {
  it('starts nothing while the fold stays closed, then once at its first opening', () => {
    const fold = new FakeFold();
    let starts = 0;
    startWhenOpened(fold, () => starts++);
    expect(starts).toBe(0);
    fold.dispatchEvent(new Event('toggle')); // a toggle that leaves it closed
    expect(starts).toBe(0);
    fold.setOpen(true);
    expect(starts).toBe(1);
    // closing and reopening does not start a second worker
    fold.setOpen(false);
    fold.setOpen(true);
    fold.setOpen(false);
    expect(starts).toBe(1);
  });

  it('starts at once when there is no fold or it is already open', () => {
    let starts = 0;
    startWhenOpened(null, () => starts++);
    expect(starts).toBe(1);
    const open = new FakeFold();
    open.open = true;
    startWhenOpened(open, () => starts++);
    expect(starts).toBe(2);
    open.setOpen(false);
    open.setOpen(true);
    expect(starts).toBe(2);
  });

  it('stops watching when the panel unmounts before the fold was opened', () => {
    const fold = new FakeFold();
    let starts = 0;
    const stop = startWhenOpened(fold, () => starts++);
    stop();
    fold.setOpen(true);
    expect(starts).toBe(0);
    // a remount (React StrictMode runs effects twice) watches afresh and starts once
    startWhenOpened(fold, () => starts++);
    expect(starts).toBe(1);
  });
});

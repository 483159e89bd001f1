// The controls panel's pure helpers (src/app/controls/format.ts): the ETA text, phase words, which run states
// lock the new-run settings.

import { describe, expect, it } from 'vitest';
import { formatEta, phaseWord, runIsBusy, runLocksSettings } from '../../src/app/controls/format';
import type { LoopRunStatus } from '../../src/worker/loopProtocol';

describe('controls formatting', () => {
  it('formats an ETA in s, min and h, and "–" when unknown', () => {
    expect(formatEta(null)).toBe('–');
    expect(formatEta(Number.NaN)).toBe('–');
    expect(formatEta(-1)).toBe('–');
    expect(formatEta(0)).toBe('0 s');
    expect(formatEta(59.4)).toBe('59 s');
    expect(formatEta(65)).toBe('1 min 05 s');
    expect(formatEta(3599)).toBe('59 min 59 s');
    expect(formatEta(3600 + 2 * 60 + 30)).toBe('1 h 02 min');
  });

  it('names every loop phase', () => {
    expect(phaseWord(null)).toBe('');
    expect(phaseWord('training')).toBe('training');
    expect(phaseWord('correcting')).toBe('correcting');
    expect(phaseWord('checkpoint')).toBe('saving');
  });

  it('locks new-run settings while a run exists, and is busy only while it works', () => {
    const all: LoopRunStatus[] = ['idle', 'starting', 'running', 'pausing', 'paused', 'done', 'error'];
    expect(all.filter(runLocksSettings)).toEqual(['starting', 'running', 'pausing', 'paused']);
    expect(all.filter(runIsBusy)).toEqual(['starting', 'running', 'pausing']);
  });
});

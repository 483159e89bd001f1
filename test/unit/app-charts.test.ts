// The stability charts' data (src/app/charts/series.ts): rows per generation and arm for each metric, the
// generation-0 reference, λ/γ change markers, EMA smoothing, and the run's CSV export.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArmName } from '../../src/core/loop/config';
import type { ArmRecord, GenerationRecord, MotionMetrics, ParamChange } from '../../src/core/loop/types';
import { buildSeries, CSV_COLUMNS, changeMarkers, ema, historyToCsv } from '../../src/app/charts/series';

function metrics(seed: number): MotionMetrics {
  return {
    fid: 10 + seed, diversity: 5 + seed / 10, multimodality: null, matching: 3, rPrecision: [0.1 + seed / 100, 0.2, 0.3],
    accuracy: 0.5, penetrate: 1, float: 2, skate: 3, physErr: 6 + seed, jitter: 0.1, n: 8,
  };
}

function arm(a: ArmName, g: number, seed: number): ArmRecord {
  return {
    arm: a, generation: g, synthetic: g === 0 ? 0 : 32, trainSynthetic: 32, corrected: a === 'self-correcting' ? 32 : 0,
    metrics: metrics(seed), drift: g * 0.5, loss: 0.25,
    timings: { sampleMs: 1, correctMs: 2, trainMs: 3, evalMs: 4, totalMs: 10 },
  };
}

function record(g: number, changes: ParamChange[] = [], gamma = Infinity): GenerationRecord {
  const arms: GenerationRecord['arms'] = g === 0
    ? { baseline: arm('baseline', 0, 0), 'self-consuming': arm('self-consuming', 0, 0), 'self-correcting': arm('self-correcting', 0, 0) }
    : { baseline: arm('baseline', g, g), 'self-consuming': arm('self-consuming', g, 2 * g), 'self-correcting': arm('self-correcting', g, g / 2) };
  return { generation: g, lambda: 0.5, gamma, changes, arms, ms: 100 };
}

describe('chart series', () => {
  it('one row per generation, one value per arm, generation 0 as the shared reference', () => {
    const h = [record(0), record(1), record(2)];
    const s = buildSeries(h, 'fid');
    expect(s.arms).toEqual(['baseline', 'self-consuming', 'self-correcting']);
    expect(s.rows.map((r) => r.generation)).toEqual([0, 1, 2]);
    expect(s.rows[2]).toEqual({ generation: 2, baseline: 12, 'self-consuming': 14, 'self-correcting': 11 });
    expect(s.gen0).toBe(10);
    expect(buildSeries([record(1)], 'fid').gen0).toBeNull();
    expect(buildSeries([], 'fid')).toEqual({ rows: [], arms: [], gen0: null, markers: [] });
  });

  it('picks each metric, R-precision by top-k, and drops non-finite values', () => {
    const h = [record(0), record(3)];
    expect(buildSeries(h, 'physerr').rows[1].baseline).toBe(9);
    expect(buildSeries(h, 'drift').rows[1].baseline).toBe(1.5);
    expect(buildSeries(h, 'diversity').rows[1]['self-consuming']).toBeCloseTo(5.6, 12);
    expect(buildSeries(h, 'rprecision').rows[1].baseline).toBe(0.3);
    expect(buildSeries(h, 'rprecision', { rTop: 1 }).rows[1].baseline).toBeCloseTo(0.13, 12);
    const bad = record(4);
    bad.arms.baseline!.metrics.fid = Number.NaN;
    delete bad.arms['self-consuming'];
    // An arm missing from one generation (but present in another) is null there.
    const row = buildSeries([record(3), bad], 'fid').rows[1];
    expect(row.baseline).toBeNull();
    expect(row['self-consuming']).toBeNull();
  });

  it('sorts records and keeps the last one of a repeated generation', () => {
    const again = record(1);
    again.arms.baseline!.metrics.fid = 99;
    const s = buildSeries([record(2), record(1), record(0), again], 'fid');
    expect(s.rows.map((r) => r.generation)).toEqual([0, 1, 2]);
    expect(s.rows[1].baseline).toBe(99);
  });

  it('marks the generations where λ or γ changed', () => {
    const h = [record(0), record(1, [{ field: 'lambda', from: 0.5, to: 0.75 }]), record(2),
      record(3, [{ field: 'gamma', from: Infinity, to: 0.3 }, { field: 'lambda', from: 0.75, to: 1 }])];
    expect(changeMarkers(h)).toEqual([
      { generation: 1, label: 'λ 0.5→0.75' },
      { generation: 3, label: 'γ ∞→0.3, λ 0.75→1' },
    ]);
    expect(buildSeries(h, 'fid').markers.length).toBe(2);
  });
});

describe('smoothing', () => {
  it('EMA: weight 0 is the identity, the first value is kept, nulls pass through', () => {
    expect(ema([1, 2, 3], 0)).toEqual([1, 2, 3]);
    expect(ema([4, null, 8], 0.5)).toEqual([4, null, 6]);
    expect(ema([null, 2, 4], 0.5)).toEqual([null, 2, 3]);
  });

  it('EMA stays within the range of the values seen so far', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true })), fc.double({ min: 0, max: 0.99, noNaN: true }), (xs, w) => {
      const s = ema(xs, w);
      expect(s.length).toBe(xs.length);
      s.forEach((v, i) => {
        const seen = xs.slice(0, i + 1);
        expect(v!).toBeGreaterThanOrEqual(Math.min(...seen) - 1e-6);
        expect(v!).toBeLessThanOrEqual(Math.max(...seen) + 1e-6);
      });
    }));
  });

  it('smoothed series keep the raw values beside them', () => {
    const h = [record(0), record(1), record(2)];
    const s = buildSeries(h, 'fid', { smooth: 0.5 });
    expect(s.rows[1]['self-consuming:raw']).toBe(12);
    expect(s.rows[1]['self-consuming']).toBe(11);
    expect(s.rows[2]['self-consuming']).toBe(12.5);
    expect(s.gen0).toBe(10);
  });
});

describe('CSV export', () => {
  it('has a header and one row per generation and arm, γ = ∞ as inf', () => {
    const csv = historyToCsv([record(1), record(0, [], Infinity)]);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines.length).toBe(1 + 2 * 3);
    const cells = lines.map((l) => l.split(','));
    for (const c of cells) expect(c.length).toBe(CSV_COLUMNS.length);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    expect(cells[1][col('generation')]).toBe('0');
    expect(cells[1][col('arm')]).toBe('baseline');
    expect(cells[1][col('gamma')]).toBe('inf');
    expect(cells[4][col('generation')]).toBe('1');
    expect(cells[5][col('fid')]).toBe('12');
    expect(cells[6][col('phys_err_mm')]).toBe('6.5');
    expect(cells[1][col('multimodality')]).toBe('');
    expect(cells[6][col('corrected')]).toBe('32');
  });

  it('writes non-finite numbers as empty cells and an empty history as the header alone', () => {
    const r = record(1, [], 0.3);
    r.arms.baseline!.loss = Number.NaN;
    const lines = historyToCsv([r]).trimEnd().split('\n');
    expect(lines[1].split(',')[CSV_COLUMNS.indexOf('loss')]).toBe('');
    expect(lines[1].split(',')[CSV_COLUMNS.indexOf('gamma')]).toBe('0.3');
    expect(historyToCsv([])).toBe(`${CSV_COLUMNS.join(',')}\n`);
  });
});

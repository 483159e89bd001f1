// Pure data side of the stability charts: one row per generation with one value per arm for a metric (FID,
// Diversity, R-precision top-k, Phys-Err, parameter drift), an exponential moving average for the smoothing
// toggle, the markers where λ or γ changed, and the whole run as CSV. No React, no DOM: unit-tested directly.

import { ARM_NAMES, type ArmName } from '../../core/loop/config';
import type { ArmRecord, GenerationRecord, ParamChange } from '../../core/loop/types';
import { formatGamma } from '../theory/gammaScale';

export type ChartMetric = 'fid' | 'diversity' | 'rprecision' | 'physerr' | 'drift';
export const CHART_METRICS: readonly ChartMetric[] = ['fid', 'diversity', 'rprecision', 'physerr', 'drift'];
export type RTop = 1 | 2 | 3;

/** One generation's values: `generation` plus one number (or null: missing / not finite) per arm key. */
export type SeriesRow = { generation: number } & Partial<Record<string, number | null>>;

export interface ChangeMarker {
  generation: number;
  label: string;
}

export interface Series {
  rows: SeriesRow[];
  /** Arms that appear in the history, in the canonical order. */
  arms: ArmName[];
  /** The generation-0 value (shared by every arm), null when generation 0 is not in the history. */
  gen0: number | null;
  markers: ChangeMarker[];
}

/** A metric of one arm's record (null when missing or not finite). */
export function metricValue(r: ArmRecord, metric: ChartMetric, rTop: RTop = 3): number | null {
  let v: number;
  switch (metric) {
    case 'fid': v = r.metrics.fid; break;
    case 'diversity': v = r.metrics.diversity; break;
    case 'rprecision': v = r.metrics.rPrecision[rTop - 1]; break;
    case 'physerr': v = r.metrics.physErr; break;
    case 'drift': v = r.drift; break;
  }
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The arms present in any record, canonical order. */
export function armsIn(history: readonly GenerationRecord[]): ArmName[] {
  const seen = new Set<ArmName>();
  for (const h of history) for (const a of Object.keys(h.arms) as ArmName[]) seen.add(a);
  return ARM_NAMES.filter((a) => seen.has(a));
}

/**
 * Exponential moving average with weight `w` on the past (0: no smoothing, → 1: very smooth), as TensorBoard's
 * smoothing slider: s₀ = x₀, sᵢ = w·sᵢ₋₁ + (1−w)·xᵢ. Nulls stay null and do not reset the average.
 */
export function ema(values: readonly (number | null)[], w: number): (number | null)[] {
  const weight = Math.min(0.999, Math.max(0, Number.isFinite(w) ? w : 0));
  let s: number | null = null;
  return values.map((x) => {
    if (x === null) return null;
    s = s === null ? x : weight * s + (1 - weight) * x;
    return s;
  });
}

function describeChange(c: ParamChange): string {
  const fmt = (v: number) => (c.field === 'gamma' ? formatGamma(v) : String(Number(v.toPrecision(3))));
  return `${c.field === 'gamma' ? 'γ' : 'λ'} ${fmt(c.from)}→${fmt(c.to)}`;
}

/** One marker per generation where λ or γ changed (several changes at one generation share a marker). */
export function changeMarkers(history: readonly GenerationRecord[]): ChangeMarker[] {
  const out: ChangeMarker[] = [];
  for (const h of history) {
    if (h.changes.length > 0) out.push({ generation: h.generation, label: h.changes.map(describeChange).join(', ') });
  }
  return out;
}

/**
 * The chart rows of `metric`: one per generation (ascending, duplicates keep the last record), one key per arm;
 * with `smooth` > 0 each arm's values are replaced by their EMA and the raw ones are kept under `<arm>:raw`.
 */
export function buildSeries(
  history: readonly GenerationRecord[], metric: ChartMetric, opts: { rTop?: RTop; smooth?: number } = {},
): Series {
  const rTop = opts.rTop ?? 3;
  const byGen = new Map<number, GenerationRecord>();
  for (const h of history) byGen.set(h.generation, h);
  const records = [...byGen.values()].sort((a, b) => a.generation - b.generation);
  const arms = armsIn(records);
  const rows: SeriesRow[] = records.map((h) => {
    const row: SeriesRow = { generation: h.generation };
    for (const a of arms) {
      const r = h.arms[a];
      row[a] = r ? metricValue(r, metric, rTop) : null;
    }
    return row;
  });
  const smooth = opts.smooth ?? 0;
  if (smooth > 0) {
    for (const a of arms) {
      const raw = rows.map((r) => r[a] ?? null);
      const s = ema(raw, smooth);
      rows.forEach((r, i) => { r[`${a}:raw`] = raw[i]; r[a] = s[i]; });
    }
  }
  let gen0: number | null = null;
  const first = records[0];
  if (first && first.generation === 0) {
    for (const a of arms) {
      const r = first.arms[a];
      const v = r ? metricValue(r, metric, rTop) : null;
      if (v !== null) { gen0 = v; break; }
    }
  }
  return { rows, arms, gen0, markers: changeMarkers(records) };
}

export const CSV_COLUMNS = [
  'generation', 'arm', 'lambda', 'gamma', 'synthetic', 'train_synthetic', 'corrected', 'fid', 'diversity',
  'multimodality', 'matching', 'r_precision_top1', 'r_precision_top2', 'r_precision_top3', 'accuracy',
  'penetrate_mm', 'float_mm', 'skate_mm', 'phys_err_mm', 'jitter', 'drift', 'loss', 'eval_samples', 'arm_ms',
] as const;

function cell(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (v === Infinity) return 'inf';
    if (!Number.isFinite(v)) return '';
    return String(v);
  }
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * The run's history as CSV: a header, then one row per generation and arm (generation 0 once per arm: every arm
 * starts from the same model). γ = ∞ is written "inf"; a missing or non-finite number is an empty cell.
 */
export function historyToCsv(history: readonly GenerationRecord[]): string {
  const lines: string[] = [CSV_COLUMNS.join(',')];
  const records = [...history].sort((a, b) => a.generation - b.generation);
  for (const h of records) {
    for (const a of ARM_NAMES) {
      const r = h.arms[a];
      if (!r) continue;
      const m = r.metrics;
      const row: (number | string | null)[] = [
        h.generation, a, h.lambda, h.gamma, r.synthetic, r.trainSynthetic, r.corrected, m.fid, m.diversity,
        m.multimodality, m.matching, m.rPrecision[0], m.rPrecision[1], m.rPrecision[2], m.accuracy,
        m.penetrate, m.float, m.skate, m.physErr, m.jitter, r.drift, r.loss, m.n, r.timings.totalMs,
      ];
      lines.push(row.map(cell).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

// The stability charts: FID, Diversity, R-precision (top-1/2/3 switch), Phys-Err and parameter drift against
// generation for every arm of the current run, with one shared legend (arm colours, the dashed generation-0
// reference, λ/γ change markers), an EMA smoothing toggle, per-chart SVG/PNG export and the run's CSV export.
// Series are memoised on the history array, so a progress report that does not add a generation redraws nothing,
// the charts are built (hidden until they have a point) while the page is idle after load, and a new generation
// reaches them one after another in idle callbacks (one short task each, not one long one).

import { startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import type { GenerationRecord } from '../../core/loop/types';
import { DEFAULT_LOOP_CONFIG } from '../../core/loop/config';
import { ARM_COLORS, ARM_DASHES, ARM_LABELS } from '../armColors';
import { GENERATION_ZERO_HELP, METRIC_HELP } from '../help/explanations';
import { useAppStore } from '../store';
import { whenIdleInTurn } from '../idle';
import { downloadBlob } from '../download';
import { MetricChart } from './MetricChart';
import { armsIn, buildSeries, type ChartMetric, historyToCsv, type RTop } from './series';
import './ChartsPanel.css';

/** EMA weight of the smoothing toggle (TensorBoard's default is 0.6). */
export const SMOOTHING_WEIGHT = 0.6;

const CHARTS: readonly { metric: ChartMetric; testId: string; yDomain?: [number, number] }[] = [
  { metric: 'fid', testId: 'chart-fid' },
  { metric: 'diversity', testId: 'chart-diversity' },
  { metric: 'rprecision', testId: 'chart-rprecision', yDomain: [0, 1] },
  { metric: 'physerr', testId: 'chart-physerr' },
  { metric: 'drift', testId: 'chart-drift' },
];

/** Longest wait (ms) for an idle moment before a chart is built or redrawn anyway. */
const CHART_IDLE_TIMEOUT_MS = 1000;

const NO_HISTORY: readonly GenerationRecord[] = [];

interface ChartState {
  /** The history as this chart draws it (the store's, once its turn has come). */
  history: readonly GenerationRecord[];
  /** Whether the chart may be built; until it has a point it is built hidden (MetricChart's `build`). */
  built: boolean;
}

/**
 * The store's history as one chart draws it. The chart is built when the page is idle after load, and every later
 * history change (a new generation, a reopened run) reaches it in an idle callback of its own: the five charts take
 * turns (whenIdleInTurn), in transitions, so they cost five short main-thread tasks, never one long one, nothing
 * before the first screen is drawn, and a run's first generation only updates charts that are already built.
 */
function useChartHistory(): ChartState {
  const live = useAppStore((s) => s.history);
  const [shown, setShown] = useState<ChartState>({ history: NO_HISTORY, built: false });
  useEffect(() => {
    if (shown.built && shown.history === live) return;
    return whenIdleInTurn(() => startTransition(() => setShown({ history: live, built: true })), CHART_IDLE_TIMEOUT_MS);
  }, [live, shown]);
  return shown;
}

function useSeries(history: readonly GenerationRecord[], metric: ChartMetric, smooth: number, rTop: RTop) {
  return useMemo(() => buildSeries(history, metric, { smooth, rTop }), [history, metric, smooth, rTop]);
}

function Chart({ metric, testId, yDomain, smooth, rTop, setRTop }: {
  metric: ChartMetric; testId: string; yDomain?: [number, number]; smooth: number; rTop: RTop; setRTop(k: RTop): void;
}) {
  const { history, built } = useChartHistory();
  const series = useSeries(history, metric, smooth, rTop);
  const pushNotice = useAppStore((s) => s.pushNotice);
  const onError = useCallback((text: string) => pushNotice('error', text), [pushNotice]);
  // Kept the same objects across the panel's re-renders (each history change), so the memoised chart is redrawn only
  // in its own idle turn: a new object here redrew the R-precision chart synchronously, with its old data, whenever a
  // generation landed.
  const help = useMemo(() => (metric === 'rprecision' ? { ...METRIC_HELP.rprecision, title: `R-precision top-${rTop}` } : METRIC_HELP[metric]), [metric, rTop]);
  const extra = useMemo(() => (metric === 'rprecision' ? (
    <select className="chart-select" aria-label="R-precision top-k" data-testid="rprecision-top" value={rTop}
      onChange={(e) => setRTop(Number(e.currentTarget.value) as RTop)}>
      <option value={1}>top-1</option>
      <option value={2}>top-2</option>
      <option value={3}>top-3</option>
    </select>
  ) : null), [metric, rTop, setRTop]);
  return <MetricChart testId={testId} help={help} series={series} smoothed={smooth > 0} yDomain={yDomain} extra={extra} build={built} onError={onError} />;
}

export function ChartsPanel() {
  const [smoothOn, setSmoothOn] = useState(false);
  const [rTop, setRTop] = useState<RTop>(3);
  const history = useAppStore((s) => s.history);
  const runId = useAppStore((s) => s.run.id);
  const arms = useMemo(() => {
    const a = armsIn(history);
    return a.length > 0 ? a : DEFAULT_LOOP_CONFIG.arms;
  }, [history]);
  const smooth = smoothOn ? SMOOTHING_WEIGHT : 0;
  const empty = history.length === 0;
  const exportCsv = () => {
    downloadBlob(new Blob([historyToCsv(history)], { type: 'text/csv' }), `scsc-run-${runId ?? 'current'}.csv`);
  };

  return (
    <section className="charts-panel" aria-labelledby="charts-title" data-testid="charts">
      <header className="charts-header">
        <h2 id="charts-title">Stability over generations</h2>
        <div className="charts-tools">
          <label className="charts-toggle" title={`Exponential moving average (weight ${SMOOTHING_WEIGHT}); the raw values stay visible, faint.`}>
            <input type="checkbox" data-testid="smoothing" checked={smoothOn} onChange={(e) => setSmoothOn(e.currentTarget.checked)} />
            smooth
          </label>
          <button type="button" className="chart-export" data-testid="export-csv" disabled={empty} onClick={exportCsv}
            title="Every metric of every arm and generation as a CSV file">Export CSV</button>
        </div>
      </header>
      <ul className="charts-legend" aria-label="legend">
        {arms.map((a) => (
          <li key={a}>
            <svg width="22" height="8" aria-hidden="true"><line x1="1" y1="4" x2="21" y2="4" stroke={ARM_COLORS[a]} strokeWidth="2.5" strokeDasharray={ARM_DASHES[a]} /></svg>
            {ARM_LABELS[a]}
          </li>
        ))}
        <li title={GENERATION_ZERO_HELP}>
          <svg width="22" height="8" aria-hidden="true"><line x1="1" y1="4" x2="21" y2="4" stroke="#9aa3b1" strokeWidth="1.5" strokeDasharray="5 4" /></svg>
          generation 0 (shared start)
        </li>
        <li title="λ or γ was changed during the run; the change applies from this generation.">
          <svg width="10" height="14" aria-hidden="true"><line x1="5" y1="1" x2="5" y2="13" stroke="#f2a541" strokeWidth="1.5" strokeDasharray="2 3" /></svg>
          λ/γ changed
        </li>
      </ul>
      {empty && (
        <p className="charts-empty" data-testid="charts-empty">
          Press <b>Start</b> to train generation 0 on the real clips. Each generation then adds one point per arm to
          every chart. The paper expects the self-consuming arm (red) to drift away from the baseline (blue) and the
          self-correcting arm (teal) to stay close to it. In our CPU runs of the default settings (λ = 0.5, γ = ∞) the red arm's FID
          stays above the baseline's; the correction lowers Phys-Err in two of three runs, but not FID (the reasons
          are in the project's docs/results.md).
        </p>
      )}
      <div className="charts-grid">
        {CHARTS.map((c) => (
          <Chart key={c.metric} metric={c.metric} testId={c.testId} yDomain={c.yDomain} smooth={smooth} rTop={rTop} setRTop={setRTop} />
        ))}
      </div>
    </section>
  );
}
